import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

/** Hostile properties files cost bounded time and memory: absurd sizes are refused up front, naming the limit. */
describe('connector files over the size limit', () => {
  it.each([
    ['a 50 MB key', (p: string) => writeFile(p, `${'k'.repeat(50 * 1024 * 1024)}=v\n`)],
    ['30 MB of backslash continuations', (p: string) => writeFile(p, `client_id=x\\\n${'a\\\n'.repeat(10 * 1024 * 1024)}b\n`)],
  ])('%s: validate, parse and token stop with exit 2 naming the limit', { timeout: 120_000 }, async (_name, make) => {
    const dir = tempDir('limits');
    const file = join(dir, 'WDATP-connector.properties');
    await make(file);
    for (const args of [
      ['validate', file],
      ['parse', '--parser', file, '/dev/null'],
      ['token', '--config', file, '--no-browser'],
    ]) {
      const r = await runCli(args);
      expect(r.code, `${args[0]}: ${r.stderr.slice(0, 500)}`).toBe(2);
      expect(r.stderr.slice(0, 2000)).toMatch(/The file is \d+\.\d MiB; connector files over 1 MiB are refused/);
      expect(r.stderr).not.toMatch(/Internal error/);
    }
  });
});
