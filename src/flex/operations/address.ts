import { IpAddress, MacAddress } from '../value.js';

/**
 * Address and MAC text forms. ArcSight keeps IPv4 addresses as 32-bit numbers and MACs as 48-bit numbers
 * internally (the documented examples print 3232238092 for 192.168.10.12), so the numeric forms matter too.
 */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Dotted quad to its unsigned 32-bit value; null when it is not one. Leading zeros read as decimal. */
export function parseIPv4(text: string): number | null {
  const m = IPV4.exec(text);
  if (!m) return null;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const part = Number(m[i]);
    if (part > 255) return null;
    n = n * 256 + part;
  }
  return n;
}

export function ipv4FromNumber(n: number): IpAddress {
  return new IpAddress(`${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`, 4);
}

/** IPv6 text (with optional embedded dotted quad) to eight 16-bit groups; null when invalid. */
export function parseIPv6(text: string): number[] | null {
  if (text.length < 2 || text.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(text)) return null;
  let tail: number[] = [];
  let body = text;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = [Math.floor(v4 / 65536), v4 % 65536];
    // Keep a trailing '::' (it stands for zero groups); drop a lone trailing ':'.
    body = text.slice(0, lastColon + 1);
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const parseGroups = (s: string): number[] | null => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parseGroups(halves[0]!);
  if (head === null) return null;
  if (halves.length === 1) {
    const groups = [...head, ...tail];
    return groups.length === 8 ? groups : null;
  }
  const rest = parseGroups(halves[1]!);
  if (rest === null) return null;
  const known = head.length + rest.length + tail.length;
  if (known > 7) return null;
  return [...head, ...new Array<number>(8 - known).fill(0), ...rest, ...tail];
}

/** RFC 5952 text: lower case, no leading zeros, the longest run (>= 2) of zero groups as '::'. */
export function formatIPv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/**
 * Text to an address, as the connector's IPAddress conversion would: dotted quad or IPv6 text. Java's
 * InetAddress turns IPv4-mapped IPv6 (::ffff:a.b.c.d) into the IPv4 address, so do we. No DNS lookups.
 */
export function parseAddress(text: string): IpAddress | null {
  const v4 = parseIPv4(text);
  if (v4 !== null) return ipv4FromNumber(v4);
  if (!text.includes(':')) return null;
  const groups = parseIPv6(text);
  if (groups === null) return null;
  return ipv6FromGroups(groups);
}

export function ipv6FromGroups(groups: readonly number[]): IpAddress {
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return ipv4FromNumber(groups[6]! * 65536 + groups[7]!);
  }
  return new IpAddress(formatIPv6(groups), 6);
}

export function ipv6FromBigInt(n: bigint): IpAddress {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((n >> BigInt(i * 16)) & 0xffffn));
  return ipv6FromGroups(groups);
}

export function addressToGroups(address: IpAddress): number[] {
  if (address.version === 6) return parseIPv6(address.text)!;
  const n = parseIPv4(address.text)!;
  return [0, 0, 0, 0, 0, 0xffff, Math.floor(n / 65536), n % 65536];
}

const MAC_SEPARATED = /^([0-9A-Fa-f]{1,2})([:.-])([0-9A-Fa-f]{1,2})\2([0-9A-Fa-f]{1,2})\2([0-9A-Fa-f]{1,2})\2([0-9A-Fa-f]{1,2})\2([0-9A-Fa-f]{1,2})$/;
const MAC_CISCO = /^([0-9A-Fa-f]{4})\.([0-9A-Fa-f]{4})\.([0-9A-Fa-f]{4})$/;
const MAC_BARE = /^[0-9A-Fa-f]{12}$/;

/**
 * MAC text to a MacAddress: six hex pairs separated by ':', '-' or '.' (the reference notes periods work),
 * Cisco's 'aabb.ccdd.eeff', or twelve bare hex digits.
 */
export function parseMac(text: string): MacAddress | null {
  let hex: string;
  const m = MAC_SEPARATED.exec(text);
  if (m) {
    hex = [m[1], m[3], m[4], m[5], m[6], m[7]].map((p) => p!.padStart(2, '0')).join('');
  } else {
    const c = MAC_CISCO.exec(text);
    if (c) hex = c[1]! + c[2]! + c[3]!;
    else if (MAC_BARE.test(text)) hex = text;
    else return null;
  }
  return macFromHex(hex);
}

export function macFromHex(hex12: string): MacAddress {
  const upper = hex12.toUpperCase();
  return new MacAddress(upper.match(/../g)!.join(':'));
}

export const MAX_MAC = (1n << 48n) - 1n;

export function macFromLong(n: bigint): MacAddress | null {
  if (n < 0n || n > MAX_MAC) return null;
  return macFromHex(n.toString(16).padStart(12, '0'));
}
