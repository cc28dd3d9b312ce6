import { CLOUDS, KNOWN_RESOURCES, cloudsForLoginHost, isLoopbackHost, type Cloud } from '../../../connector/index.js';
import { defineRule } from '../../rule.js';
import type { Span } from '../../properties-source.js';
import type { Rule, RuleMeta } from '../../types.js';
import { endpointVersion, hostRange, parseUrl, pathSegmentRange, queryParamRange, safeDecode, tenantProblem } from '../../urls.js';
import type { ClientContext, ClientValue } from './context.js';

/** A URL-valued key: its text as Java reads it (without trailing whitespace, reported by WDA111) and parsed. */
export interface UrlValue {
  key: string;
  value: ClientValue;
  text: string;
  url: URL | undefined;
  /** Span of a character range of `text`. */
  span(start: number, end: number): Span;
}

export function urlValue(ctx: ClientContext, key: string): UrlValue | undefined {
  const value = ctx.get(key);
  if (!value) return undefined;
  const lead = value.value.length - value.value.trimStart().length;
  const text = value.value.trim();
  return { key, value, text, url: parseUrl(text), span: (s, e) => value.text.span(lead + s, lead + e) };
}

export function hostSpan(u: UrlValue): Span {
  const r = hostRange(u.text);
  return r ? u.span(r.start, r.end) : u.span(0, u.text.length);
}

const LOGIN_KEYS = ['auth_url', 'token_url'] as const;
/** The old commercial alias of login.microsoftonline.com, still answered by Azure AD. */
const LEGACY_COMMERCIAL_LOGIN = 'login.windows.net';

export function loginClouds(host: string): Cloud[] {
  const h = host.toLowerCase();
  return h === LEGACY_COMMERCIAL_LOGIN ? cloudsForLoginHost(CLOUDS.commercial.loginHost) : cloudsForLoginHost(h);
}

function loginHostList(): string {
  return [...new Set(Object.values(CLOUDS).map((c) => c.loginHost))].join(' or ');
}

const urlInvalid = defineRule<ClientContext>({
  id: 'WDA116',
  name: 'url-invalid',
  family: 'client',
  severity: 'error',
  description: 'auth_url, token_url and redirect_uri are absolute http(s) URLs.',
  fix: 'Write the full URL, starting with https://.',
  help: 'The connector opens auth_url in a browser, posts to token_url and listens on redirect_uri: each must be a complete URL.',
  *check(ctx) {
    for (const key of [...LOGIN_KEYS, 'redirect_uri']) {
      const u = urlValue(ctx, key);
      if (!u || u.text === '') {
        if (u) yield { message: `${key} is empty.`, ...u.value.text.whole() };
        continue;
      }
      if (!u.url) {
        yield { message: `${key} is not an absolute URL.`, ...u.span(0, u.text.length) };
      } else if (u.url.protocol !== 'https:' && u.url.protocol !== 'http:') {
        yield { message: `${key} uses ${u.url.protocol.slice(0, -1)}: where http(s) is needed.`, ...u.span(0, u.url.protocol.length) };
      }
    }
  },
});

const plainHttp = defineRule<ClientContext>({
  id: 'WDA117',
  name: 'login-plain-http',
  family: 'client',
  severity: 'error',
  description: 'auth_url and token_url use https (plain http only for a loopback test server).',
  fix: 'Use https://.',
  help:
    'The token request carries the client secret and returns tokens: over plain http anyone on the path can read ' +
    'them. Azure AD only answers https; plain http is fine only for a loopback sandbox or test server.',
  *check(ctx) {
    for (const key of LOGIN_KEYS) {
      const u = urlValue(ctx, key);
      if (u?.url?.protocol === 'http:' && !isLoopbackHost(u.url.hostname)) {
        yield { message: `${key} uses plain http: the secret and tokens would travel unencrypted.`, ...u.span(0, 4) };
      }
    }
  },
});

