/**
 * java.util.TimeZone as SimpleDateFormat uses it: which ids Java knows (anything else silently becomes GMT),
 * the UTC offset at an instant, and the offset Java's GregorianCalendar applies to a local wall-clock time.
 *
 * Offsets come from the platform tz database through Intl (the JDK ships the same database), cached per
 * ~3-day bucket so repeated parses cost a Map lookup. Java-specific rules reproduced here:
 * - before 1900-01-01T00:00Z Java ignores local mean time and uses the zone's current standard offset;
 * - a wall time in a spring-forward gap takes the offset from before the transition, a wall time in a
 *   fall-back overlap takes the offset from after it (the later instant), through 2037;
 * - after the zone's last transition in 2037 Java switches to a recurring rule that reads wall time as
 *   standard time, so gap times resolve the other way round;
 * - ids are case-sensitive; "EST", "MST" and "HST" are fixed offsets; "GMT+h[h][[:]mm]" is a custom zone;
 *   unknown ids (including "UTC+5") fall back to GMT.
 */

import { type RawOffsetHistory, rawOffsetHistory, zoneTable } from './zone-table.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const UTC1900 = -2_208_988_800_000;
const UTC2037_END = 2_145_916_800_000; // 2038-01-01T00:00:00Z: Java's transition table stops before this
const BUCKET = 2 ** 28;
const LATE = 13_569_465_600_000; // 2400-01-01T00:00:00Z
const CYCLE_400Y = 12_622_780_800_000; // ~3.1 days; assumes at most one transition per bucket

/** Java's three-letter compatibility ids that are fixed offsets since JDK 8 (not the region zone). */
const FIXED_SHORT_IDS: Record<string, number> = { EST: -5 * HOUR, MST: -7 * HOUR, HST: -10 * HOUR };

/** Java's other three-letter ids: aliases of region zones. */
const SHORT_ID_ALIASES: Record<string, string> = {
  ACT: 'Australia/Darwin',
  AET: 'Australia/Sydney',
  AGT: 'America/Argentina/Buenos_Aires',
  ART: 'Africa/Cairo',
  AST: 'America/Anchorage',
  BET: 'America/Sao_Paulo',
  BST: 'Asia/Dhaka',
  CAT: 'Africa/Harare',
  CNT: 'America/St_Johns',
  CST: 'America/Chicago',
  CTT: 'Asia/Shanghai',
  EAT: 'Africa/Addis_Ababa',
  ECT: 'Europe/Paris',
  IET: 'America/Indiana/Indianapolis',
  IST: 'Asia/Kolkata',
  JST: 'Asia/Tokyo',
  MIT: 'Pacific/Apia',
  NET: 'Asia/Yerevan',
  NST: 'Pacific/Auckland',
  PLT: 'Asia/Karachi',
  PNT: 'America/Phoenix',
  PRT: 'America/Puerto_Rico',
  PST: 'America/Los_Angeles',
  SST: 'Pacific/Guadalcanal',
  VST: 'Asia/Ho_Chi_Minh',
};

/** TimeZone's custom id "GMT" sign, then h, hh, hmm, hhmm, h:mm or hh:mm; the offset in ms, or undefined. */
function customOffset(id: string): number | undefined {
  const m = /^GMT([+-])(?:([0-9]{0,2}):([0-9]{2})|([0-9]{1,4}))$/.exec(id);
  if (!m) return undefined;
  let hours: number;
  let minutes: number;
  if (m[4] !== undefined) {
    const num = Number(m[4]);
    [hours, minutes] = m[4].length <= 2 ? [num, 0] : [Math.floor(num / 100), num % 100];
  } else {
    hours = Number(m[2] || '0');
    minutes = Number(m[3]);
  }
  if (hours > 23 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * HOUR + minutes * 60_000);
}

export interface ZoneRules {
  /** The id as Java reports it after resolution ("GMT" for unknown ids). */
  readonly id: string;
  /** False when Java would not know the id and silently used GMT instead. */
  readonly known: boolean;
  /** The current standard (raw) offset in ms. */
  readonly rawOffset: number;
  /** Offset from UTC in ms at the instant. */
  offsetAt(utcMs: number): number;
  /** Offset GregorianCalendar subtracts from a local wall-clock time (ms since the epoch as if it were UTC). */
  offsetForWall(wallMs: number): number;
  /**
   * The standard (raw) part of the offset at that instant. Java keeps it per transition and Intl does not
   * expose it, so it comes from Java's own history (zone-raw.ts).
   */
  rawOffsetAt(utcMs: number): number;
}

