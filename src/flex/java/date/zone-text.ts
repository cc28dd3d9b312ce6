/**
 * Time-zone text in SimpleDateFormat.parse: 'z' and 'Z' (general and RFC 822 forms: "GMT", "GMT+5:30",
 * "-0800", or a zone name from Java's zone strings) and 'X' (ISO 8601: "Z", "-08", "-0800", "-08:00").
 */
import { DST_OFFSET, type FieldSet, ZONE_OFFSET } from './calendar.js';
import { regionMatchesIgnoreCase } from './names.js';
import { resolveJavaTimeZone, type ZoneRules } from './zone.js';
import { type ZoneRow, zoneTable } from './zone-table.js';

/** SimpleDateFormat.matchZoneString: the first of the row's four names that matches at `start`, or 0. */
function matchRow(text: string, start: number, row: ZoneRow): number {
  for (let k = 1; k <= 4; k++) {
    const name = row.names[k] as string;
    if (name !== '' && regionMatchesIgnoreCase(text, start, name)) return k;
  }
  return 0;
}

export interface ZoneParseState {
  /** The formatter's zone; a matched zone name replaces it, as SimpleDateFormat.setTimeZone does. */
  zone: ZoneRules;
  zoneId: string;
}

/** subParseZoneString: returns the index after the name, or -1. */
function parseZoneName(text: string, start: number, f: FieldSet, state: ZoneParseState): number {
  const t = zoneTable();
  let rowIndex = -1;
  let nameIndex = 0;
  const current = t.byId.get(state.zoneId);
  if (current !== undefined) {
    nameIndex = matchRow(text, start, t.rows[current] as ZoneRow);
    if (nameIndex > 0) rowIndex = current;
  }
  if (rowIndex < 0) {
    // The earliest row with any name matching here; candidate names are prefixes of the remaining text.
    let best = Infinity;
    for (const len of t.lengths) {
      if (start + len > text.length) continue;
      const rank = t.firstByName.get(text.slice(start, start + len).toLowerCase());
      if (rank !== undefined && rank < best) best = rank;
    }
    if (best === Infinity) return -1;
    rowIndex = Math.floor(best / 5);
    // Re-match with Java's comparison so the name index is the row's first matching name.
    nameIndex = matchRow(text, start, t.rows[rowIndex] as ZoneRow);
    if (nameIndex === 0) return -1;
  }
  const row = t.rows[rowIndex] as ZoneRow;
  const useSameName = nameIndex <= 2 && (row.names[nameIndex] as string).toLowerCase() === (row.names[nameIndex + 2] as string).toLowerCase();
  state.zoneId = row.id;
  state.zone = resolveJavaTimeZone(row.id);
  const dstAmount = nameIndex >= 3 ? row.dstSavings : 0;
  if (!(useSameName || (nameIndex >= 3 && dstAmount === 0))) {
    f.clear(ZONE_OFFSET);
    f.set(DST_OFFSET, dstAmount);
  }
  return start + (row.names[nameIndex] as string).length;
}

const isAsciiDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * subParseNumericZone: "hh[[:]mm]" after the sign. `count` is the X letter count (0 for z/Z), `colon` whether
 * a colon is required between hours and minutes (z/Z after "GMT", and XXX). Returns the end index or -1.
 */
function parseNumericZone(text: string, start: number, sign: number, count: number, colon: boolean, f: FieldSet): number {
  let i = start;
  const n = text.length;
  if (i >= n || !isAsciiDigit(text.charCodeAt(i))) return -1;
  let hours = text.charCodeAt(i++) - 0x30;
  if (i >= n) return -1;
  let c = text.charCodeAt(i++);
  if (isAsciiDigit(c)) {
    hours = hours * 10 + (c - 0x30);
  } else {
    // One-digit hours only in the "GMT+h:mm" form.
    if (count > 0 || !colon) return -1;
    i--;
  }
  if (hours > 23) return -1;
  let minutes = 0;
  if (count !== 1) {
    if (i >= n) return -1;
    c = text.charCodeAt(i++);
    if (colon) {
      if (c !== 0x3a || i >= n) return -1;
      c = text.charCodeAt(i++);
    }
    if (!isAsciiDigit(c) || i >= n) return -1;
    minutes = c - 0x30;
    c = text.charCodeAt(i++);
    if (!isAsciiDigit(c)) return -1;
    minutes = minutes * 10 + (c - 0x30);
    if (minutes > 59) return -1;
  }
  f.set(ZONE_OFFSET, sign * (hours * 60 + minutes) * 60_000);
  f.set(DST_OFFSET, 0);
  return i;
}

/** 'z' / 'Z' at `pos` (after skipped blanks); `start` is where the field began (before the blanks). */
export function parseGeneralZone(text: string, start: number, pos: number, f: FieldSet, state: ZoneParseState): number {
  const c = text.charCodeAt(pos);
  if (c === 0x2b || c === 0x2d) return parseNumericZone(text, pos + 1, c === 0x2b ? 1 : -1, 0, false, f);
  // Java compares "GMT" at the field's start, not after the blanks it skipped.
  if ((c === 0x47 || c === 0x67) && regionMatchesIgnoreCase(text, start, 'GMT')) {
    let p = start + 3;
    let sign = 0;
    if (p < text.length) {
      const s = text.charCodeAt(p);
      sign = s === 0x2b ? 1 : s === 0x2d ? -1 : 0;
    }
    if (sign === 0) {
      f.set(ZONE_OFFSET, 0);
      f.set(DST_OFFSET, 0);
      return p;
    }
    p++;
    return parseNumericZone(text, p, sign, 0, true, f);
  }
  return parseZoneName(text, pos, f, state);
}

/** 'X' with `count` letters (1-3) at `pos`. */
export function parseIsoZone(text: string, pos: number, count: number, f: FieldSet): number {
  if (pos >= text.length) return -1;
  const c = text.charCodeAt(pos);
  if (c === 0x5a) {
    f.set(ZONE_OFFSET, 0);
    f.set(DST_OFFSET, 0);
    return pos + 1;
  }
  if (c !== 0x2b && c !== 0x2d) return -1;
  return parseNumericZone(text, pos + 1, c === 0x2b ? 1 : -1, count, count === 3, f);
}
