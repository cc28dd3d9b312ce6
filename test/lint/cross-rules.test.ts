import { describe, expect, it } from 'vitest';
import { lintSources, type SourceFile } from '../../src/lint/index.js';
import { filterProperties } from '../../src/lint/urls.js';
import { GRAPH_TENANT, bytes, clientWith, fixture, graphClientWith, idsOf, spanText, withRule } from './helpers.js';
import { CLOUD_IDS, graphEndpoints, type Cloud } from '../../src/connector/index.js';

const TENANT = '8eaef023-2b34-4da1-9baa-8bc8c9d6a490';
const goodClient = (file = 'WDATP-connector.properties', overrides: Record<string, string | undefined> = {}): SourceFile => ({
  file,
  kind: 'client-properties',
  bytes: bytes(clientWith(overrides)),
});
const goodParser = (file = 'WDATP-connector.jsonparser.properties'): SourceFile => ({
  file,
  kind: 'parser-properties',
  bytes: fixture('good', 'WDATP-connector.jsonparser.properties'),
});
const values = (data: Record<string, unknown>, file = 'WDATP-connector.values.json'): SourceFile => ({
  file,
  kind: 'values-json',
  bytes: bytes(JSON.stringify(data, null, 2), 'utf8'),
});
const VALUES = { tenant: TENANT, region: 'eu', clientId: '11111111-2222-3333-4444-555555555555' };
const EU = 'https://wdatp-alertexporter-eu.securitycenter.windows.com/api/alerts?sinceTimeUtc=$START_AT_TIME';

/** The legacy set-up notices, tested on their own below. */
const NOTICES = ['WDA308', 'WDA309'];
const crossAll = (files: SourceFile[], eventsUrl?: string) => lintSources(files, { eventsUrl }).findings.filter((f) => f.ruleId.startsWith('WDA3'));
const cross = (files: SourceFile[], eventsUrl?: string) => crossAll(files, eventsUrl).filter((f) => !NOTICES.includes(f.ruleId));

describe('Events URL', () => {
  it('accepts the documented URLs of each cloud with a matching login host', () => {
    expect(cross([goodClient()], EU)).toEqual([]);
    expect(cross([goodClient()], 'https://wdatp-alertexporter-uk.windows.com/api/alerts/?sinceTimeUtc=$START_AT_TIME')).toEqual([]);
    expect(cross([goodClient()], 'https://wdatp-alertexporter-us.gcc.securitycenter.windows.us/api/alerts?sinceTimeUtc=$START_AT_TIME')).toEqual([]);
    const us = goodClient('WDATP-connector.properties', {
      auth_url: `https://login.microsoftonline.us/${TENANT}/oauth2/authorize?resource=https%3A%2F%2Fgraph.windows.net`,
      token_url: `https://login.microsoftonline.us/${TENANT}/oauth2/token`,
    });
    expect(cross([us], 'https://wdatp-alertexporter-us.securitycenter.windows.us/api/alerts?sinceTimeUtc=$START_AT_TIME')).toEqual([]);
  });

  it('WDA303: a GCC High alert host with a commercial login host, and the reverse', () => {
    const hits = withRule(cross([goodClient()], 'https://wdatp-alertexporter-us.securitycenter.windows.us/api/alerts?sinceTimeUtc=$START_AT_TIME'), 'WDA303');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.message).toMatch(/GCC High.*signs in at login\.microsoftonline\.com/);
    expect(hits[0]!).toMatchObject({ file: 'WDATP-connector.properties', line: 1, column: 1 });
  });

  it('WDA303: the region of --events-url differs from the values file', () => {
    const hits = withRule(cross([goodClient(), values(VALUES)], EU.replace('-eu.', '-us.')), 'WDA303');
    expect(hits.map((h) => h.message).join('\n')).toMatch(/wdatp-alertexporter-eu\.securitycenter\.windows\.com/);
  });

  it('WDA303: a values file for another cloud than the client file, reported on the values field', () => {
    const hits = withRule(cross([goodClient(), values({ ...VALUES, cloud: 'gcc-high', region: undefined })]), 'WDA303');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.file).toBe('WDATP-connector.values.json');
  });

  it('WDA304: $START_AT_TIME missing, or not the sinceTimeUtc value', () => {
    expect(withRule(cross([goodClient()], 'https://wdatp-alertexporter-eu.windows.com/api/alerts'), 'WDA304')[0]!.severity).toBe('error');
    expect(withRule(cross([goodClient()], 'https://wdatp-alertexporter-eu.windows.com/api/alerts?untilTimeUtc=$START_AT_TIME'), 'WDA304')[0]!.severity).toBe(
      'warning',
    );
  });

  it('WDA301, WDA302, WDA305: not a URL, plain http, unknown host, wrong path', () => {
    expect(idsOf(cross([goodClient()], 'wdatp-alertexporter-eu.windows.com/api/alerts'))).toEqual(['WDA301']);
    expect(idsOf(cross([goodClient()], 'http://wdatp-alertexporter-eu.windows.com/api/alerts?sinceTimeUtc=$START_AT_TIME'))).toEqual(['WDA301']);
    expect(idsOf(cross([goodClient()], 'https://wdatp-alertexporter-au.windows.com/api/alerts?sinceTimeUtc=$START_AT_TIME'))).toEqual(['WDA302']);
    expect(idsOf(cross([goodClient()], 'https://wdatp-alertexporter-eu.windows.com/api/alert?sinceTimeUtc=$START_AT_TIME'))).toEqual(['WDA305']);
    expect(cross([goodClient()], 'http://127.0.0.1:9443/api/alerts?sinceTimeUtc=$START_AT_TIME')).toEqual([]);
  });
});

