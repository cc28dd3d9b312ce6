import { RemoteError } from '../errors/index.js';
import { adminConsentUrls } from './authorize-url.js';
import { tenantOf } from './config.js';
import { scopeResource } from './scope.js';

/** What Azure AD said, as data: never its error_description, which Microsoft says not to parse. */
export interface AzureErrorInput {
  status?: number;
  /** OAuth `error`, e.g. invalid_grant, or the `error` of an error redirect, e.g. access_denied. */
  error?: string;
  /** `error_codes` (AADSTS numbers). */
  codes?: number[];
  suberror?: string;
}

/** What we know about the request, so the advice can name the exact value to fix. */
export interface ExplainContext {
  clientId?: string;
  redirectUri?: string;
  authUrl?: string;
  tokenUrl?: string;
  resource?: string;
  /** 'v2' when the file names identity platform v2 endpoints (Graph); v1 otherwise. */
  platform?: 'v1' | 'v2';
  /** v2: the scope the failed request sent. */
  scope?: string;
  file?: string;
  /** Which request failed: the browser sign-in or one of the token grants. */
  step?: 'authorize' | 'authorization_code' | 'refresh_token' | 'client_credentials';
}

export interface Explanation {
  message: string;
  hint: string;
  /** The AADSTS code the explanation is about, when one matched. */
  code?: number;
  /** The refresh token is dead: the only fix is an interactive sign-in (`token` again). */
  expiredRefreshToken?: boolean;
}

type Explainer = (ctx: ExplainContext) => Omit<Explanation, 'code'>;

const app = (ctx: ExplainContext) => (ctx.clientId ? `app ${ctx.clientId}` : 'the app');
const file = (ctx: ExplainContext) => ctx.file ?? 'the client properties file';
const rerun = (ctx: ExplainContext) => `wdatp-arcsight token --config ${ctx.file ?? '<client properties file>'}`;
const tenantText = (ctx: ExplainContext) => tenantOf(ctx.tokenUrl ?? ctx.authUrl ?? '') ?? 'the tenant in the URLs';
const loginHost = (ctx: ExplainContext) => {
  try {
    return new URL(ctx.tokenUrl ?? ctx.authUrl ?? '').host;
  } catch {
    return 'the login host';
  }
};

/** The v2 scope advice for this file's cloud: the file's own scope resource, else the commercial example. */
const graphScope = (ctx: ExplainContext, example: string) => {
  const resource = scopeResource(ctx.scope);
  return resource ? `offline_access ${resource}/SecurityAlert.Read.All` : example;
};
const defaultScope = (ctx: ExplainContext) => `${scopeResource(ctx.scope) ?? 'https://graph.microsoft.com'}/.default`;

function consent(ctx: ExplainContext): Omit<Explanation, 'code'> {
  const urls =
    ctx.authUrl && ctx.clientId && ctx.redirectUri
      ? adminConsentUrls({
          authUrl: ctx.authUrl,
          clientId: ctx.clientId,
          redirectUri: ctx.redirectUri,
          resource: ctx.resource,
          platform: ctx.platform,
          scope: ctx.scope,
        })
      : undefined;
  const what = ctx.platform === 'v2' ? `the permissions in scope (${ctx.scope ?? 'scope'})` : `reading alerts (${ctx.resource ?? 'the resource'})`;
  return {
    message: `Nobody has consented yet to app ${ctx.clientId ?? '(client_id)'} using ${what} in this tenant.`,
    hint: urls
      ? `An administrator (Global Administrator or Privileged Role Administrator) opens ${urls.adminConsent} and accepts (or signs in at ${urls.authorize}); then run ${rerun(ctx)} again.`
      : `An administrator must grant consent for the app (Azure portal → App registrations → API permissions → Grant admin consent); then run ${rerun(ctx)} again.`,
  };
}

