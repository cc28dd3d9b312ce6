import { describe, expect, it } from 'vitest';
import { readAccessTokenClaims } from '../../src/oauth/index.js';
import { createPkce } from '../../src/oauth/pkce.js';
import { grantsAlertsRead } from '../../src/sandbox/identity/index.js';
import { GRAPH_SCOPE, startIdp, TENANT } from './support.js';
import { idpWithAgent } from './idp-agent.js';

const ctx = idpWithAgent();

const V2 = `/${TENANT}/oauth2/v2.0`;
type Json = Record<string, unknown>;

function get(path: string, params: Record<string, string> = {}): Promise<Response> {
  const url = new URL(path, ctx.t.origin);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return fetch(url, { redirect: 'manual', dispatcher: ctx.agent } as unknown as RequestInit);
}

async function post(form: Record<string, string>): Promise<{ status: number; body: Json }> {
  const r = await fetch(new URL(`${V2}/token`, ctx.t.origin), {
    method: 'POST',
    body: new URLSearchParams(form),
    dispatcher: ctx.agent,
  } as unknown as RequestInit);
  return { status: r.status, body: (await r.json()) as Json };
}

const client = () => ({ client_id: ctx.t.cfg.clientId, client_secret: ctx.t.cfg.clientSecret });

/** Signs in at the v2 authorize endpoint; the query of the redirect back to the app. */
async function authorize(extra: Record<string, string | undefined> = {}): Promise<{ query: URLSearchParams; verifier: string }> {
  const pkce = createPkce();
  const params: Record<string, string> = {};
  const all = {
    client_id: ctx.t.cfg.clientId,
    response_type: 'code',
    redirect_uri: ctx.t.cfg.redirectUri,
    scope: GRAPH_SCOPE,
    state: 's-1',
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    ...extra,
  };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) params[k] = v;
  const r = await get(`${V2}/authorize`, params);
  expect(r.status).toBe(302);
  return { query: new URL(r.headers.get('location')!).searchParams, verifier: pkce.verifier };
}

async function redeem(scope = GRAPH_SCOPE): Promise<Json> {
  const { query, verifier } = await authorize({ scope });
  const r = await post({
    ...client(),
    grant_type: 'authorization_code',
    code: query.get('code')!,
    redirect_uri: ctx.t.cfg.redirectUri,
    code_verifier: verifier,
    scope,
  });
  expect(r.status).toBe(200);
  return r.body;
}

function claims(body: Json) {
  return readAccessTokenClaims(body.access_token as string)!;
}

describe('sandbox identity platform v2: authorize', () => {
  it('redirects with the code and echoes state', async () => {
    const { query } = await authorize();
    expect(query.get('state')).toBe('s-1');
    expect(query.get('code')).toBeTruthy();
  });

  it('requires PKCE with S256, a scope, and refuses resource (AADSTS901002), all as error redirects with state', async () => {
    const cases: Array<[Record<string, string | undefined>, string, RegExp]> = [
      [{ code_challenge: undefined, code_challenge_method: undefined }, 'invalid_request', /^AADSTS900144: .*'code_challenge'/],
      [{ code_challenge_method: 'plain' }, 'invalid_request', /^AADSTS900144: .*'code_challenge_method'/],
      [{ scope: undefined }, 'invalid_request', /^AADSTS900144: .*'scope'/],
      [{ resource: 'https://graph.microsoft.com' }, 'invalid_request', /^AADSTS901002: The 'resource' request parameter is not supported/],
      [{ scope: 'offline_access,https://graph.microsoft.com/SecurityAlert.Read.All' }, 'invalid_scope', /^AADSTS70011: /],
      [
        { scope: 'offline_access https://graph.example.org/SecurityAlert.Read.All' },
        'invalid_resource',
        /^AADSTS500011: The resource principal named https:\/\/graph\.example\.org/,
      ],
    ];
    for (const [extra, error, description] of cases) {
      const { query } = await authorize(extra);
      expect([query.get('error'), query.get('state'), query.get('code')]).toEqual([error, 's-1', null]);
      expect(query.get('error_description')).toMatch(description);
    }
  });

  it('shows an error page for an unregistered reply URL (AADSTS50011), as on v1', async () => {
    const r = await get(`${V2}/authorize`, { client_id: ctx.t.cfg.clientId, response_type: 'code', redirect_uri: 'https://localhost:1/x', scope: GRAPH_SCOPE });
    expect([r.status, r.headers.get('location')]).toEqual([400, null]);
    expect(await r.text()).toContain('AADSTS50011');
  });
});

