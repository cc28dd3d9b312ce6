/**
 * The shipped v3 parser file (Graph alerts_v2): it loads cleanly, validate marks only the emulator-only evidence
 * locations, and Microsoft's documented sample response becomes the event docs/mapping-v3.md describes, field by
 * field, in any connector time zone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderParserFile } from '../../src/connector/index.js';
import { compileParser, eventToJson, loadParserSpec, toCef } from '../../src/flex/index.js';
import { lintOne } from '../lint/helpers.js';
import { repoRoot } from '../support/cli.js';

const text = renderParserFile('v3');
const sample = JSON.parse(readFileSync(join(repoRoot, 'fixtures', 'alerts', 'graph-alerts-v2-sample.json'), 'utf8')) as {
  value: Array<Record<string, unknown>>;
};
const alert = sample.value[0]!;

describe('templates/v3 loads', () => {
  it('with no error or warning findings; the only notices are the emulator-only locations and unverified operations', () => {
    const { findings } = loadParserSpec(text);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect([...new Set(findings.map((f) => f.code))].sort()).toEqual(['emulator-only-location', 'unverified-operation']);
  });

  it('validate: no errors, no warnings, one WDA247 notice naming the 14 evidence tokens and otherMembers', () => {
    const { findings } = lintOne('parser-properties', text);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const notices = findings.filter((f) => f.ruleId === 'WDA247');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toContain('(and 14 more token locations');
  });

  it('declares the identity constants and the trigger the issue names', () => {
    const { spec } = loadParserSpec(text);
    expect(spec.triggerNode).toBe('/value');
    const constant = (field: string) => spec.mappings.find((m) => m.field === field)?.text;
    expect(constant('deviceVendor')).toBe('__stringConstant("Microsoft")');
    expect(constant('deviceProduct')).toBe('__stringConstant("Microsoft Defender XDR")');
    expect(constant('deviceVersion')).toBe('__stringConstant("3.0")');
    expect(spec.additionalDataEnabled).toBe(true);
  });
});

describe("Microsoft's sample alert through v3", () => {
  // Written from the mapping table (docs/mapping-v3.md) and the sample's values, not recorded from the engine.
  const expected = {
    deviceVendor: 'Microsoft',
    deviceProduct: 'Microsoft Defender XDR',
    deviceVersion: '3.0',
    externalId: 'da637551227677560813_-961444813',
    name: 'Suspicious execution of hidden file',
    deviceEventClassId: 'e0da400f-affd-43ef-b1d5-afc2eb6f2756',
    deviceEventCategory: 'DefenseEvasion',
    message: alert.description,
    deviceSeverity: 'low',
    sourceServiceName: 'antivirus',
    // createdDateTime 2021-04-27T12:19:27.7211305Z: seven digits, the first three kept.
    deviceReceiptTime: '2021-04-27T12:19:27.721Z',
    deviceCustomDate1: '2021-05-02T14:19:01.326Z',
    deviceCustomDate1Label: 'Last Update Time',
    startTime: '2021-04-26T07:45:50.116Z',
    endTime: '2021-05-02T07:56:58.222Z',
    flexString1: 'https://security.microsoft.com/alerts/da637551227677560813_-961444813?tid=b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c',
    flexString1Label: 'Alert Link',
    flexString2: 'https://security.microsoft.com/incidents/28282?tid=b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c',
    flexString2Label: 'Incident Link',
    deviceCustomString2: '28282',
    deviceCustomString2Label: 'Incident Id',
    // threatDisplayName and actorDisplayName are null: the values are absent, the labels stay.
    deviceCustomString1Label: 'Threat Name',
    deviceCustomString4Label: 'Actor',
    deviceCustomString3: 'T1564.001',
    deviceCustomString3Label: 'MITRE Techniques',
    // The first deviceEvidence; there is no userEvidence (the processEvidence's SYSTEM account is not a user's).
    sourceHostName: 'tempDns',
    // The fileEvidence's fileDetails (the processEvidence's imageFile is only the fallback).
    fileName: 'MsSense.exe',
    filePath: 'C:\\Program Files\\temp',
    fileHash: '5f1e8acedc065031aad553b710838eb366cfee9a',
    deviceCustomString6: '8963a19fb992ad9a76576c5638fd68292cffb9aaac29eb8285f9abf6196a7dec',
    deviceCustomString6Label: 'SHA256',
    agentSeverity: 'Low',
    'additionaldata.providerAlertId': 'da637551227677560813_-961444813',
    'additionaldata.status': 'new',
    'additionaldata.classification': 'unknown',
    'additionaldata.determination': 'unknown',
    'additionaldata.serviceSource': 'microsoftDefenderForEndpoint',
    'additionaldata.tenantId': 'b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c',
    'additionaldata.recommendedActions': alert.recommendedActions,
    'additionaldata.comments': '[]',
    'additionaldata.evidence': JSON.stringify(alert.evidence),
    'additionaldata.systemTags': '["Defender Experts"]',
    'additionaldata.odataType': '#microsoft.graph.security.alert',
    // Every member of the sample is documented, so additionaldata.otherMembers is not sent.
  };

  for (const timeZone of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Australia/Lord_Howe']) {
    it(`gives exactly the documented event (connector zone ${timeZone})`, () => {
      const parser = compileParser(loadParserSpec(text).spec, { timeZone });
      const events = parser.parse(sample);
      expect(events).toHaveLength(1);
      expect(eventToJson(events[0]!)).toEqual(expected);
      expect(events[0]!.warnings).toEqual([]);
    });
  }

  it('the fields no value reaches are absent, not empty: no user, address or URL evidence, no threat or actor', () => {
    const [e] = compileParser(loadParserSpec(text).spec).parse(sample);
    for (const f of ['sourceUserName', 'sourceNtDomain', 'sourceAddress', 'requestUrl', 'deviceCustomString1', 'deviceCustomString4'])
      expect(e!.fields.has(f)).toBe(false);
    for (const d of ['assignedTo', 'actorDisplayName', 'threatFamilyName', 'resolvedDateTime']) expect(e!.additionalData.has(d)).toBe(false);
  });

  it('a member alerts_v2 adds later travels in additionaldata.otherMembers, with the documented ones left out', () => {
    const later = { value: [{ ...alert, riskLevel: 'elevated', newThing: { a: [1] } }] };
    const [e] = compileParser(loadParserSpec(text).spec).parse(later);
    expect(e!.additionalData.get('otherMembers')).toBe('{"riskLevel":"elevated","newThing":{"a":[1]}}');
  });

  it('as CEF: the header carries vendor, product, version, detector, title and severity Low (3)', () => {
    const [e] = compileParser(loadParserSpec(text).spec).parse(sample);
    expect(toCef(e!).startsWith('CEF:0|Microsoft|Microsoft Defender XDR|3.0|e0da400f-affd-43ef-b1d5-afc2eb6f2756|Suspicious execution of hidden file|3|')).toBe(
      true,
    );
  });
});
