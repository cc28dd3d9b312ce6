import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteError } from '../../src/errors/index.js';
import {
  AzureAdError,
  authorizationCodeFlow,
  buildAuthorizeUrl,
  clientCredentials,
  defaultScopeOf,
  explainAzureError,
  followRedirectsBrowser,
  graphAlertsUrlOf,
  graphVerificationUrl,
  refreshTokens,
  verifyGraphAlerts,
  type ClientConfig,
} from '../../src/oauth/index.js';
import { leakedSecrets, startGraphApi, startIdp, TENANT, type TestIdp } from './support.js';

let t: TestIdp;
let graph: Awaited<ReturnType<typeof startGraphApi>>;
beforeAll(async () => {
  t = await startIdp();
  graph = await startGraphApi(t.idp);
});
afterAll(async () => {
  await Promise.all([t.close(), graph.close()]);
});

const http = () => ({ ca: t.ca });

async function signIn(cfg: ClientConfig = t.v2cfg) {
  const lines: string[] = [];
  const tokens = await authorizationCodeFlow(cfg, { ...http(), openBrowser: followRedirectsBrowser(http()), log: (l) => lines.push(l), timeoutSeconds: 20 });
  return { tokens, log: lines.join('\n') };
}

async function refusal(promise: Promise<unknown>): Promise<RemoteError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RemoteError);
  return error as RemoteError;
}

