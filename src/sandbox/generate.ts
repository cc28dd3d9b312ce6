import { formatUtcTimestamp, parseUtcTimestamp, ticksFromMs, TICKS_PER_MS } from '../alerts/index.js';
import * as pools from './generate-values.js';
import { seededRandom, type Random } from './random.js';

/** One alert record as the SIEM API returns it: a flat object of the 50 documented fields. */
export type AlertObject = Record<string, string | number | boolean | null>;

/** The 50 fields, in the order of Microsoft's 2020 sample. */
export const ALERT_FIELDS = [
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
  'FileHash',
  'DeviceID',
  'MachineGroup',
  'Description',
  'DeviceCreatedMachineTags',
  'CloudCreatedMachineTags',
  'CommandLine',
  'IncidentLinkToWDATP',
  'ReportID',
  'LinkToMTP',
  'IncidentLinkToMTP',
  'ExternalId',
  'IocUniqueId',
] as const;

/**
 * How a record writes an empty value. Published samples use all three ("" in 2020, null in 2017, the key left
 * out in a 2018 sample), and a parser file has to survive each.
 */
export type EmptyStyle = 'empty-string' | 'null' | 'missing';
const EMPTY_STYLES: readonly EmptyStyle[] = ['empty-string', 'null', 'missing'];

export interface GenerateOptions {
  count: number;
  seed?: number;
  /** Epoch ms of the earliest LastProcessedTimeUtc. */
  start: number;
  /** LastProcessedTimeUtc values are spread over [start, start + spanMs]. */
  spanMs: number;
}

/**
 * Generates `count` realistic alert records, deterministic for (seed, start, spanMs, count). Records arrive over
 * time: their LastProcessedTimeUtc is spread over the span, in ascending order of groups. The features a parser
 * must handle (empty-value styles, 0-7 fraction digits, severities, IPv4/IPv6/empty addresses, true/false/null
 * booleans) are rotated, so any 30 or more records show every one of them; values are random.
 */
export function generateAlerts(options: GenerateOptions): AlertObject[] {
  const random = seededRandom(options.seed ?? 1);
  const groupSizes = planGroups(options.count, random);
  const offsets = groupSizes.map(() => random.next() * options.spanMs).sort((a, b) => a - b);
  const alerts: AlertObject[] = [];
  let instants = 0;
  groupSizes.forEach((size, group) => {
    // The first group always shares one instant across its parts: ties at the high-water mark are the case a
    // poller's de-duplication most often gets wrong.
    const sameTime = group === 0 || random.chance(0.5);
    const groupTicks = ticksFromMs(options.start + offsets[group]!) + BigInt(random.int(0, 9999));
    let shared: string | undefined;
    const parts = makeAlertGroup(random, size, alerts.length, group, (part) => {
      if (sameTime && shared !== undefined) return shared;
      const ticks = sameTime ? groupTicks : groupTicks + BigInt(part * random.int(1, 500)) * TICKS_PER_MS + BigInt(random.int(0, 9999));
      shared = formatWithDigits(ticks, instants++ % 8);
      return shared;
    });
    alerts.push(...parts);
  });
  return alerts;
}

/**
 * The API trims trailing zeros of the 7-digit fraction (the 2020 sample has `14:09:20.35743Z`), so a record shows
 * 0 to 7 digits. This truncates the instant to `digits` and makes the last one non-zero so exactly that many show.
 */
function formatWithDigits(ticks: bigint, digits: number): string {
  const unit = 10n ** BigInt(7 - digits);
  let truncated = ticks - (ticks % unit);
  if (digits > 0 && (truncated / unit) % 10n === 0n) truncated += unit;
  return formatUtcTimestamp(truncated).replace(/\.?0+Z$/, 'Z');
}