const loginHostUnknown = defineRule<ClientContext>({
  id: 'WDA118',
  name: 'login-host-unknown',
  family: 'client',
  severity: 'error',
  description: 'auth_url and token_url point at the Azure AD login host of a cloud that runs Defender.',
  fix: 'Use login.microsoftonline.com (commercial and GCC) or login.microsoftonline.us (GCC High, DoD).',
  help:
    'Both Graph alerts_v2 and the SIEM alert export take Azure AD tokens only. Commercial and GCC tenants sign in at ' +
    'login.microsoftonline.com, GCC High and DoD at login.microsoftonline.us; login.windows.net is an old alias ' +
    'of the commercial host.',
  *check(ctx) {
    for (const key of LOGIN_KEYS) {
      const u = urlValue(ctx, key);
      if (!u?.url || isLoopbackHost(u.url.hostname)) continue;
      const host = u.url.hostname.toLowerCase();
      if (host === LEGACY_COMMERCIAL_LOGIN) {
        yield {
          message: `${key} uses ${host}, the old alias of ${CLOUDS.commercial.loginHost}.`,
          severity: 'warning',
          hint: `Use ${CLOUDS.commercial.loginHost}.`,
          ...hostSpan(u),
        };
      } else if (loginClouds(host).length === 0) {
        yield { message: `${key} points at ${host}, not an Azure AD login host (${loginHostList()}).`, ...hostSpan(u) };
      }
    }
  },
});

const loopbackLoginHost = defineRule<ClientContext>({
  id: 'WDA119',
  name: 'login-host-loopback',
  family: 'client',
  severity: 'info',
  description: 'Notes when auth_url or token_url point at this machine (the sandbox or a test server).',
  fix: 'Nothing to fix for a test set-up; point the URLs at Azure AD before using the file with a real tenant.',
  help:
    'A loopback login host is what `wdatp-arcsight sandbox` and test servers use. It is fine for trying the ' +
    'connector offline, but a production connector must sign in at Azure AD.',
  *check(ctx) {
    for (const key of LOGIN_KEYS) {
      const u = urlValue(ctx, key);
      if (u?.url && isLoopbackHost(u.url.hostname)) {
        yield { message: `${key} points at this machine (${u.url.host}): a sandbox or test set-up.`, ...hostSpan(u) };
      }
    }
  },
});

const loginCloudMismatch = defineRule<ClientContext>({
  id: 'WDA120',
  name: 'login-cloud-mismatch',
  family: 'client',
  severity: 'error',
  description: 'auth_url and token_url use the login host of the same cloud.',
  fix: 'Use the same login host in both URLs.',
  help: "A code issued by one cloud's Azure AD cannot be redeemed at another cloud's token endpoint (AADSTS90002, " + '"signing into the correct cloud").',
  *check(ctx) {
    const a = urlValue(ctx, 'auth_url');
    const t = urlValue(ctx, 'token_url');
    if (!a?.url || !t?.url) return;
    const aLoop = isLoopbackHost(a.url.hostname);
    const tLoop = isLoopbackHost(t.url.hostname);
    if (aLoop && tLoop) {
      if (a.url.host.toLowerCase() !== t.url.host.toLowerCase()) {
        yield { message: `auth_url and token_url point at different test servers (${a.url.host}, ${t.url.host}).`, severity: 'warning', ...hostSpan(t) };
      }
      return;
    }
    if (aLoop !== tLoop) {
      yield { message: 'One of auth_url and token_url points at this machine and the other at Azure AD.', ...hostSpan(t) };
      return;
    }
    const ac = loginClouds(a.url.hostname);
    const tc = loginClouds(t.url.hostname);
    if (ac.length && tc.length && !ac.some((c) => tc.includes(c))) {
      yield { message: `token_url (${t.url.hostname}) and auth_url (${a.url.hostname}) belong to different clouds.`, ...hostSpan(t) };
    }
  },
});

/** The tenant path segment of a login URL, with its span. */
function tenantOf(u: UrlValue): { tenant: string; span: Span } | undefined {
  if (!u.url) return undefined;
  const r = pathSegmentRange(u.text, 0);
  if (!r) return { tenant: '', span: u.span(u.text.length, u.text.length) };
  return { tenant: safeDecode(u.text.slice(r.start, r.end)), span: u.span(r.start, r.end) };
}

