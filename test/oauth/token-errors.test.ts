import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteError } from '../../src/errors/index.js';
import {
  AzureAdError,
  clientCredentials,
  explainAzureError,
  parseTokenResponse,
  refreshTokens,
  authorizationCodeFlow,
  followRedirectsBrowser,
} from '../../src/oauth/index.js';
import { closeServer, listen, startConnectProxy, startIdp, TENANT, type TestIdp } from './support.js';

let t: TestIdp;
let refreshToken: string;
beforeAll(async () => {
  t = await startIdp();
  const tokens = await authorizationCodeFlow(t.cfg, { ca: t.ca, openBrowser: followRedirectsBrowser({ ca: t.ca }), timeoutSeconds: 30 });
  refreshToken = tokens.refreshToken!;
});
afterAll(async () => {
  await t.close();
});

async function failure(p: Promise<unknown>): Promise<AzureAdError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AzureAdError);
  return e as AzureAdError;
}

describe('every Azure AD error the issue lists gets its own explanation (forced by the identity provider)', () => {
  const consentUrl = () => `/${TENANT}/adminconsent?client_id=${t.cfg.clientId}`;
  const cases: Array<{ code: number; status: number; message: RegExp; hint: () => string; expired?: boolean }> = [
    {
      code: 50011,
      status: 400,
      message: /refused the redirect URI https:\/\/localhost:\d+\/wdatpconnector: it is not registered/,
      hint: () => `add this exact redirect URI (platform "Web"): ${t.cfg.redirectUri}`,
    },
    { code: 7000215, status: 401, message: /client secret was rejected/, hint: () => 'not its Secret ID' },
    { code: 7000222, status: 401, message: /client secret of app .* has expired/, hint: () => 'New client secret' },
    { code: 700016, status: 400, message: new RegExp(`App ${t?.cfg.clientId ?? '\\S+'} was not found in tenant ${TENANT}`), hint: () => 'client_ID' },
    { code: 90002, status: 400, message: new RegExp(`Tenant ${TENANT} was not found on 127\\.0\\.0\\.1:\\d+`), hint: () => 'login.microsoftonline.us' },
    { code: 900023, status: 400, message: /is not a tenant ID or domain/, hint: () => 'Directory (tenant) ID' },
    { code: 90038, status: 400, message: /another national cloud/, hint: () => 'login.microsoftonline.us for GCC High and DoD' },
    { code: 65001, status: 400, message: /Nobody has consented yet/, hint: () => consentUrl() },
    { code: 70008, status: 400, message: /refresh token has expired/, hint: () => 'wdatp-arcsight token --config WDATP-connector.properties', expired: true },
    { code: 700082, status: 400, message: /refresh token has expired/, hint: () => 'Refresh Token field', expired: true },
    { code: 70000, status: 400, message: /refresh token is not valid/, hint: () => 'wdatp-arcsight token --config' },
    {
      code: 50001,
      status: 400,
      message: /resource https:\/\/graph\.windows\.net is not known/,
      hint: () => 'https://WDATPAlertExport.Seville.onmicrosoft.com',
    },
    { code: 50196, status: 400, message: /request loop/, hint: () => 'reuse tokens' },
  ];
  for (const c of cases) {
    it(`AADSTS${c.code}`, async () => {
      t.idp.inject({ code: c.code });
      const err = await failure(refreshTokens(t.cfg, 'unused-because-the-error-is-forced', { ca: t.ca }));
      expect(err.codes).toEqual([c.code]);
      expect(err.status).toBe(c.status);
      expect(err.message).toMatch(c.message);
      expect(err.message).toContain(`AADSTS${c.code}`);
      expect(err.hint).toContain(c.hint());
      expect(err.expiredRefreshToken).toBe(c.expired === true);
      expect(err.exitCode).toBe(3);
    });
  }
});

