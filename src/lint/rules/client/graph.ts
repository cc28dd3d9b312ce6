import { CLOUDS, cloudsForGraphHost, graphEndpoints, isLoopbackHost, type Cloud } from '../../../connector/index.js';
import { defineRule, fileLevel } from '../../rule.js';
import type { Span } from '../../properties-source.js';
import type { Issue } from '../../types.js';
import { endpointVersion, parseUrl, queryParamRange } from '../../urls.js';
import { loginVersion, type ClientContext, type ClientValue } from './context.js';
import { loginClouds, pathSpan, urlValue } from './urls.js';

// Rules for client files written for Microsoft Graph alerts_v2: identity platform v2 endpoints and a scope.

/** One space-separated entry of scope=, with where it sits in the decoded value. */
interface ScopeItem {
  text: string;
  start: number;
  end: number;
  /** Lower-cased host of a resource-qualified scope (https://graph.microsoft.com/X), undefined for a bare one. */
  host?: string;
  /** The permission: the path of a qualified scope without its slash, or the bare scope. */
  permission: string;
}

function scopeItems(scope: ClientValue): ScopeItem[] {
  const items: ScopeItem[] = [];
  for (const m of scope.value.matchAll(/\S+/g)) {
    const url = parseUrl(m[0]);
    items.push({
      text: m[0],
      start: m.index,
      end: m.index + m[0].length,
      host: url?.hostname.toLowerCase(),
      permission: url ? url.pathname.replace(/^\/+/, '') : m[0],
    });
  }
  return items;
}

const itemSpan = (scope: ClientValue, item: ScopeItem): Span => scope.text.span(item.start, item.end);

/** The clouds the file signs in to (token_url, else auth_url), empty for a loopback or unknown login host. */
function signInClouds(ctx: ClientContext): Cloud[] {
  for (const key of ['token_url', 'auth_url']) {
    const url = urlValue(ctx, key)?.url;
    if (!url) continue;
    return isLoopbackHost(url.hostname) ? [] : loginClouds(url.hostname);
  }
  return [];
}

/** How to write scope for the cloud the file signs in to (GCC High and DoD share the .us login host). */
function scopeHint(ctx: ClientContext): string {
  const clouds = signInClouds(ctx);
  // The scope does not depend on the tenant, so none is passed.
  const scopes = [...new Set((clouds.length ? clouds : (['commercial'] as Cloud[])).map((c) => graphEndpoints(c, '').scope))];
  return `Write scope=${scopes.join(' or scope=')}.`;
}

/** The scope of a Graph (v2) file, or undefined for any other (WDA113 covers the scope of a v1 one). */
function graphScope(ctx: ClientContext): { scope: ClientValue | undefined; items: ScopeItem[] } | undefined {
  if (loginVersion(ctx) !== 'v2') return undefined;
  const scope = ctx.get('scope');
  return { scope, items: scope ? scopeItems(scope) : [] };
}

const isAlertsPermission = (p: string): boolean => /^SecurityAlert\.Read(Write)?\.All$/i.test(p);
const isSecurityEvents = (p: string): boolean => /^SecurityEvents\.Read(Write)?\.All$/i.test(p);
/** Stands for Microsoft Graph: a bare scope (the identity platform reads it as Graph), a Graph host, or a loopback test server. */
const isGraphLike = (host: string | undefined): boolean => host === undefined || cloudsForGraphHost(host).length > 0 || isLoopbackHost(host);

const endpointVersionMixed = defineRule<ClientContext>({
  id: 'WDA131',
  name: 'login-endpoint-version-mixed',
  family: 'client',
  severity: 'error',
  description: 'auth_url and token_url use the same endpoint version: both v2.0 (Graph) or both v1 (SIEM API).',
  fix: 'Use …/oauth2/v2.0/authorize with …/oauth2/v2.0/token (Graph alerts_v2), or …/oauth2/authorize with …/oauth2/token (SIEM API).',
  help:
    'The sign-in at auth_url issues an authorization code for one endpoint version; the token endpoint of the other ' +
    'version refuses it (invalid_grant), and v1 asks for a resource where v2.0 asks for scopes. A half-edited file ' +
    'mixes them.',
  *check(ctx) {
    if (loginVersion(ctx) !== 'mixed') return;
    const token = urlValue(ctx, 'token_url')!;
    const tokenIsV2 = endpointVersion(token.url!) === 'v2';
    yield {
      message: tokenIsV2
        ? 'token_url is the v2.0 token endpoint but auth_url is written for v1 (oauth2/authorize, resource=); the code from one is not redeemed at the other.'
        : 'token_url is the v1 token endpoint but auth_url is the v2.0 authorize endpoint; the code from one is not redeemed at the other.',
      ...pathSpan(token),
    };
  },
});

