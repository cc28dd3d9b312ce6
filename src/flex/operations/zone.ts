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

export function toWallClock(epochMs: number, timeZone: string): WallClock {
  const d = new Date(epochMs + zoneOffsetMs(epochMs, timeZone));
  return {
    year: d.getUTCFullYear(),
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
  const guess = asUtc - zoneOffsetMs(asUtc, timeZone);
  return asUtc - zoneOffsetMs(guess, timeZone);
}

/** The wall clock read as UTC (years 0-99 are not shifted to 19xx as Date.UTC would). */
export function utc(w: WallClock): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return d.getTime();
}
