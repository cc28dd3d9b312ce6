import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isGuid } from '../../connector/index.js';
import { entryFor, fillText } from './aadsts.js';
import { escapeHtml, page } from './html.js';
import { verifyJwt, type SandboxTokenClaims } from './jwt.js';
import { TokenStore } from './state.js';
import { createV2Endpoints, isAlertPermission, type Failure } from './v2.js';

export interface IdentityOptions {
  /** The tenant path segment the provider answers for (a GUID or a domain such as contoso.onmicrosoft.com). */
  tenant: string;
  clientId: string;
  clientSecret: string;
  /** Registered reply URLs; `redirect_uri` must match one exactly. */
  redirectUris: string[];
  /** Resources (App ID URIs) known in the tenant, e.g. https://graph.windows.net. */
  resources: string[];
  codeTtlMs?: number;
  refreshTtlMs?: number;
  accessTtlMs?: number;
  now?: () => number;
  /** Called with every code and token issued (tests use it to prove no secret leaks into output). */
  onIssue?: (kind: 'code' | 'access_token' | 'refresh_token', value: string) => void;
  /**
   * Refuse a refresh token once it has been redeemed (AADSTS70000). On by default: every redemption rotates the
   * refresh token, and a client must store the new one before it uses the access token. Azure AD may keep a
   * redeemed token usable for a while; `false` emulates that lenience (a client that stored nothing carries on).
   */
  singleUseRefreshTokens?: boolean;
  /**
   * Whether the tenant has consented to the Graph alerts permission (SecurityAlert.Read.All) as a delegated and as
   * an application permission (default both). Withheld, v2 tokens come without it, so Graph answers 403; the v2
   * admin-consent endpoint grants it again.
   */
  alertsPermission?: { delegated?: boolean; application?: boolean };
}

export interface InjectedError {
  /** AADSTS code to answer with, e.g. 7000215. */
  code: number;
  /** How many requests fail this way (default 1). */
  count?: number;
  /** Which endpoint fails (default token). */
  endpoint?: 'token' | 'authorize';
}

export interface IdentityProvider {
  /**
   * Serves `/<tenant>/oauth2/authorize` and `/<tenant>/oauth2/token` (Azure AD v1), `/<tenant>/oauth2/v2.0/authorize`,
   * `/<tenant>/oauth2/v2.0/token` and `/<tenant>/v2.0/adminconsent` (identity platform v2); resolves false for any
   * other path.
   */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  validateAccessToken(token: string): 'valid' | 'expired' | 'unknown';
  /**
   * Checks the Authorization header of a request to a Graph API on `audience` (e.g. https://graph.microsoft.com):
   * the claims of a valid v2 access token this provider signed, or why it is not one (the API answers 401).
   */
  checkBearer(authorization: string | undefined, audience: string): BearerCheck;
  /** Grants or withholds the Graph alerts permission for tokens issued from now on. */
  setAlertsPermission(permission: { delegated?: boolean; application?: boolean }): void;
  /** Forces the next request(s) on an endpoint to fail with an AADSTS error. */
  inject(error: InjectedError): void;
  /** Ages every refresh token issued so far past its lifetime (the 90-days-of-inactivity case). */
  expireRefreshTokens(): void;
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const ROUTE = /^\/([^/]+)\/oauth2\/(authorize|token)\/?$/i;
const ROUTE_V2 = /^\/([^/]+)\/oauth2\/v2\.0\/(authorize|token)\/?$/i;
const ADMIN_CONSENT_V2 = /^\/([^/]+)\/v2\.0\/adminconsent\/?$/i;
const MAX_BODY = 64 * 1024;

/** The outcome of checking a bearer token: its claims, or why an API must answer 401. */
export type BearerCheck = { ok: true; claims: SandboxTokenClaims } | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'audience'; message: string };

/** Whether the claims carry the Graph alerts permission (delegated scp or application roles); else the API answers 403. */
export function grantsAlertsRead(claims: SandboxTokenClaims): boolean {
  return [...(claims.scp ?? '').split(' '), ...(claims.roles ?? [])].some(isAlertPermission);
}

/**
 * An in-memory identity provider that answers like Azure AD v1 and the identity platform v2 (see docs/token.md for
 * what it emulates). One store, clock and fault queue serve both.
 */
