import { IpAddress, MacAddress, type FlexValue } from '../value.js';
import { addressToGroups, ipv4FromNumber, ipv6FromBigInt, macFromHex, parseAddress, parseIPv4, parseMac } from './address.js';
import { describe, javaTrim, toDouble, toLong, toStringValue } from './coerce.js';
import { arg, simple, type OperationSpec } from './define.js';
import type { EvalContext } from './types.js';

/** IP and MAC address operations. */

function invalid(ctx: EvalContext, op: string, value: FlexValue, what: string): null {
  ctx.warn('invalid-argument', `${op}: ${describe(value)} is not ${what}`);
  return null;
}

/** A number in 0..2^32-1 as an IPv4 address (how ArcSight stores IPv4). */
function v4FromLong(ctx: EvalContext, op: string, n: bigint | null, original: FlexValue): IpAddress | null {
  if (n === null) return null;
  if (n < 0n || n > 0xffffffffn) return invalid(ctx, op, original, 'in the IPv4 range 0..4294967295');
  return ipv4FromNumber(Number(n));
}

function textArg(args: FlexValue[], i: number): string | null {
  const s = toStringValue(arg(args, i));
  return s === null ? null : javaTrim(s);
}

export const ADDRESS_OPERATIONS: OperationSpec[] = [
  simple(
    {
      name: '__longToDot4QuadAddress',
      minArgs: 1,
      maxArgs: 1,
      returns: 'String',
      summary: 'A 32-bit number as dotted-quad text (16909060 gives "1.2.3.4").',
      source: 'documented',
      details: 'Listed among the String operations in the tested-examples table, so the result is text (an address field still accepts it).',
    },
    (args, ctx) => v4FromLong(ctx, '__longToDot4QuadAddress', toLong(arg(args, 0), ctx), arg(args, 0))?.text ?? null,
  ),
  simple(
    {
      name: '__numberToAddress',
      minArgs: 1,
      maxArgs: 1,
      returns: 'IPAddress',
      summary: 'A Long in 0..2^32-1 as an IPv4 address (3232238092 gives 192.168.10.12).',
      source: 'documented',
    },
    (args, ctx) => v4FromLong(ctx, '__numberToAddress', toLong(arg(args, 0), ctx), arg(args, 0)),
  ),
  simple(
    {
      name: '__signedNumberToAddress',
      minArgs: 1,
      maxArgs: 1,
      returns: 'IPAddress',
      summary: 'A signed 32-bit number (negative values are the upper half) as an IPv4 address.',
      source: 'unverified',
      details: 'By the name: the number is read as a signed int, so -1 is 255.255.255.255.',
    },
    (args, ctx) => {
      const n = toLong(arg(args, 0), ctx);
      if (n === null) return null;
      if (n < -(1n << 31n) || n > 0xffffffffn) return invalid(ctx, '__signedNumberToAddress', arg(args, 0), 'a 32-bit number');
      return ipv4FromNumber(Number(BigInt.asUintN(32, n)));
    },
  ),
  simple(
    {
      name: '__doubleToAddress',
      minArgs: 1,
      maxArgs: 1,
      returns: 'IPAddress',
      summary: 'A floating-point number truncated to a Long, as an IPv4 address.',
      source: 'unverified',
    },
    (args, ctx) => {
      const d = toDouble(arg(args, 0), ctx);
      if (d === null) return null;
      if (!Number.isFinite(d)) return invalid(ctx, '__doubleToAddress', arg(args, 0), 'a finite number');
      return v4FromLong(ctx, '__doubleToAddress', BigInt(Math.trunc(d)), arg(args, 0));
    },
  ),
  simple(
    {
      name: '__hexStringToAddress',
      minArgs: 1,
      maxArgs: 1,
      returns: 'IPAddress',
      summary: '8 hex digits (optional 0x) as an IPv4 address, 32 as IPv6 (C0A80A0C gives 192.168.10.12).',
      source: 'documented',
      details: 'Reference: C0A80A0C and c0a80a0b. 32 hex digits are read as an IPv6 address (our extension).',
    },
    (args, ctx) => {
      const s = textArg(args, 0);
      if (s === null) return null;
      const hex = s.replace(/^0[xX]/, '');
      if (/^[0-9A-Fa-f]{1,8}$/.test(hex)) return ipv4FromNumber(parseInt(hex, 16));
      if (/^[0-9A-Fa-f]{32}$/.test(hex)) return ipv6FromBigInt(BigInt(`0x${hex}`));
      return invalid(ctx, '__hexStringToAddress', s, 'an 8- or 32-digit hex address');
    },
  ),
  simple(
    {
      name: '__hexStringToIPV6Address',
      minArgs: 1,
      maxArgs: 1,
      returns: 'IPv6Address',
      summary: '32 hex digits (optional 0x, colons ignored) as an IPv6 address.',
      source: 'inferred',
    },
    (args, ctx) => {
      const s = textArg(args, 0);
      if (s === null) return null;
      const hex = s.replace(/^0[xX]/, '').replaceAll(':', '');
      if (!/^[0-9A-Fa-f]{32}$/.test(hex)) return invalid(ctx, '__hexStringToIPV6Address', s, '32 hex digits');
      return ipv6FromBigInt(BigInt(`0x${hex}`));
    },
  ),
  simple(
    {
      name: '__noDot4QuadStringsToAddress',
      minArgs: 4,
      maxArgs: 4,
      returns: 'IPAddress',
      summary: 'Four decimal octets given as separate arguments as an IPv4 address ("192","168","10","12").',
      source: 'documented',
    },
    (args, ctx) => {
      const parts = [0, 1, 2, 3].map((i) => textArg(args, i));
      if (parts.some((p) => p === null)) return null;
      const n = parseIPv4(parts.join('.'));
      return n === null ? invalid(ctx, '__noDot4QuadStringsToAddress', parts.join(','), 'four octets 0-255') : ipv4FromNumber(n);
    },
  ),
  simple(
    {
      name: '__noDotStringFormatToAddress',
      minArgs: 1,
      maxArgs: 1,
      returns: 'IPAddress',
      summary: 'Twelve digits, three per octet, as an IPv4 address ("192168010012" gives 192.168.10.12).',
      source: 'documented',
      details: 'Reference: 192168010012 gives 192.168.10.12 and 001002003004 gives 1.2.3.4.',
    },
    (args, ctx) => {
      const s = textArg(args, 0);
      if (s === null) return null;
      const m = /^(\d{3})(\d{3})(\d{3})(\d{3})$/.exec(s);
      const n = m ? parseIPv4(`${m[1]}.${m[2]}.${m[3]}.${m[4]}`) : null;
      return n === null ? invalid(ctx, '__noDotStringFormatToAddress', s, 'twelve digits (three per octet)') : ipv4FromNumber(n);
    },
  ),
  simple(
    {
      name: '__stringToIPv6Address',
      minArgs: 1,
      maxArgs: 1,
      returns: 'IPv6Address',
      summary: 'IPv6 (or IPv4) text as an address.',
      source: 'inferred',
      details: 'IPv4 text is accepted too, as InetAddress would; IPv4-mapped IPv6 becomes the IPv4 address, as in Java.',
    },
    (args, ctx) => {
      const s = textArg(args, 0);
      if (s === null) return null;
      return parseAddress(s) ?? invalid(ctx, '__stringToIPv6Address', s, 'an IPv6 address');
    },
  ),
  simple(
    {
      name: '__getIpV6AddressFromHighLow',
      minArgs: 2,
      maxArgs: 2,
      returns: 'IPv6Address',
      summary: 'An IPv6 address from its high and low 64 bits given as decimal numbers (thousands commas allowed).',
      source: 'documented',
      details:
        'Reference: ("1,311,768,467,294,899,695","18,364,757,930,599,072,545") gives 1234:5678:90ab:cdef:fedc:ba09:8765:4321. Each half is unsigned 64-bit; negative values are read as two\'s complement.',
    },
    (args, ctx) => {
      const halves: bigint[] = [];
      for (const i of [0, 1]) {
        const v = arg(args, i);
        if (v === null) return null;
        const s = typeof v === 'bigint' ? String(v) : (toStringValue(v) ?? '');
        const digits = javaTrim(s).replaceAll(',', '');
        if (!/^-?\d{1,20}$/.test(digits)) return invalid(ctx, '__getIpV6AddressFromHighLow', v, 'a 64-bit number');
        const n = BigInt(digits);
        if (n < -(1n << 63n) || n >= 1n << 64n) return invalid(ctx, '__getIpV6AddressFromHighLow', v, 'a 64-bit number');
        halves.push(BigInt.asUintN(64, n));
      }
      return ipv6FromBigInt((halves[0]! << 64n) | halves[1]!);
    },
  ),
  simple(
    {
      name: '__getIPv4AddressEmbeddedInIPv6Address',
      minArgs: 1,
      maxArgs: 1,
      returns: 'IPAddress',
      summary: 'The IPv4 address in the last 32 bits of an IPv6 address (::a.b.c.d, ::ffff:a.b.c.d, 64:ff9b::a.b.c.d).',
      source: 'inferred',
    },
    (args, ctx) => {
      const v = arg(args, 0);
      if (v === null) return null;
      const address = v instanceof IpAddress ? v : parseAddress(javaTrim(toStringValue(v) ?? ''));
      if (address === null) return invalid(ctx, '__getIPv4AddressEmbeddedInIPv6Address', v, 'an IPv6 address');
      const groups = addressToGroups(address);
      return ipv4FromNumber(groups[6]! * 65536 + groups[7]!);
    },
  ),
  simple(
    {
      name: '__reverseDottedDecimalAddressByteOrder',
      minArgs: 1,
      maxArgs: 1,
      returns: 'String',
      summary: 'A dotted quad with its four octets reversed, as text ("1.2.3.4" gives "4.3.2.1").',
      source: 'documented',
      details: 'Listed among the String operations in the tested-examples table.',
    },
    (args, ctx) => {
      const s = textArg(args, 0);
      if (s === null) return null;
      const n = parseIPv4(s);
      if (n === null) return invalid(ctx, '__reverseDottedDecimalAddressByteOrder', s, 'a dotted-quad IPv4 address');
      return ipv4FromNumber(n).text.split('.').reverse().join('.');
    },
  ),
  simple(
    {
      name: '__getLongMACAddressByString',
      minArgs: 1,
      maxArgs: 1,
      returns: 'MacAddress',
      summary: 'MAC text with ":", "-" or "." separators as a MAC address (ArcSight keeps it as a 48-bit number).',
      source: 'documented',
      details: 'Reference: AA:BB:CC:DD:EE:FF or AA-BB-CC-DD-EE-FF gives 187723572702975; periods work too.',
    },
    (args, ctx) => {
      const v = arg(args, 0);
      if (v === null) return null;
      if (v instanceof MacAddress) return v;
      const s = javaTrim(toStringValue(v) ?? '');
      return parseMac(s) ?? invalid(ctx, '__getLongMACAddressByString', s, 'a MAC address');
    },
  ),
  simple(
    {
      name: '__getLongMACAddressByHexString',
      minArgs: 1,
      maxArgs: 1,
      returns: 'MacAddress',
      summary: 'Twelve hex digits without separators as a MAC address (FFEEDDCCBBAA gives FF:EE:DD:CC:BB:AA).',
      source: 'documented',
      details: 'Reference: FFEEDDCCBBAA gives 281401388481450. An optional 0x prefix is accepted.',
    },
    (args, ctx) => {
      const s = textArg(args, 0);
      if (s === null) return null;
      const hex = s.replace(/^0[xX]/, '');
      return /^[0-9A-Fa-f]{12}$/.test(hex) ? macFromHex(hex) : invalid(ctx, '__getLongMACAddressByHexString', s, 'twelve hex digits');
    },
  ),
];
