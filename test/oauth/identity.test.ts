import { describe, expect, it } from 'vitest';
import { createPkce } from '../../src/oauth/pkce.js';
import { TENANT } from './support.js';
import { idpWithAgent } from './idp-agent.js';

const ctx = idpWithAgent();

function get(path: string, params: Record<string, string> = {}): Promise<Response> {
  const url = new URL(path, ctx.t.origin);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return fetch(url, { redirect: 'manual', dispatcher: ctx.agent } as unknown as RequestInit);
}

function post(path: string, form: Record<string, string>): Promise<Response> {
  return fetch(new URL(path, ctx.t.origin), { method: 'POST', body: new URLSearchParams(form), dispatcher: ctx.agent } as unknown as RequestInit);
}

const authorizeParams = () => ({
  client_id: ctx.t.cfg.clientId,
  response_type: 'code',
  redirect_uri: ctx.t.cfg.redirectUri,
  resource: ctx.t.cfg.resource!,
  state: 'xyz',
});

describe('sandbox identity provider: authorize', () => {
  it('redirects with code and state (302 plus a page with a link for clients that do not follow redirects)', async () => {
    const r = await get(`/${TENANT}/oauth2/authorize`, authorizeParams());
    expect(r.status).toBe(302);
    const location = new URL(r.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(ctx.t.cfg.redirectUri);
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(location.searchParams.get('code')).toBeTruthy();
    expect(await r.text()).toContain(`href="${r.headers.get('location')!.replace(/&/g, '&#38;')}"`);
  });

  it('shows an AADSTS50011 error page (no redirect) for an unregistered redirect URI', async () => {
    const r = await get(`/${TENANT}/oauth2/authorize`, { ...authorizeParams(), redirect_uri: 'https://localhost:1/other' });
    expect(r.status).toBe(400);
    expect(r.headers.get('location')).toBeNull();
    expect(await r.text()).toContain('AADSTS50011: The redirect URI &#39;https://localhost:1/other&#39; specified in the request does not match');
  });

  it('shows error pages for an unknown app (700016), an unknown tenant (90002) and a malformed tenant (900023)', async () => {
    expect(await (await get(`/${TENANT}/oauth2/authorize`, { ...authorizeParams(), client_id: 'nope' })).text()).toContain('AADSTS700016');
    const unknown = await get('/fabrikam.onmicrosoft.com/oauth2/authorize', authorizeParams());
    expect([unknown.status, (await unknown.text()).includes('AADSTS90002')]).toEqual([400, true]);
    expect(await (await get('/not_a_tenant/oauth2/authorize', authorizeParams())).text()).toContain('AADSTS900023');
  });

  it('redirects errors the app can handle: unknown resource (invalid_resource), wrong response_type', async () => {
    const r = await get(`/${TENANT}/oauth2/authorize`, { ...authorizeParams(), resource: 'https://nope.example' });
    const q = new URL(r.headers.get('location')!).searchParams;
    expect([q.get('error'), q.get('state')]).toEqual(['invalid_resource', 'xyz']);
    expect(q.get('error_description')).toMatch(/^AADSTS50001: /);
    const rt = await get(`/${TENANT}/oauth2/authorize`, { ...authorizeParams(), response_type: 'token' });
    expect(new URL(rt.headers.get('location')!).searchParams.get('error')).toBe('unsupported_response_type');
  });

  it('leaves other paths to the caller', async () => {
    expect((await get('/health')).status).toBe(404);
  });
});

describe('sandbox identity provider: token', () => {
  async function code(challenge?: string): Promise<string> {
    const params: Record<string, string> = authorizeParams();
    if (challenge) Object.assign(params, { code_challenge: challenge, code_challenge_method: 'S256' });
    const r = await get(`/${TENANT}/oauth2/authorize`, params);
    return new URL(r.headers.get('location')!).searchParams.get('code')!;
  }
  const redeem = (c: string, extra: Record<string, string> = {}) =>
    post(`/${TENANT}/oauth2/token`, {
      grant_type: 'authorization_code',
      client_id: ctx.t.cfg.clientId,
      client_secret: ctx.t.cfg.clientSecret,
      code: c,
      redirect_uri: ctx.t.cfg.redirectUri,
      ...extra,
    });

  it('answers like Azure AD v1: strings for expires_in/expires_on, Bearer, resource, refresh token', async () => {
    const r = await redeem(await code());
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toContain('no-store');
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: '3599', resource: 'https://graph.windows.net', scope: 'user_impersonation' });
    expect(typeof body.expires_on).toBe('string');
    expect(Number(body.expires_on) * 1000).toBeGreaterThan(Date.now());
    expect(ctx.t.idp.validateAccessToken(body.access_token as string)).toBe('valid');
    expect(ctx.t.idp.validateAccessToken('made-up')).toBe('unknown');
  });

  it('sends the AADSTS error shape with the right status', async () => {
    const c = await code();
    await redeem(c);
    const r = await redeem(c);
    expect(r.status).toBe(400);
    const body = (await r.json()) as Record<string, unknown>;
    expect(body.error).toBe('invalid_grant');
    expect(body.error_codes).toEqual([54005]);
    expect(body.error_description).toMatch(
      /^AADSTS54005: .*\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/s,
    );
    expect(body).toHaveProperty('trace_id');
    expect(body).toHaveProperty('correlation_id');
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  });

  it('checks PKCE, the redirect URI of the code, and the secret (401)', async () => {
    const pkce = createPkce();
    const c1 = await code(pkce.challenge);
    expect(((await (await redeem(c1)).json()) as { error_codes: number[] }).error_codes).toEqual([900144]);
    expect(((await (await redeem(c1, { code_verifier: 'wrong' })).json()) as { error_codes: number[] }).error_codes).toEqual([501481]);
    expect((await redeem(c1, { code_verifier: pkce.verifier })).status).toBe(200);
    const c2 = await code();
    expect(((await (await redeem(c2, { redirect_uri: 'https://localhost:2/x' })).json()) as { error_codes: number[] }).error_codes).toEqual([500112]);
    const bad = await redeem(c2, { client_secret: 'wrong' });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: string }).error).toBe('invalid_client');
  });

  it('refuses expired codes (70008), GET requests (405) and unknown grants (70003)', async () => {
    const { createIdentityProvider } = await import('../../src/sandbox/identity/index.js');
    let now = 1_000_000;
    const idp = createIdentityProvider({
      tenant: TENANT,
      clientId: 'c',
      clientSecret: 's',
      redirectUris: ['http://localhost:1/cb'],
      resources: ['r'],
      now: () => now,
      codeTtlMs: 1000,
    });
    const { createServer } = await import('node:http');
    const { listen, closeServer } = await import('./support.js');
    const server = createServer((req, res) => void idp.handle(req, res, new URL(req.url!, 'http://127.0.0.1')));
    const port = await listen(server);
    try {
      const base = `http://127.0.0.1:${port}/${TENANT}/oauth2`;
      const a = await fetch(`${base}/authorize?client_id=c&response_type=code&redirect_uri=${encodeURIComponent('http://localhost:1/cb')}&resource=r`, {
        redirect: 'manual',
      });
      const c = new URL(a.headers.get('location')!).searchParams.get('code')!;
      now += 2000;
      const form = { grant_type: 'authorization_code', client_id: 'c', client_secret: 's', code: c, redirect_uri: 'http://localhost:1/cb' };
      const expired = await fetch(`${base}/token`, { method: 'POST', body: new URLSearchParams(form) });
      expect(((await expired.json()) as { error_codes: number[] }).error_codes).toEqual([70008]);
      expect((await fetch(`${base}/token`)).status).toBe(405);
      const unknown = await fetch(`${base}/token`, { method: 'POST', body: new URLSearchParams({ ...form, grant_type: 'password' }) });
      expect(((await unknown.json()) as { error_codes: number[] }).error_codes).toEqual([70003]);
    } finally {
      await closeServer(server);
    }
  });

  it('inject forces the next N requests of an endpoint to fail, then behaves normally again', async () => {
    ctx.t.idp.inject({ code: 50196, count: 2 });
    const cc = () =>
      post(`/${TENANT}/oauth2/token`, {
        grant_type: 'client_credentials',
        client_id: ctx.t.cfg.clientId,
        client_secret: ctx.t.cfg.clientSecret,
        resource: ctx.t.cfg.resource!,
      });
    expect(((await (await cc()).json()) as { error_codes: number[] }).error_codes).toEqual([50196]);
    expect(((await (await cc()).json()) as { error_codes: number[] }).error_codes).toEqual([50196]);
    expect((await cc()).status).toBe(200);
  });
});
