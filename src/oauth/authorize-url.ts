import { tenantOf } from './config.js';
import { scopesOf } from './scope.js';
import type { ClientConfig } from './types.js';

export type PromptValue = 'consent' | 'login' | 'select_account' | 'admin_consent';
export const PROMPT_VALUES: readonly PromptValue[] = ['consent', 'login', 'select_account', 'admin_consent'];

export interface AuthorizeRequest {
  state: string;
  codeChallenge: string;
  prompt?: string;
}

/**
 * The sign-in URL: auth_url with its own query (the `resource`) kept, plus the authorization-code parameters, and
 * for a v2 file the file's scope. response_mode=query makes Azure AD put the code in the redirect's query string,
 * where the listener reads it.
 */
export function buildAuthorizeUrl(cfg: ClientConfig, request: AuthorizeRequest): string {
  const url = new URL(cfg.authUrl);
  const q = url.searchParams;
  q.set('client_id', cfg.clientId);
  q.set('response_type', 'code');
  q.set('redirect_uri', cfg.redirectUri);
  q.set('response_mode', 'query');
  q.set('state', request.state);
  q.set('code_challenge', request.codeChallenge);
  q.set('code_challenge_method', 'S256');
  if (cfg.platform === 'v2') q.set('scope', cfg.scope ?? '');
  else if (cfg.resource && !q.has('resource')) q.set('resource', cfg.resource);
  if (request.prompt) q.set('prompt', request.prompt);
  return url.toString();
}

/**
 * The two ways an administrator grants consent for the whole tenant: the admin-consent endpoint, and the
 * authorize URL with prompt=admin_consent (which also returns a code, so `token` can carry on with it). On v2 the
 * admin-consent endpoint takes a scope: the file's delegated permissions, or `<api>/.default` for the application
 * permissions the app registration lists (`consentScope`).
 */
export function adminConsentUrls(
  cfg: Pick<ClientConfig, 'authUrl' | 'clientId' | 'redirectUri' | 'resource' | 'platform' | 'scope'>,
  consentScope?: string,
): {
  adminConsent: string;
  authorize: string;
} {
  const auth = new URL(cfg.authUrl);
  const tenant = tenantOf(cfg.authUrl) ?? 'common';
  const v2 = cfg.platform === 'v2';
  const adminConsent = new URL(`${auth.origin}/${tenant}/${v2 ? 'v2.0/' : ''}adminconsent`);
  adminConsent.searchParams.set('client_id', cfg.clientId);
  if (v2)
    adminConsent.searchParams.set(
      'scope',
      consentScope ??
        scopesOf(cfg.scope)
          .filter((s) => s.includes('/'))
          .join(' '),
    );
  adminConsent.searchParams.set('redirect_uri', cfg.redirectUri);
  const authorize = new URL(auth.toString());
  authorize.searchParams.set('client_id', cfg.clientId);
  authorize.searchParams.set('response_type', 'code');
  authorize.searchParams.set('redirect_uri', cfg.redirectUri);
  if (v2) authorize.searchParams.set('scope', cfg.scope ?? '');
  else if (cfg.resource && !authorize.searchParams.has('resource')) authorize.searchParams.set('resource', cfg.resource);
  authorize.searchParams.set('prompt', v2 ? 'consent' : 'admin_consent');
  return { adminConsent: adminConsent.toString(), authorize: authorize.toString() };
}
