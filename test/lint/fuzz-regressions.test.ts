import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSources, type Finding } from '../../src/lint/index.js';
import { findingsOf, fixture, fixturesDir, isValidPosition, withRule } from './helpers.js';

/**
 * Inputs on which the mutation fuzzer (fuzz.test.ts, other seeds than the default) once found a finding outside
 * the text, kept as they were generated so every run checks them, whatever the seed.
 */
const FUZZ_DIR = join(fixturesDir, 'fuzz');
const EVENTS_URL = 'https://wdatp-alertexporter-eu.windows.com/api/alerts';

function lines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function where(f: Finding): [number, number, number | undefined, number | undefined] {
  return [f.line, f.column, f.endLine, f.endColumn];
}

describe('inputs the fuzzer found', () => {
  const names = readdirSync(FUZZ_DIR).filter((n) => n.endsWith('.properties'));

  it('are all still here', () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
  });

  it.each(names)('%s: every finding at a valid position', (name) => {
    const bytes = fixture('fuzz', name);
    const client = name.endsWith('.client.properties');
    const source = client
      ? { file: 'WDATP-connector.properties', kind: 'client-properties' as const, bytes }
      : { file: 'WDATP-connector.jsonparser.properties', kind: 'parser-properties' as const, bytes };
    const text = lines(Buffer.from(bytes).toString('latin1'));
    for (const options of [{}, { eventsUrl: EVENTS_URL }]) {
      const { findings } = lintSources([source], options);
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.filter((f) => !isValidPosition(f, text))).toEqual([]);
    }
  });
});

describe('a key continued onto the next line (WDA102, WDA103)', () => {
  // seed 222, iteration 856: a NUL and a lone backslash inserted before client_secret make the key "\0client_secret"
  it('spans from its first character to its last, on the next line', () => {
    const findings = findingsOf('client-properties', fixture('fuzz', 'seed222-iteration856.client.properties'));
    const [unknown] = withRule(findings, 'WDA102');
    expect(unknown?.message).toContain('"\u0000client_secret"');
    expect(where(unknown!)).toEqual([3, 1, 4, 14]);
  });

  it('marks the same span for a duplicate key written in two pieces', () => {
    const text = 'client_id=a\nclient_\\\n    id=b\n';
    const [dup] = withRule(findingsOf('client-properties', text), 'WDA103');
    expect(where(dup!)).toEqual([2, 1, 3, 7]);
  });
});

/** A parser file with one String token A and the given mapping lines. */
function parserWith(...mappings: string[]): string {
  return ['trigger.node.location=/', 'token.count=1', 'token[0].name=A', 'token[0].type=String', 'token[0].location=A', ...mappings].join('\n') + '\n';
}

function at(text: string, f: Finding): string {
  return lines(text)[f.line - 1]?.slice(f.column - 1, f.column) ?? '';
}

describe('expression findings after a malformed \\u escape or a continuation (WDA221, WDA226, WDA230)', () => {
  // seed 9, iteration 5439: \u12G4 typed into an operation name; Java rejects the escape, the reader keeps it as written
  it('points at the character the message names, after a malformed escape', () => {
    const text = Buffer.from(fixture('fuzz', 'seed9-iteration5439.jsonparser.properties')).toString('latin1');
    const [syntax] = withRule(findingsOf('parser-properties', text), 'WDA221');
    expect(syntax?.message).toContain("unexpected ')'");
    expect(syntax?.line).toBe(47);
    expect(at(text, syntax!)).toBe(')');
    expect(syntax?.column).toBe(lines(text)[46]!.length);
  });

  it('points at the extra parenthesis on the continuation line', () => {
    const text = parserWith('event.name=__concatenate(A,\\', '    A))');
    const [syntax] = withRule(findingsOf('parser-properties', text), 'WDA221');
    expect(where(syntax!)).toEqual([7, 7, 7, 8]);
    expect(at(text, syntax!)).toBe(')');
  });

  it('marks an undeclared token on the continuation line', () => {
    const text = parserWith('event.name=__concatenate(A,\\', '    Bogus)');
    const [undeclared] = withRule(findingsOf('parser-properties', text), 'WDA226');
    expect(where(undeclared!)).toEqual([7, 5, 7, 10]);
  });

  it('marks an unknown field whose name is on the continuation line', () => {
    const text = parserWith('event.\\', '  nmae=A');
    const [field] = withRule(findingsOf('parser-properties', text), 'WDA230');
    expect(where(field!)).toEqual([7, 3, 7, 7]);
  });
});

describe('a value continued over many lines', () => {
  it('places a finding on each of 20 000 continuation lines, each worked out without walking the value again', () => {
    const n = 20_000;
    const pieces = Array.from({ length: n }, (_, i) => `  B${i % 10},\\`);
    const text = parserWith('event.name=__concatenate(\\', ...pieces, '  A)');
    const undeclared = withRule(findingsOf('parser-properties', text), 'WDA226');
    expect(undeclared).toHaveLength(n);
    expect(undeclared.every((f, i) => f.line === 7 + i && f.column === 3 && f.endLine === 7 + i && f.endColumn === 5)).toBe(true);
  });
});
