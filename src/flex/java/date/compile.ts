/**
 * java.text.SimpleDateFormat for Locale.US: compiling a pattern (same errors as the constructor) and
 * DateFormat.parse(String) in lenient mode (the default), optionally non-lenient. A pattern is compiled once
 * into a list of steps; parse walks them without allocating regular expressions.
 */
import { JavaPatternError } from '../errors.js';
import {
  AM_PM as AM_PM_FIELD,
  computeTime,
  DAY_OF_MONTH,
  DAY_OF_WEEK,
  DAY_OF_WEEK_IN_MONTH,
  DAY_OF_YEAR,
  ERA,
  FieldSet,
  HOUR,
  HOUR_OF_DAY,
  ISO_DAY_OF_WEEK,
  MILLISECOND,
  MINUTE,
  MONTH,
  SECOND,
  WEEK_OF_MONTH,
  WEEK_OF_YEAR,
  WEEK_YEAR,
  YEAR,
  ZONE_OFFSET,
  establishWeekDate,
} from './calendar.js';
import { AM_PM, ERAS, longestMatch, MONTHS, SHORT_MONTHS, SHORT_WEEKDAYS, WEEKDAYS } from './names.js';
import { javaDigit } from '../numbers.js';
import { numberEnd, parseFieldValue } from './numeric.js';
import { isNumericDateField, PATTERN_CHARS, tokenizeDatePattern } from './pattern.js';
import { isNonLenientValid, isValidWeekDate } from './strict.js';
import { resolveJavaTimeZone } from './zone.js';
import { parseGeneralZone, parseIsoZone, type ZoneParseState } from './zone-text.js';

export interface DateParseOptions {
  /** DateFormat.setLenient; default true, as for a new SimpleDateFormat. */
  lenient?: boolean;
  /**
   * Start of the 100-year window for two-digit years (SimpleDateFormat.set2DigitYearStart), epoch ms.
   * Default: 80 years before the first parse in that zone, as a new SimpleDateFormat computes it.
   */
  twoDigitYearStart?: number;
}

export interface CompiledDateFormat {
  /**
   * DateFormat.parse(String): epoch ms, or null where Java throws ParseException. Parses a prefix of the text;
   * trailing text is ignored. `timeZone` is a java.util.TimeZone id (unknown ids mean GMT, as in Java).
   */
  parse(text: string, timeZone: string, options?: DateParseOptions): number | null;
  readonly pattern: string;
  /** The pattern letters in order of appearance, one entry per run (e.g. ['yyyy', 'MM', 'dd']). */
  readonly letters: string[];
}

/** SimpleDateFormat's field tags: the index of the letter in PATTERN_CHARS. */
const enum Tag {
  Era = 0,
  Year = 1,
  Month = 2,
  Day = 3,
  HourOfDay1 = 4,
  HourOfDay0 = 5,
  Minute = 6,
  Second = 7,
  Millisecond = 8,
  DayOfWeek = 9,
  DayOfYear = 10,
  DayOfWeekInMonth = 11,
  WeekOfYear = 12,
  WeekOfMonth = 13,
  AmPm = 14,
  Hour1 = 15,
  Hour0 = 16,
  ZoneName = 17,
  ZoneValue = 18,
  WeekYear = 19,
  IsoDayOfWeek = 20,
  IsoZone = 21,
  MonthStandalone = 22,
}
const TAG_FIELD = [
  ERA,
  YEAR,
  MONTH,
  DAY_OF_MONTH,
  HOUR_OF_DAY,
  HOUR_OF_DAY,
  MINUTE,
  SECOND,
  MILLISECOND,
  DAY_OF_WEEK,
  DAY_OF_YEAR,
  DAY_OF_WEEK_IN_MONTH,
  WEEK_OF_YEAR,
  WEEK_OF_MONTH,
  AM_PM_FIELD,
  HOUR,
  HOUR,
  ZONE_OFFSET,
  ZONE_OFFSET,
  WEEK_YEAR,
  ISO_DAY_OF_WEEK,
  ZONE_OFFSET,
  MONTH,
];

type Step = { literal: string } | { tag: Tag; count: number; obeyCount: boolean };

/** SimpleDateFormat.compile: literal text and runs of one pattern letter, each field knowing what follows it. */
function compilePattern(pattern: string): { steps: Step[]; letters: string[] } {
  const pieces = tokenizeDatePattern(pattern);
  const steps: Step[] = [];
  const letters: string[] = [];
  pieces.forEach((piece, i) => {
    if (piece.kind === 'literal') {
      // Adjacent literals behave like one string: Java compares them character by character either way.
      const previous = steps[steps.length - 1];
      if (previous !== undefined && 'literal' in previous) previous.literal += piece.text;
      else steps.push({ literal: piece.text });
      return;
    }
    const next = pieces[i + 1];
    // A letter from PATTERN_CHARS: the tokenizer throws on any other.
    const tag: Tag = PATTERN_CHARS.indexOf(piece.letter);
    steps.push({ tag, count: piece.count, obeyCount: next?.kind === 'field' && isNumericDateField(next) });
    letters.push(piece.letter.repeat(piece.count));
  });
  return { steps, letters };
}

