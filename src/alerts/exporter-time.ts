/**
 * Timestamps as the alert export API writes and reads them: ISO-8601 UTC with 0 to 7 fraction digits
 * (`2020-09-30T14:11:44.0779765Z`, `2016-09-12T00:00:00.000`). Seven digits are .NET's 100 ns ticks, more than a
 * JS Date (ms) holds, so instants are kept as bigint ticks: two records 300 ns apart must not compare equal, or
 * the de-duplication at the high-water mark would drop one of them.
 */

/** 100 ns units since 1970-01-01T00:00:00Z. */
export type UtcTicks = bigint;

export const TICKS_PER_MS = 10_000n;

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses `yyyy-MM-ddTHH:mm:ss[.f{1,7}][Z|±HH:MM]`; no zone means UTC (the documented example has none).
 * Returns undefined for anything else, including impossible dates such as February 30.
 */
export function parseUtcTimestamp(text: string): UtcTicks | undefined {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  // Date rolls 2021-02-30 over into March; a round trip shows the input named no real day.
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return undefined;
  let ticks = BigInt(date.getTime()) * TICKS_PER_MS + BigInt((m[7] ?? '').padEnd(7, '0'));
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1n : 1n;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = BigInt(Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    ticks -= sign * offsetMinutes * 60_000n * TICKS_PER_MS;
  }
  return ticks;
}

/**
 * Formats ticks as `yyyy-MM-ddTHH:mm:ss.fffffffZ`, the round-trip form .NET itself writes (`ToString("o")`), so
 * the value a poller sends back as `sinceTimeUtc` loses nothing of the mark it came from.
 */
export function formatUtcTimestamp(ticks: UtcTicks, fractionDigits = 7): string {
  const ms = ticks / TICKS_PER_MS - (ticks % TICKS_PER_MS < 0n ? 1n : 0n);
  const subMs = ticks - ms * TICKS_PER_MS;
  const iso = new Date(Number(ms)).toISOString(); // yyyy-MM-ddTHH:mm:ss.mmmZ
  const fraction = `${iso.slice(20, 23)}${subMs.toString().padStart(4, '0')}`.slice(0, fractionDigits);
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

export function ticksFromMs(ms: number): UtcTicks {
  return BigInt(Math.trunc(ms)) * TICKS_PER_MS;
}

export function msFromTicks(ticks: UtcTicks): number {
  return Number(ticks / TICKS_PER_MS);
}

const DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/**
 * Parses an ISO-8601 duration (`PT10M`, `P1D`, `PT1H30M`) into milliseconds. Years and months have no fixed
 * length; they count as 365 and 30 days, which is what a "last N months" window means in practice.
 */
export function parseIsoDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const days = y! * 365 + mo! * 30 + w! * 7 + d!;
  return Math.round(((days * 24 + h!) * 60 + mi!) * 60_000 + s! * 1000);
}