function expiredGrant(ctx: ExplainContext): Omit<Explanation, 'code'> {
  if (ctx.step === 'authorization_code') {
    return {
      message: 'The sign-in code expired before it was redeemed.',
      hint: `Run ${rerun(ctx)} again and let it finish without a long pause.`,
    };
  }
  return {
    message: 'The refresh token has expired (unused for 90 days, or revoked). The connector fails with "400 Bad Request" until it gets a new one.',
    hint: `Run ${rerun(ctx)} to sign in again, and paste the new refresh token into the connector's Refresh Token field (or set reauthenticate=true and restart the connector).`,
    expiredRefreshToken: true,
  };
}

/**
 * AADSTS code → explanation and fix. Order matters: when Azure AD sends several codes (e.g. [70002, 70008]) the
 * first entry here that appears among them wins, so the specific ones come before the generic ones.
 */
const BY_CODE: Array<[number, Explainer]> = [
  [
    50011,
    (ctx) => ({
      message: `Azure AD refused the redirect URI ${ctx.redirectUri ?? '(redirect_uri)'}: it is not registered as a reply URL of ${app(ctx)}.`,
      hint: `In the Azure portal → App registrations → the app → Authentication, add this exact redirect URI (platform "Web"): ${ctx.redirectUri ?? 'the redirect_uri of ' + file(ctx)} — it must match character for character (https vs http, localhost vs 127.0.0.1, port, path and its case).`,
    }),
  ],
  [
    500112,
    (ctx) => ({
      message: 'The redirect URI sent to the token endpoint differs from the one used at sign-in.',
      hint: `Keep redirect_uri in ${file(ctx)} unchanged between sign-in and token redemption, then run ${rerun(ctx)} again.`,
    }),
  ],
  [
    7000215,
    (ctx) => ({
      message: `The client secret was rejected for ${app(ctx)}.`,
      hint: `Put the secret's Value (shown only once, when it was created) in client_secret of ${file(ctx)}, not its Secret ID (a GUID). If the value is lost, create a new secret under App registrations → Certificates & secrets.`,
    }),
  ],
  [
    7000222,
    (ctx) => ({
      message: `The client secret of ${app(ctx)} has expired.`,
      hint: `Create a new client secret (App registrations → the app → Certificates & secrets → New client secret) and put its Value in client_secret of ${file(ctx)}.`,
    }),
  ],
  [
    7000218,
    (ctx) => ({
      message: 'The token request carried no client secret.',
      hint: `Set client_secret in ${file(ctx)}.`,
    }),
  ],
  [
    700016,
    (ctx) => ({
      message: `App ${ctx.clientId ?? '(client_id)'} was not found in tenant ${tenantText(ctx)}.`,
      hint: `Check client_ID in ${file(ctx)} (the Application (client) ID), and that auth_url and token_url name the tenant where the app is registered (its Directory (tenant) ID or a verified domain).`,
    }),
  ],
  [
    90002,
    (ctx) => ({
      message: `Tenant ${tenantText(ctx)} was not found on ${loginHost(ctx)}.`,
      hint: `Check the tenant ID or domain in auth_url and token_url of ${file(ctx)}. GCC High and DoD tenants sign in at login.microsoftonline.us; commercial and GCC tenants at login.microsoftonline.com.`,
    }),
  ],
  [
    900023,
    (ctx) => ({
      message: `'${tenantText(ctx)}' is not a tenant ID or domain.`,
      hint: `Write the URLs as https://${loginHost(ctx)}/<tenant>/oauth2/${ctx.platform === 'v2' ? 'v2.0/' : ''}authorize and .../oauth2/${ctx.platform === 'v2' ? 'v2.0/' : ''}token, with your Directory (tenant) ID (a GUID) or a verified domain such as contoso.onmicrosoft.com.`,
    }),
  ],
  [
    90038,
    (ctx) => ({
      message: `Tenant ${tenantText(ctx)} belongs to another national cloud than ${loginHost(ctx)}.`,
      hint: 'Use the login host of your cloud in auth_url and token_url: login.microsoftonline.us for GCC High and DoD, login.microsoftonline.com for commercial and GCC.',
    }),
  ],
  [
    901002,
    (ctx) => ({
      message: 'The identity platform v2 endpoint refused the resource parameter: v2 names the API in scope instead.',
      hint: `Remove ?resource=... from auth_url of ${file(ctx)} and keep scope=${graphScope(ctx, 'offline_access https://graph.microsoft.com/SecurityAlert.Read.All')}.`,
    }),
  ],
  [
    1002012,
    (ctx) => ({
      message: `The client-credentials grant needs a scope of the form https://<api>/.default, not ${ctx.scope ?? 'the scope sent'}.`,
      hint: `Application permissions are asked for as a whole with /.default: use ${defaultScope(ctx)} for client credentials; the delegated scope (offline_access .../SecurityAlert.Read.All) stays in ${file(ctx)} for the sign-in.`,
    }),
  ],
  [
    70011,
    (ctx) => ({
      message: `The scope ${ctx.scope ?? '(scope)'} is not valid for the identity platform v2.`,
      hint: `Write scope in ${file(ctx)} as space-separated values: offline_access plus the full permission URI of the API, e.g. scope=${graphScope(ctx, 'offline_access https://graph.microsoft.com/SecurityAlert.Read.All')} (no commas, no resource=).`,
    }),
  ],
  [65001, consent],
  [700082, expiredGrant],
  [70008, expiredGrant],
  [
    54005,
    (ctx) => ({
      message: 'This sign-in code was already redeemed; codes work once.',
      hint: `Run ${rerun(ctx)} again for a fresh sign-in.`,
    }),
  ],
  [
    501481,
    (ctx) => ({
      message: 'The PKCE code_verifier did not match the sign-in request (the code belongs to another token run).',
      hint: `Run ${rerun(ctx)} again and complete the sign-in it opens, not an older browser tab.`,
    }),
  ],
  [
    50148,
    (ctx) => ({
      message: 'The PKCE code_verifier did not match the sign-in request (the code belongs to another token run).',
      hint: `Run ${rerun(ctx)} again and complete the sign-in it opens, not an older browser tab.`,
    }),
  ],
  [
    70000,
    (ctx) => ({
      message:
        ctx.step === 'refresh_token'
          ? 'The refresh token is not valid: revoked, already replaced by a newer one, or issued to another app or resource.'
          : 'Azure AD found the grant invalid.',
      hint: `Run ${rerun(ctx)} to get a new refresh token.`,
    }),
  ],
  [
    50001,
    (ctx) =>
      ctx.platform === 'v2'
        ? {
            message: `The API named in scope (${scopeResource(ctx.scope) ?? ctx.scope ?? 'scope'}) is not known in this tenant.`,
            hint: `Use the Graph host of your cloud in scope of ${file(ctx)}: https://graph.microsoft.com (commercial, GCC), https://graph.microsoft.us (GCC High), https://dod-graph.microsoft.us (DoD).`,
          }
        : {
            message: `The resource ${ctx.resource ?? '(resource)'} is not known in this tenant.`,
            hint: `Set resource= in auth_url of ${file(ctx)} to https://graph.windows.net (apps created by the Defender portal's SIEM page) or https://WDATPAlertExport.Seville.onmicrosoft.com (apps registered by hand), URL-encoded.`,
          },
  ],
  [500011, (ctx) => BY_CODE.find(([c]) => c === 50001)![1](ctx)],
  [
    50196,
    () => ({
      message: 'Azure AD detected a request loop (too many identical token requests in a short time) and stopped answering.',
      hint: 'Stop whatever repeats the request, wait a few minutes, and reuse tokens until they expire instead of asking again.',
    }),
  ],
  [
    9002313,
    (ctx) => ({
      message:
        ctx.step === 'refresh_token' ? 'Azure AD does not recognise this refresh token (malformed or truncated).' : 'Azure AD found the request malformed.',
      hint:
        ctx.step === 'refresh_token'
          ? 'Copy the whole refresh token (it is long, one line, no spaces), or run token again for a new one.'
          : `Run ${rerun(ctx)} again; if it repeats, check auth_url and token_url.`,
    }),
  ],
  [
    70002,
    (ctx) => ({
      message: 'Azure AD could not validate the app credentials.',
      hint: `Check client_ID and client_secret in ${file(ctx)} (the secret's Value, not its ID).`,
    }),
  ],
];