describe('parser file name (WDA306)', () => {
  it('matches the prefix of the client file (case aside) or of the values file', () => {
    expect(cross([goodClient(), goodParser()])).toEqual([]);
    expect(cross([goodClient(), goodParser('WDATP-Connector.jsonparser.properties')])).toEqual([]);
    const other = withRule(cross([goodClient(), goodParser('wdatp.jsonparser.properties')]), 'WDA306')[0]!;
    expect(other).toMatchObject({ severity: 'warning', file: 'wdatp.jsonparser.properties', line: 1 });
    const strict = withRule(cross([goodClient(), goodParser('wdatp.jsonparser.properties'), values({ ...VALUES, prefix: 'WDATP-connector' })]), 'WDA306')[0]!;
    expect(strict.severity).toBe('error');
    expect(strict.hint).toBe('Rename it to WDATP-connector.jsonparser.properties.');
  });

  it('requires the .jsonparser.properties suffix', () => {
    expect(withRule(cross([goodParser('WDATP-connector-parser.properties')]), 'WDA306')[0]!.message).toMatch(/never loads it/);
  });
});

describe('values and client file agree (WDA307)', () => {
  it('reports a different client id, tenant and redirect URI on the client file', () => {
    const hits = withRule(
      cross([
        goodClient(),
        values({ ...VALUES, clientId: '99999999-2222-3333-4444-555555555555', tenant: 'contoso.onmicrosoft.com', redirectUri: 'https://localhost:44301/x' }),
      ]),
      'WDA307',
    );
    expect(hits.map((h) => h.line)).toEqual([1, 4, 5]);
    expect(cross([goodClient(), values(VALUES)])).toEqual([]);
  });

  it('reports a Graph client file next to a SIEM API values file', () => {
    const hits = withRule(cross([graphClient(), values(VALUES)]), 'WDA307');
    expect(hits.map((h) => [h.file, h.line, h.message])).toEqual([
      [
        'WDATP-connector.properties',
        4,
        'the client file signs in with the v2.0 endpoints (Graph), but WDATP-connector.values.json describes a SIEM API set-up.',
      ],
    ]);
  });
});