describe('real (not forced) refusals of the identity provider', () => {
  it('a wrong client secret is 7000215 with HTTP 401', async () => {
    const err = await failure(clientCredentials({ ...t.cfg, clientSecret: 'wrong' }, { ca: t.ca }));
    expect([err.status, err.codes]).toEqual([401, [7000215]]);
  });

  it('an unknown tenant is 90002, a malformed tenant segment 900023', async () => {
    const other = await failure(clientCredentials({ ...t.cfg, tokenUrl: `${t.origin}/fabrikam.onmicrosoft.com/oauth2/token` }, { ca: t.ca }));
    expect([other.status, other.codes, other.error]).toEqual([400, [90002], 'invalid_tenant']);
    expect(other.message).toContain('Tenant fabrikam.onmicrosoft.com was not found');
    const malformed = await failure(clientCredentials({ ...t.cfg, tokenUrl: `${t.origin}/authorize/oauth2/token` }, { ca: t.ca }));
    expect(malformed.codes).toEqual([900023]);
  });

  it('an unknown resource is 50001', async () => {
    const err = await failure(clientCredentials({ ...t.cfg, resource: 'https://example.invalid' }, { ca: t.ca }));
    expect(err.codes).toEqual([50001]);
    expect(err.message).toContain('https://example.invalid');
  });

  it('client credentials grant an access token and no refresh token', async () => {
    const tokens = await clientCredentials(t.cfg, { caFile: t.caFile });
    expect(tokens.refreshToken).toBeUndefined();
    expect(tokens.resource).toBe('https://graph.windows.net');
    expect(t.idp.validateAccessToken(tokens.accessToken)).toBe('valid');
  });

  it('refresh rotates: a new refresh token is issued and works; the redeemed one is refused (AADSTS70000)', async () => {
    const next = await refreshTokens(t.cfg, refreshToken, { ca: t.ca });
    expect(next.refreshToken).toBeTruthy();
    expect(next.refreshToken).not.toBe(refreshToken);
    const again = await failure(refreshTokens(t.cfg, refreshToken, { ca: t.ca }));
    expect(again.codes).toEqual([70000]);
    expect(again.message).toMatch(/already replaced by a newer one/);
    const fromNew = await refreshTokens(t.cfg, next.refreshToken!, { ca: t.ca });
    expect(t.idp.validateAccessToken(fromNew.accessToken)).toBe('valid');
    refreshToken = fromNew.refreshToken!;
  });

  it('an invalid refresh token is refused (AADSTS70000 forced) with the fix', async () => {
    t.idp.inject({ code: 70000 });
    const err = await failure(refreshTokens(t.cfg, refreshToken, { ca: t.ca }));
    expect(err.codes).toEqual([70000]);
    expect(err.hint).toContain('wdatp-arcsight token --config');
  });

  it('an expired refresh token is 700082 and marked expiredRefreshToken', async () => {
    t.idp.expireRefreshTokens();
    const err = await failure(refreshTokens(t.cfg, refreshToken, { ca: t.ca }));
    expect(err.codes).toEqual([700082]);
    expect(err.expiredRefreshToken).toBe(true);
  });
});

describe('explainAzureError', () => {
  it('picks the specific code when several are sent ([70002, 70008] is an expired token)', () => {
    expect(explainAzureError({ error: 'invalid_grant', codes: [70002, 70008] }, { step: 'refresh_token' }).code).toBe(70008);
  });

  it('falls back on the error value when no code is known', () => {
    expect(explainAzureError({ error: 'interaction_required' }).message).toMatch(/sign in interactively/);
    expect(explainAzureError({ error: 'whatever', codes: [123456] }).hint).toContain('AADSTS123456');
  });

  it('says the sign-in code (not the refresh token) expired when redeeming a code', () => {
    const e = explainAzureError({ error: 'invalid_grant', codes: [70008] }, { step: 'authorization_code' });
    expect(e.message).toMatch(/sign-in code expired/);
    expect(e.expiredRefreshToken).toBeUndefined();
  });
});

describe('token responses', () => {
  it('accepts expires_in/expires_on as strings (Azure AD v1) and as numbers', () => {
    const base = { access_token: 'a', token_type: 'Bearer' };
    expect(parseTokenResponse({ ...base, expires_on: '1488720683' }, 0).expiresOn.toISOString()).toBe('2017-03-05T13:31:23.000Z');
    expect(parseTokenResponse({ ...base, expires_on: 1488720683 }, 0).expiresOn.toISOString()).toBe('2017-03-05T13:31:23.000Z');
    expect(parseTokenResponse({ ...base, expires_in: '3599' }, 1_000_000).expiresOn.getTime()).toBe(1_000_000 + 3_599_000);
    expect(parseTokenResponse({ ...base, expires_in: 3599 }, 1_000_000).expiresOn.getTime()).toBe(1_000_000 + 3_599_000);
  });

  it('a 200 without access_token is an error', () => {
    expect(() => parseTokenResponse({ token_type: 'Bearer' }, 0)).toThrow(/without an access_token/);
  });
});

