// The sandbox's Azure AD v1 look-alike: sign-in (authorize) and token endpoints for one tenant and one app.
export {
  createIdentityProvider,
  type IdentityOptions,
  type IdentityProvider,
  type InjectedError,
} from './provider.js';
export { AADSTS, type AadstsEntry } from './aadsts.js';
