import { createHash, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { CLOUDS, CLOUD_IDS, GRAPH_ALERTS_PERMISSION } from '../../connector/index.js';
import { entryFor } from './aadsts.js';
import { signJwt, type SandboxTokenClaims } from './jwt.js';
import type { TokenStore } from './state.js';

/**
 * The identity platform v2 endpoints (`/{tenant}/oauth2/v2.0/authorize|token`, `/{tenant}/v2.0/adminconsent`) for
 * Microsoft Graph: scopes instead of resources, PKCE (S256) required for the code, a refresh token only when
 * offline_access was asked for, client credentials only with `<api>/.default`, and access tokens that are JWTs
 * carrying `scp` (delegated) or `roles` (application) for the Graph host named in the scope.
 */

export interface Failure {
  code: number;
  values?: Record<string, string | undefined>;
}

/** What the v2 endpoints share with the v1 ones: the app, the store, the clock, the fault queue and the error shapes. */
export interface IdentityCore {
  clientId: string;
  redirectUris: string[];
  tenantId: string;
  now(): number;
  store: TokenStore;
  codeTtl: number;
  refreshTtl: number;
  accessTtl: number;
  singleUseRefreshTokens: boolean;
  signingKey: Buffer;
  /** Which alerts permissions the tenant has consented to (the sandbox's fault switch withholds them). */
  permission: { delegated: boolean; application: boolean };
  takeInjected(endpoint: 'token' | 'authorize'): number | undefined;
  checkTenant(segment: string): Failure | undefined;
  /** client_id and client_secret of a token request. */
  checkClient(form: URLSearchParams, tenant: string): Failure | undefined;
  values(tenant: string, extra?: Record<string, string | undefined>): Record<string, string | undefined>;
  sendErrorPage(res: ServerResponse, failure: Failure): void;
  redirectBack(res: ServerResponse, redirectUri: string, params: Record<string, string | undefined>, fragment: boolean): void;
  redirectError(res: ServerResponse, redirectUri: string, state: string | undefined, failure: Failure, fragment: boolean): void;
}

/** Scopes about the sign-in itself rather than an API. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
/** Graph permissions the sandbox knows (case-insensitive, as Azure AD treats them). */
const GRAPH_PERMISSIONS = [GRAPH_ALERTS_PERMISSION, 'SecurityAlert.ReadWrite.All', 'User.Read'];
const GRAPH_ORIGINS = new Set(CLOUD_IDS.map((c) => `https://${CLOUDS[c].graphHost}`));
const DEFAULT_GRAPH = `https://${CLOUDS.commercial.graphHost}`;
/** What every app registration may use without admin consent: the sign-in and profile read. */
const BASIC_PERMISSION = 'User.Read';

interface ScopeRequest {
  /** The API (origin) the access token will be for. */
  resource: string;
  /** Permissions asked for on it (names as Graph writes them), or ['.default']. */
  permissions: string[];
  offlineAccess: boolean;
}

/** Parses a v2 scope string; a Failure with Azure AD's code for what is wrong with it. */
export function parseScope(scope: string | null, tenant: string, core: IdentityCore): ScopeRequest | Failure {
  if (scope === null || scope.trim() === '') return { code: 900144, values: { parameter: 'scope' } };
  const request: ScopeRequest = { resource: '', permissions: [], offlineAccess: false };
  for (const item of scope.split(/\s+/).filter(Boolean)) {
    if (OIDC_SCOPES.has(item.toLowerCase())) {
      if (item.toLowerCase() === 'offline_access') request.offlineAccess = true;
      continue;
    }
    let resource = DEFAULT_GRAPH;
    let name = item;
    if (/^https?:\/\//i.test(item)) {
      let url: URL;
      try {
        url = new URL(item);
      } catch {
        return { code: 70011, values: { scope: item } };
      }
      resource = url.origin;
      name = decodeURIComponent(url.pathname.replace(/^\//, ''));
      if (!GRAPH_ORIGINS.has(resource)) return { code: 500011, values: core.values(tenant, { resource }) };
    } else if (item.includes('/') || item.includes(',')) {
      return { code: 70011, values: { scope: item } };
    }
    if (request.resource && request.resource !== resource) return { code: 70011, values: { scope } };
    request.resource = resource;
    const known = name === '.default' ? name : GRAPH_PERMISSIONS.find((p) => p.toLowerCase() === name.toLowerCase());
    if (!known) return { code: 70011, values: { scope: item } };
    request.permissions.push(known);
  }
  if (request.permissions.includes('.default') && request.permissions.length > 1) return { code: 70011, values: { scope } };
  // Only sign-in scopes: Azure AD issues a token for Graph's User.Read.
  if (!request.resource) Object.assign(request, { resource: DEFAULT_GRAPH, permissions: [BASIC_PERMISSION] });
  return request;
}

const isFailure = (x: object): x is Failure => 'code' in x;
/** The Graph permissions that let a token read alerts_v2. */
export const isAlertPermission = (p: string): boolean => p === GRAPH_ALERTS_PERMISSION || p === 'SecurityAlert.ReadWrite.All';

export function createV2Endpoints(core: IdentityCore) {
  /** Delegated permissions granted for a request: what was asked, minus the alerts permission when it is withheld. */
  function delegated(request: ScopeRequest): string[] {
    const asked = request.permissions.includes('.default') ? [BASIC_PERMISSION, GRAPH_ALERTS_PERMISSION] : request.permissions;
    const granted = asked.filter((p) => core.permission.delegated || !isAlertPermission(p));
    return granted.length ? [...new Set(granted)] : [BASIC_PERMISSION];
  }

  function accessToken(resource: string, grant: { scp: string[] } | { roles: string[] }): { token: string; expiresIn: number } {
    const issuedAt = core.now();
    const expiresAt = issuedAt + core.accessTtl;
    const claims: SandboxTokenClaims = {
      aud: resource,
      iss: `https://sts.windows.net/${core.tenantId}/`,
      tid: core.tenantId,
      iat: Math.floor(issuedAt / 1000),
      nbf: Math.floor(issuedAt / 1000),
      exp: Math.floor(expiresAt / 1000),
      appid: core.clientId,
      ...('scp' in grant ? { scp: grant.scp.join(' ') } : grant.roles.length ? { roles: grant.roles } : {}),
      ver: '1.0',
    };
    const token = signJwt(claims, core.signingKey);
    core.store.recordAccessToken(token, { clientId: core.clientId, resource, expiresAt });
    return { token, expiresIn: Math.floor(core.accessTtl / 1000) };
  }

  /** The v2 token response: numbers (not strings as v1), the granted scope, a refresh token only with offline_access. */
  function delegatedTokens(request: ScopeRequest): Record<string, unknown> {
    const scp = delegated(request);
    const { token, expiresIn } = accessToken(request.resource, { scp });
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      scope: scp.map((p) => `${request.resource}/${p}`).join(' '),
      expires_in: expiresIn,
      ext_expires_in: expiresIn,
      access_token: token,
    };
    if (request.offlineAccess) {
      const issuedAt = core.now();
      body.refresh_token = core.store.issueRefreshToken({
        clientId: core.clientId,
        resource: request.resource,
        scope: ['offline_access', ...request.permissions.map((p) => `${request.resource}/${p}`)].join(' '),
        issuedAt,
        expiresAt: issuedAt + core.refreshTtl,
        used: false,
      });
    }
    return body;
  }

  function authorize(res: ServerResponse, tenant: string, url: URL): void {
    const q = url.searchParams;
    const tenantFailure = core.checkTenant(tenant);
    if (tenantFailure) return core.sendErrorPage(res, tenantFailure);
    const clientId = q.get('client_id');
    if (!clientId) return core.sendErrorPage(res, { code: 900144, values: { parameter: 'client_id' } });
    if (clientId !== core.clientId) return core.sendErrorPage(res, { code: 700016, values: core.values(tenant, { clientId }) });
    const redirectUri = q.get('redirect_uri') ?? core.redirectUris[0] ?? '';
    if (!core.redirectUris.includes(redirectUri)) return core.sendErrorPage(res, { code: 50011, values: core.values(tenant, { redirectUri }) });
    const state = q.get('state') ?? undefined;
    const fragment = q.get('response_mode') === 'fragment';
    const fail = (failure: Failure) => core.redirectError(res, redirectUri, state, failure, fragment);
    const forced = core.takeInjected('authorize');
    if (forced !== undefined) {
      const failure = { code: forced, values: core.values(tenant, { redirectUri, scope: q.get('scope') ?? undefined }) };
      return entryFor(forced).page ? core.sendErrorPage(res, failure) : fail(failure);
    }
    if (q.get('response_type') !== 'code') return fail({ code: 70005 });
    if (q.has('resource')) return fail({ code: 901002 });
    const request = parseScope(q.get('scope'), tenant, core);
    if (isFailure(request)) return fail(request);
    // PKCE is required here: a code without a challenge could be redeemed by whoever intercepts it.
    const challenge = q.get('code_challenge');
    if (!challenge) return fail({ code: 900144, values: { parameter: 'code_challenge' } });
    if (q.get('code_challenge_method') !== 'S256') return fail({ code: 900144, values: { parameter: 'code_challenge_method' } });
    const code = core.store.issueCode({
      clientId,
      redirectUri,
      scope: q.get('scope')!,
      challenge,
      challengeMethod: 'S256',
      expiresAt: core.now() + core.codeTtl,
      redeemed: false,
    });
    core.redirectBack(res, redirectUri, { code, state, session_state: randomUUID() }, fragment);
  }

  /** The v2 admin-consent endpoint: an administrator grants the permissions of the scope for the whole tenant. */
  function adminConsent(res: ServerResponse, tenant: string, url: URL): void {
    const q = url.searchParams;
    const tenantFailure = core.checkTenant(tenant);
    if (tenantFailure) return core.sendErrorPage(res, tenantFailure);
    const clientId = q.get('client_id');
    if (clientId !== core.clientId) return core.sendErrorPage(res, { code: 700016, values: core.values(tenant, { clientId: clientId ?? '' }) });
    const redirectUri = q.get('redirect_uri') ?? core.redirectUris[0] ?? '';
    if (!core.redirectUris.includes(redirectUri)) return core.sendErrorPage(res, { code: 50011, values: core.values(tenant, { redirectUri }) });
    const state = q.get('state') ?? undefined;
    const request = parseScope(q.get('scope'), tenant, core);
    if (isFailure(request)) return core.redirectError(res, redirectUri, state, request, false);
    if (request.permissions.includes('.default')) {
      core.permission.application = true;
      core.permission.delegated = true;
    } else if (request.permissions.some(isAlertPermission)) {
      core.permission.delegated = true;
    }
    core.redirectBack(res, redirectUri, { admin_consent: 'True', tenant: core.tenantId, scope: q.get('scope') ?? '', state }, false);
  }

  function token(form: URLSearchParams, tenant: string): { status: number; body: Record<string, unknown> } | Failure {
    const tenantFailure = core.checkTenant(tenant);
    if (tenantFailure) return tenantFailure;
    const forced = core.takeInjected('token');
    const values = core.values(tenant, {
      redirectUri: form.get('redirect_uri') ?? undefined,
      scope: form.get('scope') ?? undefined,
      issued: new Date(core.now() - core.refreshTtl).toISOString(),
    });
    if (forced !== undefined) return { code: forced, values };
    const clientFailure = core.checkClient(form, tenant);
    if (clientFailure) return clientFailure;
    if (form.has('resource')) return { code: 901002 };
    const grant = form.get('grant_type');
    if (!grant) return { code: 900144, values: { parameter: 'grant_type' } };

    if (grant === 'authorization_code') {
      const code = form.get('code');
      if (!code) return { code: 900144, values: { parameter: 'code' } };
      const issued = core.store.codes.get(code);
      if (!issued || issued.scope === undefined) return { code: 9002313 };
      if (issued.redeemed) return { code: 54005 };
      if (issued.expiresAt <= core.now()) return { code: 70008 };
      const redirectUri = form.get('redirect_uri');
      if (!redirectUri) return { code: 900144, values: { parameter: 'redirect_uri' } };
      if (redirectUri !== issued.redirectUri) return { code: 500112, values };
      const verifier = form.get('code_verifier');
      if (!verifier) return { code: 900144, values: { parameter: 'code_verifier' } };
      if (createHash('sha256').update(verifier).digest('base64url') !== issued.challenge) return { code: 501481 };
      // What was consented at sign-in decides the grant (and whether a refresh token comes back), not this request.
      const request = parseScope(issued.scope, tenant, core);
      if (isFailure(request)) return request;
      issued.redeemed = true;
      return { status: 200, body: delegatedTokens(request) };
    }
    if (grant === 'refresh_token') {
      const refresh = form.get('refresh_token');
      if (!refresh) return { code: 900144, values: { parameter: 'refresh_token' } };
      const issued = core.store.refreshTokens.get(refresh);
      if (!issued || issued.clientId !== core.clientId) return { code: 9002313 };
      if (issued.used && core.singleUseRefreshTokens) return { code: 70000 };
      if (issued.expiresAt <= core.now()) return { code: 700082, values: { ...values, issued: new Date(issued.issuedAt).toISOString() } };
      const request = parseScope(form.get('scope') ?? issued.scope ?? null, tenant, core);
      if (isFailure(request)) return request;
      issued.used = true;
      // A refresh token is itself a grant of offline_access: the answer always rotates it.
      return { status: 200, body: delegatedTokens({ ...request, offlineAccess: true }) };
    }
    if (grant === 'client_credentials') {
      const scope = form.get('scope');
      if (!scope) return { code: 900144, values: { parameter: 'scope' } };
      const items = scope.split(/\s+/).filter(Boolean);
      if (items.length !== 1 || !/\/\.default$/.test(items[0]!)) return { code: 1002012, values: { scope } };
      const request = parseScope(scope, tenant, core);
      if (isFailure(request)) return request;
      const roles = core.permission.application ? [GRAPH_ALERTS_PERMISSION] : [];
      const { token: accessTokenValue, expiresIn } = accessToken(request.resource, { roles });
      return { status: 200, body: { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: accessTokenValue } };
    }
    return { code: 70003 };
  }

  return { authorize, adminConsent, token };
}
