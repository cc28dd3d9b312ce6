import { spawn } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followRedirectsBrowser } from '../../src/oauth/index.js';
import { binPath, repoRoot, runCli, type CliResult } from '../support/cli.js';
import { clientFileText, freePort, leakedSecrets, startAlertApi, startConnectProxy, startIdp, tempDir, type TestIdp } from '../oauth/support.js';

let t: TestIdp;
let dir: string;
let config: string;
let alertApi: Awaited<ReturnType<typeof startAlertApi>>;

/** Environment of a user on a headless machine, without proxies or SSH that the test runner may have. */
const baseEnv: NodeJS.ProcessEnv = { HTTPS_PROXY: '', HTTP_PROXY: '', https_proxy: '', http_proxy: '', NO_PROXY: '', no_proxy: '', SSH_CONNECTION: '', SSH_TTY: '', DISPLAY: '', WAYLAND_DISPLAY: '' };

beforeAll(async () => {
  t = await startIdp();
  dir = await tempDir();
  config = join(dir, 'WDATP-connector.properties');
  await writeFile(config, clientFileText(t.cfg), 'latin1');
  alertApi = await startAlertApi(t.idp);
});
afterAll(async () => {
  await Promise.all([t.close(), alertApi.close()]);
});

interface Running {
  child: ReturnType<typeof spawn>;
  stdin: NodeJS.WritableStream;
  /** Resolves with the sign-in URL once the CLI printed it. */
  url: Promise<string>;
  done: Promise<CliResult>;
}

/** The CLI with stdin left open (as a terminal or an open pipe would be), so the test can act while it waits. */
function startCli(args: string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(process.execPath, [binPath, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1', ...baseEnv, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let resolveUrl!: (u: string) => void;
  let rejectUrl!: (e: Error) => void;
  const url = new Promise<string>((resolve, reject) => {
    resolveUrl = resolve;
    rejectUrl = reject;
  });
  url.catch(() => {});
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    const m = /^\s+(https:\/\/127\.0\.0\.1:\d+\/\S+\/oauth2\/authorize\?\S+)$/m.exec(stderr);
    if (m) resolveUrl(m[1]!);
  });
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
      // If it ended without printing a sign-in URL, fail the waiting test with what it said.
      setImmediate(() => rejectUrl(new Error(`token exited (${code}) without a sign-in URL:\n${stderr}`)));
    }),
  );
  return { child, stdin: child.stdin, url, done };
}

const secrets = () => [t.cfg.clientSecret, ...t.issued];
const token = (...extra: string[]) => ['token', '--config', config, '--ca-file', t.caFile, ...extra];

