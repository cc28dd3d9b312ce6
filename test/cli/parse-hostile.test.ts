import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { suiteTempDir } from '../support/temp.js';

/** One hostile record in any position costs that record's value only: the run goes on and the neighbours are mapped. */
const dir = suiteTempDir('parse-hostile');
const PARSER = join(dir, 'hostile.jsonparser.properties');
writeFileSync(
  PARSER,
  [
    'trigger.node.location=/',
    'token.count=3',
    'token[0].name=Id',
    'token[0].location=AlertId',
    'token[1].name=Title',
    'token[1].location=AlertTitle',
    'token[2].name=Extra',
    'token[2].location=Extra',
    'event.externalId=Id',
    'event.name=Title',
    'additionaldata.Extra=Extra',
    '',
  ].join('\n'),
  'latin1',
);
let n = 0;
const file = (text: string, ext: string): string => {
  const p = join(dir, `in${n++}.${ext}`);
  writeFileSync(p, text);
  return p;
};

const DEPTH = 100_000;
const deep = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;
const good = (id: string) => `{"AlertId":"${id}","AlertTitle":"Title ${id}"}`;
const positions = {
  'the record': deep,
  'a mapped field': `{"AlertId":"b","AlertTitle":${deep}}`,
  'an additional-data field': `{"AlertId":"b","AlertTitle":"Title b","Extra":{"x":${deep}}}`,
};

describe('parse: a record nested 10^5 levels deep', () => {
  for (const [where, record] of Object.entries(positions)) {
    for (const shape of ['JSON array', 'NDJSON line'] as const) {
      it(`in ${where}, ${shape}: reported with its place, the other records mapped, exit 0`, async () => {
        const p =
          shape === 'JSON array' ? file(`[${good('a')},\n${record},\n${good('c')}]`, 'json') : file(`${good('a')}\n${record}\n${good('c')}\n`, 'ndjson');
        const r = await runCli(['parse', '--parser', PARSER, '--format', 'ndjson', p]);
        expect(r.code, r.stderr).toBe(0);
        const events = r.stdout
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, string>);
        expect(events.map((e) => e.externalId)).toEqual(['a', where === 'the record' ? undefined : 'b', 'c']);
        expect(events[2]).toEqual({ externalId: 'c', name: 'Title c' });
        expect(r.stderr).toMatch(shape === 'NDJSON line' ? new RegExp(`event 2 \\(${p}:2\\)`) : /event 2 \(/);
        expect(r.stderr).toMatch(/nested more than 1000 levels deep|not an object/);
        // The description of the value is cut short, not 200 KB of brackets.
        expect(r.stderr.length).toBeLessThan(2000);
      });
    }
  }
});

describe('parse: a 100 MB string', () => {
  it('is mapped (truncated to the field size) without exhausting memory; the other records too', { timeout: 180_000 }, async () => {
    const p = join(dir, 'big.ndjson');
    const out = createWriteStream(p);
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    await write(`${good('a')}\n{"AlertId":"b","AlertTitle":"`);
    const mb = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 100; i++) await write(mb);
    await write(`","Extra":"e"}\n${good('c')}\n`);
    out.end();
    await once(out, 'close');
    const r = await runCli(['parse', '--parser', PARSER, '--format', 'ndjson', p], { timeoutMs: 170_000 });
    expect(r.code, r.stderr).toBe(0);
    const events = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(events.map((e) => e.externalId)).toEqual(['a', 'b', 'c']);
    expect(events[1]!.name).toHaveLength(512);
    expect(events[1]!['additionaldata.Extra']).toBe('e');
    expect(r.stderr).toMatch(/event 2 .*104857600 characters truncated to 512/);
  });
});

describe('parse: whitespace-only and all-bad input', () => {
  it('whitespace only is no records and exit 0, below and above the 16 MB in-memory limit alike', { timeout: 60_000 }, async () => {
    for (const size of [10, 17 * 1024 * 1024]) {
      const p = file(' \n'.repeat(size / 2), 'json');
      const r = await runCli(['parse', '--parser', PARSER, '--format', 'ndjson', p]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/0 events from 0 records, 0 warnings, 0 inputs skipped/);
    }
  });

  it('"the other events were written" only when some were', async () => {
    const none = await runCli(['parse', '--parser', PARSER, '--format', 'ndjson', file('{"AlertId": ,}\n', 'json')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/1 input was not valid JSON \(listed above\)\n/);
    const some = await runCli(['parse', '--parser', PARSER, '--format', 'ndjson', file(`${good('a')}\n{"AlertId": ,}\n`, 'ndjson')]);
    expect(some.code).toBe(2);
    expect(some.stderr).toContain('not valid JSON (listed above); the other events were written');
  });
});
