// OAuth client for the connector's client file (Azure AD v1 with resource=, identity platform v2 with scope=): authorization-code sign-in with a loopback
// listener, refresh and client-credentials grants, an alert-API check, and explanations of Azure AD errors.
export type { ClientConfig, HttpOptions, TokenSet } from './types.js';
export { clientConfigFromDocument, loadClientConfig, readClientConfig, tenantOf, type ConfigNotice } from './config.js';
export { adminConsentUrls, buildAuthorizeUrl, PROMPT_VALUES, type PromptValue } from './authorize-url.js';
export { authorizationCodeFlow, DEFAULT_SIGN_IN_TIMEOUT_SECONDS, type AuthorizationCodeOptions } from './flow.js';
export { clientCredentials, parseTokenResponse, redeemCode, refreshTokens } from './token-endpoint.js';
export { followRedirectsBrowser, noBrowserReason, systemBrowser } from './browser.js';
export { AzureAdError, explainAzureError, type AzureErrorInput, type ExplainContext, type Explanation } from './azure-errors.js';
export { generateLoopbackCertificate, readCertificatePair, type ListenerCertificate } from './certificate.js';
export { createHttpClient, DEFAULT_HTTP_TIMEOUT_MS, readCaFile, redactProxy, type HttpClient } from './http.js';
export { alertApiError, graphAlertsError, graphVerificationUrl, verifyAlertApi, verifyGraphAlerts, verificationUrl, type AlertApiCheck } from './verify.js';
export { defaultScopeOf, graphAlertsUrlOf, graphHostOf, hasOfflineAccess, scopeResource, scopesOf } from './scope.js';
export { grantedPermissions, readAccessTokenClaims, type AccessTokenClaims } from './access-token.js';