describe('identity platform v2 client (Graph client files)', () => {
  it('signs in with the scope, PKCE (S256) and state, and no resource', () => {
    const url = new URL(buildAuthorizeUrl(t.v2cfg, { state: 'st', codeChallenge: 'ch' }));
    expect(url.pathname).toBe(`/${TENANT}/oauth2/v2.0/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: t.v2cfg.clientId,
      response_type: 'code',
      redirect_uri: t.v2cfg.redirectUri,
      response_mode: 'query',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      scope: 'offline_access https://graph.microsoft.com/SecurityAlert.Read.All',
    });
  });

  it('auth code flow over https returns a refresh token; nothing secret is logged', async () => {
    const { tokens, log } = await signIn();
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.scope).toBe('https://graph.microsoft.com/SecurityAlert.Read.All');
    expect(leakedSecrets(log, [t.v2cfg.clientSecret, ...t.issued])).toEqual([]);
  });

  it('without offline_access in the scope no refresh token comes back', async () => {
    const { tokens } = await signIn({ ...t.v2cfg, scope: 'https://graph.microsoft.com/SecurityAlert.Read.All' });
    expect(tokens.accessToken).toBeTruthy();
    expect(tokens.refreshToken).toBeUndefined();
  });

  it('refresh sends the scope and rotates; the redeemed token is then refused with AADSTS70000 explained', async () => {
    const { tokens } = await signIn();
    const next = await refreshTokens(t.v2cfg, tokens.refreshToken!, http());
    expect(next.refreshToken).toBeTruthy();
    expect(next.refreshToken).not.toBe(tokens.refreshToken);
    const e = await refusal(refreshTokens(t.v2cfg, tokens.refreshToken!, http()));
    expect(e).toBeInstanceOf(AzureAdError);
    expect(e.message).toMatch(/refresh token is not valid: revoked, already replaced by a newer one.*AADSTS70000/);
  });

  it('client credentials ask for https://<graph host>/.default', async () => {
    expect(defaultScopeOf(t.v2cfg)).toBe('https://graph.microsoft.com/.default');
    expect(defaultScopeOf({ ...t.v2cfg, scope: 'offline_access https://dod-graph.microsoft.us/SecurityAlert.Read.All' })).toBe(
      'https://dod-graph.microsoft.us/.default',
    );
    const tokens = await clientCredentials(t.v2cfg, http());
    expect(tokens.refreshToken).toBeUndefined();
    expect((await verifyGraphAlerts(graph.url, tokens.accessToken, t.v2cfg)).status).toBe(200);
  });

  it('verify sends GET alerts_v2?$top=1 without the $START_AT_TIME filter, on the Graph host of the file', async () => {
    expect(graphAlertsUrlOf(t.v2cfg)).toBe('https://graph.microsoft.com/v1.0/security/alerts_v2');
    expect(graphAlertsUrlOf({ ...t.v2cfg, scope: 'offline_access https://graph.microsoft.us/SecurityAlert.Read.All' })).toBe(
      'https://graph.microsoft.us/v1.0/security/alerts_v2',
    );
    expect(graphVerificationUrl('https://graph.microsoft.com/v1.0/security/alerts_v2?$filter=lastUpdateDateTime%20ge%20$START_AT_TIME&$top=500')).toBe(
      'https://graph.microsoft.com/v1.0/security/alerts_v2?$top=1',
    );
    const { tokens } = await signIn();
    const result = await verifyGraphAlerts(graph.url, tokens.accessToken, t.v2cfg);
    expect(result).toMatchObject({ status: 200, count: 1 });
    expect(graph.seen.at(-1)!.search).toBe('?$top=1');
  });

  it('403 without the delegated permission names it, with the v2 admin-consent URL', async () => {
    t.idp.setAlertsPermission({ delegated: false });
    try {
      const { tokens } = await signIn();
      const e = await refusal(verifyGraphAlerts(graph.url, tokens.accessToken, t.v2cfg));
      expect(e.status).toBe(403);
      expect(e.message).toMatch(
        /HTTP 403 \(Forbidden: Missing role permissions.*\): the access token carries the delegated permissions User\.Read, but not SecurityAlert\.Read\.All\./,
      );
      expect(e.hint).toContain('Microsoft Graph → Delegated permissions → SecurityAlert.Read.All');
      const consent = /grants consent at (\S+)\./.exec(e.hint!)![1]!;
      const url = new URL(consent);
      expect(url.pathname).toBe(`/${TENANT}/v2.0/adminconsent`);
      expect(url.searchParams.get('scope')).toBe('https://graph.microsoft.com/SecurityAlert.Read.All');
      expect(url.searchParams.get('client_id')).toBe(t.v2cfg.clientId);
    } finally {
      t.idp.setAlertsPermission({ delegated: true });
    }
  });

  it('403 without the application permission says so, with admin consent for /.default', async () => {
    t.idp.setAlertsPermission({ application: false });
    try {
      const tokens = await clientCredentials(t.v2cfg, http());
      const e = await refusal(verifyGraphAlerts(graph.url, tokens.accessToken, t.v2cfg));
      expect(e.message).toMatch(/carries the application permissions none, but not SecurityAlert\.Read\.All/);
      expect(e.hint).toContain('Application permissions → SecurityAlert.Read.All');
      expect(e.hint).toContain(`v2.0/adminconsent?client_id=${t.v2cfg.clientId}&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default`);
    } finally {
      t.idp.setAlertsPermission({ application: true });
    }
  });

  it('401 for a token of another cloud names the audience; an opaque (v1) token is said not to be for Graph', async () => {
    const gov = await clientCredentials({ ...t.v2cfg, scope: 'offline_access https://graph.microsoft.us/SecurityAlert.Read.All' }, http());
    const e = await refusal(verifyGraphAlerts(graph.url, gov.accessToken, t.v2cfg));
    expect(e.status).toBe(401);
    expect(e.message).toMatch(
      /InvalidAuthenticationToken: Access token validation failure\. Invalid audience\.\): the access token is for https:\/\/graph\.microsoft\.us, not https:\/\/graph\.microsoft\.com/,
    );
    const v1 = await clientCredentials(t.cfg, http());
    expect((await refusal(verifyGraphAlerts(graph.url, v1.accessToken, t.v2cfg))).message).toMatch(/not a JWT, so it was not issued for Microsoft Graph/);
  });
});

describe('text from the identity provider reaching the terminal', () => {
  it("an error redirect's error_description is echoed with control characters escaped, and its AADSTS code explained", async () => {
    const { createServer } = await import('node:http');
    const { listen, closeServer } = await import('./support.js');
    // A hostile or broken sign-in server: redirects back with terminal escape sequences in error_description.
    const server = createServer((req, res) => {
      const q = new URL(req.url!, 'http://127.0.0.1').searchParams;
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('error', 'invalid_request');
      back.searchParams.set('error_description', 'AADSTS901002: \u001b]0;owned\u0007\u001b[2J::error::x\nTrace ID: 1');
      back.searchParams.set('state', q.get('state')!);
      res.writeHead(302, { location: back.toString() });
      res.end();
    });
    const port = await listen(server);
    const { freePort } = await import('./support.js');
    const cfg = { ...t.v2cfg, redirectUri: `http://localhost:${await freePort()}/cb`, authUrl: `http://127.0.0.1:${port}/${TENANT}/oauth2/v2.0/authorize` };
    const lines: string[] = [];
    try {
      const e = await refusal(authorizationCodeFlow(cfg, { openBrowser: followRedirectsBrowser(), log: (l) => lines.push(l), timeoutSeconds: 20 }));
      expect(e.message).toMatch(/refused the resource parameter/);
    } finally {
      await closeServer(server);
    }
    const said = lines.find((l) => l.startsWith('Azure AD said:'))!;
    expect(said).toBe('Azure AD said: AADSTS901002: \\x1b]0;owned\\x07\\x1b[2J::error::x');
    expect(lines.join('\n')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});

describe('v2 AADSTS explanations', () => {
  const ctx = {
    clientId: 'app-1',
    platform: 'v2' as const,
    scope: 'offline_access https://graph.microsoft.us/SecurityAlert.Read.All',
    authUrl: `https://login.microsoftonline.us/${TENANT}/oauth2/v2.0/authorize`,
    tokenUrl: `https://login.microsoftonline.us/${TENANT}/oauth2/v2.0/token`,
    redirectUri: 'https://localhost:44300/wdatpconnector',
    file: 'Graph.properties',
  };
  const cases: Array<[number, RegExp, RegExp]> = [
    [
      901002,
      /refused the resource parameter/,
      /Remove \?resource=\.\.\. from auth_url of Graph\.properties and keep scope=offline_access https:\/\/graph\.microsoft\.us\/SecurityAlert\.Read\.All/,
    ],
    [1002012, /needs a scope of the form https:\/\/<api>\/\.default/, /use https:\/\/graph\.microsoft\.us\/\.default for client credentials/],
    [70011, /scope .* is not valid for the identity platform v2/, /space-separated values/],
    [
      65001,
      /Nobody has consented yet to app app-1 using the permissions in scope/,
      /login\.microsoftonline\.us\/contoso\.onmicrosoft\.com\/v2\.0\/adminconsent\?client_id=app-1&scope=https%3A%2F%2Fgraph\.microsoft\.us%2FSecurityAlert\.Read\.All/,
    ],
    [50011, /redirect URI https:\/\/localhost:44300\/wdatpconnector: it is not registered/, /add this exact redirect URI/],
    [7000215, /client secret was rejected for app app-1/, /Value .*not its Secret ID/],
    [700082, /refresh token has expired/, /wdatp-arcsight token --config Graph\.properties/],
    [7000218, /carried no client secret/, /Set client_secret in Graph\.properties/],
    [700016, /App app-1 was not found in tenant contoso\.onmicrosoft\.com/, /Application \(client\) ID/],
    [90002, /Tenant contoso\.onmicrosoft\.com was not found on login\.microsoftonline\.us/, /GCC High and DoD tenants sign in at login\.microsoftonline\.us/],
    [500011, /The API named in scope \(https:\/\/graph\.microsoft\.us\) is not known/, /https:\/\/dod-graph\.microsoft\.us \(DoD\)/],
    [900023, /is not a tenant ID or domain/, /oauth2\/v2\.0\/authorize and \.\.\.\/oauth2\/v2\.0\/token/],
  ];
  it.each(cases)('AADSTS%i is explained with a concrete fix', (code, message, hint) => {
    const e = explainAzureError({ codes: [code], error: 'invalid_request' }, ctx);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    expect(e.hint).toMatch(hint);
  });

  it('invalid_scope without codes (an error redirect) is explained as AADSTS70011', () => {
    expect(explainAzureError({ error: 'invalid_scope' }, ctx).message).toMatch(/is not valid for the identity platform v2/);
  });
});