class FixedZone implements ZoneRules {
  constructor(
    readonly id: string,
    readonly rawOffset: number,
    readonly known: boolean,
  ) {}
  offsetAt(): number {
    return this.rawOffset;
  }
  offsetForWall(): number {
    return this.rawOffset;
  }
  rawOffsetAt(): number {
    return this.rawOffset;
  }
}

interface Bucket {
  before: number;
  /** Instant of the transition inside the bucket, or +Infinity when there is none. */
  at: number;
  after: number;
}

class RegionZone implements ZoneRules {
  readonly known = true;
  readonly rawOffset: number;
  private readonly buckets = new Map<number, Bucket>();
  private readonly fmt: Intl.DateTimeFormat;
  /** Wall-clock start of the last transition Java keeps in its table (after it, the recurring rule applies). */
  private readonly lastTableWall: number;

  readonly id: string;

  constructor(
    intlId: string,
    javaId = intlId,
    javaRawOffset?: number,
    /** Java's raw offset history; without one (the fixed Etc/GMT zones) the whole offset is raw. */
    private readonly rawHistory?: RawOffsetHistory,
  ) {
    this.id = javaId;
    this.fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: intlId,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    // Java's raw offset (from its zone table) when known, else the smallest offset this year.
    let raw = javaRawOffset ?? Infinity;
    const year = new Date().getUTCFullYear();
    for (let m = 0; m < 12 && javaRawOffset === undefined; m++) raw = Math.min(raw, this.intlOffset(Date.UTC(year, m, 1)));
    this.rawOffset = raw;
    this.lastTableWall = this.findLastTableWall();
  }

  /** Offset straight from Intl at a whole second. */
  private intlOffset(utcMs: number): number {
    const t = Math.floor(utcMs / 1000) * 1000;
    let year = 0,
      month = 0,
      day = 0,
      hour = 0,
      minute = 0,
      second = 0,
      bc = false;
    for (const p of this.fmt.formatToParts(t)) {
      switch (p.type) {
        case 'year':
          year = Number(p.value);
          break;
        case 'month':
          month = Number(p.value);
          break;
        case 'day':
          day = Number(p.value);
          break;
        case 'hour':
          hour = Number(p.value);
          break;
        case 'minute':
          minute = Number(p.value);
          break;
        case 'second':
          second = Number(p.value);
          break;
        case 'era':
          bc = p.value === 'BC' || p.value === 'B';
          break;
        default:
          break;
      }
    }
    if (bc) year = 1 - year;
    const d = new Date(0);
    d.setUTCFullYear(year, month - 1, day);
    d.setUTCHours(hour, minute, second, 0);
    return d.getTime() - t;
  }

  /** Java's view of the offset at an instant (before that, the rules described at the top of the file). */
  private javaOffset(utcMs: number): number {
    // Written so that NaN takes this branch too: Intl throws on it, and a record's value must not.
    if (!(utcMs >= UTC1900)) return this.rawOffset;
    // Far future: the recurring rule repeats every 400 Gregorian years; stay inside the range Intl accepts.
    if (utcMs > LATE) utcMs -= Math.ceil((utcMs - LATE) / CYCLE_400Y) * CYCLE_400Y;
    return this.intlOffset(utcMs);
  }