describe('network, TLS and proxy', () => {
  it('connection refused has its own message', async () => {
    const server = createTcpServer();
    const port = await listen(server);
    await closeServer(server);
    const err = (await clientCredentials({ ...t.cfg, tokenUrl: `https://127.0.0.1:${port}/${TENANT}/oauth2/token` }).catch((e: unknown) => e)) as RemoteError;
    expect(err).toBeInstanceOf(RemoteError);
    expect(err.message).toBe(`Connection refused by 127.0.0.1:${port}.`);
    expect(err.exitCode).toBe(3);
  });

  it('an untrusted certificate says so and suggests --ca-file', async () => {
    const err = (await clientCredentials(t.cfg).catch((e: unknown) => e)) as RemoteError;
    expect(err.message).toMatch(/TLS certificate of 127\.0\.0\.1:\d+ is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    expect(err.hint).toContain('--ca-file');
  });

  it('a certificate for another host name, and an expired one, have their own messages', async () => {
    const expired = await generate([{ name: 'commonName', value: 'localhost' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate: new Date(Date.now() - 3 * 86_400_000),
      notAfterDate: new Date(Date.now() - 86_400_000),
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    const server = createHttpsServer({ key: expired.private, cert: expired.cert }, (_q, s) => s.end());
    const port = await listen(server);
    try {
      const err = (await clientCredentials({ ...t.cfg, tokenUrl: `https://127.0.0.1:${port}/${TENANT}/oauth2/token` }, { ca: expired.cert }).catch(
        (e: unknown) => e,
      )) as RemoteError;
      expect(err.message).toMatch(/TLS certificate of 127\.0\.0\.1:\d+ is expired/);
      expect(err.hint).toMatch(/clock/);
    } finally {
      await closeServer(server);
    }
    const other = await generate([{ name: 'commonName', value: 'example.test' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'example.test' }] }],
    });
    const server2 = createHttpsServer({ key: other.private, cert: other.cert }, (_q, s) => s.end());
    const port2 = await listen(server2);
    try {
      const err = (await clientCredentials({ ...t.cfg, tokenUrl: `https://127.0.0.1:${port2}/${TENANT}/oauth2/token` }, { ca: other.cert }).catch(
        (e: unknown) => e,
      )) as RemoteError;
      expect(err.message).toBe(`The TLS certificate presented for 127.0.0.1:${port2} is issued for another host name.`);
    } finally {
      await closeServer(server2);
    }
  });

  it('an unknown host name has its own message', async () => {
    const err = (await clientCredentials({ ...t.cfg, tokenUrl: `https://login.no-such-host.invalid/${TENANT}/oauth2/token` }, { timeoutMs: 10_000 }).catch(
      (e: unknown) => e,
    )) as RemoteError;
    expect(err.message).toMatch(/^Cannot resolve the host name login\.no-such-host\.invalid \((ENOTFOUND|EAI_AGAIN)\)\.$/);
  });

  it('a server that never answers times out with its own message', async () => {
    const sockets: Socket[] = [];
    const silent = createTcpServer((s) => sockets.push(s));
    const port = await listen(silent);
    try {
      const err = (await clientCredentials({ ...t.cfg, tokenUrl: `https://127.0.0.1:${port}/${TENANT}/oauth2/token` }, { timeoutMs: 400 }).catch(
        (e: unknown) => e,
      )) as RemoteError;
      expect(err.message).toBe(`No answer from 127.0.0.1:${port} within 0.4 s (timeout).`);
    } finally {
      for (const s of sockets) s.destroy();
      await closeServer(silent);
    }
  });

  it('honours HTTPS_PROXY (a CONNECT proxy sees the tunnel) and NO_PROXY', async () => {
    const proxy = await startConnectProxy();
    try {
      const tokens = await clientCredentials(t.cfg, { ca: t.ca, env: { HTTPS_PROXY: proxy.url } });
      expect(tokens.accessToken).toBeTruthy();
      expect(proxy.hits).toBe(1);
      await clientCredentials(t.cfg, { ca: t.ca, env: { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
      expect(proxy.hits).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});
