import { describe, javaTrim, toLong, toStringValue } from './coerce.js';
import { arg, simple, type OperationSpec } from './define.js';

/** String-producing operations. */

const constant = (name: string, summary: string): OperationSpec =>
  simple(
    {
      name,
      minArgs: 1,
      maxArgs: 1,
      returns: 'String',
      summary,
      source: 'documented',
    },
    (args) => toStringValue(arg(args, 0)),
  );

const mapString = (name: string, summary: string, fn: (s: string) => string, source: OperationSpec['source'], details?: string): OperationSpec =>
  simple({ name, minArgs: 1, maxArgs: 1, returns: 'String', summary, source, details }, (args) => {
    const s = toStringValue(arg(args, 0));
    return s === null ? null : fn(s);
  });

const HEX_BYTES = /^(?:0[xX])?((?:[0-9A-Fa-f]{2})*)$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder('utf-8');

const PROTOCOL_WORDS = /(?:^|[^A-Za-z0-9])(ICMPV6|ICMP|IGMP|TCP|UDP|SCTP|GRE|ESP|AH|IPV6|IP)(?![A-Za-z0-9])/i;

export const STRING_OPERATIONS: OperationSpec[] = [
  constant('__stringConstant', 'The literal argument as a String.'),
  constant('__getVendor', 'The literal argument as a String (same as __stringConstant).'),
  simple(
    {
      name: '__concatenate',
      minArgs: 1,
      maxArgs: Infinity,
      returns: 'String',
      summary: 'All arguments joined as text; null arguments are skipped; an empty result is null.',
      source: 'documented',
      details:
        'FlexEngine: nulls are skipped and an empty result becomes null. Non-string values print as Java would (Integer plainly, TimeStamp as epoch milliseconds, addresses canonically).',
    },
    (args) => {
      let out = '';
      for (const a of args) {
        const s = toStringValue(a);
        if (s !== null) out += s;
      }
      return out === '' ? null : out;
    },
  ),
  mapString('__toLowerCase', 'The text in lower case.', (s) => s.toLowerCase(), 'documented'),
  mapString('__toUpperCase', 'The text in upper case.', (s) => s.toUpperCase(), 'documented'),
  mapString('__stringTrim', "The text without leading and trailing blanks (Java's String.trim: every char <= U+0020).", javaTrim, 'documented'),
  simple(
    {
      name: '__length',
      aliases: ['__lengthOperation'],
      minArgs: 1,
      maxArgs: 1,
      returns: 'Integer',
      summary: 'Length of the text in UTF-16 code units (Java String.length); null stays null.',
      source: 'documented',
      details: 'FlexEngine would give 4 for null (the length of "null"); we return null, since a missing token should not produce a number.',
    },
    (args) => {
      const s = toStringValue(arg(args, 0));
      return s === null ? null : s.length;
    },
  ),
  simple(
    {
      name: '__longToString',
      aliases: ['__longToStringOperation'],
      minArgs: 1,
      maxArgs: 1,
      returns: 'String',
      summary: 'The decimal text of a Long.',
      source: 'documented',
      details: 'The argument is converted to a Long first; text that is not a Long gives null with a warning.',
    },
    (args, ctx) => {
      const n = toLong(arg(args, 0), ctx);
      return n === null ? null : n.toString();
    },
  ),
  simple(
    {
      name: '__BASE64Decode',
      minArgs: 1,
      maxArgs: 1,
      returns: 'String',
      summary: 'Decodes standard Base64 (padding optional) and reads the bytes as UTF-8; invalid input: null + warning.',
      source: 'inferred',
      details:
        'Reference example: "ZGVjb2RlZCBzdHJpbmc=" gives "decoded string". Java\'s basic decoder rejects characters outside the alphabet, so do we; the charset is assumed UTF-8.',
    },
    (args, ctx) => {
      const s = toStringValue(arg(args, 0));
      if (s === null) return null;
      if (!BASE64.test(s) || s.replace(/=+$/, '').length % 4 === 1) {
        ctx.warn('invalid-argument', `__BASE64Decode: ${describe(s)} is not Base64`);
        return null;
      }
      return utf8.decode(Buffer.from(s, 'base64'));
    },
  ),
  simple(
    {
      name: '__hexStringToString',
      aliases: ['__hexStringToStringOperation'],
      minArgs: 1,
      maxArgs: 1,
      returns: 'String',
      summary: 'Pairs of hex digits (optional 0x) read as bytes, decoded as UTF-8; odd length or non-hex: null + warning.',
      source: 'documented',
      details:
        'Reference examples: 4865776c6574742d5061636b617264 gives "Hewlett-Packard", 4172635369676874 gives "ArcSight"; embedded 0D0A bytes are kept as CR LF.',
    },
    (args, ctx) => {
      const s = toStringValue(arg(args, 0));
      if (s === null) return null;
      const m = HEX_BYTES.exec(s);
      if (!m) {
        ctx.warn('invalid-argument', `__hexStringToString: ${describe(s)} is not an even number of hex digits`);
        return null;
      }
      return utf8.decode(Buffer.from(m[1]!, 'hex'));
    },
  ),
  simple(
    {
      name: '__extractNTDomain',
      minArgs: 1,
      maxArgs: 1,
      returns: 'String',
      summary: 'The part before the first backslash of DOMAIN\\user; null when there is no backslash.',
      source: 'documented',
      details: 'Example: AMERICAS\\WABC123 gives AMERICAS. Without a backslash there is no domain, so null (our choice).',
    },
    (args) => {
      const s = toStringValue(arg(args, 0));
      if (s === null) return null;
      const i = s.indexOf('\\');
      return i < 0 ? null : s.slice(0, i);
    },
  ),
  simple(
    {
      name: '__extractNTUser',
      minArgs: 1,
      maxArgs: 1,
      returns: 'String',
      summary: 'The part after the first backslash of DOMAIN\\user; the whole text when there is no backslash.',
      source: 'documented',
      details: 'Example: AMERICAS\\WABC123 gives WABC123. Without a backslash the text is taken to be the user name (our choice).',
    },
    (args) => {
      const s = toStringValue(arg(args, 0));
      if (s === null) return null;
      const i = s.indexOf('\\');
      return i < 0 ? s : s.slice(i + 1);
    },
  ),
  simple(
    {
      name: '__extractProtocol',
      minArgs: 1,
      maxArgs: 1,
      returns: 'String',
      summary: 'The first IP protocol name (TCP, UDP, ICMP, ...) found as a word in the text, upper-cased; else null.',
      source: 'unverified',
      details:
        'Only one example is known ("TCP port 23" gives TCP). We look for the first whole word that is a protocol name (TCP, UDP, ICMP, ICMPv6, IGMP, SCTP, GRE, ESP, AH, IP, IPv6), case-insensitively, rather than taking the first word, so "Inbound TCP connection" also gives TCP.',
    },
    (args) => {
      const s = toStringValue(arg(args, 0));
      if (s === null) return null;
      const m = PROTOCOL_WORDS.exec(s);
      return m ? m[1]!.toUpperCase().replace('V6', 'v6') : null;
    },
  ),
  simple(
    {
      name: '__getXForceStringFor',
      minArgs: 1,
      maxArgs: 1,
      returns: 'String',
      summary: '"X-Force" followed by the argument.',
      source: 'inferred',
      details: 'From the reference\'s single example ("X-Forcesomestringparameter").',
    },
    (args) => {
      const s = toStringValue(arg(args, 0));
      return s === null ? null : `X-Force${s}`;
    },
  ),
];
