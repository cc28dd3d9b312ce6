import { compileSimpleDateFormat } from '../java/index.js';
import type { FlexValue } from '../value.js';
import { dateFromEpochMs, describe, javaTrim, parseIso8601, toDouble, toLong, toStringValue, toTimestamp } from './coerce.js';
import { arg, compiledArg, simple, withCompile, type OperationSpec } from './define.js';
import type { EvalContext, OperationImpl } from './types.js';
import { fromWallClock, toWallClock } from './zone.js';

/** TimeStamp operations. TimeStamps are Dates (epoch ms); zone-less text is read in the connector's zone. */

/**
 * Text + SimpleDateFormat pattern -> TimeStamp. The pattern is compiled once when it is a literal (an invalid
 * literal is a load-time error). Parsing is lenient, as a default SimpleDateFormat is, and like
 * DateFormat.parse(String) it reads a prefix and ignores trailing text.
 */
function parseWithPattern(literals: ReadonlyArray<string | undefined>, op: string, warnOnFailure: boolean): OperationImpl {
  const pattern = compiledArg(literals, 1, op, 'date pattern', compileSimpleDateFormat);
  return (args, ctx) => {
    const input = arg(args, 0);
    if (input === null) return null;
    if (input instanceof Date) return input;
    const format = pattern(args, ctx);
    if (format === undefined) return null;
    if (format === null) return toTimestamp(input, warnOnFailure ? ctx : { timeZone: ctx.timeZone, warn: () => {} });
    const text = toStringValue(input)!;
    const ms = format.parse(text, ctx.timeZone, { lenient: true });
    const date = ms === null ? null : dateFromEpochMs(ms);
    if (date === null && warnOnFailure) {
      ctx.warn('timestamp-parse-failed', `${op}: ${describe(text)} does not match the date pattern ${describe(format.pattern)}`);
    }
    return date;
  };
}

/** "H:mm:ss" (also "m:ss" or "s") to seconds; null when a part is not a number. */
export function hmsToSeconds(text: string): bigint | null {
  const parts = javaTrim(text).split(':');
  if (parts.length > 3 || parts.some((p) => !/^\d{1,18}$/.test(p))) return null;
  return parts.reduce((acc, p) => acc * 60n + BigInt(p), 0n);
}

/** Epoch ms (bigint) to a Date, or null with a warning when out of range. */
function msToDate(ms: bigint, ctx: EvalContext, op: string): Date | null {
  const d = ms >= -8640000000000000n && ms <= 8640000000000000n ? new Date(Number(ms)) : null;
  if (d === null) ctx.warn('invalid-argument', `${op}: ${ms} ms is outside the representable time range`);
  return d;
}

/** Integral value (Long or integral text) or, failing that, a decimal scaled by `scale` and rounded. */
function scaledMs(value: FlexValue, scale: bigint, divide: bigint, ctx: EvalContext): bigint | null {
  const exact = toLong(typeof value === 'string' ? javaTrim(value) : value);
  if (exact !== null) return (exact * scale) / divide;
  const d = toDouble(value, ctx);
  if (d === null || !Number.isFinite(d)) return null;
  return BigInt(Math.round((d * Number(scale)) / Number(divide)));
}

/** A computed TimeStamp, or null with a warning when it falls outside the range a TimeStamp can hold. */
function resultTimestamp(ms: number, name: string, ctx: EvalContext): Date | null {
  const date = dateFromEpochMs(ms);
  if (date === null) ctx.warn('conversion-failed', `${name}: the result is outside the representable TimeStamp range`);
  return date;
}

function withCurrentYear(name: string, aliasDetails: string): OperationSpec {
  return simple(
    {
      name,
      minArgs: 1,
      maxArgs: 1,
      returns: 'TimeStamp',
      summary: "The TimeStamp with its year set to the current year (in the connector's zone).",
      source: 'inferred',
      details: `FlexEngine/vendor text: "returned with its year changed to the current year. The calculation is done in the local timezone". ${aliasDetails}`,
    },
    (args, ctx) => {
      const ts = toTimestamp(arg(args, 0), ctx);
      if (ts === null) return null;
      const wall = toWallClock(ts.getTime(), ctx.timeZone);
      const year = toWallClock(ctx.now(), ctx.timeZone).year;
      return resultTimestamp(fromWallClock({ ...wall, year }, ctx.timeZone), name, ctx);
    },
  );
}

