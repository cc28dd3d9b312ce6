import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

/** The demo's own temp folder goes inside the test's, so a failed run leaves nothing behind either. */
const demoEnv = (): NodeJS.ProcessEnv => ({ TMPDIR: tempDir('demo') });

describe('wdatp-arcsight demo', () => {
  it('runs the Graph pipeline offline by default: steps on stderr, table and CEF on stdout, temp folder removed', async () => {
    // The "under 5 s" budget is measured by bench/demo.mjs (ratios against node -e 0), not asserted here.
    const r = await runCli(['demo'], { timeoutMs: 60_000, env: demoEnv() });
    expect(r.code, r.stderr).toBe(0);
    for (let step = 1; step <= 6; step++) expect(r.stderr).toContain(`[${step}/6]`);
    expect(r.stderr).toMatch(/identity platform v2 and Graph alerts_v2/);
    expect(r.stderr).toMatch(/Graph alerts_v2, mapping v3/);
    expect(r.stderr).toMatch(/validate: 0 errors/);
    expect(r.stderr).toMatch(/token: signed in with the authorization-code flow/);
    expect(r.stderr).toMatch(/pull --once: GET https:\/\/127\.0\.0\.1:\d+\/v1\.0\/security\/alerts_v2 .*→ 8 alert versions → 8 events/);

    const [tablePart, cefPart] = r.stdout.split(/\nCEF lines ArcSight would receive \(8\):\n\n/);
    expect(tablePart).toMatch(/^Events \(8\), a few fields each:\n\ndeviceReceiptTime\s+severity\s+host\s+externalId\s+name\n/);
    expect(tablePart!.trim().split('\n').slice(4)).toHaveLength(8);
    const cef = cefPart!.trim().split('\n');
    expect(cef).toHaveLength(8);
    for (const line of cef) expect(line).toMatch(/^CEF:0\|Microsoft\|Microsoft Defender XDR\|3\.0\|.*externalId=[a-z]{2}\d+_-?\d+ .*deviceCustomDate1=\d+/);

    const dir = /into (\S+wdatp-arcsight-demo-\S+), auth_url/.exec(r.stderr)![1]!;
    await expect(access(dir)).rejects.toThrow();
  });

  it('parses plain argument lists without yargs, with the same defaults; anything else goes to yargs', async () => {
    const { default: demo } = await import('../../src/cli/commands/demo.js');
    const parseDemoArgs = (args: string[]) => demo.parseFast?.(args);
    expect(parseDemoArgs([])).toEqual({ alerts: 8, seed: 7, api: 'graph' });
    expect(parseDemoArgs(['--api', 'siem', '--alerts=3', '--seed', '2', '--keep', '--no-color', '--debug'])).toEqual({
      alerts: 3,
      seed: 2,
      api: 'siem',
      keep: true,
      color: false,
      debug: true,
    });
    for (const declined of [['extra'], ['--api', 'other'], ['--alerts'], ['--no-keep'], ['--help'], ['--bogus']]) {
      expect(parseDemoArgs(declined), declined.join(' ')).toBeUndefined();
    }
    const extra = await runCli(['demo', 'extra']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/Unknown argument: extra/);
  });

  it('--api siem runs the legacy pipeline (Azure AD v1, SIEM API, mapping v2)', async () => {
    const r = await runCli(['demo', '--api', 'siem'], { timeoutMs: 60_000, env: demoEnv() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/validate: 0 errors/);
    expect(r.stderr).toMatch(/pull --once: GET https:\/\/127\.0\.0\.1:\d+\/api\/alerts\?sinceTimeUtc=… → 8 alerts → 8 events/);
    const cef = r.stdout
      .split(/\nCEF lines ArcSight would receive \(8\):\n\n/)[1]!
      .trim()
      .split('\n');
    expect(cef).toHaveLength(8);
    for (const line of cef) expect(line).toMatch(/^CEF:0\|Microsoft\|Microsoft Defender ATP\|2\.0\|/);
  });

  it('prints no secret: neither the client secret nor the refresh token appears in its output', async () => {
    const r = await runCli(['demo', '--keep', '--alerts', '3', '--seed', '9'], { timeoutMs: 60_000, env: demoEnv() });
    expect(r.code, r.stderr).toBe(0);
    const dir = /Kept (\S+)/.exec(r.stderr)![1]!;
    const files = await readdir(dir);
    expect(files).toEqual(expect.arrayContaining(['WDATP-connector.properties', 'WDATP-connector.jsonparser.properties', 'refresh-token.txt', 'events.cef']));
    const secret = /^client_secret=(.+)$/m.exec(await readFile(join(dir, 'WDATP-connector.properties'), 'latin1'))![1]!;
    const refresh = (await readFile(join(dir, 'refresh-token.txt'), 'utf8')).trim();
    expect(secret.length).toBeGreaterThan(20);
    expect(r.stdout + r.stderr).not.toContain(secret);
    expect(r.stdout + r.stderr).not.toContain(refresh);
    expect(r.stdout).toContain(await readFile(join(dir, 'events.cef'), 'utf8'));
  });
});
