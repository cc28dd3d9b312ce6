/**
 * The Azure AD errors the sandbox can produce: the `error` value, HTTP status and description text Azure AD (v1
 * and the identity platform v2) uses for each AADSTS code. Clients must react to `error` and `error_codes`, so the texts only need to read
 * like the real ones; the codes and statuses are what tests rely on.
 */
export interface AadstsEntry {
  error: string;
  status: number;
  text: string;
  /** Extra key some errors carry (65001 has suberror consent_required). */
  suberror?: string;
  /** Authorize errors Azure AD shows as its own error page instead of redirecting back to the app. */
  page?: boolean;
}

export const AADSTS: Readonly<Record<number, AadstsEntry>> = {
  50001: {
    error: 'invalid_resource',
    status: 400,
    text: 'The application named {resource} was not found in the tenant named {tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.',
  },
  50011: {
    error: 'invalid_request',
    status: 400,
    page: true,
    text: "The redirect URI '{redirectUri}' specified in the request does not match the redirect URIs configured for the application '{clientId}'.",
  },
  50148: { error: 'invalid_grant', status: 400, text: 'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.' },
  50196: {
    error: 'invalid_request',
    status: 400,
    text: 'The server terminated an operation because it encountered a client request loop. Please contact your app vendor.',
  },
  54005: {
    error: 'invalid_grant',
    status: 400,
    text: 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
  },
  65001: {
    error: 'invalid_grant',
    status: 400,
    suberror: 'consent_required',
    text: "The user or administrator has not consented to use the application with ID '{clientId}'. Send an interactive authorization request for this user and resource.",
  },
  65004: { error: 'access_denied', status: 400, text: 'User declined to consent to access the app.' },
  70011: {
    error: 'invalid_scope',
    status: 400,
    text: "The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope {scope} is not valid.",
  },
  70000: { error: 'invalid_grant', status: 400, text: 'Provided grant is invalid or malformed.' },
  70002: { error: 'invalid_client', status: 401, text: 'Error validating credentials.' },
  70003: { error: 'unsupported_grant_type', status: 400, text: 'The app requested an unsupported grant type.' },
  70005: {
    error: 'unsupported_response_type',
    status: 400,
    text: "The provided value for the input parameter 'response_type' is not allowed for this request. Expected value: code.",
  },
  70008: {
    error: 'invalid_grant',
    status: 400,
    text: 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
  },
  90002: {
    error: 'invalid_tenant',
    status: 400,
    page: true,
    text: "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.",
  },
  90038: { error: 'invalid_request', status: 400, page: true, text: 'Tenant is configured for another national cloud; send the request to that cloud.' },
  700016: {
    error: 'unauthorized_client',
    status: 400,
    page: true,
    text: "Application with identifier '{clientId}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.",
  },
  700082: {
    error: 'invalid_grant',
    status: 400,
    text: 'The refresh token has expired due to inactivity. The token was issued on {issued} and was inactive for 90.00:00:00.',
  },
  900023: {
    error: 'invalid_request',
    status: 400,
    page: true,
    text: "Specified tenant identifier '{tenant}' is neither a valid DNS name, nor a valid external domain.",
  },
  900144: { error: 'invalid_request', status: 400, text: "The request body must contain the following parameter: '{parameter}'." },
  900561: { error: 'invalid_request', status: 405, text: 'The endpoint only accepts POST requests. Received a {method} request.' },
  500011: {
    error: 'invalid_resource',
    status: 400,
    text: 'The resource principal named {resource} was not found in the tenant named {tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.',
  },
  901002: { error: 'invalid_request', status: 400, text: "The 'resource' request parameter is not supported." },
  1002012: {
    error: 'invalid_scope',
    status: 400,
    text: 'The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).',
  },
  500112: {
    error: 'invalid_grant',
    status: 400,
    text: "The reply address '{redirectUri}' does not match the reply address provided when requesting the authorization code.",
  },
  501481: { error: 'invalid_grant', status: 400, text: 'The Code_Verifier does not match the code_challenge supplied in the authorization request.' },
  7000215: {
    error: 'invalid_client',
    status: 401,
    text: "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.",
  },
  7000218: { error: 'invalid_client', status: 401, text: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'." },
  7000222: {
    error: 'invalid_client',
    status: 401,
    text: "The provided client secret keys for app '{clientId}' are expired. Create new keys for your app, or consider using certificate credentials for added security.",
  },
  9002313: { error: 'invalid_grant', status: 400, text: 'Invalid request. Request is malformed or invalid.' },
};

/** Fills `{name}` placeholders; unknown ones become a neutral word so no template syntax leaks into responses. */
export function fillText(text: string, values: Record<string, string | undefined>): string {
  return text.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? 'unknown');
}

/** An entry for any code, so `inject` accepts codes the catalogue does not list. */
export function entryFor(code: number): AadstsEntry {
  return AADSTS[code] ?? { error: 'invalid_request', status: 400, text: 'The request failed (injected sandbox error).' };
}
