import { CLOUDS } from './clouds.js';
import type { ConnectorValues } from './values.js';

export interface DerivedUrls {
  /** Azure AD v1 authorize endpoint with the resource the SIEM app asks for (the connector's `auth_url`). */
  authUrl: string;
  /** Azure AD v1 token endpoint (the connector's `token_url`). */
  tokenUrl: string;
  /** The FlexConnector REST "Events URL"; the connector substitutes its own `$START_AT_TIME`. */
  eventsUrl: string;
  loginHost: string;
}

/** The URLs that follow from the tenant, cloud, region and resource. */
export function deriveUrls(v: ConnectorValues): DerivedUrls {
  const cloud = CLOUDS[v.cloud];
  const tenant = encodeURIComponent(v.tenant);
  const base = `https://${cloud.loginHost}/${tenant}/oauth2`;
  return {
    authUrl: `${base}/authorize?resource=${encodeURIComponent(v.resource)}`,
    tokenUrl: `${base}/token`,
    eventsUrl: `https://${cloud.eventsHost(v.region)}/api/alerts?sinceTimeUtc=$START_AT_TIME`,
    loginHost: cloud.loginHost,
  };
}
