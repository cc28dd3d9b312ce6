/**
 * The ArcSight event fields a parser file may set with `event.<name>=...`: full name (what the parser file uses),
 * CEF key (what CEF carries), type and maximum length. Built from the CEF extension dictionary and the
 * FlexConnector Developer's Guide list of built-in mapping tokens (see the project's reference notes, §4.3).
 */
export type FieldType = 'String' | 'Integer' | 'Long' | 'Double' | 'IPAddress' | 'IPv6Address' | 'MacAddress' | 'DateTime' | 'Enum';

export interface EventFieldInfo {
  name: string;
  /** Short CEF extension key; absent for header fields (and for fields CEF carries under their full name). */
  cefKey?: string;
  type: FieldType;
  /** Longest string ArcSight keeps; longer values are truncated (with a warning). */
  maxLength?: number;
  /** Allowed integer range (ports, enums). */
  range?: readonly [number, number];
  /** Where the field is defined: a CEF header field, the CEF extension dictionary, or only the developer's guide list. */
  source: 'header' | 'cef' | 'dev-guide';
}

type Row = [name: string, cefKey: string | undefined, type: FieldType, maxLength?: number, range?: readonly [number, number]];

const PORT: readonly [number, number] = [0, 65535];

const HEADER: Row[] = [
  ['deviceVendor', undefined, 'String', 63],
  ['deviceProduct', undefined, 'String', 63],
  ['deviceVersion', undefined, 'String', 31],
  ['deviceEventClassId', undefined, 'String', 1023],
  ['name', undefined, 'String', 512],
  ['deviceSeverity', undefined, 'String', 63],
];