describe('sandbox identity platform v2: token', () => {
  it('redeems the code with the verifier: v2 shape (numbers, granted scope), a JWT for Graph with scp, a refresh token', async () => {
    const body = await redeem();
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, scope: 'https://graph.microsoft.com/SecurityAlert.Read.All' });
    expect(typeof body.refresh_token).toBe('string');
    expect(body).not.toHaveProperty('resource');
    const c = claims(body);
    expect(c).toMatchObject({ aud: 'https://graph.microsoft.com', scp: ['SecurityAlert.Read.All'], roles: [], appId: ctx.t.cfg.clientId });
    expect(c.tid).toMatch(/^[0-9a-f-]{36}$/);
    expect(c.exp! * 1000).toBeGreaterThan(Date.now());
    const check = ctx.t.idp.checkBearer(`Bearer ${body.access_token as string}`, 'https://graph.microsoft.com');
    expect(check.ok && grantsAlertsRead(check.claims)).toBe(true);
  });

  it('returns no refresh token when offline_access was not asked for', async () => {
    const body = await redeem('https://graph.microsoft.com/SecurityAlert.Read.All');
    expect(body).not.toHaveProperty('refresh_token');
    expect(claims(body).scp).toEqual(['SecurityAlert.Read.All']);
  });

  it('checks the verifier (AADSTS501481 / 900144), single-use codes (54005) and the v2 error shape', async () => {
    const { query, verifier } = await authorize();
    const form = { ...client(), grant_type: 'authorization_code', code: query.get('code')!, redirect_uri: ctx.t.cfg.redirectUri };
    expect((await post(form)).body.error_codes).toEqual([900144]);
    const wrong = await post({ ...form, code_verifier: createPkce().verifier });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
    expect(wrong.body.error_description).toMatch(/^AADSTS501481: .*\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: /s);
    for (const key of ['trace_id', 'correlation_id', 'timestamp']) expect(wrong.body).toHaveProperty(key);
    expect((await post({ ...form, code_verifier: verifier })).status).toBe(200);
    expect((await post({ ...form, code_verifier: verifier })).body.error_codes).toEqual([54005]);
  });

  it('rotates refresh tokens, and a redeemed one is refused (AADSTS70000) by default', async () => {
    const first = (await redeem()).refresh_token as string;
    const refresh = (rt: string) => post({ ...client(), grant_type: 'refresh_token', refresh_token: rt, scope: GRAPH_SCOPE });
    const r1 = await refresh(first);
    expect(r1.status).toBe(200);
    const second = r1.body.refresh_token as string;
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    expect(claims(r1.body).scp).toEqual(['SecurityAlert.Read.All']);
    expect((await refresh(first)).body).toMatchObject({ error: 'invalid_grant', error_codes: [70000] });
    expect((await refresh(second)).status).toBe(200);
  });

  it('keeps redeemed refresh tokens usable when told to (Azure AD lenience)', async () => {
    const lenient = await startIdp({ singleUseRefreshTokens: false });
    try {
      const { authorizationCodeFlow, followRedirectsBrowser, refreshTokens } = await import('../../src/oauth/index.js');
      const http = { ca: lenient.ca };
      const { refreshToken } = await authorizationCodeFlow(lenient.v2cfg, { ...http, openBrowser: followRedirectsBrowser(http), timeoutSeconds: 20 });
      const rotated = await refreshTokens(lenient.v2cfg, refreshToken!, http);
      expect(rotated.refreshToken).not.toBe(refreshToken);
      expect((await refreshTokens(lenient.v2cfg, refreshToken!, http)).accessToken).toBeTruthy();
    } finally {
      await lenient.close();
    }
  });

  it('client credentials need <api>/.default (AADSTS1002012) and give roles; resource is refused (AADSTS901002)', async () => {
    const cc = (extra: Record<string, string>) => post({ ...client(), grant_type: 'client_credentials', ...extra });
    const ok = await cc({ scope: 'https://graph.microsoft.com/.default' });
    expect(ok.status).toBe(200);
    expect(ok.body).not.toHaveProperty('refresh_token');
    expect(claims(ok.body)).toMatchObject({ aud: 'https://graph.microsoft.com', scp: [], roles: ['SecurityAlert.Read.All'] });
    const gov = await cc({ scope: 'https://graph.microsoft.us/.default' });
    expect(claims(gov.body).aud).toBe('https://graph.microsoft.us');
    expect((await cc({ scope: 'https://graph.microsoft.com/SecurityAlert.Read.All' })).body).toMatchObject({ error: 'invalid_scope', error_codes: [1002012] });
    expect((await cc({ scope: 'https://graph.microsoft.com/.default', resource: 'https://graph.microsoft.com' })).body.error_codes).toEqual([901002]);
    expect((await cc({ scope: 'https://graph.microsoft.com/.default', client_secret: 'wrong' })).status).toBe(401);
  });

  it('can withhold the alerts permission: tokens then lack it (403 for the API), and admin consent grants it again', async () => {
    ctx.t.idp.setAlertsPermission({ delegated: false, application: false });
    try {
      const delegated = await redeem();
      expect(delegated.scope).toBe('https://graph.microsoft.com/User.Read');
      expect(claims(delegated).scp).toEqual(['User.Read']);
      const app = await post({ ...client(), grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' });
      expect(claims(app.body).roles).toEqual([]);
      for (const token of [delegated.access_token, app.body.access_token] as string[]) {
        const check = ctx.t.idp.checkBearer(`Bearer ${token}`, 'https://graph.microsoft.com');
        expect(check.ok && grantsAlertsRead(check.claims)).toBe(false);
      }
      const consent = await get(`/${TENANT}/v2.0/adminconsent`, {
        client_id: ctx.t.cfg.clientId,
        scope: 'https://graph.microsoft.com/.default',
        redirect_uri: ctx.t.cfg.redirectUri,
        state: 'c',
      });
      const back = new URL(consent.headers.get('location')!).searchParams;
      expect([back.get('admin_consent'), back.get('state')]).toEqual(['True', 'c']);
      expect(claims(await redeem()).scp).toEqual(['SecurityAlert.Read.All']);
    } finally {
      ctx.t.idp.setAlertsPermission({ delegated: true, application: true });
    }
  });

  it('checkBearer: 401 reasons for missing, forged, foreign-audience and v1 tokens', async () => {
    const body = await redeem();
    const token = body.access_token as string;
    expect(ctx.t.idp.checkBearer(undefined, 'https://graph.microsoft.com')).toMatchObject({ ok: false, reason: 'missing' });
    expect(ctx.t.idp.checkBearer(`Bearer ${token}`, 'https://graph.microsoft.us')).toMatchObject({ ok: false, reason: 'audience' });
    // The payload edited to claim an application role: the signature no longer matches.
    const [h, p, sig] = token.split('.');
    const forged = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Json;
    forged.roles = ['SecurityAlert.Read.All'];
    const edited = `${h}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}`;
    expect(ctx.t.idp.checkBearer(`Bearer ${edited}`, 'https://graph.microsoft.com')).toMatchObject({ ok: false, reason: 'invalid' });
    const v1 = await fetch(new URL(`/${TENANT}/oauth2/token`, ctx.t.origin), {
      method: 'POST',
      body: new URLSearchParams({ ...client(), grant_type: 'client_credentials', resource: ctx.t.cfg.resource! }),
      dispatcher: ctx.agent,
    } as unknown as RequestInit);
    const v1Token = ((await v1.json()) as Json).access_token as string;
    expect(ctx.t.idp.checkBearer(`Bearer ${v1Token}`, 'https://graph.microsoft.com')).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('fault switches apply to v2 too: inject fails the next token request with any AADSTS code', async () => {
    ctx.t.idp.inject({ code: 7000215 });
    const r = await post({ ...client(), grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' });
    expect([r.status, r.body.error, r.body.error_codes]).toEqual([401, 'invalid_client', [7000215]]);
    ctx.t.idp.inject({ code: 65001, endpoint: 'authorize' });
    const { query } = await authorize();
    expect([query.get('error'), query.get('state')]).toEqual(['consent_required', 's-1']);
  });
});

describe('the sandbox server serves identity platform v2 beside v1', () => {
  it('v2 token endpoint on the sandbox; POST /_sandbox/permissions withholds the alerts permission from a separate process', async () => {
    const { startSandbox } = await import('../../src/sandbox/index.js');
    const sandbox = await startSandbox({ generate: 1 });
    try {
      const cc = async () => {
        const r = await fetch(`${sandbox.url}/${sandbox.tenant}/oauth2/v2.0/token`, {
          method: 'POST',
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: sandbox.clientId,
            client_secret: sandbox.clientSecret,
            scope: 'https://graph.microsoft.com/.default',
          }),
        });
        expect(r.status).toBe(200);
        return readAccessTokenClaims(((await r.json()) as Json).access_token as string)!;
      };
      expect((await cc()).roles).toEqual(['SecurityAlert.Read.All']);
      const control = (body: unknown) => fetch(`${sandbox.url}/_sandbox/permissions`, { method: 'POST', body: JSON.stringify(body) });
      expect((await control({ application: false })).status).toBe(200);
      expect((await cc()).roles).toEqual([]);
      expect((await control({ application: 'no' })).status).toBe(400);
      await control({ application: true });
      expect((await cc()).roles).toEqual(['SecurityAlert.Read.All']);
    } finally {
      await sandbox.close();
    }
  });
});
