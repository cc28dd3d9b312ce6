import { spawn } from 'node:child_process';
import { access, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Agent, fetch } from 'undici';
import { describe, expect, it } from 'vitest';
import { authorizationCodeFlow, followRedirectsBrowser, readClientConfig } from '../../src/oauth/index.js';
import { binPath, runCli } from '../support/cli.js';
import { freePort } from '../pull/support.js';
import { suiteTempDir } from '../support/temp.js';

interface Started {
  stdout: string;
  stderr: () => string;
  values: Record<string, string>;
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/** Starts `wdatp-arcsight sandbox` and resolves once it has printed its values. */
function startSandboxCli(args: string[], cwd: string): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, 'sandbox', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    const exit = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('Press Ctrl+C to stop.')) {
        const values: Record<string, string> = {};
        for (const m of out.matchAll(/^ {2}([a-zA-Z_ ]+?) {2,}(\S.*)$/gm)) values[m[1]!.trim()] = m[2]!.trim();
        resolve({ stdout: out, stderr: () => err, values, stop: (signal) => (child.kill(signal), exit) });
      }
    });
    void exit.then((code) => reject(new Error(`sandbox exited ${code} before it was ready:\n${err}`)));
  });
}

describe('wdatp-arcsight sandbox', () => {
  const cwd = suiteTempDir('sandbox-cli');

  it('prints the values and working commands, serves token and pull, and shuts down cleanly on Ctrl+C', async () => {
    const redirect = `http://localhost:${await freePort()}/wdatpconnector`;
    const s = await startSandboxCli(['--https', '--generate', '6', '--seed', '4', '--redirect-uri', redirect], cwd);
    const v = s.values;
    expect(v['tenant']).toMatch(/^[0-9a-f-]{36}$/);
    expect(v['client id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(v['client secret']!.length).toBeGreaterThan(20);
    expect(s.stdout).toContain("a throwaway secret that exists only while this sandbox runs; printing it is this command's job");
    expect(v['Events URL']).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/alerts\?sinceTimeUtc=\$START_AT_TIME$/);
    expect(v['auth_url']).toContain(`/${v['tenant']}/oauth2/authorize?resource=`);
    expect(s.stdout).toMatch(/wdatp-arcsight token --config .* --ca-file .* --output /);
    expect(s.stdout).toMatch(/wdatp-arcsight pull --config .* --events-url '.*' --refresh-token-file .* --once --format table/);

    const clientFile = v['client file']!;
    const caFile = v['CA certificate']!;
    const clientText = await readFile(clientFile, 'latin1');
    expect(clientText).toContain(v['client secret']!);
    expect((await stat(clientFile)).mode & 0o777).toBe(0o600);

    // The same sign-in `token` does, against the printed values.
    const ca = await readFile(caFile, 'utf8');
    const http = { ca, timeoutMs: 10_000 };
    const tokens = await authorizationCodeFlow(await readClientConfig(clientFile), { ...http, openBrowser: followRedirectsBrowser(http), timeoutSeconds: 10 });
    const rt = join(cwd, 'rt.txt');
    await writeFile(rt, `${tokens.refreshToken}\n`, { mode: 0o600 });
    const pull = await runCli([
      'pull',
      '--config',
      clientFile,
      '--parser',
      v['parser file']!,
      '--events-url',
      v['Events URL']!,
      '--refresh-token-file',
      rt,
      '--ca-file',
      caFile,
      '--once',
      '--since',
      'P1D',
    ]);
    expect(pull.code, pull.stderr).toBe(0);
    const arrived = Number(/; (\d+) arrived/.exec(v['alerts']!)![1]);
    expect(pull.stdout.trim().split('\n').filter(Boolean)).toHaveLength(arrived);

    // The control endpoint takes a fault over HTTP; pull then sees it.
    const dispatcher = new Agent({ connect: { ca } });
    const base = v['Events URL']!.replace(/\/api\/alerts.*$/, '');
    const res = await fetch(`${base}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ kind: 'status', status: 403 }), dispatcher });
    expect(res.status).toBe(200);
    const refused = await runCli([
      'pull',
      '--config',
      clientFile,
      '--parser',
      v['parser file']!,
      '--events-url',
      v['Events URL']!,
      '--refresh-token-file',
      rt,
      '--ca-file',
      caFile,
      '--once',
    ]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('HTTP 403');
    expect(s.stderr()).toMatch(/GET \/api\/alerts\?sinceTimeUtc=\S+ {2}→ 403 \(fault: status\)/);

    expect(await s.stop('SIGINT')).toBe(0);
    await expect(access(clientFile)).rejects.toThrow(); // the temporary folder is gone
  });

  it('serves the alerts of a file over http and keeps --dir on exit', async () => {
    const file = join(cwd, 'alerts.ndjson');
    const now = Date.now();
    await writeFile(
      file,
      [1, 2, 3].map((i) => JSON.stringify({ AlertId: `f${i}`, FullId: `f${i}:x`, LastProcessedTimeUtc: new Date(now - i * 60_000).toISOString() })).join('\n'),
    );
    const dir = join(cwd, 'kept');
    const s = await startSandboxCli(['--alerts', file, '--dir', dir, '--quiet'], cwd);
    expect(s.values['alerts']).toMatch(/^3 \(from .*alerts\.ndjson\); 3 arrived/);
    expect(s.values['CA certificate']).toBeUndefined();
    expect(s.values['Events URL']).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(await s.stop('SIGTERM')).toBe(0);
    await access(join(dir, 'WDATP-connector.properties'));
  });

  it('refuses --alerts with --generate (exit 2)', async () => {
    const r = await runCli(['sandbox', '--alerts', 'x.json', '--generate', '3']);
    expect(r.code).toBe(2);
  });
  it('--api graph prints a Graph set-up whose client file signs in on v2 and pulls alerts_v2', async () => {
    const redirect = `http://localhost:${await freePort()}/wdatpconnector`;
    const s = await startSandboxCli(['--api', 'graph', '--https', '--generate', '5', '--seed', '3', '--redirect-uri', redirect, '--quiet'], cwd);
    try {
      const v = s.values;
      expect(v['auth_url']).toBe(`${new URL(v['Events URL']!).origin}/${v['tenant']}/oauth2/v2.0/authorize`);
      expect(v['token_url']).toMatch(/\/oauth2\/v2\.0\/token$/);
      expect(v['scope']).toBe('offline_access https://graph.microsoft.com/SecurityAlert.Read.All');
      expect(v['Events URL']).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/security\/alerts_v2$/);
      const clientFile = v['client file']!;
      const caFile = v['CA certificate']!;
      const config = await readClientConfig(resolve(cwd, clientFile));
      expect(config.platform).toBe('v2');
      const http = { ca: await readFile(resolve(cwd, caFile), 'utf8'), timeoutMs: 10_000 };
      const tokens = await authorizationCodeFlow(config, { ...http, openBrowser: followRedirectsBrowser(http), timeoutSeconds: 10 });
      const rt = join(cwd, 'graph-rt.txt');
      await writeFile(rt, `${tokens.refreshToken}\n`, { mode: 0o600 });
      const parser = v['parser file']!;
      expect(await readFile(resolve(cwd, parser), 'latin1')).toContain('trigger.node.location=/value');
      const pull = await runCli(
        [
          'pull',
          '--config',
          clientFile,
          '--parser',
          parser,
          '--events-url',
          v['Events URL']!,
          '--refresh-token-file',
          rt,
          '--ca-file',
          caFile,
          '--once',
          '--since',
          'P1D',
        ],
        { cwd },
      );
      expect(pull.code, pull.stderr).toBe(0);
      const visible = Number(/^(\d+) visible now/.exec(v['alerts']!)![1]);
      expect(visible).toBeGreaterThan(0);
      expect(pull.stdout.trim().split('\n')).toHaveLength(visible);
      expect(pull.stdout).toMatch(/^CEF:0\|Microsoft\|Microsoft Defender XDR\|3\.0\|/);
    } finally {
      expect(await s.stop('SIGINT')).toBe(0);
    }
  });

  it('refuses the Graph data flags without --api graph (exit 2)', async () => {
    const r = await runCli(['sandbox', '--churn', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--churn shapes the Graph alerts_v2 data: add --api graph/);
  });
});