const CEF: Row[] = [
  ['deviceAction', 'act', 'String', 63],
  ['applicationProtocol', 'app', 'String', 31],
  ['deviceEventCategory', 'cat', 'String', 1023],
  ['baseEventCount', 'cnt', 'Integer'],
  ...numbered(6, (i): Row[] => [
    [`deviceCustomString${i}`, `cs${i}`, 'String', 4000],
    [`deviceCustomString${i}Label`, `cs${i}Label`, 'String', 1023],
  ]),
  ...numbered(3, (i): Row[] => [
    [`deviceCustomNumber${i}`, `cn${i}`, 'Long'],
    [`deviceCustomNumber${i}Label`, `cn${i}Label`, 'String', 1023],
  ]),
  ...numbered(4, (i): Row[] => [
    [`deviceCustomFloatingPoint${i}`, `cfp${i}`, 'Double'],
    [`deviceCustomFloatingPoint${i}Label`, `cfp${i}Label`, 'String', 1023],
  ]),
  ...numbered(4, (i): Row[] => [
    [`deviceCustomIPv6Address${i}`, `c6a${i}`, 'IPv6Address'],
    [`deviceCustomIPv6Address${i}Label`, `c6a${i}Label`, 'String', 1023],
  ]),
  ...numbered(2, (i): Row[] => [
    [`deviceCustomDate${i}`, `deviceCustomDate${i}`, 'DateTime'],
    [`deviceCustomDate${i}Label`, `deviceCustomDate${i}Label`, 'String', 1023],
  ]),
  ...numbered(2, (i): Row[] => [
    [`flexString${i}`, `flexString${i}`, 'String', 1023],
    [`flexString${i}Label`, `flexString${i}Label`, 'String', 128],
  ]),
  ['flexDate1', 'flexDate1', 'DateTime'],
  ['flexDate1Label', 'flexDate1Label', 'String', 128],
  ['destinationHostName', 'dhost', 'String', 1023],
  ['sourceHostName', 'shost', 'String', 1023],
  ['destinationAddress', 'dst', 'IPAddress'],
  ['sourceAddress', 'src', 'IPAddress'],
  ['destinationPort', 'dpt', 'Integer', undefined, PORT],
  ['sourcePort', 'spt', 'Integer', undefined, PORT],
  ['destinationMacAddress', 'dmac', 'MacAddress'],
  ['sourceMacAddress', 'smac', 'MacAddress'],
  ['deviceMacAddress', 'dvcmac', 'MacAddress'],
  ['destinationUserName', 'duser', 'String', 1023],
  ['sourceUserName', 'suser', 'String', 1023],
  ['destinationUserId', 'duid', 'String', 1023],
  ['sourceUserId', 'suid', 'String', 1023],
  ['destinationUserPrivileges', 'dpriv', 'String', 1023],
  ['sourceUserPrivileges', 'spriv', 'String', 1023],
  ['destinationProcessName', 'dproc', 'String', 1023],
  ['sourceProcessName', 'sproc', 'String', 1023],
  ['destinationProcessId', 'dpid', 'Integer'],
  ['sourceProcessId', 'spid', 'Integer'],
  ['deviceProcessId', 'dvcpid', 'Integer'],
  ['destinationNtDomain', 'dntdom', 'String', 255],
  ['sourceNtDomain', 'sntdom', 'String', 255],
  ['destinationDnsDomain', 'destinationDnsDomain', 'String', 255],
  ['sourceDnsDomain', 'sourceDnsDomain', 'String', 255],
  ['destinationServiceName', 'destinationServiceName', 'String', 1023],
  ['sourceServiceName', 'sourceServiceName', 'String', 1023],
  ['destinationTranslatedAddress', 'destinationTranslatedAddress', 'IPAddress'],
  ['sourceTranslatedAddress', 'sourceTranslatedAddress', 'IPAddress'],
  ['deviceTranslatedAddress', 'deviceTranslatedAddress', 'IPAddress'],
  ['destinationTranslatedPort', 'destinationTranslatedPort', 'Integer', undefined, PORT],
  ['sourceTranslatedPort', 'sourceTranslatedPort', 'Integer', undefined, PORT],
  ['deviceAddress', 'dvc', 'IPAddress'],
  ['deviceHostName', 'dvchost', 'String', 63],
  ['deviceTimeZone', 'dtz', 'String', 255],
  ['deviceDirection', 'deviceDirection', 'Enum', undefined, [0, 1]],
  ['deviceDnsDomain', 'deviceDnsDomain', 'String', 255],
  ['deviceNtDomain', 'deviceNtDomain', 'String', 255],
  ['deviceExternalId', 'deviceExternalId', 'String', 255],
  ['deviceFacility', 'deviceFacility', 'String', 1023],
  ['deviceProcessName', 'deviceProcessName', 'String', 1023],
  ['deviceInboundInterface', 'deviceInboundInterface', 'String', 128],
  ['deviceOutboundInterface', 'deviceOutboundInterface', 'String', 128],
  ['devicePayloadId', 'devicePayloadId', 'String', 128],
  ['endTime', 'end', 'DateTime'],
  ['startTime', 'start', 'DateTime'],
  ['deviceReceiptTime', 'rt', 'DateTime'],
  ['externalId', 'externalId', 'String', 40],
  ['fileHash', 'fileHash', 'String', 255],
  ['oldFileHash', 'oldFileHash', 'String', 255],
  ['fileName', 'fname', 'String', 1023],
  ['oldFileName', 'oldFileName', 'String', 1023],
  ['filePath', 'filePath', 'String', 1023],
  ['oldFilePath', 'oldFilePath', 'String', 1023],
  ['fileId', 'fileId', 'String', 1023],
  ['oldFileId', 'oldFileId', 'String', 1023],
  ['fileType', 'fileType', 'String', 1023],
  ['oldFileType', 'oldFileType', 'String', 1023],
  ['filePermission', 'filePermission', 'String', 1023],
  ['oldFilePermission', 'oldFilePermission', 'String', 1023],
  ['fileSize', 'fsize', 'Long'],
  ['oldFileSize', 'oldFileSize', 'Long'],
  ['fileCreateTime', 'fileCreateTime', 'DateTime'],
  ['oldFileCreateTime', 'oldFileCreateTime', 'DateTime'],
  ['fileModificationTime', 'fileModificationTime', 'DateTime'],
  ['oldFileModificationTime', 'oldFileModificationTime', 'DateTime'],
  ['bytesIn', 'in', 'Long'],
  ['bytesOut', 'out', 'Long'],
  ['message', 'msg', 'String', 1023],
  ['eventOutcome', 'outcome', 'String', 63],
  ['transportProtocol', 'proto', 'String', 31],
  ['reason', 'reason', 'String', 1023],
  ['requestUrl', 'request', 'String', 1023],
  ['requestClientApplication', 'requestClientApplication', 'String', 1023],
  ['requestCookies', 'requestCookies', 'String', 1023],
  ['requestMethod', 'requestMethod', 'String', 1023],
  ['requestContext', 'requestContext', 'String', 2048],
  ['type', 'type', 'Enum', undefined, [0, 3]],
  ['rawEvent', 'rawEvent', 'String', 4000],
];

