import { describe, expect, it } from 'vitest';
import { lintSources, type SourceFile } from '../../src/lint/index.js';
import { bytes, clientWith, fixture, idsOf, withRule } from './helpers.js';

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

const cross = (files: SourceFile[], eventsUrl?: string) => lintSources(files, { eventsUrl }).findings.filter((f) => f.ruleId.startsWith('WDA3'));

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
    expect(withRule(cross([goodClient()], 'https://wdatp-alertexporter-eu.windows.com/api/alerts?untilTimeUtc=$START_AT_TIME'), 'WDA304')[0]!.severity).toBe('warning');
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
    const hits = withRule(cross([goodClient(), values({ ...VALUES, clientId: '99999999-2222-3333-4444-555555555555', tenant: 'contoso.onmicrosoft.com', redirectUri: 'https://localhost:44301/x' })]), 'WDA307');
    expect(hits.map((h) => h.line)).toEqual([1, 4, 5]);
    expect(cross([goodClient(), values(VALUES)])).toEqual([]);
  });
});
