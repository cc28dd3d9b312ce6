import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverCases } from '../../src/conformance/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wdatp-conformance-json-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function invalidCase(text: string) {
  await writeFile(join(dir, 'broken.case.json'), text);
  const { cases, invalid } = await discoverCases([dir]);
  expect(cases).toEqual([]);
  expect(invalid).toHaveLength(1);
  return invalid[0]!;
}

describe('a case file that is not JSON names line and column on every Node version', () => {
  it('a truncated file (V8 says only "Unexpected end of JSON input")', async () => {
    const bad = await invalidCase('{\n  "description": "d",\n  "input": [');
    expect([bad.line, bad.column]).toEqual([3, 13]);
    expect(bad.errors).toEqual(['not valid JSON: Expected a JSON value (the text ends here)']);
  });

  it('a trailing comma in an array (V8 on Node 20 quotes the text instead of a position)', async () => {
    const bad = await invalidCase('{\n  "description": "d",\n  "events": [1,]\n}\n');
    expect([bad.line, bad.column]).toEqual([3, 16]);
    expect(bad.errors).toEqual(['not valid JSON: Expected a JSON value (found "]")']);
  });

  it('a file saved with a byte order mark: positions count it as the first character, on line 1 only', async () => {
    expect(await invalidCase('\ufeff{\n  oops\n}')).toMatchObject({ line: 2, column: 3 });
    expect(await invalidCase('\ufeff{"description" "d"}')).toMatchObject({ line: 1, column: 17 });
  });
});
