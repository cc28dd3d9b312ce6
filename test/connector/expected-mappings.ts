/**
 * The intended content of each profile's parser file, written out from the reference tables (not from the
 * templates), as Java's Properties.load must read it back: key → unescaped value.
 */

const TIME_V2 =
  '__createOptionalTimeStampFromString(__concatenate(' +
  '__regexToken(AlertTime,"^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(?:\\.\\d*)?Z$"),' +
  '".",' +
  '__regexToken(__concatenate(__regexToken(AlertTime,"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.(\\d\\d?\\d?)\\d*Z$"),"000"),"^(\\d\\d\\d)\\d*$"),' +
  '"+0000"),"yyyy-MM-dd\'T\'HH:mm:ss.SSSZ")';

const bool = (token: string): string => `__safeToLong(__simpleMap(__toLowerCase(${token}),"true=1","false=0"))`;
const constant = (s: string): string => `__stringConstant("${s}")`;

export const V1_TOKENS: Array<[string, string]> = [
  ['AlertTime', 'String'],
  ['ComputerDnsName', 'String'],
  ['AlertTitle', 'String'],
  ['Category', 'String'],
  ['Severity', 'String'],
  ['AlertId', 'String'],
  ['Actor', 'String'],
  ['LinkToWDATP', 'String'],
  ['IocName', 'String'],
  ['IocValue', 'String'],
  ['CreatorIocName', 'String'],
  ['CreatorIocValue', 'String'],
  ['FileHash', 'String'],
  ['FileName', 'String'],
  ['FilePath', 'String'],
  ['IpAddress', 'IPAddress'],
  ['Url', 'String'],
  ['IoaDefinitionId', 'String'],
  ['UserName', 'String'],
  ['AlertPart', 'Integer'],
  ['FullId', 'String'],
  ['LastProcessedTimeUtc', 'String'],
];

export const V1_MAPPINGS: Record<string, string> = {
  'trigger.node.location': '/',
  'event.deviceVendor': constant('Microsoft'),
  'event.deviceProduct': constant('Windows Defender ATP'),
  'event.deviceVersion': constant('1.0'),
  'event.deviceReceiptTime': '__createOptionalTimeStampFromString(AlertTime,"yyyy-MM-dd\'T\'hh:mm:ss")',
  'event.sourceDnsDomain': 'ComputerDnsName',
  'event.name': 'AlertTitle',
  'event.deviceEventCategory': 'Category',
  'event.deviceSeverity': 'Severity',
  'event.externalId': 'AlertId',
  'event.deviceCustomString1': 'Actor',
  'event.deviceCustomString1Label': constant('Actor'),
  'event.deviceCustomString2': 'LinkToWDATP',
  'event.deviceCustomString2Label': constant('Link to WDATP'),
  'event.deviceCustomString3': 'IocName',
  'event.deviceCustomString3Label': constant('IOC Name'),
  'event.deviceCustomString4': 'IocValue',
  'event.deviceCustomString4Label': constant('IOC Value'),
  'event.deviceCustomString5': 'CreatorIocName',
  'event.deviceCustomString5Label': constant('Creator IOC Name'),
  'event.deviceCustomString6': 'CreatorIocValue',
  'event.deviceCustomString6Label': constant('Creator IOC Value'),
  'event.fileHash': 'FileHash',
  'event.fileName': 'FileName',
  'event.filePath': 'FilePath',
  'event.sourceAddress': 'IpAddress',
  'event.requestUrl': 'Url',
  'event.sourceUserName': 'UserName',
  'event.message': 'FullId',
  'severity.map.high.if.deviceSeverity': 'High',
  'severity.map.medium.if.deviceSeverity': 'Medium',
  'severity.map.low.if.deviceSeverity': 'Low',
};