const v2Resource = defineRule<ClientContext>({
  id: 'WDA132',
  name: 'v2-resource-parameter',
  family: 'client',
  severity: 'error',
  description: 'A v2.0 auth_url or token_url carries no resource= parameter.',
  fix: 'Delete resource=… from the URL; the v2.0 endpoints take the permission from scope= (offline_access https://graph.microsoft.com/SecurityAlert.Read.All).',
  help:
    "The identity platform v2.0 endpoints reject the v1 resource parameter with AADSTS901002 (\"The 'resource' " +
    'request parameter is not supported"), so the sign-in fails before anything is asked. What the token is for ' +
    'comes from the scope.',
  *check(ctx) {
    for (const key of ['auth_url', 'token_url']) {
      const u = urlValue(ctx, key);
      if (!u?.url || endpointVersion(u.url) !== 'v2' || !u.url.searchParams.has('resource')) continue;
      const r = queryParamRange(u.text, 'resource');
      yield {
        message: `${key} is a v2.0 endpoint with resource=; Azure AD rejects it (AADSTS901002).`,
        ...(r ? u.span(r.start - 'resource='.length, r.end) : u.span(0, u.text.length)),
      };
    }
  },
});

const scopeOfflineAccess = defineRule<ClientContext>({
  id: 'WDA133',
  name: 'scope-offline-access-missing',
  family: 'client',
  severity: 'error',
  description: 'With v2.0 endpoints, scope includes offline_access.',
  fix: 'Write scope=offline_access https://graph.microsoft.com/SecurityAlert.Read.All (the Graph host of your cloud).',
  help:
    'The v2.0 token endpoint returns a refresh token only when offline_access was asked for. Without one, ' +
    '`arcsight restutil token` (and `wdatp-arcsight token`) has nothing to give the connector, which cannot renew ' +
    'its access token after it expires (about an hour).',
  *check(ctx) {
    const g = graphScope(ctx);
    if (!g) return;
    if (!g.scope) {
      yield fileLevel('scope is missing; the v2.0 endpoints need one, with offline_access for a refresh token.', { hint: scopeHint(ctx) });
    } else if (g.items.length === 0) {
      yield { message: 'scope is empty; the v2.0 endpoints need one, with offline_access for a refresh token.', hint: scopeHint(ctx), ...g.scope.text.whole() };
    } else if (!g.items.some((i) => i.host === undefined && i.permission.toLowerCase() === 'offline_access')) {
      yield { message: 'scope lacks offline_access, so no refresh token comes back.', hint: scopeHint(ctx), ...g.scope.text.whole() };
    }
  },
});

const scopeAlertsPermission = defineRule<ClientContext>({
  id: 'WDA134',
  name: 'scope-alerts-permission-missing',
  family: 'client',
  severity: 'error',
  description: 'With v2.0 endpoints, scope asks Microsoft Graph for SecurityAlert.Read.All (or SecurityAlert.ReadWrite.All, or /.default).',
  fix: 'Add https://graph.microsoft.com/SecurityAlert.Read.All (the Graph host of your cloud) to scope.',
  help:
    'GET /security/alerts_v2 needs the SecurityAlert.Read.All permission (SecurityAlert.ReadWrite.All also works), ' +
    "delegated for the connector's sign-in. A scope for another API, or none, gives a token Graph answers with " +
    '403. https://<graph host>/.default asks for whatever permissions the app registration was granted.',
  *check(ctx) {
    const g = graphScope(ctx);
    if (!g?.scope || g.items.length === 0) return; // WDA133 reports the missing scope
    const granted = g.items.some((i) => isGraphLike(i.host) && (isAlertsPermission(i.permission) || (i.host !== undefined && i.permission === '.default')));
    if (granted || g.items.some((i) => isSecurityEvents(i.permission))) return; // WDA135 explains SecurityEvents
    const hint = scopeHint(ctx);
    const foreign = g.items.find((i) => !isGraphLike(i.host));
    if (foreign) {
      const what = foreign.host === 'graph.windows.net' ? 'Azure AD Graph (graph.windows.net), not Microsoft Graph' : 'not Microsoft Graph';
      yield {
        message: `scope asks ${foreign.host} for ${foreign.permission || 'nothing'}: that is ${what}, so Graph alerts_v2 answers 403.`,
        hint,
        ...itemSpan(g.scope, foreign),
      };
    } else {
      yield { message: 'scope asks for no permission that reads alerts_v2 (SecurityAlert.Read.All).', hint, ...g.scope.text.whole() };
    }
  },
});