/** Fields only the developer's guide lists (no short CEF key: CEF carries them under their full name). */
const DEV_GUIDE: Row[] = [
  ...numbered(2, (i): Row[] => [
    [`flexNumber${i}`, undefined, 'Long'],
    [`flexNumber${i}Label`, undefined, 'String', 128],
  ]),
  ['categoryObject', undefined, 'String', 1023],
  ['categoryBehavior', undefined, 'String', 1023],
  ['categoryOutcome', undefined, 'String', 1023],
  ['categorySignificance', undefined, 'String', 1023],
  ['categoryDeviceGroup', undefined, 'String', 1023],
  ['categoryTechnique', undefined, 'String', 1023],
  ['cryptoSignature', undefined, 'String', 512],
  ['customerURI', undefined, 'String', 2048],
  ['sourceZoneURI', undefined, 'String', 2048],
  ['destinationZoneURI', undefined, 'String', 2048],
  ['deviceZoneURI', undefined, 'String', 2048],
  ['deviceDomain', undefined, 'String', 1023],
  // Set by real parser files (e.g. per HTTP status in a conditional map); ArcSight's 0-10 priority scale.
  ['priority', undefined, 'Integer', undefined, [0, 10]],
];

function numbered(count: number, rows: (i: number) => Row[]): Row[] {
  const out: Row[] = [];
  for (let i = 1; i <= count; i++) out.push(...rows(i));
  return out;
}

function build(): Map<string, EventFieldInfo> {
  const map = new Map<string, EventFieldInfo>();
  const add = (rows: Row[], source: EventFieldInfo['source']) => {
    for (const [name, cefKey, type, maxLength, range] of rows) {
      const info: EventFieldInfo = { name, type, source };
      if (cefKey !== undefined) info.cefKey = cefKey;
      if (maxLength !== undefined) info.maxLength = maxLength;
      if (range !== undefined) info.range = range;
      map.set(name, Object.freeze(info));
    }
  };
  add(HEADER, 'header');
  add(CEF, 'cef');
  add(DEV_GUIDE, 'dev-guide');
  return map;
}

/** Every field a mapping may target, keyed by full name (case-sensitive, as ArcSight matches them). */
export const EVENT_FIELDS: ReadonlyMap<string, EventFieldInfo> = build();

const AGENT_FIELDS = [
  'agentAddress',
  'agentHostName',
  'agentId',
  'agentReceiptTime',
  'agentType',
  'agentVersion',
  'agentTimeZone',
  'agentSeverity',
  'agentZoneURI',
  'eventId',
  'parserIdentifier',
  'parserVersion',
];
/** ArcSight's geo-location of an address: latitude and longitude are consumer-side in the CEF standard; the rest comes with them. */
const GEO_FIELDS = ['source', 'destination'].flatMap((side) =>
  ['GeoLatitude', 'GeoLongitude', 'GeoCountryCode', 'GeoCountryName', 'GeoLocationInfo', 'GeoPostalCode', 'GeoRegionCode'].map((part) => `${side}${part}`),
);
/** The parts ArcSight derives from requestUrl. */
const URL_PART_FIELDS = ['requestUrlHost', 'requestUrlPort', 'requestUrlQuery', 'requestUrlFileName', 'requestUrlAuthority'];

/**
 * Fields ArcSight fills in itself: the connector's own data, the geo-location of source and destination
 * addresses, and the parts of requestUrl. A parser file that sets one is reported: the mapping has no effect.
 * None is in the CEF producer dictionary or the developer's guide list of mapping targets; docs/emulation.md
 * gives the evidence for each group.
 */
export const CONNECTOR_FIELDS: ReadonlySet<string> = new Set([...AGENT_FIELDS, ...GEO_FIELDS, ...URL_PART_FIELDS]);

/** Why ArcSight sets the field itself, and what to map instead; undefined for fields a parser may set. */
export function connectorFieldReason(field: string): { reason: string; instead: string } | undefined {
  if (GEO_FIELDS.includes(field)) {
    const side = field.startsWith('source') ? 'source' : 'destination';
    return {
      reason: `ArcSight fills it from the geo-location of the ${side} address`,
      instead: `map the address to ${side}Address (the geo fields follow from it), or keep the value in a custom field`,
    };
  }
  if (URL_PART_FIELDS.includes(field)) {
    return { reason: 'ArcSight derives it from requestUrl', instead: 'map the whole URL to requestUrl, or a host name to destinationHostName' };
  }
  if (AGENT_FIELDS.includes(field)) return { reason: 'the connector sets it itself', instead: 'map the value to a field the parser may set' };
  return undefined;
}