const tenantInvalid = defineRule<ClientContext>({
  id: 'WDA121',
  name: 'tenant-invalid',
  family: 'client',
  severity: 'error',
  description: 'The tenant in auth_url and token_url is a tenant id (GUID) or a verified domain.',
  fix: 'Put your tenant id (Azure portal > Microsoft Entra ID > Overview > Tenant ID) in the path.',
  help:
    'The first path segment of both URLs names the tenant that owns the app registration, e.g. ' +
    'https://login.microsoftonline.com/8eaef023-2b34-4da1-9baa-8bc8c9d6a490/oauth2/token. A template placeholder ' +
    'such as <tenantID> or a multi-tenant alias such as common does not work for this connector.',
  *check(ctx) {
    for (const key of LOGIN_KEYS) {
      const u = urlValue(ctx, key);
      const t = u && tenantOf(u);
      if (!t) continue;
      const problem = tenantProblem(t.tenant);
      if (problem) yield { message: `${key}: ${problem}.`, ...t.span };
    }
  },
});

const tenantMismatch = defineRule<ClientContext>({
  id: 'WDA122',
  name: 'tenant-mismatch',
  family: 'client',
  severity: 'error',
  description: 'auth_url and token_url name the same tenant.',
  fix: 'Use the same tenant id in both URLs.',
  help:
    "The authorization code is issued by the tenant in auth_url and must be redeemed at the same tenant's token " +
    'endpoint; with two tenants the exchange fails (AADSTS50020 / invalid_grant), usually after a copy-paste.',
  *check(ctx) {
    const a = urlValue(ctx, 'auth_url');
    const t = urlValue(ctx, 'token_url');
    const at = a && tenantOf(a);
    const tt = t && tenantOf(t);
    if (!at || !tt || !at.tenant || !tt.tenant || tenantProblem(at.tenant) || tenantProblem(tt.tenant)) return;
    if (at.tenant.toLowerCase() !== tt.tenant.toLowerCase()) {
      yield { message: `token_url names tenant ${tt.tenant} but auth_url names ${at.tenant}.`, ...tt.span };
    }
  },
});

/** Path of a login URL after the tenant segment, lower-cased, without a trailing slash. */
function endpointPath(u: UrlValue): string {
  const segments = u.url!.pathname.split('/').filter((s) => s !== '');
  return segments.slice(1).join('/').toLowerCase();
}