export const TIME_OPERATIONS: OperationSpec[] = [
  withCompile(
    {
      name: '__createOptionalTimeStampFromString',
      minArgs: 2,
      maxArgs: 2,
      returns: 'TimeStamp',
      summary: "Text parsed with a SimpleDateFormat pattern (lenient, connector's zone); null without a warning when it does not parse.",
      source: 'unverified',
      details:
        "\"Optional\" is read as: null rather than an error when the text does not parse (no warning). Java semantics: lenient parsing, trailing text ignored (so the WDATP pattern yyyy-MM-dd'T'hh:mm:ss drops the fraction and the Z and reads the time in the connector's zone).",
    },
    (literals) => parseWithPattern(literals, '__createOptionalTimeStampFromString', false),
  ),
  withCompile(
    {
      name: '__safeToDate',
      minArgs: 1,
      maxArgs: 2,
      returns: 'TimeStamp',
      summary: 'Text to a TimeStamp with an optional SimpleDateFormat pattern (without one: epoch ms or ISO-8601); null silently on failure.',
      source: 'unverified',
      details:
        "Used with and without a pattern in real files. Without a pattern we accept epoch milliseconds and ISO-8601 (zone-less in the connector's zone); the vendor's own list of default formats is not public.",
    },
    (literals) => parseWithPattern(literals, '__safeToDate', false),
  ),
  simple(
    {
      name: '__createTimeStamp',
      minArgs: 2,
      maxArgs: 2,
      returns: 'TimeStamp',
      summary: 'A TimeStamp from a date (Date token or yyyy-MM-dd) and a time of day (Time token or H:mm:ss[.SSS]).',
      source: 'unverified',
      details:
        'The reference only says "The two tokens are a DATE and a TIME, both strings". We take the calendar date of the first and the time of day of the second, both in the connector\'s zone.',
    },
    (args, ctx) => {
      const d = arg(args, 0);
      const t = arg(args, 1);
      if (d === null || t === null) return null;
      const date = d instanceof Date ? d : parseIso8601(javaTrim(toStringValue(d)!), ctx.timeZone);
      if (date === null) {
        ctx.warn('timestamp-parse-failed', `__createTimeStamp: ${describe(d)} is not a date (yyyy-MM-dd)`);
        return null;
      }
      const day = toWallClock(date.getTime(), ctx.timeZone);
      let clock: { hour: number; minute: number; second: number; millisecond: number } | null = null;
      if (t instanceof Date) clock = toWallClock(t.getTime(), ctx.timeZone);
      else {
        const m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/.exec(javaTrim(toStringValue(t)!));
        if (m) clock = { hour: Number(m[1]), minute: Number(m[2]), second: Number(m[3] ?? 0), millisecond: Number((m[4] ?? '').slice(0, 3).padEnd(3, '0')) };
      }
      if (clock === null) {
        ctx.warn('timestamp-parse-failed', `__createTimeStamp: ${describe(t)} is not a time of day (H:mm:ss)`);
        return null;
      }
      const { hour, minute, second, millisecond } = clock;
      return resultTimestamp(
        fromWallClock({ year: day.year, month: day.month, day: day.day, hour, minute, second, millisecond }, ctx.timeZone),
        '__createTimeStamp',
        ctx,
      );
    },
  ),
  simple(
    {
      name: '__longToTimeStamp',
      minArgs: 1,
      maxArgs: 1,
      returns: 'TimeStamp',
      summary: 'Epoch milliseconds (a Long) as a TimeStamp.',
      source: 'documented',
      details: 'Used for epoch-millisecond tokens (Darktrace time).',
    },
    (args, ctx) => {
      const n = toLong(arg(args, 0), ctx);
      return n === null ? null : msToDate(n, ctx, '__longToTimeStamp');
    },
  ),
  simple(
    {
      name: '__createLocalTimeStampFromSecondsSinceEpoch',
      minArgs: 1,
      maxArgs: 1,
      returns: 'TimeStamp',
      summary: 'Seconds since the epoch (integral or decimal) as a TimeStamp: the value times 1000.',
      source: 'documented',
      details: 'Reference: 1303272501121 gives 1303272501121000 (the value is taken as seconds even when it looks like milliseconds).',
    },
    (args, ctx) => {
      const v = arg(args, 0);
      if (v === null) return null;
      const ms = scaledMs(v, 1000n, 1n, ctx);
      return ms === null ? null : msToDate(ms, ctx, '__createLocalTimeStampFromSecondsSinceEpoch');
    },
  ),
  simple(
    {
      name: '__createLocalTimeStampFromGMTSecondsMillis',
      minArgs: 2,
      maxArgs: 2,
      returns: 'TimeStamp',
      summary: 'Seconds since the epoch plus a separate milliseconds part: seconds * 1000 + millis.',
      source: 'documented',
      details: 'Reference: (1303272501121, 300) gives 1303272501121300.',
    },
    (args, ctx) => {
      const s = arg(args, 0);
      if (s === null) return null;
      const seconds = scaledMs(s, 1000n, 1n, ctx);
      const millis = arg(args, 1) === null ? 0n : toLong(arg(args, 1), ctx);
      if (seconds === null || millis === null) return null;
      return msToDate(seconds + millis, ctx, '__createLocalTimeStampFromGMTSecondsMillis');
    },
  ),
  simple(
    {
      name: '__createLocalTimeStampFromGMTSecondsNanoseconds',
      minArgs: 2,
      maxArgs: 2,
      returns: 'TimeStamp',
      summary: 'Seconds since the epoch plus nanoseconds: seconds * 1000 + nanos / 1000000 (sub-millisecond precision lost).',
      source: 'inferred',
      details: 'The reference notes "some precision currently lost" (TimeStamps hold milliseconds).',
    },
    (args, ctx) => {
      const s = arg(args, 0);
      if (s === null) return null;
      const seconds = scaledMs(s, 1000n, 1n, ctx);
      const nanos = arg(args, 1) === null ? 0n : toLong(arg(args, 1), ctx);
      if (seconds === null || nanos === null) return null;
      return msToDate(seconds + nanos / 1_000_000n, ctx, '__createLocalTimeStampFromGMTSecondsNanoseconds');
    },
  ),
  simple(
    {
      name: '__createLocalTimeStampFromNanoSeconds',
      minArgs: 1,
      maxArgs: 1,
      returns: 'TimeStamp',
      summary: 'Nanoseconds since the epoch as a TimeStamp (divided by 1000000, truncated).',
      source: 'documented',
      details: 'Reference: 1234567890765432100 gives 1234567890765.',
    },
    (args, ctx) => {
      const n = toLong(typeof arg(args, 0) === 'string' ? javaTrim(arg(args, 0) as string) : arg(args, 0), ctx);
      return n === null ? null : msToDate(n / 1_000_000n, ctx, '__createLocalTimeStampFromNanoSeconds');
    },
  ),
  withCompile(
    {
      name: '__createTimeStampByStartTimeElapsed',
      minArgs: 2,
      maxArgs: 2,
      returns: 'TimeStamp',
      summary: "Start time (ddMMMyyyy hh:mm:ss, connector's zone) plus an elapsed H:mm:ss.",
      source: 'documented',
      details: 'Reference: START 11OCT2011 00:00:00 and ELAPSED 5:55:55 give 1318326955000 (the connector ran in US Eastern time).',
    },
    () => {
      const start = compileSimpleDateFormat('ddMMMyyyy hh:mm:ss');
      return (args, ctx) => {
        const s = toStringValue(arg(args, 0));
        const e = toStringValue(arg(args, 1));
        if (s === null || e === null) return null;
        const ms = start.parse(javaTrim(s), ctx.timeZone, { lenient: true });
        const elapsed = hmsToSeconds(e);
        if (ms === null || elapsed === null) {
          ctx.warn(
            'timestamp-parse-failed',
            `__createTimeStampByStartTimeElapsed: cannot read start ${describe(s)} (ddMMMyyyy hh:mm:ss) or elapsed ${describe(e)} (H:mm:ss)`,
          );
          return null;
        }
        return msToDate(BigInt(ms) + elapsed * 1000n, ctx, '__createTimeStampByStartTimeElapsed');
      };
    },
  ),
  simple(
    {
      name: '__hourMinuteSecondsToSeconds',
      minArgs: 1,
      maxArgs: 1,
      returns: 'Long',
      summary: '"H:mm:ss" as a number of seconds ("1:00:00" gives 3600).',
      source: 'documented',
      details: 'Reference: "1:00:00" gives 3600. We also accept "m:ss" and plain seconds; other text gives null with a warning.',
    },
    (args, ctx) => {
      const s = toStringValue(arg(args, 0));
      if (s === null) return null;
      const n = hmsToSeconds(s);
      if (n === null) ctx.warn('invalid-argument', `__hourMinuteSecondsToSeconds: ${describe(s)} is not H:mm:ss`);
      return n;
    },
  ),
  simple(
    {
      name: '__currentTimestampInSeconds',
      minArgs: 0,
      maxArgs: Infinity,
      returns: 'Long',
      summary: 'The current time in seconds since the epoch; arguments are ignored.',
      source: 'documented',
      details: 'Reference: "with no arguments... ignores any parameters... gives epoch seconds NOW".',
    },
    (_args, ctx) => BigInt(Math.floor(ctx.now() / 1000)),
  ),
  simple(
    {
      name: '__toLongTimeStamp',
      minArgs: 1,
      maxArgs: 1,
      returns: 'Long',
      summary: 'A TimeStamp as epoch milliseconds (a Long).',
      source: 'unverified',
      details: 'By the name; the inverse of __longToTimeStamp.',
    },
    (args, ctx) => {
      const ts = toTimestamp(arg(args, 0), ctx);
      return ts === null ? null : BigInt(ts.getTime());
    },
  ),
  withCurrentYear('__useCurrentYear', ''),
  withCurrentYear('__setYearToCurrentYear', 'We treat __setYearToCurrentYear the same way (no separate description is public).'),
];