/** All 50 documented fields but ExternalId, ReportID (obsolete) and FileHash (= Sha1). */
export const V2_TOKENS: Array<[string, string]> = [
  'AlertTime',
  'ComputerDnsName',
  'AlertTitle',
  'Category',
  'Severity',
  'AlertId',
  'Actor',
  'LinkToWDATP',
  'IocName',
  'IocValue',
  'CreatorIocName',
  'CreatorIocValue',
  'Sha1',
  'FileName',
  'FilePath',
  'IpAddress',
  'Url',
  'IoaDefinitionId',
  'UserName',
  'AlertPart',
  'FullId',
  'LastProcessedTimeUtc',
  'ThreatCategory',
  'ThreatFamily',
  'ThreatName',
  'RemediationAction',
  'RemediationIsSuccess',
  'Source',
  'Md5',
  'Sha256',
  'WasExecutingWhileDetected',
  'UserDomain',
  'LogOnUsers',
  'MachineDomain',
  'MachineName',
  'InternalIPv4List',
  'InternalIPv6List',
  'DeviceID',
  'MachineGroup',
  'Description',
  'DeviceCreatedMachineTags',
  'CloudCreatedMachineTags',
  'CommandLine',
  'IncidentLinkToWDATP',
  'LinkToMTP',
  'IncidentLinkToMTP',
  'IocUniqueId',
].map((name) => [name, name === 'IpAddress' ? 'IPAddress' : name === 'AlertPart' ? 'Integer' : 'String']);

export const V2_MAPPINGS: Record<string, string> = {
  'trigger.node.location': '/',
  'event.deviceVendor': constant('Microsoft'),
  'event.deviceProduct': constant('Microsoft Defender ATP'),
  'event.deviceVersion': constant('2.0'),
  'event.deviceReceiptTime': TIME_V2,
  'event.name': 'AlertTitle',
  'event.deviceSeverity': 'Severity',
  'event.deviceEventCategory': 'Category',
  'event.sourceServiceName': 'Source',
  'event.sourceHostName': 'MachineName',
  'event.fileName': 'FileName',
  'event.filePath': 'FilePath',
  'event.sourceNtDomain': 'UserDomain',
  'event.sourceUserName': 'UserName',
  'event.fileHash': 'Sha1',
  'event.deviceCustomString6': 'Sha256',
  'event.deviceCustomString6Label': constant('SHA256'),
  'event.deviceCustomString5': 'Md5',
  'event.deviceCustomString5Label': constant('MD5'),
  'event.deviceCustomString1': 'ThreatName',
  'event.deviceCustomString1Label': constant('Threat Name'),
  'event.sourceAddress': 'IpAddress',
  'event.requestUrl': 'Url',
  'event.deviceCustomNumber2': bool('RemediationIsSuccess'),
  'event.deviceCustomNumber2Label': constant('Remediation Is Success'),
  'event.deviceCustomNumber1': bool('WasExecutingWhileDetected'),
  'event.deviceCustomNumber1Label': constant('Was Executing While Detected'),
  'event.externalId': 'AlertId',
  'event.flexString1': 'LinkToWDATP',
  'event.flexString1Label': constant('Link to WDATP'),
  'event.sourceDnsDomain': 'MachineDomain',
  'event.deviceCustomString4': 'Actor',
  'event.deviceCustomString4Label': constant('Actor'),
  'event.sourceUserId': 'LogOnUsers',
  'severity.map.high.if.deviceSeverity': 'High',
  'severity.map.medium.if.deviceSeverity': 'Medium',
  'severity.map.low.if.deviceSeverity': 'Low,Informational',
  'severity.map.unknown.if.deviceSeverity': 'UnSpecified,Unspecified',
  'additionaldata.enabled': 'true',
};

/** The whole key → value map a parser file must load to. */
export function expectedParserMap(tokens: Array<[string, string]>, mappings: Record<string, string>): Map<string, string> {
  const map = new Map<string, string>([['token.count', String(tokens.length)]]);
  tokens.forEach(([name, type], i) => {
    map.set(`token[${i}].name`, name);
    map.set(`token[${i}].type`, type);
    map.set(`token[${i}].location`, name);
  });
  for (const [k, v] of Object.entries(mappings)) map.set(k, v);
  return map;
}
