import { INT_MAX, INT_MIN, LONG_MAX, LONG_MIN, parseJavaDouble, parseJavaInt, parseJavaLong } from '../java/index.js';
import { IpAddress, MacAddress, type FlexValue } from '../value.js';
import { ipv4FromNumber, macFromLong, parseAddress, parseMac } from './address.js';
import type { EvalContext } from './types.js';
import { fromWallClock, utc } from './zone.js';

/**
 * Java-like conversions between FlexValues. Each returns null when the value cannot be converted; when a
 * `sink` is given it also gets a warning (the connector would log one), while the "safe" operations pass none.
 */
export type WarnSink = Pick<EvalContext, 'warn'>;
export type ZonedWarnSink = Pick<EvalContext, 'warn' | 'timeZone'>;

/** The range a JS Date can hold. */
const MAX_EPOCH_MS = 8.64e15;

function fail(sink: WarnSink | undefined, value: FlexValue, target: string, reason?: string): null {
  if (sink) sink.warn('conversion-failed', `cannot convert ${describe(value)} to ${target}${reason ? `: ${reason}` : ''}`);
  return null;
}

/** Short, quoted rendering of a value for warning messages. */
export function describe(value: FlexValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
  return String(value);
}

/** Java's Double.toString for the number (scientific notation outside [1e-3, 1e7)). */
export function javaDoubleToString(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(n);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exp] = n.toExponential().split('e') as [string, string];
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exp.startsWith('+') ? exp.slice(1) : exp}`;
}

/**
 * String.valueOf as the connector sees it. Integers print plainly, other numbers like Java's Double, a
 * TimeStamp as its epoch milliseconds (the form CEF carries), addresses in their canonical text.
 */
export function toStringValue(value: FlexValue): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) && value === (value | 0) ? String(value) : javaDoubleToString(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : String(value.getTime());
  return String(value);
}

/** Java's String.trim: strips every char <= U+0020 at both ends (not Unicode spaces). */
export function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Java's (int) narrowing of a double: truncates toward zero, saturates, NaN is 0. */
export function doubleToInt(n: number): number {
  if (Number.isNaN(n)) return 0;
  if (n >= INT_MAX) return INT_MAX;
  if (n <= INT_MIN) return INT_MIN;
  return Math.trunc(n);
}

/** Java's (long) narrowing of a double. */
export function doubleToLong(n: number): bigint {
  if (Number.isNaN(n)) return 0n;
  if (n >= 2 ** 63) return LONG_MAX;
  if (n <= -(2 ** 63)) return LONG_MIN;
  return BigInt(Math.trunc(n));
}

/** To an Integer (int32). Strings follow Integer.parseInt (no trimming); a Double narrows like Java's cast. */
export function toInteger(value: FlexValue, sink?: WarnSink): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return value === (value | 0) ? value : doubleToInt(value);
  if (typeof value === 'bigint') {
    return value >= BigInt(INT_MIN) && value <= BigInt(INT_MAX) ? Number(value) : fail(sink, value, 'Integer', 'out of range');
  }
  if (typeof value === 'string') {
    const n = parseJavaInt(value);
    return n !== null ? n : fail(sink, value, 'Integer', 'not an integer number');
  }
  return fail(sink, value, 'Integer');
}

/** To a Long (bigint). Strings follow Long.parseLong (no trimming). */
export function toLong(value: FlexValue, sink?: WarnSink): bigint | null {
  if (value === null) return null;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? BigInt(value) : doubleToLong(value);
  if (typeof value === 'string') {
    const n = parseJavaLong(value);
    return n !== null ? n : fail(sink, value, 'Long', 'not an integer number');
  }
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isNaN(t) ? fail(sink, value, 'Long') : BigInt(t);
  }
  return fail(sink, value, 'Long');
}

/** To a Double (JS number). Strings follow Double.parseDouble. */
export function toDouble(value: FlexValue, sink?: WarnSink): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    const n = parseJavaDouble(value);
    return n !== null ? n : fail(sink, value, 'Double', 'not a number');
  }
  return fail(sink, value, 'Double');
}

/**
 * To an IP address: an address as is; dotted-quad or IPv6 text; a number in 0..2^32-1 as the IPv4 address
 * with that value (ArcSight's own representation). Host names are not resolved.
 */
export function toAddress(value: FlexValue, sink?: WarnSink): IpAddress | null {
  if (value === null) return null;
  if (value instanceof IpAddress) return value;
  if (typeof value === 'string') return parseAddress(value) ?? fail(sink, value, 'IPAddress', 'not an IPv4 or IPv6 address');
  if (typeof value === 'number' || typeof value === 'bigint') {
    const n = Number(value);
    if (Number.isInteger(n) && n >= 0 && n <= 0xffffffff) return ipv4FromNumber(n);
    return fail(sink, value, 'IPAddress', 'outside the IPv4 range');
  }
  return fail(sink, value, 'IPAddress');
}

/** To a MAC address: text with ':', '-' or '.' separators or bare hex, or a 48-bit number. */
export function toMac(value: FlexValue, sink?: WarnSink): MacAddress | null {
  if (value === null) return null;
  if (value instanceof MacAddress) return value;
  if (typeof value === 'string') return parseMac(value) ?? fail(sink, value, 'MacAddress', 'not a MAC address');
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) {
    return macFromLong(BigInt(value)) ?? fail(sink, value, 'MacAddress', 'outside the 48-bit range');
  }
  return fail(sink, value, 'MacAddress');
}

/** A Date for epoch ms when it is inside the range a TimeStamp can hold, else null. */
export function dateFromEpochMs(ms: number): Date | null {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_EPOCH_MS ? new Date(ms) : null;
}

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * To a TimeStamp without a pattern: a Date as is; a number (or a string of digits) as epoch milliseconds; an
 * ISO-8601 date-time (zone-less ones in the connector's zone). Anything else needs a SimpleDateFormat pattern.
 */
export function toTimestamp(value: FlexValue, ctx?: ZonedWarnSink): Date | null {
  if (value === null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? fail(ctx, value, 'TimeStamp') : value;
  if (typeof value === 'number' || typeof value === 'bigint') {
    return dateFromEpochMs(Number(value)) ?? fail(ctx, value, 'TimeStamp', 'outside the representable range');
  }
  if (typeof value === 'string') {
    if (/^-?\d{1,16}$/.test(value)) {
      return dateFromEpochMs(Number(value)) ?? fail(ctx, value, 'TimeStamp', 'outside the representable range');
    }
    const parsed = parseIso8601(value, ctx?.timeZone ?? 'UTC');
    return parsed ?? fail(ctx, value, 'TimeStamp', 'not epoch milliseconds or an ISO-8601 date-time (give a date pattern)');
  }
  return fail(ctx, value, 'TimeStamp');
}

/** ISO-8601 date or date-time; fractions beyond milliseconds are truncated; no zone = `timeZone`. */
export function parseIso8601(text: string, timeZone: string): Date | null {
  const m = ISO_8601.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const millisecond = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  const zone = m[8];
  let ms: number;
  if (zone === undefined) {
    ms = fromWallClock({ year, month, day, hour, minute, second, millisecond }, timeZone);
  } else {
    const base = utc({ year, month, day, hour, minute, second, millisecond });
    if (zone.toUpperCase() === 'Z') ms = base;
    else {
      const digits = zone.replace(':', '');
      const offset = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0);
      ms = base - (zone.startsWith('-') ? -offset : offset) * 60_000;
    }
  }
  return dateFromEpochMs(ms);
}

function daysInMonth(year: number, month: number): number {
  return new Date(utc({ year, month: month + 1, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0 })).getUTCDate();
}

/** "not null and not zero-length" as the reference words __oneOf's test. */
export function isPresent(value: FlexValue): boolean {
  return value !== null && value !== '';
}
