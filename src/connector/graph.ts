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
/**
 * The `$top` of the FlexConnector Events URL: the largest page alerts_v2 is known to return. Whether the
 * FlexConnector REST follows `@odata.nextLink` is not documented, so one request per poll has to carry as many
 * alerts as it can; with 150 requests a minute allowed, a bigger page costs nothing in throttling.
 */
export const GRAPH_EVENTS_TOP = GRAPH_MAX_TOP;

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

/**
 * The FlexConnector REST "Events URL" for alerts_v2: every alert updated at or after `$START_AT_TIME` (the
 * connector substitutes its own time there), at most `top` per request. Written as the connector must send it:
 * spaces as %20 (an HTTP request line cannot hold a space), `$filter`, `$top` and `$START_AT_TIME` literal.
 */
export function graphEventsUrl(cloud: Cloud, top: number = GRAPH_EVENTS_TOP): string {
  const filter = ['lastUpdateDateTime', 'ge', '$START_AT_TIME'].join('%20');
  return `https://${CLOUDS[cloud].graphHost}${GRAPH_ALERTS_PATH}?$filter=${filter}&$top=${top}`;
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

/**
 * The identity platform v2 admin-consent URL: a tenant administrator opens it once to grant the app's
 * application permissions (client credentials) or to consent for every user of the tenant (delegated).
 */
export function graphAdminConsentUrl(cloud: Cloud, tenant: string, clientId: string, redirectUri?: string): string {
  const { loginHost, graphHost } = CLOUDS[cloud];
  const q = new URLSearchParams({ client_id: clientId, scope: `https://${graphHost}/.default` });
  if (redirectUri !== undefined) q.set('redirect_uri', redirectUri);
  return `https://${loginHost}/${encodeURIComponent(tenant)}/v2.0/adminconsent?${q.toString()}`;
}