const graphClient = (cloud: Cloud = 'commercial', overrides: Record<string, string | undefined> = {}): SourceFile => ({
  file: 'WDATP-connector.properties',
  kind: 'client-properties',
  bytes: bytes(graphClientWith(overrides, { cloud, escape: true })),
});
/** The Events URL `init` prints for Graph: incremental on lastUpdateDateTime, spaces as %20, $START_AT_TIME literal. */
const graphEventsUrl = (cloud: Cloud = 'commercial', query = '$filter=lastUpdateDateTime%20ge%20$START_AT_TIME&$top=500') =>
  `${graphEndpoints(cloud, GRAPH_TENANT).alertsUrl}?${query}`;

describe('Graph alerts_v2 Events URL', () => {
  it.each(CLOUD_IDS)('the Graph set-up of %s (client file + Events URL) has no cross-file finding at all', (cloud) => {
    expect(crossAll([graphClient(cloud)], graphEventsUrl(cloud))).toEqual([]);
  });

  it('accepts other supported filters, evidence lambdas, a trailing slash and the loopback sandbox', () => {
    for (const query of [
      "$filter=lastUpdateDateTime%20ge%20$START_AT_TIME%20and%20severity%20eq%20'high'%20and%20status%20ne%20'resolved'",
      "$filter=lastUpdateDateTime%20gt%20$START_AT_TIME%20and%20evidence/any(e:e/microsoft.graph.security.deviceEvidence/deviceDnsName%20eq%20'pc1')",
      '$filter=(lastUpdateDateTime%20ge%20$START_AT_TIME)%20and%20serviceSource%20eq%20microsoft.graph.security.serviceSource%27microsoftDefenderForEndpoint%27',
    ]) {
      expect(cross([graphClient()], graphEventsUrl('commercial', query)), query).toEqual([]);
    }
    expect(cross([graphClient()], 'https://graph.microsoft.com/v1.0/security/alerts_v2/?$filter=lastUpdateDateTime%20ge%20$START_AT_TIME')).toEqual([]);
    expect(cross([graphClient()], 'http://127.0.0.1:9443/v1.0/security/alerts_v2?$filter=lastUpdateDateTime%20ge%20$START_AT_TIME')).toEqual([]);
  });

  it('WDA302/WDA303: a Graph host is known; one of another cloud than the login host is not accepted', () => {
    const hits = withRule(cross([graphClient('commercial')], graphEventsUrl('gcc-high')), 'WDA303');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.message).toMatch(
      /graph\.microsoft\.us is a US Government GCC High host, but WDATP-connector\.properties signs in at login\.microsoftonline\.com/,
    );
    expect(withRule(cross([graphClient('dod')], graphEventsUrl('commercial')), 'WDA303')).toHaveLength(1);
    expect(cross([graphClient('dod')], graphEventsUrl('gcc-high'))).toEqual([]); // one login host for both; the scope tells them apart (WDA136)
    expect(idsOf(cross([graphClient()], 'https://graph.microsoft.de/v1.0/security/alerts_v2?$filter=lastUpdateDateTime%20ge%20$START_AT_TIME'))).toEqual([
      'WDA302',
    ]);
  });

  it('WDA303: --events-url on the Graph host of another cloud than the values file', () => {
    const hits = withRule(cross([values({ ...VALUES, cloud: 'dod', region: undefined })], graphEventsUrl('commercial')), 'WDA303');
    expect(hits.map((h) => h.message)).toEqual([
      'Events URL (--events-url): graph.microsoft.com differs from the host WDATP-connector.values.json describes (dod-graph.microsoft.us).',
    ]);
  });

  it('WDA304: no $START_AT_TIME (error), not in $filter or on createdDateTime (warnings)', () => {
    const missing = withRule(cross([graphClient()], graphEventsUrl('commercial', '$top=100')), 'WDA304')[0]!;
    expect(missing).toMatchObject({ severity: 'error' });
    expect(missing.message).toMatch(/fetches the same alerts again/);
    const notFiltered = withRule(cross([graphClient()], graphEventsUrl('commercial', '$skip=$START_AT_TIME')), 'WDA304')[0]!;
    expect(notFiltered).toMatchObject({ severity: 'warning' });
    expect(notFiltered.message).toMatch(/not compared in \$filter/);
    const created = withRule(cross([graphClient()], graphEventsUrl('commercial', '$filter=createdDateTime%20ge%20$START_AT_TIME')), 'WDA304')[0]!;
    expect(created).toMatchObject({ severity: 'warning' });
    expect(created.message).toMatch(/later changes to an alert .* never arrive/);
  });

  it('WDA305: the beta or another path on a Graph host', () => {
    const beta = withRule(cross([graphClient()], graphEventsUrl().replace('/v1.0/', '/beta/')), 'WDA305')[0]!;
    expect(beta.message).toMatch(/beta/);
    expect(withRule(cross([graphClient()], graphEventsUrl().replace('alerts_v2', 'incidents')), 'WDA305')[0]!.message).toMatch(
      /\/v1\.0\/security\/incidents, not \/v1\.0\/security\/alerts_v2/,
    );
  });

  it('WDA310: the retiring Graph /security/alerts instead of alerts_v2, and nothing else about the path', () => {
    for (const path of ['/v1.0/security/alerts', '/beta/security/alerts']) {
      const found = cross([graphClient()], graphEventsUrl().replace('/v1.0/security/alerts_v2', path));
      expect(idsOf(found), path).toEqual(['WDA310']);
      expect(found[0]!.message).toMatch(/retiring Graph alerts v1 API \(no data after October 15, 2026\)/);
    }
  });

  it('WDA311: $filter on a field alerts_v2 cannot filter, with the field probably meant', () => {
    const found = withRule(
      cross(
        [graphClient()],
        graphEventsUrl('commercial', "$filter=lastUpdateTime%20ge%20$START_AT_TIME%20and%20category%20eq%20'Malware'%20and%20title%20eq%20'x'"),
      ),
      'WDA311',
    );
    // Findings at one place are ordered by message.
    expect(found.map((f) => f.message)).toEqual([
      'Events URL (--events-url): $filter uses category, which alerts_v2 cannot filter on; Graph answers 400.',
      'Events URL (--events-url): $filter uses lastUpdateTime, which alerts_v2 cannot filter on (did you mean lastUpdateDateTime?); Graph answers 400.',
      'Events URL (--events-url): $filter uses title, which alerts_v2 cannot filter on; Graph answers 400.',
    ]);
    expect(found[1]!.hint).toBe('Write lastUpdateDateTime instead of lastUpdateTime.');
    expect(withRule(cross([graphClient()], graphEventsUrl('commercial', '$filter=alertCreationTime+ge+$START_AT_TIME')), 'WDA311')[0]!.hint).toBe(
      'Write createdDateTime instead of alertCreationTime.',
    );
    // Only Graph URLs have a $filter to check.
    expect(withRule(cross([goodClient()], `${EU}&$filter=title%20eq%20'x'`), 'WDA311')).toEqual([]);
  });

  it('WDA312: unencoded spaces, counted with where they are', () => {
    const url = graphEventsUrl('commercial', '$filter=lastUpdateDateTime ge $START_AT_TIME');
    const hit = withRule(cross([graphClient()], url), 'WDA312')[0]!;
    const first = url.indexOf(' ') + 1;
    expect(hit.message).toBe(`Events URL (--events-url): it has 2 unencoded spaces (at characters ${first}, ${first + 3}).`);
    expect(withRule(cross([goodClient()], `${EU} `), 'WDA312')).toHaveLength(1);
    expect(withRule(cross([goodClient()], `${EU}\u001b[31m`), 'WDA312')[0]!.message).toMatch(/1 unencoded space or control character \(at character \d+\)/);
  });

  it('WDA301 quotes a bad URL with its control characters escaped', () => {
    expect(withRule(cross([goodClient()], 'graph\u001b[31mX'), 'WDA301')[0]!.message).toBe(
      'Events URL (--events-url): "graph\\u001b[31mX" is not an absolute http(s) URL.',
    );
  });
});