/** Sizes of the multi-part groups: mostly single records, some split in 2 or 3 parts (one IOC each). */
function planGroups(count: number, random: Random): number[] {
  const sizes: number[] = [];
  let left = count;
  while (left > 0) {
    const wanted =
      sizes.length === 0 && left >= 3
        ? 3
        : random.weighted([
            [1, 7],
            [2, 2],
            [3, 1],
          ] as const);
    const size = Math.min(wanted, left);
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

function makeAlertGroup(random: Random, size: number, firstIndex: number, group: number, partTime: (part: number) => string): AlertObject[] {
  const [category, titles] = random.pick(pools.CATEGORY_TITLES);
  const severity = group < pools.SEVERITIES.length ? pools.SEVERITIES[group]![0] : random.weighted(pools.SEVERITIES);
  const machine = random.pick(pools.MACHINES);
  const domain = random.pick(pools.DOMAINS);
  const [fileName, filePath] = random.pick(pools.FILES);
  const sha1 = random.hex(40);
  const threat = random.chance(0.5) ? random.pick(pools.THREATS) : undefined;
  const user = random.pick(pools.USERS);
  const userDomain = random.pick(pools.USER_DOMAINS);
  const firstTime = partTime(0);
  const alertTicks = parseUtcTimestamp(firstTime)! - BigInt(random.int(2_000, 900_000)) * TICKS_PER_MS - BigInt(random.int(0, 9999));
  const alertId = makeAlertId(random, alertTicks);
  const shared = {
    category,
    title: random.pick(titles),
    severity,
    source: random.pick(pools.SOURCES),
    machine,
    domain,
    fileName,
    filePath,
    sha1,
    threat,
    user,
    userDomain,
    alertId,
    alertTime: formatWithDigits(alertTicks, random.int(0, 7)),
    ioaDefinitionId: guid(random),
    deviceId: random.hex(40),
    reportId: random.int(1, 2 ** 31 - 1),
    description: random.pick(pools.DESCRIPTIONS),
  };
  return Array.from({ length: size }, (_, part) => {
    const index = firstIndex + part;
    return makeRecord(random, index, part, part === 0 ? firstTime : partTime(part), shared);
  });
}

interface SharedAlertValues {
  category: string;
  title: string;
  severity: string;
  source: string;
  machine: string;
  domain: string;
  fileName: string;
  filePath: string;
  sha1: string;
  threat: readonly [string, string, string] | undefined;
  user: string;
  userDomain: string;
  alertId: string;
  alertTime: string;
  ioaDefinitionId: string;
  deviceId: string;
  reportId: number;
  description: string;
}

function makeRecord(random: Random, index: number, part: number, lastProcessed: string, s: SharedAlertValues): AlertObject {
  const style = EMPTY_STYLES[index % EMPTY_STYLES.length]!;
  const iocUniqueId = makeIocUniqueId(random, index);
  // Each field is either a value or "empty"; empties are written in the record's style at the end.
  const maybe = <T>(p: number, value: () => T): T | undefined => (random.chance(p) ? value() : undefined);
  const booleans = [true, false, null] as const;
  const ip = [() => random.pick(pools.IPV4), () => random.pick(pools.IPV6), () => undefined][index % 3]!();
  const fields: Record<string, string | number | boolean | null | undefined> = {
    AlertTime: s.alertTime,
    ComputerDnsName: random.chance(0.8) ? `${s.machine}.${s.domain}` : s.machine,
    AlertTitle: s.title,
    Category: s.category,
    Severity: s.severity,
    AlertId: s.alertId,
    Actor: maybe(0.15, () => random.pick(pools.ACTORS)),
    LinkToWDATP: `https://securitycenter.windows.com/alert/${s.alertId}`,
    IocName: part > 0 ? 'Url' : maybe(0.1, () => 'FileName'),
    IocValue: part > 0 ? random.pick(pools.URLS) : undefined,
    CreatorIocName: maybe(0.1, () => 'Process'),
    CreatorIocValue: maybe(0.1, () => 'powershell.exe'),
    Sha1: s.sha1,
    FileName: s.fileName,
    FilePath: s.filePath,
    IpAddress: ip,
    Url: part > 0 || random.chance(0.2) ? random.pick(pools.URLS) : undefined,
    IoaDefinitionId: s.ioaDefinitionId,
    UserName: maybe(0.7, () => s.user),
    AlertPart: part,
    FullId: `${s.alertId}:${iocUniqueId}`,
    LastProcessedTimeUtc: lastProcessed,
    ThreatCategory: s.threat?.[0],
    ThreatFamily: s.threat?.[1],
    ThreatName: s.threat?.[2],
    RemediationAction: s.threat ? random.pick(pools.REMEDIATION_ACTIONS) : undefined,
    RemediationIsSuccess: booleans[index % 3]!,
    Source: s.source,
    Md5: maybe(0.8, () => random.hex(32)),
    Sha256: maybe(0.6, () => random.hex(64)),
    WasExecutingWhileDetected: booleans[Math.floor(index / 3) % 3]!,
    UserDomain: maybe(0.7, () => s.userDomain),
    LogOnUsers: maybe(0.8, () =>
      random.chance(0.5) ? `${s.userDomain.toLowerCase()}\\${s.user}; ${s.userDomain.toLowerCase()}\\jay-hardee` : `${s.userDomain}\\Administrator`,
    ),
    MachineDomain: s.domain,
    MachineName: s.machine,
    InternalIPv4List: maybe(0.8, () => `192.168.${random.int(0, 255)}.${random.int(1, 254)}, 10.1.14.1`),
    InternalIPv6List: maybe(0.5, () => `fd30:0:0:1::${random.hex(4)}, FE80::CD39:${random.hex(4).toUpperCase()}:729C`),
    FileHash: s.sha1,
    DeviceID: s.deviceId,
    MachineGroup: maybe(0.6, () => random.pick(pools.MACHINE_GROUPS)),
    Description: s.description,
    DeviceCreatedMachineTags: maybe(0.4, () => random.pick(pools.DEVICE_TAGS)),
    CloudCreatedMachineTags: maybe(0.4, () => random.pick(pools.CLOUD_TAGS)),
    CommandLine: maybe(0.5, () => random.pick(pools.COMMAND_LINES)),
    IncidentLinkToWDATP: `https://securitycenter.windows.com/incidents/byalert?alertId=${s.alertId}&source=SIEM`,
    ReportID: s.reportId + part,
    LinkToMTP: `https://security.microsoft.com/alert/${s.alertId}`,
    IncidentLinkToMTP: `https://security.microsoft.com/incidents/byalert?alertId=${s.alertId}&source=SIEM`,
    ExternalId: random.hex(40).toUpperCase(),
    IocUniqueId: iocUniqueId,
  };
  const record: AlertObject = {};
  for (const name of ALERT_FIELDS) {
    const value = fields[name];
    if (value !== undefined && !(value === null && style === 'missing')) record[name] = value;
    else if (value === undefined && style !== 'missing') record[name] = style === 'null' ? null : '';
  }
  return record;
}

const DOTNET_EPOCH_OFFSET_TICKS = 621_355_968_000_000_000n; // 0001-01-01 to 1970-01-01 in 100 ns ticks

/** `da637370718981685665_16349121`: .NET ticks of the alert time, then a signed 32-bit number. */
function makeAlertId(random: Random, alertTicks: bigint): string {
  const prefix = random.chance(0.8) ? 'da' : '';
  return `${prefix}${alertTicks + DOTNET_EPOCH_OFFSET_TICKS}_${random.int(-(2 ** 31), 2 ** 31 - 1)}`;
}

/** Three shapes seen in samples: base64 (2020), 64 upper-case hex (2017), base64url (2018). */
function makeIocUniqueId(random: Random, index: number): string {
  const bytes = Buffer.from(random.bytes(32));
  switch (index % 5) {
    case 3:
      return bytes.toString('hex').toUpperCase();
    case 4:
      return `${bytes.toString('base64url')}=`;
    default:
      return bytes.toString('base64');
  }
}

function guid(random: Random): string {
  const h = random.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[random.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20)}`;
}
