import { RemoteError } from '../errors/index.js';
import { AzureAdError, type ExplainContext } from './azure-errors.js';
import { createHttpClient, readBody, type HttpClient } from './http.js';
import { defaultScopeOf } from './scope.js';
import type { ClientConfig, HttpOptions, TokenSet } from './types.js';

type Grant = 'authorization_code' | 'refresh_token' | 'client_credentials';

/** Azure AD v1 sends expires_in/expires_on as strings, other servers as numbers: accept both. */
function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** The TokenSet of a successful token response; `requestedAt` (ms) anchors a relative expires_in. */
export function parseTokenResponse(json: unknown, requestedAt: number): TokenSet {
  const body = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const accessToken = body.access_token;
  if (typeof accessToken !== 'string' || !accessToken) {
    throw new RemoteError('The token endpoint answered without an access_token.', {
      hint: 'Check that token_url points at Azure AD (https://login.microsoftonline.com/<tenant>/oauth2/token).',
    });
  }
  const expiresOn = asNumber(body.expires_on);
  const expiresIn = asNumber(body.expires_in);
  const expiry = expiresOn !== undefined ? expiresOn * 1000 : expiresIn !== undefined ? requestedAt + expiresIn * 1000 : requestedAt + 3_600_000;
  return {
    accessToken,
    refreshToken: typeof body.refresh_token === 'string' && body.refresh_token ? body.refresh_token : undefined,
    expiresOn: new Date(expiry),
    resource: typeof body.resource === 'string' ? body.resource : undefined,
    scope: typeof body.scope === 'string' ? body.scope : undefined,
  };
}

/** What an Azure AD error is explained against: the client file's values and the step that failed. */
export function contextOf(cfg: ClientConfig, step: Grant | 'authorize'): ExplainContext {
  return {
    clientId: cfg.clientId,
    redirectUri: cfg.redirectUri,
    authUrl: cfg.authUrl,
    tokenUrl: cfg.tokenUrl,
    resource: cfg.resource,
    platform: cfg.platform,
    scope: step === 'client_credentials' && cfg.platform === 'v2' ? defaultScopeOf(cfg) : cfg.scope,
    file: cfg.file,
    step,
  };
}

/**
 * What says which API the token is for: v1 sends the resource with every grant; v2 sends the file's scope with the
 * code and refresh grants, and `https://<graph host>/.default` (the application permissions) with client credentials.
 */
function audienceParams(cfg: ClientConfig, grant: Grant): Record<string, string | undefined> {
  if (cfg.platform === 'v2') return { scope: grant === 'client_credentials' ? defaultScopeOf(cfg) : cfg.scope };
  return { resource: cfg.resource };
}

/** POSTs one form-encoded grant to token_url; Azure AD errors become AzureAdError with the explanation. */
async function requestToken(
  cfg: ClientConfig,
  grant: Grant,
  params: Record<string, string | undefined>,
  opts: HttpOptions & { http?: HttpClient },
): Promise<TokenSet> {
  const http = opts.http ?? (await createHttpClient(opts));
  try {
    const form = new URLSearchParams();
    form.set('grant_type', grant);
    form.set('client_id', cfg.clientId);
    form.set('client_secret', cfg.clientSecret);
    for (const [k, v] of Object.entries({ ...params, ...audienceParams(cfg, grant) })) if (v !== undefined) form.set(k, v);
    const requestedAt = Date.now();
    const response = await http.fetch(cfg.tokenUrl, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const { json } = await readBody(response);
    if (response.ok) {
      if (json === undefined) {
        throw new RemoteError(`The token endpoint ${new URL(cfg.tokenUrl).host} answered HTTP ${response.status} but not with JSON.`, {
          hint: `Check token_url: it must be the token endpoint (…/<tenant>/oauth2/${cfg.platform === 'v2' ? 'v2.0/' : ''}token). A proxy login page can cause this too.`,
          status: response.status,
        });
      }
      return parseTokenResponse(json, requestedAt);
    }
    const body = (json && typeof json === 'object' ? json : undefined) as Record<string, unknown> | undefined;
    if (!body || typeof body.error !== 'string') {
      throw new RemoteError(
        `The token endpoint ${new URL(cfg.tokenUrl).host} answered HTTP ${response.status} ${response.statusText} without an OAuth error.`,
        {
          hint:
            response.status === 404
              ? `Check token_url (…/<tenant>/oauth2/${cfg.platform === 'v2' ? 'v2.0/' : ''}token).`
              : response.status >= 500
                ? 'A temporary problem on its side: retry later.'
                : 'Check token_url and any proxy in between.',
          status: response.status,
        },
      );
    }
    const codes = Array.isArray(body.error_codes) ? body.error_codes.filter((c): c is number => typeof c === 'number') : [];
    const suberror = typeof body.suberror === 'string' ? body.suberror : undefined;
    throw new AzureAdError({ status: response.status, error: body.error, codes, suberror }, contextOf(cfg, grant));
  } finally {
    if (!opts.http) await http.close();
  }
}

/** Redeems an authorization code (with its PKCE verifier) for tokens. */
export function redeemCode(cfg: ClientConfig, code: string, verifier: string, opts: HttpOptions & { http?: HttpClient } = {}): Promise<TokenSet> {
  return requestToken(cfg, 'authorization_code', { code, redirect_uri: cfg.redirectUri, code_verifier: verifier }, opts);
}

/** Redeems a refresh token; Azure AD answers with a new access token and, usually, a rotated refresh token. */
export function refreshTokens(cfg: ClientConfig, refreshToken: string, opts: HttpOptions & { http?: HttpClient } = {}): Promise<TokenSet> {
  return requestToken(cfg, 'refresh_token', { refresh_token: refreshToken }, opts);
}

/** The client-credentials grant: proves the app id, secret and resource (v2: the API's /.default scope) without a user. */
export function clientCredentials(cfg: ClientConfig, opts: HttpOptions & { http?: HttpClient } = {}): Promise<TokenSet> {
  return requestToken(cfg, 'client_credentials', {}, opts);
}