interface ParseState extends ZoneParseState {
  fields: FieldSet;
  ambiguousYear: boolean;
  lenient: boolean;
  centuryStartYear: number;
}

/** One field: SimpleDateFormat.subParse. Returns the index after the field, or -1. */
function subParse(text: string, start: number, tag: Tag, count: number, obeyCount: boolean, st: ParseState): number {
  const f = st.fields;
  const n = text.length;
  let pos = start;
  // Blanks (space and tab only) before a field are skipped; running out of text fails.
  for (;;) {
    if (pos >= n) return -1;
    const c = text.charCodeAt(pos);
    if (c !== 0x20 && c !== 0x09) break;
    pos++;
  }
  const actualStart = pos;
  const limit = obeyCount ? start + count : n;
  let value = 0;
  if (
    tag === Tag.HourOfDay1 ||
    tag === Tag.Hour1 ||
    tag === Tag.Year ||
    tag === Tag.WeekYear ||
    ((tag === Tag.Month || tag === Tag.MonthStandalone) && count <= 2)
  ) {
    if (limit > n) return -1;
    value = parseFieldValue(text, pos, limit);
    if (Number.isNaN(value)) return -1;
    pos = numberEnd;
  }
  let k: number;
  switch (tag) {
    case Tag.Era:
      // Names are matched at the field's start, before any skipped blanks (as Java does).
      if ((k = longestMatch(text, start, ERAS)) < 0) return -1;
      f.set(ERA, k);
      return start + (ERAS[k] as string).length;
    case Tag.Year:
    case Tag.WeekYear:
      if (count <= 2 && pos - actualStart === 2 && isDigitChar(text, actualStart) && isDigitChar(text, actualStart + 1)) {
        const ambiguous = st.centuryStartYear % 100;
        st.ambiguousYear = value === ambiguous;
        value += Math.trunc(st.centuryStartYear / 100) * 100 + (value < ambiguous ? 100 : 0);
      }
      f.set(TAG_FIELD[tag] as number, value);
      return pos;
    case Tag.Month:
    case Tag.MonthStandalone:
      if (count <= 2) {
        f.set(MONTH, (value - 1) | 0);
        return pos;
      }
      if ((k = longestMatch(text, start, MONTHS)) >= 0) {
        f.set(MONTH, k);
        return start + (MONTHS[k] as string).length;
      }
      if ((k = longestMatch(text, start, SHORT_MONTHS)) >= 0) {
        f.set(MONTH, k);
        return start + (SHORT_MONTHS[k] as string).length;
      }
      return -1;
    case Tag.HourOfDay1:
      if (!st.lenient && (value < 1 || value > 24)) return -1;
      f.set(HOUR_OF_DAY, value === 24 ? 0 : value);
      return pos;
    case Tag.DayOfWeek:
      if ((k = longestMatch(text, start, WEEKDAYS)) > 0) {
        f.set(DAY_OF_WEEK, k);
        return start + (WEEKDAYS[k] as string).length;
      }
      if ((k = longestMatch(text, start, SHORT_WEEKDAYS)) > 0) {
        f.set(DAY_OF_WEEK, k);
        return start + (SHORT_WEEKDAYS[k] as string).length;
      }
      return -1;
    case Tag.AmPm:
      if ((k = longestMatch(text, start, AM_PM)) < 0) return -1;
      f.set(AM_PM_FIELD, k);
      return start + (AM_PM[k] as string).length;
    case Tag.Hour1:
      if (!st.lenient && (value < 1 || value > 12)) return -1;
      f.set(HOUR, value === 12 ? 0 : value);
      return pos;
    case Tag.ZoneName:
    case Tag.ZoneValue:
      return parseGeneralZone(text, start, pos, f, st);
    case Tag.IsoZone:
      return parseIsoZone(text, pos, count, f);
    default: {
      if (limit > n) return -1;
      const v = parseFieldValue(text, pos, limit);
      if (Number.isNaN(v)) return -1;
      f.set(TAG_FIELD[tag] as number, v);
      return numberEnd;
    }
  }
}

/** Character.isDigit for one UTF-16 unit. */
function isDigitChar(text: string, i: number): boolean {
  return javaDigit(text.charCodeAt(i)) >= 0;
}

