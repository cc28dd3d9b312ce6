/**
 * The lenient java.util.GregorianCalendar arithmetic SimpleDateFormat.parse relies on: fields set in order
 * (a later field wins when two field groups compete, as in Calendar.selectFields), out-of-range values roll
 * over, the Julian calendar applies before 1582-10-15, and the zone offset comes from the zone unless the
 * text set ZONE_OFFSET / DST_OFFSET. Field numbers are java.util.Calendar's.
 */
import type { ZoneRules } from './zone.js';

export const ERA = 0,
  YEAR = 1,
  MONTH = 2,
  WEEK_OF_YEAR = 3,
  WEEK_OF_MONTH = 4,
  DAY_OF_MONTH = 5,
  DAY_OF_YEAR = 6,
  DAY_OF_WEEK = 7,
  DAY_OF_WEEK_IN_MONTH = 8,
  AM_PM = 9,
  HOUR = 10,
  HOUR_OF_DAY = 11,
  MINUTE = 12,
  SECOND = 13,
  MILLISECOND = 14,
  ZONE_OFFSET = 15,
  DST_OFFSET = 16,
  WEEK_YEAR = 17;
/** CalendarBuilder's pseudo field for 'u'; stored as DAY_OF_WEEK after conversion. */
export const ISO_DAY_OF_WEEK = 1000;
const FIELD_SLOTS = 18;
const UNSET = 0;

const ONE_DAY = 86_400_000;
const EPOCH_OFFSET = 719_163; // fixed date (days since 0001-01-01 Gregorian, day 1) of 1970-01-01
const CUTOVER_YEAR = 1582;
const CUTOVER_FIXED_DATE = 577_736; // 1582-10-15 Gregorian
const FIRST_DAY_OF_WEEK = 1; // Locale.US: Sunday
const MINIMAL_DAYS_IN_FIRST_WEEK = 1; // Locale.US

/** java.text.CalendarBuilder: field values with the order in which the text set them. */
export class FieldSet {
  readonly value = new Float64Array(FIELD_SLOTS);
  readonly stamp = new Int32Array(FIELD_SLOTS);
  nextStamp = 2;

  reset(): void {
    this.value.fill(0);
    this.stamp.fill(UNSET);
    this.nextStamp = 2;
  }

  set(field: number, value: number): void {
    if (field === ISO_DAY_OF_WEEK) {
      field = DAY_OF_WEEK;
      value = toCalendarDayOfWeek(value);
    }
    this.stamp[field] = this.nextStamp++;
    this.value[field] = value;
  }

  clear(field: number): void {
    this.stamp[field] = UNSET;
    this.value[field] = 0;
  }

  isSet(field: number): boolean {
    return this.stamp[field] !== UNSET;
  }

  get(field: number): number {
    return this.value[field] as number;
  }
}

function toCalendarDayOfWeek(iso: number): number {
  if (iso < 1 || iso > 7) return iso; // adjusted later in lenient mode, as Java does
  return iso === 7 ? 1 : iso + 1;
}

const floorDiv = (a: number, b: number): number => Math.floor(a / b);
const mod = (a: number, b: number): number => a - b * Math.floor(a / b);
/** Java int arithmetic wraps; the fields are ints, so sums of them wrap the same way. */
const int32 = (n: number): number => n | 0;

function isGregorianLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

function isJulianLeap(y: number): boolean {
  return mod(y, 4) === 0;
}

/** BaseCalendar.getFixedDate for the Gregorian calendar (month 1-12, day may be any value). */
function gregorianFixedDate(year: number, month: number, day: number): number {
  const prev = year - 1;
  let days = day + 365 * prev + floorDiv(prev, 4) - floorDiv(prev, 100) + floorDiv(prev, 400) + floorDiv(367 * month - 362, 12);
  if (month > 2) days -= isGregorianLeap(year) ? 1 : 2;
  return days;
}