describe('legacy set-up notices (WDA308, WDA309)', () => {
  const notices = (files: SourceFile[], eventsUrl?: string) => crossAll(files, eventsUrl).filter((f) => NOTICES.includes(f.ruleId));

  it('a legacy client file gets one SIEM API notice on auth_url and one Azure AD Graph notice on the resource', () => {
    const found = notices([goodClient(), values(VALUES)], EU);
    expect(found.map((f) => [f.ruleId, f.severity, f.file, f.line])).toEqual([
      ['WDA308', 'info', 'WDATP-connector.properties', 3],
      ['WDA309', 'info', 'WDATP-connector.properties', 3],
    ]);
    const text = clientWith({});
    expect(spanText(text, found[0]!)).toBe('oauth2/authorize');
    expect(spanText(text, found[1]!)).toBe('https%3A%2F%2Fgraph.windows.net');
    expect(found[0]!.message).toMatch(/deprecated since December 31, 2023; Microsoft may switch it off without notice since December 31, 2024/);
    expect(found[0]!.hint).toMatch(/wdatp-arcsight migrate/);
    expect(found[1]!.message).toBe('auth_url asks for a token for https://graph.windows.net (Azure AD Graph), which Microsoft is retiring in phases.');
  });

  it('the legacy WDATPAlertExport resource gets the SIEM API notice only', () => {
    const legacy = goodClient('WDATP-connector.properties', {
      auth_url: `https://login.microsoftonline.com/${TENANT}/oauth2/authorize?resource=https%3A%2F%2FWDATPAlertExport.Seville.onmicrosoft.com`,
    });
    expect(idsOf(notices([legacy]))).toEqual(['WDA308']);
  });

  it('without a client file: on the values file (resource defaulted), else on the SIEM --events-url', () => {
    const found = notices([values(VALUES)]);
    expect(found.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([
      ['WDA308', 'WDATP-connector.values.json', 1, 1],
      ['WDA309', 'WDATP-connector.values.json', 1, 1],
    ]);
    expect(found[1]!.message).toBe(
      'WDATP-connector.values.json: resource is not set, so it defaults to https://graph.windows.net (Azure AD Graph), which Microsoft is retiring in phases.',
    );
    const flagged = notices([goodParser()], EU);
    expect(flagged.map((f) => f.ruleId)).toEqual(['WDA308']);
    expect(flagged[0]!.message).toMatch(/^Events URL \(--events-url\): it calls the WDATP SIEM API/);
  });

  it('none for a Graph set-up, nor for a sandbox (loopback) one', () => {
    expect(notices([graphClient()], graphEventsUrl())).toEqual([]);
    const sandbox = goodClient('WDATP-connector.properties', {
      auth_url: `http://127.0.0.1:8443/${TENANT}/oauth2/authorize?resource=https%3A%2F%2Fgraph.windows.net`,
      token_url: `http://127.0.0.1:8443/${TENANT}/oauth2/token`,
    });
    expect(notices([sandbox], 'http://127.0.0.1:8443/api/alerts?sinceTimeUtc=$START_AT_TIME')).toEqual([]);
  });
});

describe('the properties an OData $filter compares', () => {
  it.each([
    ['lastUpdateDateTime ge $START_AT_TIME', ['lastUpdateDateTime']],
    ["(severity eq 'high' or severity eq 'medium') and status ne 'resolved'", ['severity', 'severity', 'status']],
    ["title eq 'it''s eq x' and contains(description,'y')", ['title', 'description']],
    ["evidence/any(e:e/microsoft.graph.security.deviceEvidence/deviceDnsName eq 'pc1')", ['evidence']],
    ["serviceSource eq microsoft.graph.security.serviceSource'microsoftDefenderForEndpoint'", ['serviceSource']],
    ['createdDateTime gt 2024-01-01T00:00:00.1234567Z and not (assignedTo eq null)', ['createdDateTime', 'assignedTo']],
  ])('%s', (filter, expected) => {
    expect(filterProperties(filter)).toEqual(expected);
  });
});
