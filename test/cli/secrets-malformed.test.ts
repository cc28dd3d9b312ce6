import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const SECRET = 'Sx8Q~abcdefghijklmnopqrstuvwxyz0123456789';

/** A values file that is not valid JSON, with a client secret stored in it, in the ways V8 quotes text. */
const BROKEN = [
  `{\n  "tenant": "contoso.onmicrosoft.com",\n  "clientSecret": "${SECRET}",,\n  "clientId": "x"\n}\n`,
  `{\n  "clientSecret": "${SECRET}" x\n}\n`,
  `{"clientSecret": "${SECRET}", "x": tru }`,
];

describe('secrets stay secret on malformed values files', () => {
  it.each(BROKEN.map((text, i) => [i, text]))('case %i: validate masks the value in the code frame; render gives line:column, no excerpt', async (_i, text) => {
    const dir = tempDir('secret-json');
    const file = join(dir, 'WDATP-connector.values.json');
    await writeFile(file, text);
    const v = await runCli(['validate', file]);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('WDA401');
    expect(v.stdout + v.stderr).not.toContain('abcdefghijklmnop');
    const r = await runCli(['render', '--values', file, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${file.replace(/[.]/g, '\\.')}:\\d+:\\d+: The values file is not valid JSON`));
    expect(r.stdout + r.stderr).not.toContain('abcdefghijklmnop');
  });
});