  private bucket(k: number): Bucket {
    let b = this.buckets.get(k);
    if (b !== undefined) return b;
    const start = k * BUCKET;
    const end = start + BUCKET;
    const before = this.javaOffset(start);
    const after = this.javaOffset(end);
    if (before === after) {
      b = { before, at: Infinity, after };
    } else {
      // Binary search for the first whole second (transitions are on seconds) that has the new offset.
      let lo = Math.floor(start / 1000);
      let hi = Math.ceil(end / 1000);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (this.javaOffset(mid * 1000) === before) lo = mid;
        else hi = mid;
      }
      b = { before, at: hi * 1000, after };
    }
    if (this.buckets.size > 50_000) this.buckets.clear();
    this.buckets.set(k, b);
    return b;
  }

  private lastKey = NaN;
  private lastBucket: Bucket | undefined;

  offsetAt(utcMs: number): number {
    const k = Math.floor(utcMs / BUCKET);
    let b = this.lastBucket;
    if (k !== this.lastKey || b === undefined) {
      b = this.bucket(k);
      this.lastKey = k;
      this.lastBucket = b;
    }
    return utcMs < b.at ? b.before : b.after;
  }

  rawOffsetAt(utcMs: number): number {
    if (utcMs < UTC1900) return this.rawOffset;
    const h = this.rawHistory;
    if (h === undefined) return this.offsetAt(utcMs);
    // The last change at or before the instant (from[0] is -Infinity).
    let lo = 0;
    let hi = h.from.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((h.from[mid] ?? Infinity) <= utcMs) lo = mid;
      else hi = mid - 1;
    }
    return h.raws[lo] ?? this.rawOffset;
  }

  offsetForWall(wallMs: number): number {
    if (wallMs >= this.lastTableWall) {
      // Beyond Java's table, ZoneInfo asks its SimpleTimeZone rule with the wall time read as standard time,
      // and treats a time in the spring-forward gap as standard time.
      const guess = wallMs - this.rawOffset;
      let dst = this.offsetAt(guess) - this.rawOffset;
      if (dst > 0 && this.offsetAt(guess - dst) === this.rawOffset) dst = 0;
      return this.rawOffset + dst;
    }
    const lo = this.offsetAt(wallMs - DAY);
    const hi = this.offsetAt(wallMs + DAY);
    if (lo === hi) return lo;
    // Java picks the offset after a transition once the wall clock has reached the transition's new wall time.
    return this.offsetAt(wallMs - hi) === hi ? hi : lo;
  }

  private findLastTableWall(): number {
    // Walk back from the end of 2037 to the last transition Java still lists; zones without one never switch.
    for (let k = Math.floor((UTC2037_END - 1) / BUCKET); k * BUCKET > UTC2037_END - 400 * DAY; k--) {
      const b = this.bucket(k);
      if (b.at !== Infinity && b.at < UTC2037_END) return b.at + b.after;
    }
    return Infinity;
  }
}

const zones = new Map<string, ZoneRules>();

/** The fixed Etc zones Java knows but lists without names (so they are not in its zone-name table). */
const ETC_GMT = /^(?:Etc\/GMT(?:[+-](?:\d|1[0-2])|-1[34]|0)|GMT0)$/;

/** Whether the platform's time zone data (Intl) knows a zone id: what `--timezone` and a case's zone must name. */
export function isTimeZone(id: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: id });
    return true;
  } catch {
    return false;
  }
}

/**
 * A zone id Java 17 knows (its zone table, exactly as spelled), with rules from Intl. Ids the platform does
 * not know (Java's SystemV zones) fall back to the POSIX-style zone of the same name, else the table's raw offset.
 */
function regionZone(id: string): ZoneRules | undefined {
  const row = zoneTable().byId.get(id);
  if (row === undefined && !ETC_GMT.test(id)) return undefined;
  if (id === 'UTC' || id === 'Etc/UTC' || id === 'GMT' || id === 'Etc/GMT' || id === 'UCT' || id === 'Zulu') {
    return new FixedZone(id, 0, true);
  }
  const info = row === undefined ? undefined : zoneTable().rows[row];
  const history = rawOffsetHistory(id);
  if (isTimeZone(id)) return new RegionZone(id, id, info?.rawOffset, history);
  const posix = id.replace(/^SystemV\//, '');
  if (info !== undefined && info.dstSavings > 0 && isTimeZone(posix)) return new RegionZone(posix, id, info.rawOffset, history);
  return new FixedZone(id, info?.rawOffset ?? 0, true);
}

/** java.util.TimeZone.getTimeZone(id). */
export function resolveJavaTimeZone(id: string): ZoneRules {
  let z = zones.get(id);
  if (z !== undefined) return z;
  const fixed = FIXED_SHORT_IDS[id];
  if (fixed !== undefined) {
    z = new FixedZone(id, fixed, true);
  } else {
    const alias = SHORT_ID_ALIASES[id];
    z = regionZone(alias ?? id);
    if (z === undefined) {
      const custom = customOffset(id);
      z = custom === undefined ? new FixedZone('GMT', 0, false) : new FixedZone(id, custom, true);
    }
  }
  zones.set(id, z);
  return z;
}

/** True when java.util.TimeZone.getTimeZone would recognise the id (it silently uses GMT otherwise). */
export function isJavaTimeZoneId(id: string): boolean {
  return resolveJavaTimeZone(id).known;
}

/** The zone's UTC offset in ms at the instant, as Java's TimeZone.getOffset(long) reports it. */
export function javaTimeZoneOffset(timeZone: string, epochMs: number): number {
  return resolveJavaTimeZone(timeZone).offsetAt(epochMs);
}
