import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteError } from '../../src/errors/index.js';
import { AzureAdError, authorizationCodeFlow, buildAuthorizeUrl, followRedirectsBrowser, redeemCode, type ClientConfig } from '../../src/oauth/index.js';
import { createPkce } from '../../src/oauth/pkce.js';
import { leakedSecrets, startIdp, type TestIdp } from './support.js';

let t: TestIdp;
beforeAll(async () => {
  t = await startIdp();
});
afterAll(async () => {
  await t.close();
});

function collect(): { lines: string[]; log: (line: string) => void; waitFor: (re: RegExp) => Promise<string> } {
  const lines: string[] = [];
  const waiters: Array<{ re: RegExp; resolve: (l: string) => void }> = [];
  return {
    lines,
    log(line) {
      lines.push(line);
      for (const w of [...waiters]) if (w.re.test(line)) w.resolve(line);
    },
    waitFor(re) {
      const hit = lines.find((l) => re.test(l));
      return hit ? Promise.resolve(hit) : new Promise((resolve) => waiters.push({ re, resolve }));
    },
  };
}

/** Where the IdP sends the browser for this authorize URL (what a browser on another machine would end on). */
async function finalRedirect(authorizeUrl: string): Promise<string> {
  const { Agent } = await import('undici');
  const agent = new Agent({ connect: { ca: t.ca } });
  try {
    const response = await fetch(authorizeUrl, { redirect: 'manual', dispatcher: agent } as unknown as RequestInit);
    await response.body?.cancel();
    return response.headers.get('location')!;
  } finally {
    await agent.close();
  }
}