/** JulianCalendar.getFixedDate (year 0 = 1 BC, as Java normalises it). */
function julianFixedDate(year: number, month: number, day: number): number {
  let days = -2 + 365 * (year - 1) + day + floorDiv(year - 1, 4) + floorDiv(367 * month - 362, 12);
  if (month > 2) days -= isJulianLeap(year) ? 1 : 2;
  return days;
}

/** GregorianCalendar.isLeapYear with the 1582 cutover. */
function calendarIsLeap(year: number): boolean {
  if ((year & 3) !== 0) return false;
  if (year > CUTOVER_YEAR) return year % 100 !== 0 || year % 400 === 0;
  return true;
}

const MONTH_LENGTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function monthLength(month: number, year: number): number {
  return month === 1 && calendarIsLeap(year) ? 29 : (MONTH_LENGTH[month] as number);
}

/** BaseCalendar.getDayOfWeekDateOnOrBefore. */
function dayOfWeekOnOrBefore(fixedDate: number, dayOfWeek: number): number {
  const fd = fixedDate - (dayOfWeek - 1);
  return fixedDate - mod(fd, 7);
}

/**
 * The fixed date week 1 starts on, for a year or month starting on `fixedDay1` (Locale.US: weeks start on Sunday,
 * the first week needs one day of the year or month, so it may start in the days before).
 */
export function firstWeekStart(fixedDay1: number): number {
  const start = dayOfWeekOnOrBefore(fixedDay1 + 6, FIRST_DAY_OF_WEEK);
  return start - fixedDay1 >= MINIMAL_DAYS_IN_FIRST_WEEK ? start - 7 : start;
}

const MASK = (f: number): number => 1 << f;

const agg = (a: number, b: number): number => (a === UNSET || b === UNSET ? UNSET : Math.max(a, b));

/** Calendar.selectFields: which set fields determine the date and the time of day. */
function selectFields(f: FieldSet): number {
  const st = f.stamp;
  let mask = MASK(YEAR);
  if (st[ERA] !== UNSET) mask |= MASK(ERA);
  const dowStamp = st[DAY_OF_WEEK] as number;
  const monthStamp = st[MONTH] as number;
  let domStamp = st[DAY_OF_MONTH] as number;
  let womStamp = agg(st[WEEK_OF_MONTH] as number, dowStamp);
  let dowimStamp = agg(st[DAY_OF_WEEK_IN_MONTH] as number, dowStamp);
  const doyStamp = st[DAY_OF_YEAR] as number;
  let woyStamp = agg(st[WEEK_OF_YEAR] as number, dowStamp);
  let best = Math.max(domStamp, womStamp, dowimStamp, doyStamp, woyStamp);
  if (best === UNSET) {
    womStamp = st[WEEK_OF_MONTH] as number;
    dowimStamp = Math.max(st[DAY_OF_WEEK_IN_MONTH] as number, dowStamp);
    woyStamp = st[WEEK_OF_YEAR] as number;
    best = Math.max(womStamp, dowimStamp, woyStamp);
    if (best === UNSET) best = domStamp = monthStamp;
  }
  if (
    best === domStamp ||
    (best === womStamp && (st[WEEK_OF_MONTH] as number) >= (st[WEEK_OF_YEAR] as number)) ||
    (best === dowimStamp && (st[DAY_OF_WEEK_IN_MONTH] as number) >= (st[WEEK_OF_YEAR] as number))
  ) {
    mask |= MASK(MONTH);
    if (best === domStamp) {
      mask |= MASK(DAY_OF_MONTH);
    } else {
      if (dowStamp !== UNSET) mask |= MASK(DAY_OF_WEEK);
      if (womStamp === dowimStamp) {
        mask |= (st[WEEK_OF_MONTH] as number) >= (st[DAY_OF_WEEK_IN_MONTH] as number) ? MASK(WEEK_OF_MONTH) : MASK(DAY_OF_WEEK_IN_MONTH);
      } else if (best === womStamp) {
        mask |= MASK(WEEK_OF_MONTH);
      } else if (st[DAY_OF_WEEK_IN_MONTH] !== UNSET) {
        mask |= MASK(DAY_OF_WEEK_IN_MONTH);
      }
    }
  } else if (best === doyStamp) {
    mask |= MASK(DAY_OF_YEAR);
  } else {
    if (dowStamp !== UNSET) mask |= MASK(DAY_OF_WEEK);
    mask |= MASK(WEEK_OF_YEAR);
  }
  const hourOfDayStamp = st[HOUR_OF_DAY] as number;
  const hourStamp = agg(st[HOUR] as number, st[AM_PM] as number);
  let bestHour = hourStamp > hourOfDayStamp ? hourStamp : hourOfDayStamp;
  if (bestHour === UNSET) bestHour = Math.max(st[HOUR] as number, st[AM_PM] as number);
  if (bestHour !== UNSET) {
    if (bestHour === hourOfDayStamp) mask |= MASK(HOUR_OF_DAY);
    else {
      mask |= MASK(HOUR);
      if (st[AM_PM] !== UNSET) mask |= MASK(AM_PM);
    }
  }
  if (st[MINUTE] !== UNSET) mask |= MASK(MINUTE);
  if (st[SECOND] !== UNSET) mask |= MASK(SECOND);
  if (st[MILLISECOND] !== UNSET) mask |= MASK(MILLISECOND);
  if (st[ZONE_OFFSET] !== UNSET) mask |= MASK(ZONE_OFFSET);
  if (st[DST_OFFSET] !== UNSET) mask |= MASK(DST_OFFSET);
  return mask;
}