/** Fallbacks by OAuth `error` value when no code is known (error redirects carry no codes). */
const BY_ERROR: Record<string, Explainer> = {
  consent_required: consent,
  access_denied: () => ({
    message: 'Sign-in was cancelled or consent was declined in the browser.',
    hint: 'Run token again and accept the permissions request; if only an administrator may consent, ask one to grant admin consent first.',
  }),
  interaction_required: (ctx) => ({
    message: 'Azure AD needs the user to sign in interactively again (multi-factor authentication or a Conditional Access policy).',
    hint: `Run ${rerun(ctx)} and complete the sign-in in the browser.`,
  }),
  invalid_grant: (ctx) => ({
    message: ctx.step === 'refresh_token' ? 'The refresh token was refused.' : 'The grant was refused.',
    hint: `Run ${rerun(ctx)} to sign in again.`,
    expiredRefreshToken: ctx.step === 'refresh_token',
  }),
  invalid_client: (ctx) => BY_CODE.find(([c]) => c === 70002)![1](ctx),
  unauthorized_client: (ctx) => BY_CODE.find(([c]) => c === 700016)![1](ctx),
  invalid_tenant: (ctx) => BY_CODE.find(([c]) => c === 90002)![1](ctx),
  invalid_resource: (ctx) => BY_CODE.find(([c]) => c === 50001)![1](ctx),
  invalid_scope: (ctx) => BY_CODE.find(([c]) => c === 70011)![1](ctx),
  unsupported_response_type: () => ({
    message: 'Azure AD refused response_type=code for this app.',
    hint: 'Enable the app for the authorization-code flow (platform "Web" with a redirect URI).',
  }),
  temporarily_unavailable: () => ({ message: 'Azure AD is temporarily unavailable.', hint: 'Retry in a few minutes.' }),
  server_error: () => ({ message: 'Azure AD reported an internal error.', hint: 'Retry in a few minutes.' }),
};

