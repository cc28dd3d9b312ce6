/**
 * The rendered parser files run through the project's FlexConnector engine: they load without errors, and the
 * documented sample alert becomes the event each profile promises, in several connector time zones.
 */
import { describe, expect, it } from 'vitest';
import { renderParserFile } from '../../src/connector/index.js';
import { compileParser, eventToJson, loadParserSpec } from '../../src/flex/index.js';

// Microsoft's 2020 sample record of the SIEM alert API (the PULL-MDATP documentation page).
const sample = {
  AlertTime: '2020-09-30T14:09:20.35743Z',
  ComputerDnsName: 'mymachine1.domain.com',
  AlertTitle: 'Suspicious File Activity',
  Category: 'Malware',
  Severity: 'High',
  AlertId: 'da637370718981685665_16349121',
  Actor: '',
  LinkToWDATP: 'https://securitycenter.windows.com/alert/da637370718981685665_16349121',
  IocName: '',
  IocValue: '',
  CreatorIocName: '',
  CreatorIocValue: '',
  Sha1: 'aabbccddee1122334455aabbccddee1122334455',
  FileName: 'cmdParent.exe',
  FilePath: 'C:\\WINDOWS\\SysWOW64\\boo3\\qwerty',
  IpAddress: '',
  Url: '',
  IoaDefinitionId: 'b20af1d2-5990-4672-87f1-acc2a8ff7725',
  UserName: '',
  AlertPart: 0,
  FullId: 'da637370718981685665_16349121:R4xEdgAvDb2LQl3BgHoA3NYqKmRSiIAG7dpxAJCYZhY=',
  LastProcessedTimeUtc: '2020-09-30T14:11:44.0779765Z',
  ThreatCategory: '',
  ThreatFamily: '',
  ThreatName: '',
  RemediationAction: '',
  RemediationIsSuccess: null,
  Source: 'EDR',
  Md5: '854b85cbff2752fcb88606bca76f83c6',
  Sha256: '',
  WasExecutingWhileDetected: null,
  UserDomain: '',
  LogOnUsers: '',
  MachineDomain: 'domain.com',
  MachineName: 'mymachine1',
  InternalIPv4List: '',
  InternalIPv6List: '',
  FileHash: 'aabbccddee1122334455aabbccddee1122334455',
  DeviceID: 'deadbeef000040830ee54503926f556dcaf82bb0',
  MachineGroup: '',
  Description: 'Test Alert',
  DeviceCreatedMachineTags: '',
  CloudCreatedMachineTags: '',
  CommandLine: '',
  IncidentLinkToWDATP: 'https://securitycenter.windows.com/incidents/byalert?alertId=da637370718981685665_16349121&source=SIEM',
  ReportID: 1053729833,
  LinkToMTP: 'https://security.microsoft.com/alert/da637370718981685665_16349121',
  IncidentLinkToMTP: 'https://security.microsoft.com/incidents/byalert?alertId=da637370718981685665_16349121&source=SIEM',
  ExternalId: '31DD0A845DDA4059FDEDE031014645350AECABD3',
  IocUniqueId: 'R4xEdgAvDb2LQl3BgHoA3NYqKmRSiIAG7dpxAJCYZhY=',
};

const zones = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Chatham'];

function events(profile: 'v1' | 'v2', alerts: unknown[], timeZone: string): Array<Record<string, string | number | null>> {
  const { spec, findings } = loadParserSpec(renderParserFile(profile), { file: `${profile}.jsonparser.properties` });
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  return compileParser(spec, { timeZone }).parse(alerts).map(eventToJson);
}

