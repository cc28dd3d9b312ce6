import { CLOUDS } from './clouds.js';
import { graphEndpoints, graphEventsUrl } from './graph.js';
import { apiOf, type ConnectorValues } from './values.js';

export interface DerivedUrls {
  /**
   * The connector's `auth_url`: for the SIEM API the Azure AD v1 authorize endpoint with the resource the app asks
   * for; for Graph the identity platform v2 authorize endpoint (the scope goes in `scope`).
   */
  authUrl: string;
  /** The connector's `token_url`: Azure AD v1 (SIEM API) or identity platform v2 (Graph) token endpoint. */
  tokenUrl: string;
  /** The connector's `scope`: empty for the SIEM API (v1 ignores it), the delegated alerts_v2 scope for Graph. */
  scope: string;
  /** The FlexConnector REST "Events URL"; the connector substitutes its own `$START_AT_TIME`. */
  eventsUrl: string;
  loginHost: string;
}

/** The URLs that follow from the source API, tenant, cloud, region and resource. */
export function deriveUrls(v: ConnectorValues): DerivedUrls {
  const cloud = CLOUDS[v.cloud];
  if (apiOf(v) === 'graph') {
    const graph = graphEndpoints(v.cloud, v.tenant);
    return { authUrl: graph.authUrl, tokenUrl: graph.tokenUrl, scope: graph.scope, eventsUrl: graphEventsUrl(v.cloud), loginHost: graph.loginHost };
  }
  const tenant = encodeURIComponent(v.tenant);
  const base = `https://${cloud.loginHost}/${tenant}/oauth2`;
  return {
    authUrl: `${base}/authorize?resource=${encodeURIComponent(v.resource ?? '')}`,
    tokenUrl: `${base}/token`,
    scope: '',
    eventsUrl: `https://${cloud.eventsHost(v.region)}/api/alerts?sinceTimeUtc=$START_AT_TIME`,
    loginHost: cloud.loginHost,
  };
}