// parse() never re-enters itself, so one set of scratch state serves every formatter.
const scratchFields = new FieldSet();
const scratchState: ParseState = {
  fields: scratchFields,
  zone: resolveJavaTimeZone('UTC'),
  zoneId: 'UTC',
  ambiguousYear: false,
  lenient: true,
  centuryStartYear: 0,
};

class SimpleDateFormatImpl implements CompiledDateFormat {
  private readonly steps: Step[];
  readonly letters: string[];
  private readonly centuryStarts = new Map<string, { start: number; year: number }>();

  constructor(readonly pattern: string) {
    const c = compilePattern(pattern);
    this.steps = c.steps;
    this.letters = c.letters;
  }

  parse(text: string, timeZone: string, options?: DateParseOptions): number | null {
    const zone = resolveJavaTimeZone(timeZone);
    const century = this.centuryStart(timeZone, options?.twoDigitYearStart);
    const f = scratchFields;
    f.reset();
    const st = scratchState;
    st.zone = zone;
    st.zoneId = zone.id;
    st.ambiguousYear = false;
    st.lenient = options?.lenient ?? true;
    st.centuryStartYear = century.year;
    let pos = 0;
    for (const step of this.steps) {
      if ('literal' in step) {
        if (!text.startsWith(step.literal, pos)) return null;
        pos += step.literal.length;
        continue;
      }
      pos = subParse(text, pos, step.tag, step.count, step.obeyCount, st);
      if (pos < 0) return null;
    }
    let t = this.establish(st);
    if (t !== null && st.ambiguousYear && t < century.start) {
      f.value[YEAR] = (f.value[YEAR] as number) + 100;
      f.value[WEEK_YEAR] = (f.value[WEEK_YEAR] as number) + 100;
      t = this.establish(st);
    }
    return t;
  }

  /** CalendarBuilder.establish + Calendar.getTime. */
  private establish(st: ParseState): number | null {
    const f = st.fields;
    const weekDate = f.isSet(WEEK_YEAR) && (f.stamp[WEEK_YEAR] as number) > (f.stamp[YEAR] as number);
    if (weekDate && !st.lenient) {
      const week = f.isSet(WEEK_OF_YEAR) ? f.get(WEEK_OF_YEAR) : 1;
      const dow = f.isSet(DAY_OF_WEEK) ? f.get(DAY_OF_WEEK) : 1;
      if (dow < 1 || dow > 7) return null;
      establishWeekDate(f);
      if (!isValidWeekDate(f.get(YEAR), f.get(MONTH), f.get(DAY_OF_MONTH), f.get(WEEK_YEAR), week, dow)) return null;
    }
    const fields = weekDate && st.lenient ? establishWeekDate(f) : f;
    if (fields === null) return null;
    if (!st.lenient && !isNonLenientValid(fields, st.zone)) return null;
    return computeTime(fields, st.zone);
  }

  /** SimpleDateFormat's default century: 80 years before now, in the zone, unless given. */
  private centuryStart(timeZone: string, given: number | undefined): { start: number; year: number } {
    const key = given === undefined ? timeZone : `${timeZone}\u0000${given}`;
    let c = this.centuryStarts.get(key);
    if (c === undefined) {
      const zone = resolveJavaTimeZone(timeZone);
      let start = given;
      if (start === undefined) {
        const now = Date.now();
        const local = new Date(now + zone.offsetAt(now));
        const y = local.getUTCFullYear() - 80;
        // Calendar.add(YEAR, -80) keeps the wall time and clamps Feb 29 to Feb 28.
        const day = Math.min(local.getUTCDate(), new Date(Date.UTC(y, local.getUTCMonth() + 1, 0)).getUTCDate());
        const wall = Date.UTC(y, local.getUTCMonth(), day, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds());
        start = wall - zone.offsetForWall(wall);
      }
      const local = new Date(start + zone.offsetAt(start));
      c = { start, year: local.getUTCFullYear() };
      if (this.centuryStarts.size > 64) this.centuryStarts.clear();
      this.centuryStarts.set(key, c);
    }
    return c;
  }
}

/** new SimpleDateFormat(pattern, Locale.US), compiled once; throws JavaPatternError where Java throws. */
export function compileSimpleDateFormat(pattern: string): CompiledDateFormat {
  return new SimpleDateFormatImpl(pattern);
}

/** Why a SimpleDateFormat pattern is invalid (Java's IllegalArgumentException message), or undefined if valid. */
export function checkDateFormat(pattern: string): string | undefined {
  try {
    compileSimpleDateFormat(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof JavaPatternError) return error.message;
    throw error;
  }
}
