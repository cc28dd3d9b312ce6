import { CLOUDS, GRAPH_ALERTS_PATH, cloudsForGraphHost, cloudsForLoginHost, graphEndpoints } from '../connector/index.js';
import { tenantOf } from './config.js';
import type { ClientConfig } from './types.js';

/**
 * What the scope of an identity platform v2 client file says: which API (resource) the permissions are for, and
 * whether a refresh token will come back. Hosts come from the connector's cloud table, never from here.
 */

/** The scopes of a space-separated scope string. */
export function scopesOf(scope: string | undefined): string[] {
  return (scope ?? '').split(/\s+/).filter(Boolean);
}

/** offline_access is the scope that makes the v2 token endpoint return a refresh token. */
export function hasOfflineAccess(scope: string | undefined): boolean {
  return scopesOf(scope).some((s) => s.toLowerCase() === 'offline_access');
}

/** The API a scope string asks for: the origin of its first URL-shaped scope (https://graph.microsoft.com). */
export function scopeResource(scope: string | undefined): string | undefined {
  for (const s of scopesOf(scope)) {
    if (!/^https?:\/\//i.test(s)) continue;
    try {
      return new URL(s).origin;
    } catch {
      // a malformed scope names no resource; the token endpoint will say so (AADSTS70011)
    }
  }
  return undefined;
}

/**
 * The Graph host tokens of this file are for: the host in the scope, else the Graph host of the login host's cloud
 * (commercial and GCC share one). Undefined when neither tells (a test server with bare scopes).
 */
export function graphHostOf(cfg: Pick<ClientConfig, 'scope' | 'tokenUrl'>): string | undefined {
  const resource = scopeResource(cfg.scope);
  if (resource) return new URL(resource).host;
  const hosts = new Set(cloudsForLoginHost(new URL(cfg.tokenUrl).hostname).map((c) => CLOUDS[c].graphHost));
  return hosts.size === 1 ? [...hosts][0] : undefined;
}

/** The client-credentials scope: `https://<graph host>/.default` (graphEndpoints' defaultScope on known clouds). */
export function defaultScopeOf(cfg: Pick<ClientConfig, 'scope' | 'tokenUrl'>): string {
  const host = graphHostOf(cfg) ?? CLOUDS.commercial.graphHost;
  const cloud = cloudsForGraphHost(host)[0];
  if (cloud) return graphEndpoints(cloud, tenantOf(cfg.tokenUrl) ?? 'common').defaultScope;
  const resource = scopeResource(cfg.scope) ?? `https://${host}`;
  return `${resource}/.default`;
}

/** The alerts_v2 list URL on the file's Graph host, for `token --verify`. */
export function graphAlertsUrlOf(cfg: Pick<ClientConfig, 'scope' | 'tokenUrl'>): string | undefined {
  const host = graphHostOf(cfg);
  return host ? `https://${host}${GRAPH_ALERTS_PATH}` : undefined;
}