/** GregorianCalendar.getFixedDate(cal, year, fieldMask): the date part, for one calendar system. */
function fixedDateIn(julian: boolean, f: FieldSet, yearIn: number, mask: number): number {
  const fixed = julian ? julianFixedDate : gregorianFixedDate;
  let year = yearIn;
  let month = 0;
  if (mask & MASK(MONTH)) {
    month = f.get(MONTH);
    if (month > 11) {
      year = int32(year + Math.trunc(month / 12));
      month %= 12;
    } else if (month < 0) {
      year = int32(year + floorDiv(month, 12));
      month = mod(month, 12);
    }
  }
  let fixedDate = fixed(year, month + 1, 1);
  if (mask & MASK(MONTH)) {
    if (mask & MASK(DAY_OF_MONTH)) {
      if (f.isSet(DAY_OF_MONTH)) fixedDate += f.get(DAY_OF_MONTH) - 1;
    } else if (mask & MASK(WEEK_OF_MONTH)) {
      let firstDayOfWeek = firstWeekStart(fixedDate);
      if (mask & MASK(DAY_OF_WEEK)) firstDayOfWeek = dayOfWeekOnOrBefore(firstDayOfWeek + 6, f.get(DAY_OF_WEEK));
      fixedDate = firstDayOfWeek + 7 * (f.get(WEEK_OF_MONTH) - 1);
    } else {
      const dayOfWeek = mask & MASK(DAY_OF_WEEK) ? f.get(DAY_OF_WEEK) : FIRST_DAY_OF_WEEK;
      const dowim = mask & MASK(DAY_OF_WEEK_IN_MONTH) ? f.get(DAY_OF_WEEK_IN_MONTH) : 1;
      if (dowim >= 0) {
        fixedDate = dayOfWeekOnOrBefore(fixedDate + 7 * dowim - 1, dayOfWeek);
      } else {
        const lastDate = monthLength(month, year) + 7 * (dowim + 1);
        fixedDate = dayOfWeekOnOrBefore(fixedDate + lastDate - 1, dayOfWeek);
      }
    }
  } else if (mask & MASK(DAY_OF_YEAR)) {
    fixedDate += f.get(DAY_OF_YEAR) - 1;
  } else {
    let firstDayOfWeek = firstWeekStart(fixedDate);
    if (mask & MASK(DAY_OF_WEEK)) {
      const dayOfWeek = f.get(DAY_OF_WEEK);
      if (dayOfWeek !== FIRST_DAY_OF_WEEK) firstDayOfWeek = dayOfWeekOnOrBefore(firstDayOfWeek + 6, dayOfWeek);
    }
    fixedDate = firstDayOfWeek + 7 * (f.get(WEEK_OF_YEAR) - 1);
  }
  return fixedDate;
}

