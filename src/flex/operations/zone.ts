import { javaTimeZoneOffset } from '../java/index.js';

/** Wall-clock <-> epoch conversion in the connector's time zone, with Java's time-zone ids and offsets. */

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** Offset of the zone from UTC at the instant, in ms, as java.util.TimeZone reports it (unknown ids are GMT). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  return javaTimeZoneOffset(timeZone, epochMs);
}

/**
 * 400 Gregorian years, an exact number of days: the calendar repeats after it, so a time just past the end of
 * the JS Date range (a TimeStamp at the edge of it, moved into a zone east of UTC) is read 400 years earlier.
 */
const CYCLE_400Y_MS = 146_097 * 86_400_000;
const MAX_DATE_MS = 8.64e15;

export function toWallClock(epochMs: number, timeZone: string): WallClock {
  const local = epochMs + zoneOffsetMs(epochMs, timeZone);
  const cycles = Math.abs(local) > MAX_DATE_MS ? Math.sign(local) : 0;
  const d = new Date(local - cycles * CYCLE_400Y_MS);
  return {
    year: d.getUTCFullYear() + cycles * 400,
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/**
 * Wall clock in the zone to epoch ms: two rounds of offset correction, which lands on a real instant for every
 * wall time except those inside a DST gap (moved by the gap length) — close to what java.util.Calendar does.
 */
export function fromWallClock(w: WallClock, timeZone: string): number {
  const asUtc = utc(w);
  if (!Number.isFinite(asUtc)) return NaN;
  const guess = asUtc - zoneOffsetMs(asUtc, timeZone);
  return asUtc - zoneOffsetMs(guess, timeZone);
}

/**
 * The wall clock read as UTC (years 0-99 are not shifted to 19xx as Date.UTC would). A wall time just past the
 * end of the JS Date range still gets its value (beyond MAX_DATE_MS; callers reject it as a TimeStamp).
 */
export function utc(w: WallClock): number {
  const cycles = w.year > 0 ? 1 : -1;
  for (const shift of [0, cycles]) {
    const d = new Date(0);
    d.setUTCFullYear(w.year - shift * 400, w.month - 1, w.day);
    d.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
    const t = d.getTime();
    if (!Number.isNaN(t)) return t + shift * CYCLE_400Y_MS;
  }
  return NaN;
}