describe('wdatp-arcsight token (sign-in)', () => {
  it('prints only the refresh token on stdout; stderr explains and leaks nothing', async () => {
    const run = startCli(token('--no-browser', '--debug'));
    await followRedirectsBrowser()(await run.url);
    const r = await run.done;
    expect(r.code).toBe(0);
    const printed = r.stdout.trim();
    expect(r.stdout).toBe(`${printed}\n`);
    expect(t.issued).toContain(printed);
    expect(r.stderr).toContain('Open this sign-in URL in a browser');
    expect(r.stderr).toMatch(/self-signed, SHA-256 [0-9A-F:]{95}/);
    expect(r.stderr).toContain('Signed in.');
    expect(leakedSecrets(r.stderr, secrets())).toEqual([]);
    expect(leakedSecrets(r.stdout, secrets().filter((s) => s !== printed))).toEqual([]);
  });

  it('--output writes the token with mode 0600 and refuses to replace it without --force', async () => {
    const out = join(dir, 'refresh-token.txt');
    const run = startCli(token('--no-browser', '--output', out));
    await followRedirectsBrowser()(await run.url);
    const r = await run.done;
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const text = await readFile(out, 'utf8');
    expect(t.issued).toContain(text.trim());
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const again = await runCli(token('--no-browser', '--output', out), { env: baseEnv });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(await readFile(out, 'utf8')).toBe(text);
  });

  it('--output: a file created while the sign-in is pending is kept, not replaced (exit 2)', async () => {
    const out = join(dir, 'appeared-meanwhile.txt');
    const run = startCli(token('--no-browser', '--output', out));
    const url = await run.url;
    await writeFile(out, 'written by someone else\n');
    await followRedirectsBrowser()(url);
    const r = await run.done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already exists \(it appeared while this command ran\)/);
    expect(await readFile(out, 'utf8')).toBe('written by someone else\n');
    expect((await readdir(dir)).filter((f) => f.includes('appeared-meanwhile') && f !== 'appeared-meanwhile.txt')).toEqual([]);
  });

  it('--no-browser accepts the final redirect URL pasted on stdin', async () => {
    const run = startCli(token('--no-browser'));
    const { Agent } = await import('undici');
    const agent = new Agent({ connect: { ca: t.ca } });
    const response = await fetch(await run.url, { redirect: 'manual', dispatcher: agent } as unknown as RequestInit);
    await agent.close();
    run.stdin.write(`${response.headers.get('location')}\n`);
    const r = await run.done;
    expect(r.code).toBe(0);
    expect(t.issued).toContain(r.stdout.trim());
    expect(r.stderr).toContain('Got the pasted sign-in answer.');
  });

  it('with stdin closed it keeps waiting for the browser', async () => {
    const run = startCli(token('--no-browser'));
    run.stdin.end();
    const url = await run.url;
    await new Promise((r) => setTimeout(r, 500));
    await followRedirectsBrowser()(url);
    const r = await run.done;
    expect(r.code).toBe(0);
    expect(t.issued).toContain(r.stdout.trim());
  });

  it('times out with exit 3 and advice', async () => {
    const r = await runCli(token('--no-browser', '--timeout', '1'), { env: baseEnv });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('No sign-in arrived within 1 s.');
    expect(r.stdout).toBe('');
  });

  it('Ctrl+C while waiting stops the listener and exits 130', async () => {
    const run = startCli(token('--no-browser'));
    await run.url;
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('Interrupted: Stopped before the sign-in finished.');
    expect(r.stdout).toBe('');
  });

  it('stops at a broken client file with exit 2 naming the place', async () => {
    const broken = join(dir, 'broken.properties');
    await writeFile(broken, clientFileText(t.cfg, { client_secret: undefined }), 'latin1');
    const r = await runCli(['token', '--config', broken, '--no-browser'], { env: baseEnv });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/client_secret/);
    expect(r.stderr).toMatch(/broken\.properties/);
  });
});

