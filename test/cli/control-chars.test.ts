import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printable } from '../../src/errors/index.js';
import { repoRoot, runCli } from '../support/cli.js';
import { suiteTempDir } from '../support/temp.js';

/** Nothing from untrusted input printed for a human may act on the terminal or the CI log. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const PARSER = join(repoRoot, 'fixtures/parsers/sample-alert.jsonparser.properties');
const dir = suiteTempDir('control');

describe('printable', () => {
  it('escapes C0, DEL, C1 and bidi controls; leaves other text alone', () => {
    expect(printable('a\nb\r\tc')).toBe('a\\nb\\r\\tc');
    expect(printable('\u001b]0;title\u0007')).toBe('\\x1b]0;title\\x07');
    expect(printable('nul\u0000')).toBe('nul\\u0000');
    expect(printable('\u009b31m \u202eevil')).toBe('\\x9b31m \\u202eevil');
    expect(printable('Grüße – 日本 ✔')).toBe('Grüße – 日本 ✔');
  });
});

describe('control characters from inputs are shown escaped', () => {
  it('validate (text and github): a key with "\\n::error::" starts no line of its own', async () => {
    const file = join(dir, 'WDATP-connector.properties');
    await copyFile(join(repoRoot, 'fixtures/lint/good/WDATP-connector.properties'), file);
    await writeFile(file, `${await readFile(file, 'latin1')}bogus\\n\\:\\:error\\:\\:owned\\u001b[31m=1\n`, 'latin1');
    for (const format of ['text', 'github']) {
      const r = await runCli(['validate', '--format', format, file]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toEqual([]);
      expect(r.stdout).toContain('bogus\\n::error::owned\\x1b[31m');
      expect(r.stdout).not.toMatch(RAW_CONTROL);
    }
  });

  it('parse --format table: ESC, BEL and OSC in alert fields are escaped', async () => {
    const alerts = join(dir, 'alerts.json');
    await writeFile(alerts, JSON.stringify([{ AlertId: 'a\u001b]0;pwned\u0007', AlertTitle: '\u001b[2J\u001b[31mred', Severity: 'Low' }]));
    const r = await runCli(['parse', '--parser', PARSER, alerts]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('a\\x1b]0;pwned\\x07');
    expect(r.stdout).toContain('\\x1b[2J\\x1b[31mred');
    expect(r.stdout + r.stderr).not.toMatch(RAW_CONTROL);
  });

  it('parse: a NUL byte in malformed input is not echoed raw', async () => {
    const alerts = join(dir, 'nul.json');
    await writeFile(alerts, '[{"AlertId": "a"\u0000}]');
    const r = await runCli(['parse', '--parser', PARSER, alerts]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('malformed JSON');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });
});