describe('authorization code flow against the sandbox identity provider over https', () => {
  it('signs in with a scripted browser and returns tokens; nothing secret is logged', async () => {
    const out = collect();
    const tokens = await authorizationCodeFlow(t.cfg, { ca: t.ca, openBrowser: followRedirectsBrowser({ ca: t.ca }), log: out.log, timeoutSeconds: 30 });
    expect(tokens.refreshToken).toBeTruthy();
    expect(t.idp.validateAccessToken(tokens.accessToken)).toBe('valid');
    expect(tokens.expiresOn.getTime()).toBeGreaterThan(Date.now());
    const all = out.lines.join('\n');
    expect(all).toContain('SHA-256'); // the generated listener certificate is announced with its fingerprint
    expect(all).toMatch(/Proceed to localhost/);
    expect(leakedSecrets(all, [t.cfg.clientSecret, ...t.issued])).toEqual([]);
  });

  it('sends state, PKCE S256, response_mode=query, the prompt, and keeps the resource of auth_url', () => {
    const url = new URL(buildAuthorizeUrl(t.cfg, { state: 'st', codeChallenge: 'ch', prompt: 'consent' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      resource: 'https://graph.windows.net',
      client_id: t.cfg.clientId,
      response_type: 'code',
      redirect_uri: t.cfg.redirectUri,
      response_mode: 'query',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      prompt: 'consent',
    });
  });

  it('refuses a redirect with a wrong state, keeps listening, and then accepts the real one', async () => {
    const out = collect();
    const flow = authorizationCodeFlow(t.cfg, { ca: t.ca, log: out.log, timeoutSeconds: 30 });
    const urlLine = await out.waitFor(/^\s+https:\/\/127\.0\.0\.1/);
    const authorizeUrl = urlLine.trim();
    const browse = followRedirectsBrowser();
    // A forged answer: right path, wrong state.
    const forged = new URL(t.cfg.redirectUri);
    forged.searchParams.set('code', 'forged-code');
    forged.searchParams.set('state', 'not-the-state');
    await expect(browse(forged.toString())).rejects.toThrow(/HTTP 400: This sign-in does not belong to the running command/);
    // Other paths and methods: 404.
    const other = new URL('/favicon.ico', t.cfg.redirectUri).toString();
    await expect(browse(other)).rejects.toThrow(/HTTP 404/);
    await browse(authorizeUrl);
    const tokens = await flow;
    expect(tokens.refreshToken).toBeTruthy();
    expect(out.lines.join('\n')).toMatch(/Refused a redirect whose state does not match/);
  });

  it("echoes the redirect's error_description with its control characters escaped (anyone can forge a redirect)", async () => {
    const out = collect();
    const flow = authorizationCodeFlow(t.cfg, { ca: t.ca, log: out.log, timeoutSeconds: 30 }).catch((e: unknown) => e);
    const state = new URL((await out.waitFor(/^\s+https:\/\/127\.0\.0\.1/)).trim()).searchParams.get('state')!;
    const forged = new URL(t.cfg.redirectUri);
    forged.searchParams.set('state', state);
    forged.searchParams.set('error', 'access_denied');
    forged.searchParams.set('error_description', 'AADSTS1: \u001b]0;pwned\u0007\u001b[2Jgone');
    await followRedirectsBrowser()(forged.toString()).catch(() => undefined);
    await flow;
    const said = out.lines.find((l) => l.startsWith('Azure AD said:'));
    expect(said).toBe('Azure AD said: AADSTS1: \\x1b]0;pwned\\x07\\x1b[2Jgone');
    expect(out.lines.join('\n')).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('accepts the final redirect URL pasted on stdin (--no-browser)', async () => {
    const out = collect();
    const stdin = new PassThrough();
    const flow = authorizationCodeFlow(t.cfg, { ca: t.ca, log: out.log, stdinPaste: stdin, timeoutSeconds: 30 });
    const authorizeUrl = (await out.waitFor(/^\s+https:\/\/127\.0\.0\.1/)).trim();
    stdin.write('not a url\n');
    const landing = await finalRedirect(authorizeUrl);
    stdin.write(`${landing}\n`);
    const tokens = await flow;
    expect(tokens.refreshToken).toBeTruthy();
    expect(out.lines.join('\n')).toMatch(/That is not the redirect URL/);
    expect(out.lines.join('\n')).toMatch(/Got the pasted sign-in answer/);
  });

  it('keeps waiting for the browser when stdin is closed at once', async () => {
    const out = collect();
    const stdin = new PassThrough();
    stdin.end();
    const flow = authorizationCodeFlow(t.cfg, { ca: t.ca, log: out.log, stdinPaste: stdin, timeoutSeconds: 30 });
    const authorizeUrl = (await out.waitFor(/^\s+https:\/\/127\.0\.0\.1/)).trim();
    await new Promise((r) => setTimeout(r, 300));
    await followRedirectsBrowser()(authorizeUrl);
    expect((await flow).refreshToken).toBeTruthy();
  });

  it('gives up after the timeout with advice about Azure AD error pages', async () => {
    const err = await authorizationCodeFlow(t.cfg, { ca: t.ca, timeoutSeconds: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as RemoteError).message).toBe('No sign-in arrived within 1 s.');
    expect((err as RemoteError).hint).toContain(`AADSTS50011 means ${t.cfg.redirectUri} must be registered`);
  });

  it('stops with InterruptedError when aborted (Ctrl+C)', async () => {
    const ac = new AbortController();
    const flow = authorizationCodeFlow(t.cfg, { ca: t.ca, timeoutSeconds: 30, signal: ac.signal });
    setTimeout(() => ac.abort(), 200);
    await expect(flow).rejects.toMatchObject({ exitCode: 130 });
  });

  it('explains an access_denied redirect and shows the failure in the browser page', async () => {
    t.idp.inject({ code: 65004, endpoint: 'authorize' });
    const err = await authorizationCodeFlow(t.cfg, { ca: t.ca, openBrowser: followRedirectsBrowser({ ca: t.ca }), timeoutSeconds: 30 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AzureAdError);
    expect((err as AzureAdError).message).toMatch(/Sign-in was cancelled or consent was declined/);
  });

  it('explains consent_required with the admin-consent URL', async () => {
    t.idp.inject({ code: 65001, endpoint: 'authorize' });
    const err = (await authorizationCodeFlow(t.cfg, { ca: t.ca, openBrowser: followRedirectsBrowser({ ca: t.ca }), timeoutSeconds: 30 }).catch(
      (e: unknown) => e,
    )) as AzureAdError;
    expect(err.message).toMatch(/Nobody has consented/);
    expect(err.hint).toContain(`${t.origin}/contoso.onmicrosoft.com/adminconsent?client_id=${t.cfg.clientId}`);
  });

  it('fails fast when the sign-in page shows a reply-URL error instead of redirecting (AADSTS50011)', async () => {
    const cfg: ClientConfig = { ...t.cfg, redirectUri: t.cfg.redirectUri.replace('/wdatpconnector', '/WDATPconnector') };
    const err = (await authorizationCodeFlow(cfg, { ca: t.ca, openBrowser: followRedirectsBrowser({ ca: t.ca }), timeoutSeconds: 30 }).catch(
      (e: unknown) => e,
    )) as RemoteError;
    expect(err.message).toMatch(/HTTP 400: .*AADSTS50011/);
  });
});

describe('listener certificate and browser choice', () => {
  it('--cert/--key: the listener serves the given certificate and does not announce a generated one', async () => {
    const { generateLoopbackCertificate, noBrowserReason } = await import('../../src/oauth/index.js');
    const given = await generateLoopbackCertificate();
    const out = collect();
    const { Agent } = await import('undici');
    const trustingOnlyGiven = new Agent({ connect: { ca: given.cert } });
    const tokens = await authorizationCodeFlow(t.cfg, {
      ca: t.ca,
      cert: { key: given.key, cert: given.cert },
      log: out.log,
      timeoutSeconds: 30,
      openBrowser: async (url) => {
        const landing = await finalRedirect(url);
        // Succeeds only if the listener presents exactly the given certificate (trusted here, nothing else is).
        const response = await fetch(landing, { dispatcher: trustingOnlyGiven } as unknown as RequestInit);
        expect(response.status).toBe(200);
        expect(await response.text()).toContain('Signed in');
      },
    });
    await trustingOnlyGiven.close();
    expect(tokens.refreshToken).toBeTruthy();
    expect(out.lines.join('\n')).not.toMatch(/self-signed/);
    expect(noBrowserReason({ SSH_CONNECTION: '10.0.0.1 22 10.0.0.2 5000', DISPLAY: ':0' }, 'linux')).toBe('this is an SSH session');
    expect(noBrowserReason({}, 'linux')).toMatch(/no graphical display/);
    expect(noBrowserReason({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBeUndefined();
    expect(noBrowserReason({}, 'darwin')).toBeUndefined();
  });
});

describe('code redemption', () => {
  async function freshCode(challenge: string): Promise<string> {
    const url = buildAuthorizeUrl(t.cfg, { state: 's', codeChallenge: challenge });
    return new URL(await finalRedirect(url)).searchParams.get('code')!;
  }

  it('refuses a replayed code (AADSTS54005) with advice to sign in again', async () => {
    const pkce = createPkce();
    const code = await freshCode(pkce.challenge);
    await redeemCode(t.cfg, code, pkce.verifier, { ca: t.ca });
    const err = (await redeemCode(t.cfg, code, pkce.verifier, { ca: t.ca }).catch((e: unknown) => e)) as AzureAdError;
    expect(err).toBeInstanceOf(AzureAdError);
    expect(err.codes).toEqual([54005]);
    expect(err.message).toMatch(/already redeemed/);
    expect(err.exitCode).toBe(3);
  });

  it('verifies PKCE: a wrong verifier is refused (AADSTS501481)', async () => {
    const pkce = createPkce();
    const code = await freshCode(pkce.challenge);
    const err = (await redeemCode(t.cfg, code, createPkce().verifier, { ca: t.ca }).catch((e: unknown) => e)) as AzureAdError;
    expect(err.codes).toEqual([501481]);
    expect(err.message).toMatch(/PKCE code_verifier did not match/);
  });
});
