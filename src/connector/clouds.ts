/**
 * The one table of Microsoft clouds and Defender data-centre regions. Everything host-shaped (login host,
 * SIEM "alertexporter" host, portal) is derived from here, so a new region or cloud is one row.
 */

export type Cloud = 'commercial' | 'gcc' | 'gcc-high' | 'dod';
export type Region = 'eu' | 'us' | 'uk';

export interface CloudInfo {
  id: Cloud;
  label: string;
  /** Azure AD login host: login.microsoftonline.com (commercial, GCC) or login.microsoftonline.us (GCC High, DoD). */
  loginHost: string;
  /** Regions the user chooses between; empty when the cloud has a single SIEM endpoint. */
  regions: Region[];
  /** Host of the SIEM alert-export API; `region` is required exactly when `regions` is not empty. */
  eventsHost(region?: Region): string;
  /** Host of the Defender portal that the alert links of this cloud point to. */
  portalHost: string;
  /** Microsoft Graph host of this cloud (the alerts_v2 API); sign-in for it is on `loginHost` too. */
  graphHost: string;
}

export const REGIONS: readonly Region[] = ['eu', 'us', 'uk'];

export const REGION_LABELS: Readonly<Record<Region, string>> = {
  eu: 'Europe (EU)',
  us: 'United States (US)',
  uk: 'United Kingdom (UK)',
};

function fixedHost(host: string): (region?: Region) => string {
  return () => host;
}

export const CLOUDS: Readonly<Record<Cloud, CloudInfo>> = {
  commercial: {
    id: 'commercial',
    label: 'Commercial (worldwide)',
    loginHost: 'login.microsoftonline.com',
    regions: ['eu', 'us', 'uk'],
    eventsHost(region?: Region): string {
      // The .securitycenter.windows.com form is the one the ArcSight and Splunk set-up pages use.
      if (!region) throw new Error('The commercial cloud needs a region (eu, us or uk).');
      return `wdatp-alertexporter-${region}.securitycenter.windows.com`;
    },
    portalHost: 'security.microsoft.com',
    graphHost: 'graph.microsoft.com',
  },
  gcc: {
    id: 'gcc',
    label: 'US Government Community Cloud (GCC)',
    loginHost: 'login.microsoftonline.com',
    regions: [],
    eventsHost: fixedHost('wdatp-alertexporter-us.gcc.securitycenter.windows.us'),
    portalHost: 'security.microsoft.com',
    graphHost: 'graph.microsoft.com',
  },
  'gcc-high': {
    id: 'gcc-high',
    label: 'US Government GCC High',
    loginHost: 'login.microsoftonline.us',
    regions: [],
    eventsHost: fixedHost('wdatp-alertexporter-us.securitycenter.windows.us'),
    portalHost: 'security.microsoft.us',
    graphHost: 'graph.microsoft.us',
  },
  dod: {
    id: 'dod',
    label: 'US Department of Defense (DoD)',
    loginHost: 'login.microsoftonline.us',
    regions: [],
    eventsHost: fixedHost('wdatp-alertexporter-us.securitycenter.windows.us'),
    portalHost: 'security.apps.mil',
    graphHost: 'dod-graph.microsoft.us',
  },
};

export const CLOUD_IDS: readonly Cloud[] = ['commercial', 'gcc', 'gcc-high', 'dod'];

/** The two resources the SIEM app may ask a token for: the current one first (the default), then the legacy one. */
export const KNOWN_RESOURCES: readonly string[] = ['https://graph.windows.net', 'https://WDATPAlertExport.Seville.onmicrosoft.com'];

/**
 * The clouds whose sign-in happens on `host`. login.windows.net is the older alias of the commercial login host
 * that several integrations still use.
 */
export function cloudsForLoginHost(host: string): Cloud[] {
  const h = host.toLowerCase().replace(/\.$/, '');
  const alias = h === 'login.windows.net' ? 'login.microsoftonline.com' : h;
  return CLOUD_IDS.filter((id) => CLOUDS[id].loginHost === alias);
}

/**
 * Which cloud (and region) an alert-export host belongs to. Accepts both commercial forms that Microsoft's pages
 * use (`-<region>.windows.com` and `-<region>.securitycenter.windows.com`). GCC High and DoD share one host; it
 * is reported as gcc-high.
 */
export function cloudForEventsHost(host: string): { cloud: Cloud; region?: Region } | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  const commercial = /^wdatp-alertexporter-(eu|us|uk)\.(?:securitycenter\.)?windows\.com$/.exec(h);
  if (commercial) return { cloud: 'commercial', region: commercial[1] as Region };
  for (const id of CLOUD_IDS) {
    const info = CLOUDS[id];
    if (info.regions.length === 0 && info.eventsHost() === h) return { cloud: id };
  }
  return undefined;
}

/** The clouds whose Microsoft Graph API is on `host` (commercial and GCC share graph.microsoft.com). */
export function cloudsForGraphHost(host: string): Cloud[] {
  const h = host.toLowerCase().replace(/\.$/, '');
  return CLOUD_IDS.filter((id) => CLOUDS[id].graphHost === h);
}
