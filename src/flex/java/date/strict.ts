/**
 * Non-lenient GregorianCalendar (DateFormat.setLenient(false)): every field the text set must be within the
 * field's range, and must survive the round trip through the computed time unchanged (so "2021-02-30" fails).
 */
import {
  AM_PM, computeTime, DAY_OF_MONTH, DAY_OF_WEEK, DAY_OF_WEEK_IN_MONTH, DAY_OF_YEAR, dateOfFixed, DST_OFFSET, ERA,
  type FieldSet, fixedOfWall, HOUR, HOUR_OF_DAY, MILLISECOND, MINUTE, MONTH, SECOND, WEEK_OF_MONTH, WEEK_OF_YEAR,
  YEAR, ZONE_OFFSET,
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
  const offset =
    f.isSet(ZONE_OFFSET) && f.isSet(DST_OFFSET) ? f.get(ZONE_OFFSET) + f.get(DST_OFFSET) : zone.offsetAt(t);
  const wall = t + offset;
  const fixed = fixedOfWall(wall);
  const [y, m, d] = dateOfFixed(fixed);
  const timeOfDay = wall - (fixed - 719_163) * 86_400_000;
  const hourOfDay = Math.floor(timeOfDay / H);
  const dow = (((fixed % 7) + 7) % 7) + 1; // fixed date 1 (0001-01-01) was a Monday: Sunday is 1
  const jan1 = fixed - dayOfYearIndex(y, m, d, fixed);
  const doy = fixed - jan1 + 1;
  const computed: Record<number, number> = {
    [ERA]: y <= 0 ? 0 : 1,
    [YEAR]: y <= 0 ? 1 - y : y,
    [MONTH]: m,
    [DAY_OF_MONTH]: d,
    [DAY_OF_YEAR]: doy,
    [DAY_OF_WEEK]: dow,
    [DAY_OF_WEEK_IN_MONTH]: Math.floor((d - 1) / 7) + 1,
    [AM_PM]: hourOfDay >= 12 ? 1 : 0,
    [HOUR]: hourOfDay % 12,
    [HOUR_OF_DAY]: hourOfDay,
    [MINUTE]: Math.floor(timeOfDay / 60_000) % 60,
    [SECOND]: Math.floor(timeOfDay / 1000) % 60,
    [MILLISECOND]: timeOfDay % 1000,
  };
  for (const [field, value] of Object.entries(computed)) {
    const k = Number(field);
    if (f.isSet(k) && f.get(k) !== value) return false;
  }
  // Week fields are left unchecked: documented gap (they need the full week arithmetic of computeFields).
  void WEEK_OF_YEAR;
  void WEEK_OF_MONTH;
  return true;
}

function dayOfYearIndex(_y: number, _m: number, d: number, fixed: number): number {
  // Walk back to January 1 of the same calendar year.
  let jan1 = fixed - (d - 1);
  for (;;) {
    const [, pm] = dateOfFixed(jan1 - 1);
    const [py] = dateOfFixed(jan1 - 1);
    if (py !== _y) break;
    const [, , pd] = dateOfFixed(jan1 - 1);
    jan1 -= pd;
    void pm;
  }
  return fixed - jan1;
}
