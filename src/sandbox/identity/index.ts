// The sandbox's Azure AD look-alike: sign-in (authorize) and token endpoints of Azure AD v1 and the identity
// platform v2 for one tenant and one app, and the bearer check a Graph API double decides 401/403 with.
export { createIdentityProvider, grantsAlertsRead, type BearerCheck, type IdentityOptions, type IdentityProvider, type InjectedError } from './provider.js';
export { AADSTS, type AadstsEntry } from './aadsts.js';
export type { SandboxTokenClaims } from './jwt.js';
