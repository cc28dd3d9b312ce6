import { describe, expect, it } from 'vitest';
import {
  CLOUDS,
  CLOUD_IDS,
  KNOWN_RESOURCES,
  cloudForEventsHost,
  cloudsForLoginHost,
  deriveUrls,
  withDefaults,
  type Cloud,
  type Region,
} from '../../src/connector/index.js';

const tenant = '8eaef023-2b34-4da1-9baa-8bc8c9d6a490';
const clientId = '4f6a2b1c-93d7-4e8a-b5c0-1d2e3f405162';

// Expected hosts written out from the reference tables, not computed from CLOUDS.
const expected: Array<{ cloud: Cloud; region?: Region; login: string; events: string }> = [
  { cloud: 'commercial', region: 'eu', login: 'login.microsoftonline.com', events: 'wdatp-alertexporter-eu.securitycenter.windows.com' },
  { cloud: 'commercial', region: 'us', login: 'login.microsoftonline.com', events: 'wdatp-alertexporter-us.securitycenter.windows.com' },
  { cloud: 'commercial', region: 'uk', login: 'login.microsoftonline.com', events: 'wdatp-alertexporter-uk.securitycenter.windows.com' },
  { cloud: 'gcc', login: 'login.microsoftonline.com', events: 'wdatp-alertexporter-us.gcc.securitycenter.windows.us' },
  { cloud: 'gcc-high', login: 'login.microsoftonline.us', events: 'wdatp-alertexporter-us.securitycenter.windows.us' },
  { cloud: 'dod', login: 'login.microsoftonline.us', events: 'wdatp-alertexporter-us.securitycenter.windows.us' },
];

describe('deriveUrls', () => {
  it.each(expected)('$cloud $region', ({ cloud, region, login, events }) => {
    const urls = deriveUrls(withDefaults({ tenant, clientId, cloud, region }));
    expect(urls.loginHost).toBe(login);
    expect(urls.authUrl).toBe(`https://${login}/${tenant}/oauth2/authorize?resource=https%3A%2F%2Fgraph.windows.net`);
    expect(urls.tokenUrl).toBe(`https://${login}/${tenant}/oauth2/token`);
    expect(urls.eventsUrl).toBe(`https://${events}/api/alerts?sinceTimeUtc=$START_AT_TIME`);
  });

  it('url-encodes the legacy resource into auth_url and keeps a domain tenant as typed', () => {
    const urls = deriveUrls(
      withDefaults({ tenant: 'contoso.onmicrosoft.com', clientId, region: 'us', resource: 'https://WDATPAlertExport.Seville.onmicrosoft.com' }),
    );
    expect(urls.authUrl).toBe(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/authorize?resource=https%3A%2F%2FWDATPAlertExport.Seville.onmicrosoft.com',
    );
  });

  it('covers every cloud and every region of the table', () => {
    const covered = new Set(expected.map((e) => `${e.cloud}/${e.region ?? ''}`));
    for (const id of CLOUD_IDS) {
      const regions = CLOUDS[id].regions;
      if (regions.length === 0) expect(covered.has(`${id}/`)).toBe(true);
      for (const r of regions) expect(covered.has(`${id}/${r}`)).toBe(true);
    }
  });
});

describe('cloudsForLoginHost', () => {
  it('maps each login host to the clouds that sign in there', () => {
    expect(cloudsForLoginHost('login.microsoftonline.com')).toEqual(['commercial', 'gcc']);
    expect(cloudsForLoginHost('LOGIN.MICROSOFTONLINE.US')).toEqual(['gcc-high', 'dod']);
    expect(cloudsForLoginHost('login.windows.net')).toEqual(['commercial', 'gcc']);
    expect(cloudsForLoginHost('login.example.com')).toEqual([]);
  });
});

describe('cloudForEventsHost', () => {
  it('recognises every host the table derives', () => {
    for (const e of expected) {
      const found = cloudForEventsHost(e.events);
      // GCC High and DoD share one host; it is reported as gcc-high.
      expect(found?.cloud).toBe(e.cloud === 'dod' ? 'gcc-high' : e.cloud);
      expect(found?.region).toBe(e.region);
    }
  });

  it('accepts the short commercial form of the REST API page', () => {
    expect(cloudForEventsHost('wdatp-alertexporter-uk.windows.com')).toEqual({ cloud: 'commercial', region: 'uk' });
    expect(cloudForEventsHost('WDATP-AlertExporter-EU.SecurityCenter.Windows.com')).toEqual({ cloud: 'commercial', region: 'eu' });
  });

  it('rejects unknown hosts and regions', () => {
    expect(cloudForEventsHost('wdatp-alertexporter-au.securitycenter.windows.com')).toBeUndefined();
    expect(cloudForEventsHost('example.com')).toBeUndefined();
  });
});

describe('KNOWN_RESOURCES', () => {
  it('lists the current resource first (the default) and the legacy one', () => {
    expect(KNOWN_RESOURCES).toEqual(['https://graph.windows.net', 'https://WDATPAlertExport.Seville.onmicrosoft.com']);
  });
});