describe('v2 parser file in the engine', () => {
  it.each(zones)('maps the sample alert as documented (connector zone %s)', (zone) => {
    const [event] = events('v2', [sample], zone);
    expect(event).toMatchObject({
      deviceVendor: 'Microsoft',
      deviceProduct: 'Microsoft Defender ATP',
      deviceVersion: '2.0',
      deviceReceiptTime: '2020-09-30T14:09:20.357Z',
      name: 'Suspicious File Activity',
      deviceEventCategory: 'Malware',
      deviceSeverity: 'High',
      agentSeverity: 'High',
      externalId: 'da637370718981685665_16349121',
      sourceServiceName: 'EDR',
      sourceHostName: 'mymachine1',
      sourceDnsDomain: 'domain.com',
      fileName: 'cmdParent.exe',
      filePath: 'C:\\WINDOWS\\SysWOW64\\boo3\\qwerty',
      fileHash: 'aabbccddee1122334455aabbccddee1122334455',
      deviceCustomString5: '854b85cbff2752fcb88606bca76f83c6',
      deviceCustomString5Label: 'MD5',
      flexString1: 'https://securitycenter.windows.com/alert/da637370718981685665_16349121',
      flexString1Label: 'Link to WDATP',
      'additionaldata.FullId': sample.FullId,
      'additionaldata.IocUniqueId': sample.IocUniqueId,
      'additionaldata.ComputerDnsName': 'mymachine1.domain.com',
      'additionaldata.LastProcessedTimeUtc': '2020-09-30T14:11:44.0779765Z',
    });
    // null booleans leave the numbers unset
    expect(event!.deviceCustomNumber1 ?? null).toBeNull();
    expect(event!.deviceCustomNumber2 ?? null).toBeNull();
    // obsolete/duplicate fields are not declared, so not forwarded
    expect(event).not.toHaveProperty('additionaldata.ReportID');
    expect(event).not.toHaveProperty('additionaldata.ExternalId');
  });

  it('maps booleans to 1/0 and every severity of the service scale', () => {
    const variants = [
      { ...sample, RemediationIsSuccess: true, WasExecutingWhileDetected: false, Severity: 'Medium' },
      { ...sample, RemediationIsSuccess: false, WasExecutingWhileDetected: true, Severity: 'Low' },
      { ...sample, Severity: 'Informational' },
      { ...sample, Severity: 'UnSpecified' },
    ];
    const out = events('v2', variants, 'UTC');
    expect(out.map((e) => [e.deviceCustomNumber2, e.deviceCustomNumber1, e.agentSeverity])).toEqual([
      [1, 0, 'Medium'],
      [0, 1, 'Low'],
      [out[2]!.deviceCustomNumber2, out[2]!.deviceCustomNumber1, 'Low'],
      [out[3]!.deviceCustomNumber2, out[3]!.deviceCustomNumber1, 'Unknown'],
    ]);
    expect(out[0]!.deviceCustomNumber2Label).toBe('Remediation Is Success');
    expect(out[0]!.deviceCustomNumber1Label).toBe('Was Executing While Detected');
  });

  it.each(zones)('gives the exact UTC instant for 0-7 fraction digits (connector zone %s)', (zone) => {
    const times = [
      ['2017-05-07T01:56:59.3191352Z', '2017-05-07T01:56:59.319Z'],
      ['2020-02-29T23:59:59Z', '2020-02-29T23:59:59.000Z'],
      ['2020-03-08T10:30:00.5Z', '2020-03-08T10:30:00.500Z'],
      ['2021-10-31T01:30:00.04Z', '2021-10-31T01:30:00.040Z'],
      ['2020-09-30T14:09:20.123456Z', '2020-09-30T14:09:20.123Z'],
    ];
    const out = events(
      'v2',
      times.map(([t]) => ({ ...sample, AlertTime: t })),
      zone,
    );
    expect(out.map((e) => e.deviceReceiptTime)).toEqual(times.map(([, expected]) => expected));
  });
});

describe('v1 parser file in the engine', () => {
  it('maps the sample alert like the 1.0 mapping, including its time-zone flaw', () => {
    const [utc] = events('v1', [sample], 'UTC');
    expect(utc).toMatchObject({
      deviceVendor: 'Microsoft',
      deviceProduct: 'Windows Defender ATP',
      deviceVersion: '1.0',
      deviceReceiptTime: '2020-09-30T14:09:20.000Z',
      sourceDnsDomain: 'mymachine1.domain.com',
      message: sample.FullId,
      externalId: sample.AlertId,
      deviceCustomString2: sample.LinkToWDATP,
      deviceCustomString2Label: 'Link to WDATP',
      agentSeverity: 'High',
    });
    expect(Object.keys(utc!).some((k) => k.startsWith('additionaldata.'))).toBe(false);
    // Read in the connector's zone: Los Angeles is UTC-7 in September, so the instant is 7 hours late.
    const [la] = events('v1', [sample], 'America/Los_Angeles');
    expect(la!.deviceReceiptTime).toBe('2020-09-30T21:09:20.000Z');
    // hh without AM/PM: the noon hour is read as midnight.
    const [noon] = events('v1', [{ ...sample, AlertTime: '2020-09-30T12:30:00.1Z' }], 'UTC');
    expect(noon!.deviceReceiptTime).toBe('2020-09-30T00:30:00.000Z');
  });
});