/**
 * GregorianCalendar.computeTime in lenient mode: epoch ms, or null where Java throws IllegalArgumentException
 * (an ERA other than BC/AD).
 */
export function computeTime(f: FieldSet, zone: ZoneRules): number | null {
  const mask = selectFields(f);
  let year = f.isSet(YEAR) ? f.get(YEAR) : 1970;
  const era = f.isSet(ERA) ? f.get(ERA) : 1;
  if (era === 0) year = int32(1 - year);
  else if (era !== 1) return null;

  let timeOfDay: number;
  if (mask & MASK(HOUR_OF_DAY)) {
    timeOfDay = f.get(HOUR_OF_DAY);
  } else {
    timeOfDay = f.get(HOUR);
    if (mask & MASK(AM_PM)) timeOfDay += 12 * f.get(AM_PM);
  }
  timeOfDay = ((timeOfDay * 60 + f.get(MINUTE)) * 60 + f.get(SECOND)) * 1000 + f.get(MILLISECOND);
  let fixedDate = floorDiv(timeOfDay, ONE_DAY);
  timeOfDay = mod(timeOfDay, ONE_DAY);

  fixedDate = fixedDateForYear(f, year, mask, fixedDate);

  const days = fixedDate - EPOCH_OFFSET;
  const wall = days * ONE_DAY + timeOfDay;
  if (Number.isSafeInteger(wall) && Math.abs(wall) < 2 ** 52) {
    return wall - effectiveOffset(f, zone, zone.offsetForWall(wall), wall);
  }
  // Java's long arithmetic wraps (the zone then sees the wrapped wall time); reproduce it, then round to the
  // nearest double.
  const exactWall = BigInt.asIntN(64, BigInt(days) * BigInt(ONE_DAY) + BigInt(timeOfDay));
  const approxWall = Number(exactWall);
  const offset = effectiveOffset(f, zone, zone.offsetForWall(approxWall), approxWall);
  return Number(BigInt.asIntN(64, exactWall - BigInt(offset)));
}

/**
 * The offset Java applies: ZONE_OFFSET + DST_OFFSET when the text set both, otherwise the zone's offset at
 * that time split into raw and DST parts, with whichever part the text set replacing the zone's.
 */
export function effectiveOffset(f: FieldSet, zone: ZoneRules, zoneTotal: number, wall: number): number {
  const zoneSet = f.isSet(ZONE_OFFSET);
  const dstSet = f.isSet(DST_OFFSET);
  if (zoneSet && dstSet) return f.get(ZONE_OFFSET) + f.get(DST_OFFSET);
  if (!zoneSet && !dstSet) return zoneTotal;
  const raw = zone.rawOffsetAt(wall - zoneTotal);
  return (zoneSet ? f.get(ZONE_OFFSET) : raw) + (dstSet ? f.get(DST_OFFSET) : zoneTotal - raw);
}

/** The date part of computeTime, choosing between the Julian and Gregorian results around 1582. */
function fixedDateForYear(f: FieldSet, year: number, mask: number, days: number): number {
  let gfd: number;
  let jfd: number;
  if (year > CUTOVER_YEAR) {
    gfd = days + fixedDateIn(false, f, year, mask);
    if (gfd >= CUTOVER_FIXED_DATE) return gfd;
    jfd = days + fixedDateIn(true, f, year, mask);
  } else if (year < CUTOVER_YEAR) {
    jfd = days + fixedDateIn(true, f, year, mask);
    if (jfd < CUTOVER_FIXED_DATE) return jfd;
    gfd = jfd;
  } else {
    jfd = days + fixedDateIn(true, f, year, mask);
    gfd = days + fixedDateIn(false, f, year, mask);
  }
  if (mask & (MASK(DAY_OF_YEAR) | MASK(WEEK_OF_YEAR))) return jfd;
  if (gfd >= CUTOVER_FIXED_DATE) return gfd;
  return jfd;
}

