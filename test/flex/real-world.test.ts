import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileParser, eventToJson, loadParserSpec } from '../../src/flex/index.js';
import { repoRoot } from '../support/cli.js';

function load(name: string) {
  const text = readFileSync(join(repoRoot, 'fixtures/parsers/real-world', name), 'latin1');
  return loadParserSpec(text, { file: name });
}

const summary = (findings: ReturnType<typeof load>['findings']) => findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.code}`);

describe('real-world-shaped parser files load leniently, every mistake reported', () => {
  it('"==": reported, the mapping still works', () => {
    const { spec, findings } = load('double-equals.jsonparser.properties');
    expect(summary(findings)).toEqual(['23:27 warning double-equals', '23:28 info unverified-operation']);
    const [e] = compileParser(spec).parse([
      { time: 1601474960357, breachUrl: 'https://sensor.example/#modelbreach/4711', model: { name: 'Beaconing', priority: 4 }, device: { ip: '10.0.0.9' } },
    ]);
    expect(eventToJson(e!)).toEqual({
      deviceVendor: 'Example Networks',
      deviceProduct: 'Sensor',
      endTime: '2020-09-30T14:09:20.357Z',
      name: 'Beaconing',
      deviceCustomString4: '4711',
      deviceCustomString4Label: 'Breach ID',
      deviceSeverity: '4',
      sourceAddress: '10.0.0.9',
      agentSeverity: 'High',
    });
  });

  it('keys with spaces: reported; the connector sees the key cut at the space, as Java does', () => {
    const { spec, findings } = load('key-with-space.jsonparser.properties');
    // The values Java sees ("Number=conn") name no token, so they are also literal text.
    expect(summary(findings)).toEqual([
      '5:1 info unused-token',
      '10:1 info unused-token',
      '20:1 warning key-with-space',
      '20:27 warning undeclared-token',
      '21:1 warning key-with-space',
      '21:21 warning undeclared-token',
    ]);
    const [e] = compileParser(spec).parse({ conn: 12, op: 'BIND', dn: 'cn=admin', client: '192.0.2.4' });
    expect([...e!.additionalData]).toEqual([
      ['Connection', 'Number=conn'],
      ['Bind', 'DN=dn'],
      ['Client Address', '192.0.2.4'],
    ]);
  });

  it('count mismatch, a reused index and typo keys: reported; the last declaration of token[0] wins', () => {
    const { spec, findings } = load('count-mismatch.jsonparser.properties');
    expect(summary(findings)).toEqual([
      '5:13 warning token-count-mismatch',
      '8:1 error token-index-duplicate',
      '14:1 warning unknown-key',
      '19:1 warning unknown-key',
    ]);
    expect(findings.find((f) => f.line === 19)!.hint).toBe('Did you mean event.message?');
    expect(findings.find((f) => f.line === 8)!.message).toBe(
      'token[0] is declared 3 times (lines 6-11); Java keeps the last value of each key, so token[0] is path; the tokens host, message are lost and mappings that name them get the name as literal text',
    );
    expect(spec.tokens.map((t) => [t.name, t.location])).toEqual([
      ['path', 'log/file/path'],
      ['level', 'log/level'],
    ]);
    const [e] = compileParser(spec).parse({ host: { name: 'h1' }, message: 'm', log: { file: { path: '/var/log/x' }, level: 'error' } });
    expect(eventToJson(e!)).toEqual({
      deviceVendor: 'Example',
      deviceProduct: 'Shipper',
      filePath: '/var/log/x',
      deviceSeverity: 'error',
      agentSeverity: 'High',
    });
  });
});

describe('the real-world-shaped corpus', () => {
  it('every file loads without a file-level error and makes one event per record, whatever mistakes it holds', async () => {
    const { readdirSync } = await import('node:fs');
    const { FILE_LEVEL_CODES } = await import('../../src/flex/index.js');
    const names = readdirSync(join(repoRoot, 'fixtures/parsers/real-world')).filter((n) => n.endsWith('.jsonparser.properties'));
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const name of names) {
      const { spec, findings } = load(name);
      expect(
        findings.filter((f) => FILE_LEVEL_CODES.has(f.code)),
        name,
      ).toEqual([]);
      expect(compileParser(spec).parse([{}, { unrelated: [1, { x: null }] }]), name).toHaveLength(2);
    }
  });
});
