import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { FINDINGS_RENDERERS } from '../../src/cli/render/findings/index.js';
import { renderConnectorFiles, renderParserFile, withDefaults } from '../../src/connector/index.js';
import { lintSources, type Finding, type SourceFile } from '../../src/lint/index.js';
import { repoRoot } from '../support/cli.js';
import { testRandom } from '../support/random.js';
import { fixturesDir, isValidPosition } from './helpers.js';

const SECRET = 'fak8Q~FuzzSecretValueThatIsNotReal012345';

function seeds(): { client: Buffer[]; parser: Buffer[] } {
  const values = withDefaults({ tenant: '8eaef023-2b34-4da1-9baa-8bc8c9d6a490', region: 'eu', clientId: '11111111-2222-3333-4444-555555555555' });
  const rendered = renderConnectorFiles({ ...values, mapping: 'v2' }, SECRET);
  const client = [Buffer.from(rendered.clientProperties, 'latin1')];
  const parser = [Buffer.from(rendered.parserProperties, 'latin1'), Buffer.from(renderParserFile('v1'), 'latin1')];
  for (const dir of ['good', 'bad']) {
    client.push(readFileSync(join(fixturesDir, dir, 'WDATP-connector.properties')));
    parser.push(readFileSync(join(fixturesDir, dir, 'WDATP-connector.jsonparser.properties')));
  }
  const parsersDir = join(repoRoot, 'fixtures', 'parsers');
  for (const name of readdirSync(parsersDir)) if (name.endsWith('.properties')) parser.push(readFileSync(join(parsersDir, name)));
  return { client, parser };
}

const UNICODE = ['é', '€', '😀', '\u0000', '\u2028', '\uFEFF', 'ß', '\\u00', '\\u12G4', '\\', '\t', '\r', ' ', '=', ':', '#', '!', '"', '(', ')', ','];

/** One mutation of the kinds real files show, and a few that only a fuzzer would try. */
function mutate(input: Buffer, r: () => number): Buffer {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const lines = input.toString('latin1').split('\n');
  const at = Math.floor(r() * Math.max(lines.length, 1));
  switch (Math.floor(r() * 10)) {
    case 0: {
      const b = Buffer.from(input);
      for (let k = 0; k < 1 + Math.floor(r() * 4); k++) if (b.length) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
      return b;
    }
    case 1:
      lines.splice(at, 0, lines[at] ?? '');
      break;
    case 2:
      lines.splice(at, 1 + Math.floor(r() * 3));
      break;
    case 3:
      lines[at] = (lines[at] ?? '').replace(/[=:]/, '==');
      break;
    case 4: {
      const line = lines[at] ?? '';
      const cut = Math.floor(r() * Math.max(1, line.indexOf('=')));
      lines[at] = `${line.slice(0, cut)} ${line.slice(cut)}`;
      break;
    }
    case 5: {
      const text = Buffer.from(lines.join('\n'), 'latin1').toString('latin1');
      const pos = Math.floor(r() * (text.length + 1));
      return Buffer.concat([Buffer.from(text.slice(0, pos), 'latin1'), Buffer.from(pick(UNICODE), 'utf8'), Buffer.from(text.slice(pos), 'latin1')]);
    }
    case 6: {
      const token = lines.findIndex((l, i) => i >= at && /^token\[\d+\]/.test(l));
      if (token >= 0) lines.splice(token + 1, 0, lines[token]!.replace(/\[\d+\]/, `[${Math.floor(r() * 30)}]`));
      else lines.splice(at, 0, `token[${Math.floor(r() * 5)}].name=Dup`);
      break;
    }
    case 7:
      lines[at] = `${lines[at] ?? ''}${pick(UNICODE)}${pick(UNICODE)}`;
      break;
    case 8:
      lines[at] = (lines[at] ?? '').slice(0, Math.floor(r() * (lines[at]?.length ?? 0)));
      break;
    default:
      lines.splice(
        at,
        0,
        pick([
          '\\',
          'event.name=__f(',
          'event.x=__regexToken(A,"(")',
          'token.count=-1',
          'severity.map..if.deviceSeverity=',
          'a=b\\',
          '=',
          ' ',
          'conditionalmap[0].mappings[9999999999].event.name=x',
        ]),
      );
  }
  return Buffer.from(lines.join(r() < 0.1 ? '\r\n' : '\n'), 'latin1');
}

