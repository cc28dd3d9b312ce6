import { describe, expect, it } from 'vitest';
import { CLOUD_IDS, checkValues, graphEndpoints, type Cloud } from '../../src/connector/index.js';
import { lintSources } from '../../src/lint/index.js';
import { GRAPH_TENANT, bytes, findingsOf, fixture, graphClientWith, idsOf, lintOne, spanText, withRule } from './helpers.js';

const lintJson = (text: string) => findingsOf('values-json', text);

describe('values file rules', () => {
  it('the good values file has no errors or warnings, only the legacy set-up notices', () => {
    expect(idsOf(lintOne('values-json', fixture('good', 'WDATP-connector.values.json')).findings)).toEqual(['WDA308', 'WDA309']);
    expect(lintOne('values-json', fixture('good', 'WDATP-connector.values.json')).findings.every((f) => f.severity === 'info')).toBe(true);
  });

  it('WDA401: syntax errors at their line and column', () => {
    const hit = withRule(lintJson('{\n  "tenant": "x",\n  "region": "eu",\n}\n'), 'WDA401')[0]!;
    expect(hit).toMatchObject({ line: 4, column: 1 });
    expect(withRule(lintJson('{"tenant": \'x\'}'), 'WDA401')[0]).toMatchObject({ line: 1, column: 12 });
  });

  it('WDA402 missing keys (on the object), WDA403 unknown keys (on the key), WDA404 a stored secret, WDA405 bad values (on the value)', () => {
    const text =
      '{\n  "tenant": "common",\n  "clientID": "11111111-2222-3333-4444-555555555555",\n  "region": "eu",\n  "client_secret": "fak8Q~StoredSecretThatMustNeverBePrinted9"\n}\n';
    const findings = lintJson(text);
    expect(idsOf(findings)).toEqual(['WDA402', 'WDA403', 'WDA404', 'WDA405']);
    expect(withRule(findings, 'WDA402')[0]).toMatchObject({ line: 1, column: 1 });
    expect(withRule(findings, 'WDA402')[0]!.message).toMatch(/clientId is required/);
    expect(spanText(text, withRule(findings, 'WDA403')[0]!)).toBe('"clientID"');
    expect(withRule(findings, 'WDA403')[0]!.message).toMatch(/did you mean clientId/);
    expect(spanText(text, withRule(findings, 'WDA404')[0]!)).toBe('"client_secret"');
    expect(spanText(text, withRule(findings, 'WDA405')[0]!)).toBe('"common"');
    for (const f of findings) expect(f.message).not.toContain('StoredSecret');
  });

  it('the bad values fixture triggers every values rule except syntax', () => {
    expect(idsOf(lintOne('values-json', fixture('bad', 'WDATP-connector.values.json')).findings)).toEqual(['WDA402', 'WDA403', 'WDA404', 'WDA405']);
  });
});

/** A values file as `init` writes it for Graph: api graph, mapping v3, no region, no resource. */
const graphValues = (cloud: Cloud) => ({
  api: 'graph',
  tenant: GRAPH_TENANT,
  cloud,
  clientId: '11111111-2222-3333-4444-555555555555',
  redirectUri: 'https://localhost:44300/wdatpconnector',
  reauthenticate: true,
  prefix: 'WDATP-connector',
  mapping: 'v3',
});
// The values schema learns `api` and mapping v3 with the Graph set-up of init/render; until then there is nothing to run.
const schemaKnowsGraph = checkValues(graphValues('commercial')).length === 0;

describe.runIf(schemaKnowsGraph)('Graph values files (api graph, mapping v3)', () => {
  it.each(CLOUD_IDS)('%s: the values file, its client file and its Events URL validate clean, without legacy notices', (cloud) => {
    const { findings } = lintSources(
      [
        { file: 'WDATP-connector.values.json', kind: 'values-json', bytes: bytes(JSON.stringify(graphValues(cloud), null, 2), 'utf8') },
        { file: 'WDATP-connector.properties', kind: 'client-properties', bytes: bytes(graphClientWith({}, { cloud, escape: true })) },
      ],
      { eventsUrl: `${graphEndpoints(cloud, GRAPH_TENANT).alertsUrl}?$filter=lastUpdateDateTime%20ge%20$START_AT_TIME&$top=2000` },
    );
    expect(idsOf(findings), JSON.stringify(findings, null, 1)).toEqual(['WDA128']);
  });
});