export function createIdentityProvider(o: IdentityOptions): IdentityProvider {
  const now = o.now ?? Date.now;
  const codeTtl = o.codeTtlMs ?? 10 * 60_000;
  const refreshTtl = o.refreshTtlMs ?? 90 * 24 * 3_600_000;
  const accessTtl = o.accessTtlMs ?? 3_599_000;
  const store = new TokenStore(o.onIssue);
  const injected: Array<Required<InjectedError>> = [];
  const signingKey = randomBytes(32);
  const tenantId = isGuid(o.tenant) ? o.tenant.toLowerCase() : guidOf(o.tenant);
  const permission = { delegated: o.alertsPermission?.delegated ?? true, application: o.alertsPermission?.application ?? true };
  const singleUse = o.singleUseRefreshTokens ?? true;

  function takeInjected(endpoint: 'token' | 'authorize'): number | undefined {
    const i = injected.findIndex((e) => e.endpoint === endpoint);
    if (i < 0) return undefined;
    const entry = injected[i]!;
    entry.count -= 1;
    if (entry.count <= 0) injected.splice(i, 1);
    return entry.code;
  }

  function baseValues(tenant: string, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
    return { tenant, clientId: o.clientId, ...extra };
  }

  /** AAD's error JSON: error, "AADSTSnnn: text" + trace lines, error_codes, timestamp, trace and correlation ids. */
  function sendTokenError(res: ServerResponse, failure: Failure): void {
    const entry = entryFor(failure.code);
    const traceId = randomUUID();
    const correlationId = randomUUID();
    const timestamp = new Date(now())
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, 'Z');
    const body: Record<string, unknown> = {
      error: entry.error,
      error_description: `AADSTS${failure.code}: ${fillText(entry.text, failure.values ?? {})}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [failure.code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${failure.code}`,
    };
    if (entry.suberror) body.suberror = entry.suberror;
    sendJson(res, entry.status, body);
  }

  function sendErrorPage(res: ServerResponse, failure: Failure): void {
    const entry = entryFor(failure.code);
    const text = `AADSTS${failure.code}: ${fillText(entry.text, failure.values ?? {})}`;
    res.writeHead(entry.status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      page(
        'Sorry, but we’re having trouble signing you in.',
        `<p id="error">${escapeHtml(text)}</p>\n<p>Request Id: ${randomUUID()}<br>Timestamp: ${new Date(now()).toISOString()}</p>`,
      ),
    );
  }

  /** Sends the browser back to the app, as AAD does for errors the app may handle and for success. */
  function redirectBack(res: ServerResponse, redirectUri: string, params: Record<string, string | undefined>, fragment: boolean): void {
    const target = new URL(redirectUri);
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, v);
    if (fragment) target.hash = query.toString();
    else for (const [k, v] of query) target.searchParams.append(k, v);
    const location = target.toString();
    // A page with a link as well, for clients that do not follow redirects.
    res.writeHead(302, { location, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page('Signing you in', `<p><a href="${escapeHtml(location)}">Continue to the application</a></p>`));
  }

  function redirectError(res: ServerResponse, redirectUri: string, state: string | undefined, failure: Failure, fragment: boolean): void {
    const entry = entryFor(failure.code);
    const error = failure.code === 65001 ? 'consent_required' : entry.error;
    redirectBack(res, redirectUri, { error, error_description: `AADSTS${failure.code}: ${fillText(entry.text, failure.values ?? {})}`, state }, fragment);
  }

  function checkTenant(segment: string): Failure | undefined {
    if (segment.toLowerCase() === o.tenant.toLowerCase()) return undefined;
    if (!isGuid(segment) && !DOMAIN.test(segment)) return { code: 900023, values: { tenant: segment } };
    return { code: 90002, values: { tenant: segment } };
  }

  function authorize(res: ServerResponse, tenant: string, url: URL): void {
    const q = url.searchParams;
    const tenantFailure = checkTenant(tenant);
    if (tenantFailure) return sendErrorPage(res, tenantFailure);
    const clientId = q.get('client_id');
    if (!clientId) return sendErrorPage(res, { code: 900144, values: { parameter: 'client_id' } });
    if (clientId !== o.clientId) return sendErrorPage(res, { code: 700016, values: baseValues(tenant, { clientId }) });
    const redirectUri = q.get('redirect_uri') ?? o.redirectUris[0] ?? '';
    if (!o.redirectUris.includes(redirectUri)) {
      return sendErrorPage(res, { code: 50011, values: baseValues(tenant, { redirectUri }) });
    }
    const state = q.get('state') ?? undefined;
    const fragment = q.get('response_mode') === 'fragment';
    const forced = takeInjected('authorize');
    if (forced !== undefined) {
      const failure = { code: forced, values: baseValues(tenant, { redirectUri, resource: q.get('resource') ?? undefined }) };
      if (entryFor(forced).page) return sendErrorPage(res, failure);
      return redirectError(res, redirectUri, state, failure, fragment);
    }
    if (q.get('response_type') !== 'code') return redirectError(res, redirectUri, state, { code: 70005 }, fragment);
    const resource = q.get('resource') ?? undefined;
    if (resource !== undefined && !o.resources.includes(resource)) {
      return redirectError(res, redirectUri, state, { code: 50001, values: baseValues(tenant, { resource }) }, fragment);
    }
    const challenge = q.get('code_challenge') ?? undefined;
    const method = q.get('code_challenge_method') ?? (challenge ? 'plain' : undefined);
    if (method !== undefined && method !== 'S256' && method !== 'plain') {
      return redirectError(res, redirectUri, state, { code: 900144, values: { parameter: 'code_challenge_method' } }, fragment);
    }
    if (method !== undefined && !challenge) {
      return redirectError(res, redirectUri, state, { code: 900144, values: { parameter: 'code_challenge' } }, fragment);
    }
    // Consent is automatic: the sandbox has a single user who has always agreed.
    const code = store.issueCode({
      clientId,
      redirectUri,
      resource,
      challenge,
      challengeMethod: method,
      expiresAt: now() + codeTtl,
      redeemed: false,
    });
    redirectBack(res, redirectUri, { code, state, session_state: randomUUID() }, fragment);
  }

  function grantTokens(clientId: string, resource: string, withRefresh: boolean): Record<string, unknown> {
    const issuedAt = now();
    const expiresAt = issuedAt + accessTtl;
    const seconds = Math.floor(accessTtl / 1000);
    // Azure AD v1 sends the numbers as strings; clients must cope with both.
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      expires_in: String(seconds),
      ext_expires_in: String(seconds),
      expires_on: String(Math.floor(expiresAt / 1000)),
      not_before: String(Math.floor(issuedAt / 1000)),
      resource,
      access_token: store.issueAccessToken({ clientId, resource, expiresAt }),
    };
    if (withRefresh) {
      body.scope = 'user_impersonation';
      body.refresh_token = store.issueRefreshToken({ clientId, resource, issuedAt, expiresAt: issuedAt + refreshTtl, used: false });
    }
    return body;
  }

  function checkClient(form: URLSearchParams, tenant: string): Failure | undefined {
    const clientId = form.get('client_id');
    if (!clientId) return { code: 900144, values: { parameter: 'client_id' } };
    if (clientId !== o.clientId) return { code: 700016, values: baseValues(tenant, { clientId }) };
    const secret = form.get('client_secret');
    if (!secret) return { code: 7000218 };
    if (!sameText(secret, o.clientSecret)) return { code: 7000215, values: baseValues(tenant) };
    return undefined;
  }

  const v2 = createV2Endpoints({
    clientId: o.clientId,
    redirectUris: o.redirectUris,
    tenantId,
    now,
    store,
    codeTtl,
    refreshTtl,
    accessTtl,
    singleUseRefreshTokens: singleUse,
    signingKey,
    permission,
    takeInjected,
    checkTenant,
    checkClient,
    values: baseValues,
    sendErrorPage,
    redirectBack,
    redirectError,
  });

  function token(form: URLSearchParams, tenant: string): { status: number; body: Record<string, unknown> } | Failure {
    const tenantFailure = checkTenant(tenant);
    if (tenantFailure) return tenantFailure;
    const forced = takeInjected('token');
    const values = baseValues(tenant, {
      redirectUri: form.get('redirect_uri') ?? undefined,
      resource: form.get('resource') ?? undefined,
      issued: new Date(now() - refreshTtl).toISOString(),
    });
    if (forced !== undefined) return { code: forced, values };
    const clientFailure = checkClient(form, tenant);
    if (clientFailure) return clientFailure;
    const clientId = o.clientId;
    const grant = form.get('grant_type');
    if (!grant) return { code: 900144, values: { parameter: 'grant_type' } };
    const resourceParam = form.get('resource') ?? undefined;
    if (resourceParam !== undefined && !o.resources.includes(resourceParam)) return { code: 50001, values };

    if (grant === 'authorization_code') {
      const code = form.get('code');
      if (!code) return { code: 900144, values: { parameter: 'code' } };
      const issued = store.codes.get(code);
      if (!issued || issued.clientId !== clientId) return { code: 9002313 };
      if (issued.redeemed) return { code: 54005 };
      if (issued.expiresAt <= now()) return { code: 70008 };
      const redirectUri = form.get('redirect_uri');
      if (!redirectUri) return { code: 900144, values: { parameter: 'redirect_uri' } };
      if (redirectUri !== issued.redirectUri) return { code: 500112, values };
      if (issued.challenge !== undefined) {
        const verifier = form.get('code_verifier');
        if (!verifier) return { code: 900144, values: { parameter: 'code_verifier' } };
        const computed = issued.challengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
        if (!sameText(computed, issued.challenge)) return { code: 501481 };
      }
      const resource = resourceParam ?? issued.resource;
      if (!resource) return { code: 900144, values: { parameter: 'resource' } };
      if (issued.resource !== undefined && resourceParam !== undefined && issued.resource !== resourceParam) {
        return { code: 50001, values };
      }
      issued.redeemed = true;
      return { status: 200, body: grantTokens(clientId, resource, true) };
    }
    if (grant === 'refresh_token') {
      const refresh = form.get('refresh_token');
      if (!refresh) return { code: 900144, values: { parameter: 'refresh_token' } };
      const issued = store.refreshTokens.get(refresh);
      if (!issued || issued.clientId !== clientId) return { code: 9002313 };
      if (issued.used && singleUse) return { code: 70000 };
      if (issued.expiresAt <= now()) {
        return { code: 700082, values: { ...values, issued: new Date(issued.issuedAt).toISOString() } };
      }
      issued.used = true;
      return { status: 200, body: grantTokens(clientId, resourceParam ?? issued.resource, true) };
    }
    if (grant === 'client_credentials') {
      if (!resourceParam) return { code: 900144, values: { parameter: 'resource' } };
      return { status: 200, body: grantTokens(clientId, resourceParam, false) };
    }
    return { code: 70003 };
  }

  return {
    async handle(req, res, url) {
      const consent = ADMIN_CONSENT_V2.exec(url.pathname);
      const v2Match = ROUTE_V2.exec(url.pathname);
      const match = v2Match ?? ROUTE.exec(url.pathname) ?? consent;
      if (!match) return false;
      const tenant = decodeURIComponent(match[1]!);
      if (consent || match[2]!.toLowerCase() === 'authorize') {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          res.writeHead(405, { allow: 'GET' });
          res.end();
          return true;
        }
        if (consent) v2.adminConsent(res, tenant, url);
        else if (v2Match) v2.authorize(res, tenant, url);
        else authorize(res, tenant, url);
        return true;
      }
      if (req.method !== 'POST') {
        sendTokenError(res, { code: 900561, values: { method: req.method ?? 'unknown' } });
        return true;
      }
      const text = await readBody(req);
      if (text === undefined) {
        sendTokenError(res, { code: 9002313 });
        return true;
      }
      const outcome = (v2Match ? v2.token : token)(new URLSearchParams(text), tenant);
      if ('status' in outcome) sendJson(res, outcome.status, outcome.body);
      else sendTokenError(res, outcome);
      return true;
    },
    validateAccessToken(token) {
      const issued = store.accessTokens.get(token);
      if (!issued) return 'unknown';
      return issued.expiresAt > now() ? 'valid' : 'expired';
    },
    checkBearer(authorization, audience) {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
      if (!bearer) return { ok: false, reason: 'missing', message: 'Access token is empty.' };
      const claims = verifyJwt(bearer, signingKey);
      if (!claims || !store.accessTokens.has(bearer))
        return { ok: false, reason: 'invalid', message: 'Access token validation failure. Invalid signature or token.' };
      if (claims.exp * 1000 <= now()) return { ok: false, reason: 'expired', message: 'Lifetime validation failed, the token is expired.' };
      if (claims.aud.replace(/\/$/, '').toLowerCase() !== audience.replace(/\/$/, '').toLowerCase()) {
        return { ok: false, reason: 'audience', message: 'Access token validation failure. Invalid audience.' };
      }
      return { ok: true, claims };
    },
    setAlertsPermission(p) {
      if (p.delegated !== undefined) permission.delegated = p.delegated;
      if (p.application !== undefined) permission.application = p.application;
    },
    inject(error) {
      injected.push({ code: error.code, count: error.count ?? 1, endpoint: error.endpoint ?? 'token' });
    },
    expireRefreshTokens() {
      const past = now() - 1;
      for (const entry of store.refreshTokens.values()) entry.expiresAt = past;
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store, no-cache',
    pragma: 'no-cache',
  });
  res.end(JSON.stringify(body));
}

/** A stable GUID for a tenant given by domain name (tokens carry the tenant id, never the domain). */
function guidOf(domain: string): string {
  const h = createHash('sha256').update(domain.toLowerCase()).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Constant-time comparison, so the sandbox does not teach timing attacks by example. */
function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The form body, or undefined when it is too large or not form-encoded (AAD then answers "malformed"). */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const type = String(req.headers['content-type'] ?? '');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return undefined;
  return Buffer.concat(chunks).toString('utf8');
}
