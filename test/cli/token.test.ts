import { spawn } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followRedirectsBrowser } from '../../src/oauth/index.js';
import { binPath, repoRoot, runCli, type CliResult } from '../support/cli.js';
import { clientFileText, freePort, leakedSecrets, startAlertApi, startConnectProxy, startGraphApi, startIdp, type TestIdp } from '../oauth/support.js';
import { suiteTempDir } from '../support/temp.js';

let t: TestIdp;
const dir = suiteTempDir('token');
let config: string;
let alertApi: Awaited<ReturnType<typeof startAlertApi>>;

/** Environment of a user on a headless machine, without proxies or SSH that the test runner may have. */
const baseEnv: NodeJS.ProcessEnv = {
  HTTPS_PROXY: '',
  HTTP_PROXY: '',
  https_proxy: '',
  http_proxy: '',
  NO_PROXY: '',
  no_proxy: '',
  SSH_CONNECTION: '',
  SSH_TTY: '',
  DISPLAY: '',
  WAYLAND_DISPLAY: '',
};

beforeAll(async () => {
  t = await startIdp();
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
  const child = spawn(process.execPath, [binPath, ...args], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', ...baseEnv, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
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
    const m = /^\s+(https:\/\/127\.0\.0\.1:\d+\/\S+\/oauth2\/(?:v2\.0\/)?authorize\?\S+)$/m.exec(stderr);
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
    expect(
      leakedSecrets(
        r.stdout,
        secrets().filter((s) => s !== printed),
      ),
    ).toEqual([]);
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
    // The sandbox rotates and refuses a redeemed refresh token (single use); a token it never issued fails too.
    const before = new Set(t.issued);
    const again = await runCli(token('--check-refresh'), { env: baseEnv, input: `${rt}\n` });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/refresh token is not valid: revoked, already replaced by a newer one.*AADSTS70000/);
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
    expect(bad.stderr).toContain('not its Secret ID');
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
    await writeFile(
      file,
      clientFileText({ ...t.cfg, authUrl: `${base}/authorize?resource=https%3A%2F%2Fgraph.windows.net`, tokenUrl: `${base}/token` }),
      'latin1',
    );
    const r = await runCli(['token', '--config', file, '--client-credentials'], { env: baseEnv });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`Connection refused by 127.0.0.1:${port}.`);
  });
});