const scopeSecurityEvents = defineRule<ClientContext>({
  id: 'WDA135',
  name: 'scope-security-events-permission',
  family: 'client',
  severity: 'error',
  description: 'scope does not ask for SecurityEvents.Read.All, the permission of the retiring Graph /security/alerts API.',
  fix: 'Replace SecurityEvents.Read.All with SecurityAlert.Read.All (and grant that permission on the app registration).',
  help:
    'SecurityEvents.Read.All belongs to the legacy Graph /security/alerts (alerts v1), which Microsoft retires on ' +
    'October 15, 2026. alerts_v2 needs SecurityAlert.Read.All; a token with only SecurityEvents.Read.All gets 403. ' +
    'Next to SecurityAlert.Read.All it is merely an unneeded permission (a warning).',
  *check(ctx) {
    const g = graphScope(ctx);
    if (!g?.scope) return;
    const alerts = g.items.some((i) => isAlertsPermission(i.permission));
    for (const item of g.items) {
      if (!isSecurityEvents(item.permission)) continue;
      const issue: Issue = alerts
        ? {
            message: `scope also asks for ${item.permission}, which alerts_v2 does not need.`,
            severity: 'warning',
            hint: `Delete ${item.text} from scope.`,
            ...itemSpan(g.scope, item),
          }
        : {
            message: `scope asks for ${item.permission}, the permission of the retiring /security/alerts, not of alerts_v2 (403).`,
            hint: scopeHint(ctx),
            ...itemSpan(g.scope, item),
          };
      yield issue;
    }
  },
});

const scopeGraphCloud = defineRule<ClientContext>({
  id: 'WDA136',
  name: 'scope-graph-cloud-mismatch',
  family: 'client',
  severity: 'error',
  description: 'The Graph host in scope belongs to the cloud of the login host.',
  fix: 'Use the Graph host of your cloud: graph.microsoft.com (commercial, GCC), graph.microsoft.us (GCC High) or dod-graph.microsoft.us (DoD).',
  help:
    'Each national cloud has its own Microsoft Graph and its own sign-in: tokens for one cloud are not accepted by ' +
    'another (login.microsoftonline.com issues tokens for graph.microsoft.com; login.microsoftonline.us for ' +
    'graph.microsoft.us and dod-graph.microsoft.us). A mismatch fails at sign-in (invalid scope) or with 401.',
  *check(ctx) {
    const g = graphScope(ctx);
    const clouds = signInClouds(ctx);
    if (!g?.scope || clouds.length === 0) return;
    for (const item of g.items) {
      if (item.host === undefined) continue;
      const graphClouds = cloudsForGraphHost(item.host);
      if (graphClouds.length === 0 || graphClouds.some((c) => clouds.includes(c))) continue;
      const hostStart = item.start + item.text.toLowerCase().indexOf(item.host);
      yield {
        message: `scope names ${item.host} (${CLOUDS[graphClouds[0]!].label}), but the file signs in to ${clouds.map((c) => CLOUDS[c].label).join(' / ')}.`,
        hint: scopeHint(ctx),
        ...g.scope.text.span(hostStart, hostStart + item.host.length),
      };
    }
  },
});

/** The Graph (v2 endpoint) scope and endpoint rules. Only listed rules run: lint/registry.ts gathers these lists, and a rule left out is an unused local. */
export const CLIENT_GRAPH_RULES = [endpointVersionMixed, v2Resource, scopeOfflineAccess, scopeAlertsPermission, scopeSecurityEvents, scopeGraphCloud];