export function pathSpan(u: UrlValue): Span {
  const afterScheme = u.text.indexOf('//');
  const hostEnd = u.text.slice(afterScheme + 2).search(/[/?#]/);
  const start = hostEnd < 0 ? u.text.length : afterScheme + 2 + hostEnd;
  if (u.text[start] !== '/') return u.span(start, start);
  const stop = u.text.slice(start).search(/[?#]/);
  return u.span(start, stop < 0 ? u.text.length : start + stop);
}

/**
 * auth_url must name the authorize endpoint and token_url the token endpoint, of either version (v1 or v2.0):
 * one check for both, told which key, which endpoint it needs and which one it is likely confused with.
 */
function endpointRule(key: 'auth_url' | 'token_url', endpoint: 'authorize' | 'token', meta: Omit<RuleMeta, 'family'>): Rule<ClientContext> {
  const other = endpoint === 'authorize' ? 'token' : 'authorize';
  return defineRule<ClientContext>({
    ...meta,
    family: 'client',
    *check(ctx) {
      const u = urlValue(ctx, key);
      if (!u?.url || (u.url.protocol !== 'https:' && u.url.protocol !== 'http:')) return;
      const path = endpointPath(u);
      if (path === `oauth2/${endpoint}` || path === `oauth2/v2.0/${endpoint}`) return;
      const message =
        path === `oauth2/${other}` || path === `oauth2/v2.0/${other}`
          ? `${key} is the ${other} endpoint; it must be the ${endpoint} endpoint (…/${path.slice(0, -other.length)}${endpoint}).`
          : path === ''
            ? `${key} stops after the tenant: it lacks /oauth2/v2.0/${endpoint} (or /oauth2/${endpoint} for the SIEM API).`
            : `${key} path ends in /${path}, not /oauth2/v2.0/${endpoint} (or /oauth2/${endpoint}).`;
      yield { message, ...pathSpan(u) };
    },
  });
}

const authUrlEndpoint = endpointRule('auth_url', 'authorize', {
  id: 'WDA123',
  name: 'auth-url-not-authorize-endpoint',
  severity: 'error',
  description: 'auth_url is an authorize endpoint: https://<login host>/<tenant>/oauth2/v2.0/authorize (Graph) or …/oauth2/authorize (SIEM API).',
  fix: 'Write auth_url as https://login.microsoftonline.com/<tenant>/oauth2/v2.0/authorize (Graph alerts_v2), or …/oauth2/authorize?resource=<url-encoded resource> for a legacy SIEM API set-up.',
  help:
    "ArcSight opens auth_url in the browser to sign in. One version of Microsoft's page shows it without " +
    '/oauth2/authorize, which does not sign anyone in. Graph alerts_v2 signs in at the identity platform v2.0 ' +
    'endpoint (with scope=); the legacy SIEM API at the Azure AD v1 endpoint (with resource=).',
});

const tokenUrlEndpoint = endpointRule('token_url', 'token', {
  id: 'WDA125',
  name: 'token-url-not-token-endpoint',
  severity: 'error',
  description: 'token_url is a token endpoint: https://<login host>/<tenant>/oauth2/v2.0/token (Graph) or …/oauth2/token (SIEM API).',
  fix: 'Write token_url as https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token (Graph alerts_v2), or …/oauth2/token for a legacy SIEM API set-up.',
  help:
    'The connector posts the authorization code and later the refresh token to token_url; the authorize ' +
    'endpoint does not accept posts. It must be the same endpoint version as auth_url (see WDA131).',
});

function normaliseResource(r: string): string {
  return r.trim().replace(/\/+$/, '').toLowerCase();
}

const authUrlResource = defineRule<ClientContext>({
  id: 'WDA124',
  name: 'auth-url-resource',
  family: 'client',
  severity: 'error',
  description: 'On the v1 endpoint (SIEM API), auth_url carries resource= with a resource the SIEM API accepts.',
  fix: 'Append ?resource=https%3A%2F%2Fgraph.windows.net (app created by the portal) or ?resource=https%3A%2F%2FWDATPAlertExport.Seville.onmicrosoft.com.',
  help:
    'Azure AD v1 issues a token for the resource named in the sign-in request. Without it, or with another ' +
    'resource, the refresh token cannot get tokens the alert export API accepts (401 from the Events URL). ' +
    'Use https://graph.windows.net if the portal created the app, otherwise https://WDATPAlertExport.Seville.onmicrosoft.com.',
  *check(ctx) {
    const u = urlValue(ctx, 'auth_url');
    if (!u?.url || (u.url.protocol !== 'https:' && u.url.protocol !== 'http:')) return;
    if (endpointVersion(u.url) === 'v2') return; // Graph signs in with scope=; WDA132 reports a resource= there
    const resource = u.url.searchParams.get('resource');
    if (resource === null || resource.trim() === '') {
      yield { message: 'auth_url has no resource= parameter.', ...u.span(u.text.length, u.text.length) };
      return;
    }
    const known = KNOWN_RESOURCES.some((k) => normaliseResource(k) === normaliseResource(resource));
    if (known) return;
    const r = queryParamRange(u.text, 'resource');
    const span = r ? u.span(r.start, r.end) : u.span(0, u.text.length);
    const doubly = KNOWN_RESOURCES.some((k) => normaliseResource(k) === normaliseResource(safeDecode(resource)));
    yield {
      message: doubly
        ? 'auth_url encodes the resource twice (%25…); Azure AD would see an unknown resource.'
        : `auth_url asks for resource ${resource}, which the SIEM alert export API does not accept.`,
      severity: doubly ? 'error' : 'warning',
      ...span,
    };
  },
});

const redirectNotLoopback = defineRule<ClientContext>({
  id: 'WDA126',
  name: 'redirect-uri-not-loopback',
  family: 'client',
  severity: 'error',
  description: 'redirect_uri points at this machine (localhost or 127.0.0.1).',
  fix: 'Use https://localhost:44300/wdatpconnector (and register exactly that reply URL on the app).',
  help:
    'restutil and the connector receive the authorization code by listening on redirect_uri on the machine they ' +
    'run on; a redirect to another host sends the code elsewhere and the sign-in never completes.',
  *check(ctx) {
    const u = urlValue(ctx, 'redirect_uri');
    if (!u?.url || (u.url.protocol !== 'https:' && u.url.protocol !== 'http:')) return;
    if (!isLoopbackHost(u.url.hostname)) {
      yield { message: `redirect_uri points at ${u.url.hostname}, not at this machine.`, ...hostSpan(u) };
    }
  },
});

const redirectNoPort = defineRule<ClientContext>({
  id: 'WDA127',
  name: 'redirect-uri-no-port',
  family: 'client',
  severity: 'warning',
  description: 'redirect_uri names its port explicitly (e.g. :44300).',
  fix: 'Add an unused port above 1024, e.g. https://localhost:44300/wdatpconnector, and register the same reply URL.',
  help:
    'Without a port the listener needs 443 (or 80), which needs administrator rights and is often taken by ' +
    'another service; Azure AD also compares the reply URL exactly, port included.',
  *check(ctx) {
    const u = urlValue(ctx, 'redirect_uri');
    if (!u?.url || !isLoopbackHost(u.url.hostname)) return;
    const r = hostRange(u.text);
    const explicit = r !== undefined && u.text[r.end] === ':';
    if (!explicit) {
      yield { message: `redirect_uri has no explicit port, so the listener needs port ${u.url.protocol === 'https:' ? 443 : 80}.`, ...hostSpan(u) };
    }
  },
});

const redirectScheme = defineRule<ClientContext>({
  id: 'WDA128',
  name: 'redirect-uri-scheme',
  family: 'client',
  severity: 'info',
  description: 'Explains what the redirect_uri scheme (https or http) means for the sign-in.',
  fix: "Keep https to follow Microsoft's set-up (accept the certificate once), or use http://localhost:<port>/… to avoid the certificate prompt; register the same URL on the app.",
  help:
    'With an https redirect_uri the connector (and restutil) answer the redirect with a self-signed certificate, ' +
    'and the browser asks you to trust it before the sign-in completes. With http the browser shows no prompt; ' +
    'Azure AD accepts http reply URLs only for localhost, and the code then travels unencrypted on this machine only.',
  *check(ctx) {
    const u = urlValue(ctx, 'redirect_uri');
    if (!u?.url || !isLoopbackHost(u.url.hostname)) return;
    if (u.url.protocol === 'https:') {
      yield {
        message: "redirect_uri is https: the browser will ask you to trust the connector's self-signed certificate once during sign-in.",
        ...u.span(0, 5),
      };
    } else if (u.url.protocol === 'http:') {
      yield {
        message: 'redirect_uri is http: no certificate prompt; make sure this exact http://localhost URL is a registered reply URL.',
        ...u.span(0, 4),
      };
    }
  },
});

/** The login and redirect URL rules. Only listed rules run: lint/registry.ts gathers these lists, and a rule left out is an unused local. */
export const CLIENT_URL_RULES = [
  urlInvalid,
  plainHttp,
  loginHostUnknown,
  loopbackLoginHost,
  loginCloudMismatch,
  tenantInvalid,
  tenantMismatch,
  authUrlEndpoint,
  authUrlResource,
  tokenUrlEndpoint,
  redirectNotLoopback,
  redirectNoPort,
  redirectScheme,
];