/** Fixed date -> [year, month 0-11, day] in the Gregorian or Julian calendar (proleptic, Java's year numbering). */
export function dateOfFixed(fixed: number): [number, number, number] {
  if (fixed >= CUTOVER_FIXED_DATE) {
    // Gregorian: estimate the year, then correct.
    let year = Math.floor((400 * (fixed - 1)) / 146097) + 1;
    while (gregorianFixedDate(year, 1, 1) > fixed) year--;
    while (gregorianFixedDate(year + 1, 1, 1) <= fixed) year++;
    let month = 12;
    while (gregorianFixedDate(year, month, 1) > fixed) month--;
    return [year, month - 1, fixed - gregorianFixedDate(year, month, 1) + 1];
  }
  let year = Math.floor((4 * (fixed + 1)) / 1461) + 1;
  while (julianFixedDate(year, 1, 1) > fixed) year--;
  while (julianFixedDate(year + 1, 1, 1) <= fixed) year++;
  let month = 12;
  while (julianFixedDate(year, month, 1) > fixed) month--;
  return [year, month - 1, fixed - julianFixedDate(year, month, 1) + 1];
}

/** Fixed date of a local wall time (ms since the epoch as if UTC). */
export function fixedOfWall(wall: number): number {
  return floorDiv(wall, ONE_DAY) + EPOCH_OFFSET;
}

/**
 * CalendarBuilder.establish's week-date branch ('Y' set after 'y'): GregorianCalendar.setWeekDate(weekYear,
 * weekOfYear, dayOfWeek) replaces year, month and day of month with the date of that week day. The era is taken
 * as AD. Returns null where Java throws (an invalid day of week in non-lenient mode is checked by the caller).
 */
export function establishWeekDate(f: FieldSet): FieldSet | null {
  let weekOfYear = f.isSet(WEEK_OF_YEAR) ? f.get(WEEK_OF_YEAR) : 1;
  let dayOfWeek = f.isSet(DAY_OF_WEEK) ? f.get(DAY_OF_WEEK) : FIRST_DAY_OF_WEEK;
  if (dayOfWeek < 1 || dayOfWeek > 7) {
    if (dayOfWeek >= 8) {
      dayOfWeek--;
      weekOfYear += Math.trunc(dayOfWeek / 7);
      dayOfWeek = (dayOfWeek % 7) + 1;
    } else {
      while (dayOfWeek <= 0) {
        dayOfWeek += 7;
        weekOfYear--;
      }
    }
    dayOfWeek = toCalendarDayOfWeek(dayOfWeek);
  }
  // Sunday of week 1 of the week year, then forward to the wanted day.
  const g = new FieldSet();
  g.set(YEAR, f.get(WEEK_YEAR));
  g.set(WEEK_OF_YEAR, 1);
  g.set(DAY_OF_WEEK, FIRST_DAY_OF_WEEK);
  const year = g.get(YEAR);
  const start = fixedDateForYear(g, year, selectFields(g), 0);
  let days = dayOfWeek - FIRST_DAY_OF_WEEK;
  if (days < 0) days += 7;
  days += 7 * (weekOfYear - 1);
  const [y, m, d] = dateOfFixed(start + days);
  f.set(ERA, y <= 0 ? 0 : 1);
  f.set(YEAR, y <= 0 ? 1 - y : y);
  f.set(MONTH, m);
  f.set(DAY_OF_MONTH, d);
  f.value[WEEK_OF_YEAR] = weekOfYear;
  return f;
}
