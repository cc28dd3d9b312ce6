import { CLOUDS, type Cloud } from './clouds.js';

/**
 * Microsoft Graph security alerts_v2, the SIEM API's successor: the endpoints of the identity platform v2 and of
 * Graph for one cloud and tenant. Every Graph-shaped URL the toolkit writes, checks or calls comes from here.
 */

/** The source API of a set-up: Graph alerts_v2 (the default for new set-ups) or the deprecated WDATP SIEM API. */
export type SourceApi = 'graph' | 'siem';
export const SOURCE_APIS: readonly SourceApi[] = ['graph', 'siem'];

/** The least-privileged permission that reads alerts_v2, delegated and application alike. */
export const GRAPH_ALERTS_PERMISSION = 'SecurityAlert.Read.All';
/** The path of the alerts list on a Graph host. */
export const GRAPH_ALERTS_PATH = '/v1.0/security/alerts_v2';
/** Largest `$top` alerts_v2 is known to honour (Microsoft documents none; 2000 is the observed maximum). */
export const GRAPH_MAX_TOP = 2000;
/** Documented throttling limit for /security alert operations, per app per tenant. */
export const GRAPH_REQUESTS_PER_MINUTE = 150;

export interface GraphEndpoints {
  loginHost: string;
  graphHost: string;
  /** Identity platform v2 authorize endpoint of the tenant. */
  authUrl: string;
  /** Identity platform v2 token endpoint of the tenant. */
  tokenUrl: string;
  /** Delegated scope: offline_access is what makes the token endpoint return a refresh token. */
  scope: string;
  /** Application (client credentials) scope. */
  defaultScope: string;
  /** The bare alerts_v2 list URL. */
  alertsUrl: string;
}

export function graphEndpoints(cloud: Cloud, tenant: string): GraphEndpoints {
  const { loginHost, graphHost } = CLOUDS[cloud];
  const base = `https://${loginHost}/${encodeURIComponent(tenant)}/oauth2/v2.0`;
  return {
    loginHost,
    graphHost,
    authUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    scope: `offline_access https://${graphHost}/${GRAPH_ALERTS_PERMISSION}`,
    defaultScope: `https://${graphHost}/.default`,
    alertsUrl: `https://${graphHost}${GRAPH_ALERTS_PATH}`,
  };
}