// Several CLI runs per test on a shared machine: a roomier limit than the default.
describe('wdatp-arcsight token with a Graph (identity platform v2) client file', { timeout: 150_000 }, () => {
  let graphConfig: string;
  let graph: Awaited<ReturnType<typeof startGraphApi>>;
  const v2 = (...extra: string[]) => ['token', '--config', graphConfig, '--ca-file', t.caFile, ...extra];
  beforeAll(async () => {
    graphConfig = join(dir, 'Graph-connector.properties');
    await writeFile(graphConfig, clientFileText(t.v2cfg), 'latin1');
    graph = await startGraphApi(t.idp);
  });
  afterAll(async () => {
    await graph.close();
  });

  async function signIn(args: string[]): Promise<CliResult> {
    const run = startCli(args);
    try {
      const url = await run.url;
      expect(url).toMatch(/\/oauth2\/v2\.0\/authorize\?/);
      const q = new URL(url).searchParams;
      expect([q.get('scope'), q.get('code_challenge_method'), q.has('resource'), Boolean(q.get('state'))]).toEqual([t.v2cfg.scope, 'S256', false, true]);
      await followRedirectsBrowser({ ca: t.ca })(url);
      return await run.done;
    } finally {
      // A failed expectation must not leave the CLI holding the redirect port for the next test.
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  }

  it('signs in with the scope and prints only the refresh token; stderr names the delegated permission', async () => {
    const r = await signIn(v2('--no-browser'));
    expect(r.code, r.stderr).toBe(0);
    const printed = r.stdout.trim();
    expect(r.stdout).toBe(`${printed}\n`);
    expect(t.issued).toContain(printed);
    expect(r.stderr).toMatch(/Signed in\. Access token valid until .* Its delegated permissions: SecurityAlert\.Read\.All\./);
    expect(r.stderr).not.toMatch(/WDA12[345]/);
    expect(leakedSecrets(r.stderr, secrets())).toEqual([]);
  });

  it('says offline_access is missing from scope before any sign-in (exit 2, nothing on stdout)', async () => {
    const file = join(dir, 'no-offline.properties');
    await writeFile(file, clientFileText({ ...t.v2cfg, scope: 'https://graph.microsoft.com/SecurityAlert.Read.All' }), 'latin1');
    const requests = t.requests;
    const r = await runCli(['token', '--config', file, '--ca-file', t.caFile, '--no-browser'], { env: baseEnv });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/WDA133 +scope lacks offline_access, so no refresh token comes back\./);
    expect(r.stderr).toContain('token stops before signing in');
    expect(t.requests).toBe(requests);
  });

  it('--check-refresh refreshes with the scope; the replaced token then fails the check with what to do', async () => {
    const rt = (await signIn(v2('--no-browser'))).stdout.trim();
    const r = await runCli(v2('--check-refresh', '--print-rotated'), { env: baseEnv, input: `${rt}\n` });
    expect(r.code, r.stderr).toBe(0);
    const rotated = r.stdout.trim();
    expect(t.issued).toContain(rotated);
    expect(rotated).not.toBe(rt);
    const old = await runCli(v2('--check-refresh'), { env: baseEnv, input: `${rt}\n` });
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(/Check failed: The refresh token is not valid: revoked, already replaced by a newer one.*AADSTS70000/);
    expect(old.stderr).toContain(`Fix: Run wdatp-arcsight token --config ${graphConfig} to get a new refresh token.`);
  });

  it('--client-credentials asks for /.default, reports the application permission, and --verify reads alerts_v2 with $top=1', async () => {
    const r = await runCli(v2('--client-credentials', '--verify', '--events-url', `${graph.url}?$filter=lastUpdateDateTime%20ge%20$START_AT_TIME&$top=500`), {
      env: baseEnv,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /its secret and the scope https:\/\/graph\.microsoft\.com\/\.default work: .* Its application permissions: SecurityAlert\.Read\.All\./,
    );
    expect(r.stderr).toMatch(/Alert API OK: HTTP 200 from 127\.0\.0\.1:\d+; 1 alert\(s\) came back \(\$top=1\)/);
    expect(graph.seen.at(-1)!.search).toBe('?$top=1');
    expect(leakedSecrets(r.stderr + r.stdout, secrets())).toEqual([]);
  });

  it('--verify explains 403 from the token: the missing delegated or application permission and the admin-consent URL (exit 1)', async () => {
    t.idp.setAlertsPermission({ delegated: false, application: false });
    try {
      const app = await runCli(v2('--client-credentials', '--verify', '--events-url', graph.url), { env: baseEnv });
      expect(app.code).toBe(1);
      expect(app.stderr).toMatch(
        /Check failed: Graph at 127\.0\.0\.1:\d+ answered HTTP 403 \(Forbidden: .*\): the access token carries the application permissions none, but not SecurityAlert\.Read\.All\./,
      );
      expect(app.stderr).toContain(
        `/${'contoso.onmicrosoft.com'}/v2.0/adminconsent?client_id=${t.v2cfg.clientId}&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default`,
      );
      const rt = (await signIn(v2('--no-browser'))).stdout.trim();
      const user = await runCli(v2('--check-refresh', '--refresh-token-env', 'RT', '--verify', '--events-url', graph.url), { env: { ...baseEnv, RT: rt } });
      expect(user.code).toBe(1);
      expect(user.stderr).toMatch(/carries the delegated permissions User\.Read, but not SecurityAlert\.Read\.All\./);
      expect(user.stderr).toContain('Microsoft Graph → Delegated permissions → SecurityAlert.Read.All');
      expect(leakedSecrets(app.stderr + user.stderr, secrets())).toEqual([]);
    } finally {
      t.idp.setAlertsPermission({ delegated: true, application: true });
    }
  });

  it("--verify shows 401 with Graph's own error code for a token of another cloud (exit 1)", async () => {
    const file = join(dir, 'gov.properties');
    await writeFile(file, clientFileText({ ...t.v2cfg, scope: 'offline_access https://graph.microsoft.us/SecurityAlert.Read.All' }), 'latin1');
    const r = await runCli(['token', '--config', file, '--ca-file', t.caFile, '--client-credentials', '--verify', '--events-url', graph.url], { env: baseEnv });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/answered HTTP 401 \(InvalidAuthenticationToken: Access token validation failure\. Invalid audience\.\)/);
  });

  it('explains v2 AADSTS codes from the token endpoint (1002012, 7000215) as failed checks', async () => {
    t.idp.inject({ code: 1002012 });
    const scope = await runCli(v2('--client-credentials'), { env: baseEnv });
    expect(scope.code).toBe(1);
    expect(scope.stderr).toMatch(/needs a scope of the form https:\/\/<api>\/\.default.*AADSTS1002012/);
    t.idp.inject({ code: 7000215 });
    const secret = await runCli(v2('--client-credentials'), { env: baseEnv });
    expect(secret.stderr).toMatch(/client secret was rejected .*AADSTS7000215.*HTTP 401/);
  });

  it('stops at a v2 file with resource= in auth_url or v1 and v2 endpoints mixed (exit 2, before any request)', async () => {
    const requests = t.requests;
    const withResource = join(dir, 'resource.properties');
    await writeFile(withResource, clientFileText({ ...t.v2cfg, authUrl: `${t.v2cfg.authUrl}?resource=https%3A%2F%2Fgraph.microsoft.com` }), 'latin1');
    const a = await runCli(['token', '--config', withResource, '--ca-file', t.caFile, '--client-credentials'], { env: baseEnv });
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/auth_url is a v2\.0 endpoint with resource=; Azure AD rejects it \(AADSTS901002\)/);
    const mixed = join(dir, 'mixed.properties');
    await writeFile(mixed, clientFileText({ ...t.v2cfg, tokenUrl: t.cfg.tokenUrl }), 'latin1');
    const b = await runCli(['token', '--config', mixed, '--ca-file', t.caFile, '--client-credentials'], { env: baseEnv });
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/token_url is the v1 token endpoint but auth_url is the v2\.0 authorize endpoint/);
    expect(t.requests).toBe(requests);
  });
});