describe('wdatp-arcsight token checks', () => {
  async function freshRefreshToken(): Promise<string> {
    const run = startCli(token('--no-browser'));
    await followRedirectsBrowser()(await run.url);
    return (await run.done).stdout.trim();
  }

  it('--check-refresh (from an env variable) reports expiry; the rotated token only with --print-rotated', async () => {
    const rt = await freshRefreshToken();
    const r = await runCli(token('--check-refresh', '--refresh-token-env', 'WDATP_RT'), { env: { ...baseEnv, WDATP_RT: rt } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/the refresh token still works\. The new access token is valid until \d{4}-/);
    expect(r.stderr).toContain('not shown (--print-rotated shows it)');
    expect(leakedSecrets(r.stderr, secrets())).toEqual([]);
    // Like Azure AD, the sandbox rotates but keeps the redeemed token valid; a token it never issued fails the check.
    const before = new Set(t.issued);
    const again = await runCli(token('--check-refresh'), { env: baseEnv, input: `${rt}\n` });
    expect(again.code).toBe(0);
    const bogus = await runCli(token('--check-refresh'), { env: baseEnv, input: 'not-a-refresh-token-it-issued\n' });
    expect(bogus.code).toBe(1);
    expect(bogus.stderr).toMatch(/Check failed:/);
    const rt2 = await freshRefreshToken();
    const printed = await runCli(token('--check-refresh', '--print-rotated'), { env: baseEnv, input: `${rt2}\n` });
    expect(printed.code).toBe(0);
    const rotated = printed.stdout.trim();
    expect(t.issued.filter((s) => !before.has(s))).toContain(rotated);
    expect(rotated).not.toBe(rt2);
  });

  it('--check-refresh of an expired token fails the check (exit 1) and says to rerun token', async () => {
    const rt = await freshRefreshToken();
    t.idp.expireRefreshTokens();
    const r = await runCli(token('--check-refresh', '--refresh-token-env', 'WDATP_RT'), { env: { ...baseEnv, WDATP_RT: rt } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refresh token has expired .*AADSTS700082/);
    expect(r.stderr).toContain(`Fix: Run wdatp-arcsight token --config ${config}`);
  });

  it('--check-refresh without a token is a usage error', async () => {
    const r = await runCli(token('--check-refresh'), { env: baseEnv, input: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--refresh-token-env/);
  });

  it('--client-credentials proves app id, secret and resource; a wrong secret fails the check', async () => {
    const ok = await runCli(token('--client-credentials'), { env: baseEnv });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/its secret and the resource https:\/\/graph\.windows\.net work/);
    const wrong = join(dir, 'wrong-secret.properties');
    await writeFile(wrong, clientFileText(t.cfg, { client_secret: 'Zq8Q~a-wrong-but-plausible-secret-value' }), 'latin1');
    const bad = await runCli(['token', '--config', wrong, '--ca-file', t.caFile, '--client-credentials'], { env: baseEnv });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/client secret was rejected .*AADSTS7000215.*HTTP 401/);
    expect(bad.stderr).toContain("not its Secret ID");
    expect(bad.stderr).not.toContain('Zq8Q~a-wrong-but-plausible-secret-value');
  });

  it('--verify calls the alert API once with limit=1 and reports status and count; 401/403/500 explained', async () => {
    const ok = await runCli(token('--client-credentials', '--verify', '--events-url', alertApi.url), { env: baseEnv });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/Alert API OK: HTTP 200 from 127\.0\.0\.1:\d+; 1 alert\(s\) came back/);
    const seen = alertApi.seen.at(-1)!;
    expect(Object.fromEntries(seen.searchParams)).toEqual({ limit: '1' });
    const expectations: Array<[number, number, RegExp]> = [
      [401, 1, /refused the access token \(HTTP 401: malformed request or invalid token\)/],
      [403, 1, /refused access \(HTTP 403: a domain is not managed/],
      [500, 3, /reported an error in the service \(HTTP 500\)/],
    ];
    for (const [status, code, message] of expectations) {
      alertApi.force(status);
      const r = await runCli(token('--client-credentials', '--verify', '--events-url', alertApi.url), { env: baseEnv });
      expect([status, r.code]).toEqual([status, code]);
      expect(r.stderr).toMatch(message);
    }
    alertApi.force(undefined);
  });

  it('--verify needs --events-url when the region cannot be told from the login host', async () => {
    const r = await runCli(token('--client-credentials', '--verify'), { env: baseEnv });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--verify needs --events-url/);
  });
});

describe('wdatp-arcsight token network paths', () => {
  it('honours HTTPS_PROXY', async () => {
    const proxy = await startConnectProxy();
    try {
      const r = await runCli(token('--client-credentials'), { env: { ...baseEnv, HTTPS_PROXY: proxy.url } });
      expect(r.code).toBe(0);
      expect(proxy.hits).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('without --ca-file the test certificate is untrusted (exit 3, advice names --ca-file)', async () => {
    const r = await runCli(['token', '--config', config, '--client-credentials'], { env: baseEnv });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    expect(r.stderr).toContain('--ca-file');
  });

  it('a refused connection has its own message (exit 3)', async () => {
    const port = await freePort();
    const file = join(dir, 'refused.properties');
    const base = `https://127.0.0.1:${port}/contoso.onmicrosoft.com/oauth2`;
    await writeFile(file, clientFileText({ ...t.cfg, authUrl: `${base}/authorize?resource=https%3A%2F%2Fgraph.windows.net`, tokenUrl: `${base}/token` }), 'latin1');
    const r = await runCli(['token', '--config', file, '--client-credentials'], { env: baseEnv });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`Connection refused by 127.0.0.1:${port}.`);
  });
});