function linesOf(bytes: Uint8Array, kind: SourceFile['kind']): string[] {
  return Buffer.from(bytes)
    .toString(kind === 'values-json' ? 'utf8' : 'latin1')
    .split(/\r\n|\r|\n/);
}

describe('fuzz: mutated client and parser files', () => {
  it('10,000 mutated files: no exception, every finding at a valid position, secrets never rendered', () => {
    const { client, parser } = seeds();
    const random = testRandom();
    const r = (): number => random.next();
    const plain = new Chalk({ level: 0 });
    const bad: Array<{ iteration: number; finding: Finding }> = [];
    const RUNS = 10_000;
    const seen = new Set<string>();
    let total = 0;
    for (let i = 0; i < RUNS; i++) {
      const isClient = i % 2 === 0;
      let bytes = isClient ? client[i % client.length]! : parser[i % parser.length]!;
      const rounds = 1 + Math.floor(r() * 3);
      for (let k = 0; k < rounds; k++) bytes = mutate(bytes, r);
      const source: SourceFile = isClient
        ? { file: 'WDATP-connector.properties', kind: 'client-properties', bytes }
        : { file: 'WDATP-connector.jsonparser.properties', kind: 'parser-properties', bytes };
      const sources = [source];
      if (i % 25 === 0) sources.push({ file: 'WDATP-connector.values.json', kind: 'values-json', bytes: Buffer.from(bytes.toString('latin1').slice(0, 200)) });
      let result;
      try {
        result = lintSources(sources, i % 7 === 0 ? { eventsUrl: 'https://wdatp-alertexporter-eu.windows.com/api/alerts' } : {});
      } catch (error) {
        throw new Error(`iteration ${i} threw on:\n${bytes.toString('latin1')}\n${(error as Error).stack}`, { cause: error });
      }
      total += result.findings.length;
      for (const f of result.findings) {
        seen.add(f.ruleId);
        const src = sources.find((s) => s.file === f.file)!;
        if (!isValidPosition(f, linesOf(src.bytes, src.kind))) bad.push({ iteration: i, finding: f });
      }
      if (i % 100 === 0) {
        for (const format of ['text', 'sarif', 'github', 'json'] as const) {
          const out = FINDINGS_RENDERERS[format](result, { chalk: plain, tool: { name: 'wdatp-arcsight', version: '0' } });
          expect(out).not.toContain(SECRET);
        }
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
    // The mutations must reach deep: many findings from many rules, not files rejected wholesale.
    expect(total).toBeGreaterThan(RUNS);
    expect(seen.size).toBeGreaterThan(40);
  }, 240_000);
});

describe('the position check itself', () => {
  it('rejects positions outside the text and accepts the end of a line', () => {
    const lines = ['abc', ''];
    const f = { ruleId: 'X', severity: 'error' as const, message: '', file: 'f', line: 1, column: 4 };
    expect(isValidPosition(f, lines)).toBe(true);
    expect(isValidPosition({ ...f, column: 5 }, lines)).toBe(false);
    expect(isValidPosition({ ...f, line: 3, column: 1 }, lines)).toBe(false);
    expect(isValidPosition({ ...f, column: 0 }, lines)).toBe(false);
    expect(isValidPosition({ ...f, column: 2, endColumn: 1 }, lines)).toBe(false);
    expect(isValidPosition({ ...f, line: 2, column: 1, endColumn: 2 }, lines)).toBe(false);
  });
});
