import { javaTrim, toInteger, toStringValue } from './coerce.js';
import { arg, simple, type OperationSpec } from './define.js';

/** Operations that translate words or numbers through a fixed table. */

/**
 * Well-known ports to service names. The reference confirms only 23 -> TELNET; the rest are the IANA service
 * names upper-cased, which is what such a table in a Java connector would most plausibly hold.
 */
export const SERVICE_NAMES: ReadonlyMap<number, string> = new Map([
  [7, 'ECHO'],
  [9, 'DISCARD'],
  [13, 'DAYTIME'],
  [19, 'CHARGEN'],
  [20, 'FTP-DATA'],
  [21, 'FTP'],
  [22, 'SSH'],
  [23, 'TELNET'],
  [25, 'SMTP'],
  [37, 'TIME'],
  [43, 'WHOIS'],
  [49, 'TACACS'],
  [53, 'DOMAIN'],
  [67, 'BOOTPS'],
  [68, 'BOOTPC'],
  [69, 'TFTP'],
  [70, 'GOPHER'],
  [79, 'FINGER'],
  [80, 'HTTP'],
  [88, 'KERBEROS'],
  [110, 'POP3'],
  [111, 'SUNRPC'],
  [113, 'AUTH'],
  [119, 'NNTP'],
  [123, 'NTP'],
  [135, 'EPMAP'],
  [137, 'NETBIOS-NS'],
  [138, 'NETBIOS-DGM'],
  [139, 'NETBIOS-SSN'],
  [143, 'IMAP'],
  [161, 'SNMP'],
  [162, 'SNMPTRAP'],
  [179, 'BGP'],
  [389, 'LDAP'],
  [443, 'HTTPS'],
  [445, 'MICROSOFT-DS'],
  [464, 'KPASSWD'],
  [500, 'ISAKMP'],
  [513, 'LOGIN'],
  [514, 'SHELL'],
  [515, 'PRINTER'],
  [587, 'SUBMISSION'],
  [636, 'LDAPS'],
  [873, 'RSYNC'],
  [989, 'FTPS-DATA'],
  [990, 'FTPS'],
  [993, 'IMAPS'],
  [995, 'POP3S'],
  [1433, 'MS-SQL-S'],
  [1434, 'MS-SQL-M'],
  [1723, 'PPTP'],
  [1812, 'RADIUS'],
  [1813, 'RADIUS-ACCT'],
  [3306, 'MYSQL'],
  [3389, 'MS-WBT-SERVER'],
  [5060, 'SIP'],
  [5432, 'POSTGRESQL'],
  [5900, 'RFB'],
  [8080, 'HTTP-ALT'],
]);

/** Case-insensitive word table; null for null input, `otherwise` for anything not listed. */
function wordTable(table: Record<string, number>, otherwise: number | null): (value: string | null) => number | null {
  const words = new Map(Object.entries(table));
  return (s) => (s === null ? null : (words.get(s.toLowerCase()) ?? otherwise));
}

const direction = wordTable({ in: 0, inbound: 0, outbound: 1, '=>': 1 }, null);
const originator = wordTable({ source: 0, destination: 1 }, null);
const eventType = wordTable({ correlation: 2, correlated: 2, aggregated: 1 }, 0);

const VULNERABILITY_CATEGORIES = [
  '/scanner/device/vulnerability',
  '/scanner/device/openport',
  '/scanner/device/user',
  '/scanner/device/banner',
  '/scanner/device/uri',
];

export const LOOKUP_OPERATIONS: OperationSpec[] = [
  simple(
    {
      name: '__getDeviceDirection',
      minArgs: 1,
      maxArgs: 1,
      returns: 'Integer',
      summary: '"in"/"inbound" give 0, "outbound"/"=>" give 1 (any case); anything else null.',
      source: 'documented',
      details: 'Documented words only; ignoring case and returning null for other words are our choices (unverified).',
    },
    (args) => direction(toStringValue(arg(args, 0))),
  ),
  simple(
    {
      name: '__getOriginator',
      minArgs: 1,
      maxArgs: 1,
      returns: 'Integer',
      summary: '"Source" gives 0, "Destination" gives 1 (any case); anything else null.',
      source: 'documented',
      details: 'Documented words only; ignoring case and returning null for other words are our choices (unverified).',
    },
    (args) => originator(toStringValue(arg(args, 0))),
  ),
  simple(
    {
      name: '__getType',
      minArgs: 1,
      maxArgs: 1,
      returns: 'Integer',
      summary: '"correlation"/"correlated" give 2, "aggregated" 1, any other text 0 (not case-sensitive).',
      source: 'documented',
      details: 'Reference: "not sensitive to case ... anything else, then the returned Integer is 0". A null token stays null (our choice).',
    },
    (args) => eventType(toStringValue(arg(args, 0))),
  ),
  simple(
    {
      name: '__getProtocolName',
      minArgs: 1,
      maxArgs: 1,
      returns: 'String',
      summary: 'The service name of a well-known port number, upper case (23 gives TELNET); unknown ports null.',
      source: 'documented',
      details:
        'Only 23 -> TELNET is documented (it is a port, not an IP protocol number). The other entries are IANA service names upper-cased (unverified): see SERVICE_NAMES in src/flex/operations/lookups.ts.',
    },
    (args) => {
      const n = toInteger(arg(args, 0));
      return n === null ? null : (SERVICE_NAMES.get(n) ?? null);
    },
  ),
  simple(
    {
      name: '__getProtocolNameFromString',
      minArgs: 1,
      maxArgs: 1,
      returns: 'String',
      summary: 'As __getProtocolName for a port number given as text ("23" gives TELNET); other text null.',
      source: 'documented',
      details: 'Reference: 23 gives TELNET. Blanks around the number are ignored.',
    },
    (args) => {
      const s = toStringValue(arg(args, 0));
      const n = s === null ? null : toInteger(javaTrim(s));
      return n === null ? null : (SERVICE_NAMES.get(n) ?? null);
    },
  ),
  simple(
    {
      name: '__getVulnerabilityCategory',
      minArgs: 1,
      maxArgs: 1,
      returns: 'String',
      summary: '0-4 to /scanner/device/{vulnerability,openport,user,banner,uri}; other values null.',
      source: 'documented',
    },
    (args) => {
      const v = arg(args, 0);
      const n = toInteger(typeof v === 'string' ? javaTrim(v) : v);
      return n === null ? null : (VULNERABILITY_CATEGORIES[n] ?? null);
    },
  ),
];