/** A plain explanation and the fix for an Azure AD error, chosen by `error_codes` then `error`, never by its text. */
export function explainAzureError(input: AzureErrorInput, ctx: ExplainContext = {}): Explanation {
  const codes = input.codes ?? [];
  for (const [code, explain] of BY_CODE) {
    if (codes.includes(code)) return { ...explain(ctx), code };
  }
  if (input.suberror === 'consent_required') return consent(ctx);
  const byError = input.error ? BY_ERROR[input.error] : undefined;
  if (byError) return byError(ctx);
  if (input.status !== undefined && input.status >= 500) {
    return { message: `Azure AD answered HTTP ${input.status}.`, hint: 'A temporary problem on its side: retry in a few minutes.' };
  }
  return {
    message: `Azure AD refused the request${input.error ? ` (${input.error})` : ''}.`,
    hint: codes.length
      ? `Look up AADSTS${codes[0]} in Microsoft's AADSTS error code reference.`
      : 'Check client_ID, client_secret, auth_url and token_url, then run token again.',
  };
}

/** A RemoteError carrying Azure AD's codes and whether the refresh token is dead. */
export class AzureAdError extends RemoteError {
  readonly expiredRefreshToken: boolean;
  readonly code?: number;

  constructor(input: AzureErrorInput, ctx: ExplainContext = {}) {
    const explained = explainAzureError(input, ctx);
    const tags = [...(input.codes ?? []).map((c) => `AADSTS${c}`), input.error, input.status !== undefined ? `HTTP ${input.status}` : undefined].filter(
      Boolean,
    );
    super(`${explained.message}${tags.length ? ` (${tags.join(', ')})` : ''}`, {
      hint: explained.hint,
      status: input.status,
      error: input.error,
      codes: input.codes,
    });
    this.expiredRefreshToken = explained.expiredRefreshToken === true;
    this.code = explained.code;
  }
}
