/**
 * Non-lenient GregorianCalendar (DateFormat.setLenient(false)): every field the text set must be within the
 * field's range, and must survive the round trip through the computed time unchanged (so "2021-02-30" fails).
 */
import {
  AM_PM,
  computeTime,
  DAY_OF_MONTH,
  DAY_OF_WEEK,
  DAY_OF_WEEK_IN_MONTH,
  DAY_OF_YEAR,
  dateOfFixed,
  ERA,
  effectiveOffset,
  type FieldSet,
  firstWeekStart,
  fixedOfWall,
  HOUR,
  HOUR_OF_DAY,
  MILLISECOND,
  MINUTE,
  MONTH,
  SECOND,
  WEEK_OF_MONTH,
  WEEK_OF_YEAR,
  YEAR,
} from './calendar.js';
import type { ZoneRules } from './zone.js';

const H = 3_600_000;
const MIN = [0, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, -13 * H, 0];
const MAX = [1, 292278994, 11, 53, 6, 31, 366, 7, 6, 1, 11, 23, 59, 59, 999, 14 * H, 2 * H];

export function isNonLenientValid(f: FieldSet, zone: ZoneRules): boolean {
  for (let field = 0; field < MIN.length; field++) {
    if (!f.isSet(field)) continue;
    const v = f.get(field);
    if (v < (MIN[field] as number) || v > (MAX[field] as number)) return false;
  }
  const t = computeTime(f, zone);
  if (t === null) return false;
  // computeFields sees the zone's offset at the computed instant, with the parsed parts replacing the zone's.
  const offset = effectiveOffset(f, zone, zone.offsetAt(t), t + zone.offsetAt(t));
  const wall = t + offset;
  const fixed = fixedOfWall(wall);
  const [y, m, d] = dateOfFixed(fixed);
  const timeOfDay = wall - (fixed - 719_163) * 86_400_000;
  const hourOfDay = Math.floor(timeOfDay / H);
  const dow = (((fixed % 7) + 7) % 7) + 1; // fixed date 1 (0001-01-01) was a Monday: Sunday is 1
  const jan1 = fixedOfYearStart(y);
  const doy = fixed - jan1 + 1;
  const computed: Array<[number, number]> = [
    [ERA, y <= 0 ? 0 : 1],
    [YEAR, y <= 0 ? 1 - y : y],
    [MONTH, m],
    [DAY_OF_MONTH, d],
    [DAY_OF_YEAR, doy],
    [DAY_OF_WEEK, dow],
    [DAY_OF_WEEK_IN_MONTH, Math.floor((d - 1) / 7) + 1],
    [WEEK_OF_MONTH, weekNumber(fixed - d + 1, fixed)],
    [WEEK_OF_YEAR, weekOfYear(fixed, jan1, y)],
    [AM_PM, hourOfDay >= 12 ? 1 : 0],
    [HOUR, hourOfDay % 12],
    [HOUR_OF_DAY, hourOfDay],
    [MINUTE, Math.floor(timeOfDay / 60_000) % 60],
    [SECOND, Math.floor(timeOfDay / 1000) % 60],
    [MILLISECOND, timeOfDay % 1000],
  ];
  for (const [field, value] of computed) {
    if (f.isSet(field) && f.get(field) !== value) return false;
  }
  return true;
}

/** Fixed date of January 1 of the calendar year (Julian before the cutover, as Java counts). */
function fixedOfYearStart(y: number): number {
  let lo = fixedOfWall(Date.UTC(2000, 0, 1)) + Math.floor((y - 2000) * 365.2425) - 20;
  while (dateOfFixed(lo)[0] < y) lo += 1;
  while (dateOfFixed(lo - 1)[0] >= y) lo -= 1;
  return lo;
}

const mod7 = (n: number): number => ((n % 7) + 7) % 7;

/** GregorianCalendar.getWeekNumber for Locale.US (weeks start on Sunday, a first week needs one day). */
function weekNumber(fixedDay1: number, fixedDate: number): number {
  return Math.floor((fixedDate - firstWeekStart(fixedDay1)) / 7) + 1;
}

/** A day of the last days of December may be in week 1 of the next year. */
function weekOfYear(fixed: number, jan1: number, y: number): number {
  const w = weekNumber(jan1, fixed);
  if (w >= 52 && fixed >= firstWeekStart(fixedOfYearStart(y + 1))) return 1;
  return w;
}

/**
 * Non-lenient GregorianCalendar.setWeekDate: the date it produced must lie in the requested week of the
 * requested week year, on the requested day.
 */
export function isValidWeekDate(year: number, month: number, day: number, weekYear: number, week: number, dayOfWeek: number): boolean {
  if (dayOfWeek < 1 || dayOfWeek > 7) return false;
  const jan1 = fixedOfYearStart(year);
  const fixed = jan1 + dayOfYearOf(year, month, day, jan1) - 1;
  const w = weekOfYear(fixed, jan1, year);
  const wy = w === 1 && month === 11 ? year + 1 : w >= 52 && month === 0 ? year - 1 : year;
  return wy === weekYear && w === week && mod7(fixed) + 1 === dayOfWeek;
}

function dayOfYearOf(year: number, month: number, day: number, jan1: number): number {
  let fixed = jan1;
  while (dateOfFixed(fixed)[1] < month || dateOfFixed(fixed)[0] < year) fixed += 28;
  while (dateOfFixed(fixed)[1] > month || dateOfFixed(fixed)[0] > year) fixed -= 1;
  const [, , d] = dateOfFixed(fixed);
  return fixed - jan1 + 1 + (day - d);
}
