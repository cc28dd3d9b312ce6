/**
 * Generated SimpleDateFormat inputs for the differential test: Java-formatted instants ("F" lines) and
 * component-built strings with lenient overflow, odd widths, fractions of 0-7 digits, zone forms, trailing text,
 * blanks and corruptions ("P" lines).
 */
import { seededRandom, type Random } from '../../../src/sandbox/index.js';

export const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'America/Los_Angeles'] as const;

/** Every pattern from the FlexConnector reference (§1.5), the WDATP ones, and more letters and shapes. */
export const PATTERNS = [
  'yyyy-MM-dd HH:mm:ss',
  'dd/MMM/yyyy:HH:mm:ss',
  'MMM dd HH:mm:ss',
  'EEE MMM dd HH:mm:ss yyyy',
  "yyyy-MM-dd'T'HH:mm:ss.SSSZ",
  "yyyy-MM-dd'T'HH:mm:ssz",
  'yyyy-MM-dd HH:mm:ss,SSS',
  'MM/dd/yyyy hh:mm:ss a',
  "MM/dd/yyyy hh:mm aa '('zzz')'",
  'MM/dd/yyyy:HH:mm:ss zzz',
  'yyyy MMM dd HH:mm:ss',
  'dd-MMM-yyyy hh:mm:ss',
  'MM/dd/yyHH:mm:ss',
  "yyyy-MM-dd'T'hh:mm:ss",
  "yyyy-MM-dd'T'HH:mm:ss.SSSX",
  "yyyy-MM-dd'T'HH:mm:ssXXX",
  "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
  "yyyy-MM-dd'T'HH:mm:ss'Z'",
  "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
  "yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'",
  'yyyyMMddHHmmss',
  "yyyyMMdd'T'HHmmss.SSSZ",
  'EEEE, MMMM d, yyyy h:mm:ss a z',
  'd MMM yyyy HH:mm:ss Z',
  'EEE, dd MMM yyyy HH:mm:ss zzz',
  'yy-MM-dd HH:mm',
  'MM-dd-yyyy',
  'yyyy/MM/dd',
  'dd MMMM yyyy',
  "yyyy-MM-dd'T'HH:mm:ssX",
  "yyyy-MM-dd'T'HH:mm:ssXX",
  'HH:mm:ss.SSS',
  "yyyy.MM.dd G 'at' HH:mm:ss z",
  'K:mm a, z',
  'yyyyy.MMMMM.dd GGG hh:mm aaa',
  "YYYY-'W'ww-u",
  'yyyy-DDD',
  "hh 'o''clock' a, zzzz",
  'kk:mm dd/MM/yy',
  'LLL yyyy',
  'MMM d, yyyy F W',
  'yyMMddHHmmssZ',
  'yyyy-MM-dd HH:mm:ss.SSS zzzz',
  'EEE, d MMM yyyy HH:mm:ss Z',
] as const;

type Token = { lit: string } | { ch: string; n: number };

function tokens(pattern: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out.push({ lit: "'" });
        i++;
        continue;
      }
      let j = i + 1;
      let s = '';
      while (j < pattern.length) {
        if (pattern[j] === "'" && pattern[j + 1] === "'") {
          s += "'";
          j += 2;
          continue;
        }
        if (pattern[j] === "'") break;
        s += pattern[j];
        j++;
      }
      out.push({ lit: s });
      i = j;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let n = 1;
      while (pattern[i + n] === c) n++;
      out.push({ ch: c, n });
      i += n - 1;
      continue;
    }
    out.push({ lit: c });
  }
  return out;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ZONE_TEXTS = [
  'EST',
  'EDT',
  'PST',
  'PDT',
  'CST',
  'CDT',
  'MST',
  'MDT',
  'CET',
  'CEST',
  'IST',
  'UTC',
  'GMT',
  'JST',
  'BST',
  'EET',
  'EEST',
  'GMT+05:30',
  'GMT-8:00',
  'GMT+0100',
  'GMT+5',
  'GMT-08',
  'gmt',
  'utc',
  'Pacific Standard Time',
  'Eastern Daylight Time',
  'Central European Summer Time',
  'India Standard Time',
  'Coordinated Universal Time',
  'Greenwich Mean Time',
  'AEST',
  'HST',
  'AKDT',
  'WET',
  'MSK',
  'Z',
  'XYZ',
  '+0530',
  '-0800',
  '+05:30',
  '-08',
  '+2400',
  '+0575',
  'CET ',
  'Cest',
  'ESTX',
];

export interface DateCase {
  kind: 'P' | 'F';
  pattern: string;
  zone: string;
  lenient: boolean;
  /** text to parse (P) or epoch ms to format (F) */
  payload: string;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

/** One component-built string for the pattern. */
function buildText(pattern: string, r: Random): string {
  const overflow = r.chance(0.2);
  const num = (lo: number, hi: number, olo: number, ohi: number): number => (overflow && r.chance(0.5) ? r.int(olo, ohi) : r.int(lo, hi));
  let s = '';
  const toks = tokens(pattern);
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k] as Token;
    if ('lit' in t) {
      s += r.chance(0.02) ? t.lit + ' ' : t.lit;
      continue;
    }
    const next = toks[k + 1];
    const adjacent = next !== undefined && 'ch' in next && /[yMdHhmsSkKDFwWuY]/.test(next.ch) && !(next.ch === 'M' && next.n > 2);
    const width = (w: number, v: number): string => (adjacent || r.chance(0.7) ? pad(v, w) : String(v));
    if (r.chance(0.03)) s += r.pick([' ', '  ', '\t']);
    switch (t.ch) {
      case 'y':
      case 'Y':
        if (t.n <= 2) s += r.chance(0.85) ? pad(r.int(0, 99), 2) : String(r.int(0, 2100));
        else if (/[zZ]/.test(pattern))
          s += String(r.int(1950, 2036)); // see the zone-name gap above
        else s += r.chance(0.9) ? pad(num(1901, 2036, 1500, 2300), t.n) : String(r.int(1, 999));
        break;
      case 'M':
      case 'L':
        if (t.n <= 2) s += width(t.n, num(1, 12, 0, 15));
        else {
          const m = MONTHS[r.int(0, 11)] as string;
          const name = r.chance(0.5) ? m.slice(0, 3) : m;
          s += r.chance(0.15) ? name.toUpperCase() : r.chance(0.1) ? name.toLowerCase() : name;
        }
        break;
      case 'd':
        s += width(t.n, num(1, 28, 0, 40));
        break;
      case 'H':
        s += width(t.n, num(0, 23, 24, 30));
        break;
      case 'k':
        s += width(t.n, num(1, 24, 0, 30));
        break;
      case 'h':
        s += width(t.n, num(1, 12, 0, 23));
        break;
      case 'K':
        s += width(t.n, num(0, 11, 12, 23));
        break;
      case 'm':
      case 's':
        s += width(t.n, num(0, 59, 60, 99));
        break;
      case 'S': {
        const digits = adjacent ? t.n : r.pick([0, 1, 2, 3, 3, 3, 4, 5, 6, 7, 7]);
        for (let i = 0; i < digits; i++) s += String(r.int(0, 9));
        break;
      }
      case 'E': {
        const d = DAYS[r.int(0, 6)] as string;
        s += t.n >= 4 || r.chance(0.3) ? d : d.slice(0, 3);
        break;
      }
      case 'a':
        s += r.pick(['AM', 'PM', 'am', 'pm', 'Pm', 'A.M.']);
        break;
      case 'G':
        s += r.pick(['AD', 'BC', 'ad']);
        break;
      case 'z':
      case 'Z':
        s += r.chance(0.5) ? r.pick(ZONE_TEXTS) : r.pick(['-0800', '+0530', '+0000', '-0500', '+0100', '-1200', '+1400']);
        break;
      case 'X': {
        const h = r.int(0, 14);
        const m = r.pick([0, 0, 30, 45]);
        const sign = r.pick(['+', '-']);
        const forms = [`${sign}${pad(h, 2)}`, `${sign}${pad(h, 2)}${pad(m, 2)}`, `${sign}${pad(h, 2)}:${pad(m, 2)}`];
        s += r.chance(0.4) ? 'Z' : r.chance(0.8) ? (forms[t.n - 1] as string) : r.pick(forms);
        break;
      }
      case 'D':
        s += width(t.n, num(1, 365, 0, 400));
        break;
      case 'F':
        s += width(t.n, num(1, 5, -1, 7));
        break;
      case 'W':
        s += width(t.n, num(1, 5, 0, 7));
        break;
      case 'w':
        s += width(t.n, num(1, 52, 0, 60));
        break;
      case 'u':
        s += width(t.n, num(1, 7, 0, 9));
        break;
      default:
        s += t.ch;
    }
  }
  // Trailing text is ignored by parse(String); a fraction and a 'Z' after the pattern are the WDATP case.
  if (r.chance(0.3)) s += r.pick(['Z', '.3191352Z', '.35743Z', ' trailing', '+0000', '.5', ' ']);
  if (r.chance(0.08) && !/[zZY]/.test(pattern)) s = corrupt(s, r);
  return s;
}

function corrupt(s: string, r: Random): string {
  if (s.length === 0) return 'x';
  const i = r.int(0, s.length - 1);
  switch (r.int(0, 4)) {
    case 0:
      return s.slice(0, i) + s.slice(i + 1);
    case 1:
      return s.slice(0, i) + 'x' + s.slice(i + 1);
    case 2:
      return s.slice(0, i);
    case 3:
      return s.slice(0, i) + r.pick(['-', '+', ' ', 'E2', '\u0663', 'NaN', '\u221e']) + s.slice(i);
    default:
      return ` ${s}`;
  }
}

/** Instants for Java to format: 1901-2036 mostly, some near DST changes, some outside Java's table range. */
function instant(r: Random): number {
  const roll = r.next();
  if (roll < 0.7) return r.int(Date.UTC(1901, 0, 1) / 1000, Date.UTC(2036, 11, 31) / 1000) * 1000 + r.int(0, 999);
  if (roll < 0.9) {
    // Within three hours of a DST change in New York, Berlin or Los Angeles.
    const y = r.int(1990, 2035);
    const base = r.pick([Date.UTC(y, 2, 14 - ((new Date(Date.UTC(y, 2, 1)).getUTCDay() + 6) % 7) + 7, 7), Date.UTC(y, 9, 31, 1), Date.UTC(y, 10, 1, 6)]);
    return base + r.int(-3 * 3600, 3 * 3600) * 1000;
  }
  return r.int(Date.UTC(1850, 0, 1) / 1000, Date.UTC(2090, 0, 1) / 1000) * 1000;
}

export function generateDateCases(seed: number, perPattern: { formatted: number; built: number }): DateCase[] {
  const r = seededRandom(seed);
  const cases: DateCase[] = [];
  for (const pattern of PATTERNS) {
    for (let i = 0; i < perPattern.formatted; i++) {
      // Zone names before 1950 are a documented gap (Java's historical raw/DST split), so not generated.
      let t = instant(r);
      if (pattern.includes('z')) while (t < Date.UTC(1950, 0, 1)) t = instant(r);
      cases.push({ kind: 'F', pattern, zone: r.pick(ZONES), lenient: r.chance(0.9), payload: String(t) });
    }
    for (let i = 0; i < perPattern.built; i++) {
      cases.push({ kind: 'P', pattern, zone: r.pick(ZONES), lenient: r.chance(0.9), payload: buildText(pattern, r) });
    }
  }
  return cases;
}

/** Hand-picked cases: the WDATP quirk, DST gaps and overlaps, two-digit years, and rejected patterns. */
export const HAND_CASES: Array<Omit<DateCase, 'kind' | 'lenient'> & { lenient?: boolean }> = [
  { pattern: "yyyy-MM-dd'T'hh:mm:ss", zone: 'UTC', payload: '2017-05-07T01:56:59.3191352Z' },
  { pattern: "yyyy-MM-dd'T'hh:mm:ss", zone: 'America/New_York', payload: '2017-05-07T13:56:59.3191352Z' },
  { pattern: "yyyy-MM-dd'T'hh:mm:ss", zone: 'Europe/Berlin', payload: '2020-09-30T14:09:20.35743Z' },
  { pattern: "yyyy-MM-dd'T'HH:mm:ss.SSSX", zone: 'Asia/Kolkata', payload: '2020-09-30T14:09:20.35743Z' },
  { pattern: "yyyy-MM-dd'T'HH:mm:ss.SSS", zone: 'UTC', payload: '2017-05-07T01:56:59.3191352Z' },
  { pattern: "yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'", zone: 'UTC', payload: '2017-05-07T01:56:59.3191352Z' },
  { pattern: 'yyyy-MM-dd HH:mm:ss', zone: 'America/New_York', payload: '2021-03-14 02:30:00' },
  { pattern: 'yyyy-MM-dd HH:mm:ss', zone: 'America/New_York', payload: '2021-11-07 01:30:00' },
  { pattern: 'yyyy-MM-dd HH:mm:ss', zone: 'Europe/Berlin', payload: '2021-03-28 02:30:00' },
  { pattern: 'yyyy-MM-dd HH:mm:ss', zone: 'Europe/Berlin', payload: '2021-10-31 02:30:00' },
  { pattern: 'yyyy-MM-dd HH:mm:ss', zone: 'America/New_York', payload: '2040-03-11 02:30:00' },
  { pattern: 'yyyy-MM-dd HH:mm:ss', zone: 'America/New_York', payload: '2040-11-04 01:30:00' },
  { pattern: 'yyyy-MM-dd HH:mm:ss', zone: 'America/New_York', payload: '1850-06-01 12:00:00' },
  { pattern: 'yyyy-MM-dd HH:mm:ss', zone: 'Asia/Kolkata', payload: '1899-12-31 23:00:00' },
  { pattern: 'yyyy-MM-dd HH:mm:ss', zone: 'Asia/Kolkata', payload: '1903-06-01 12:00:00' },
  { pattern: 'yyyy-MM-dd HH:mm:ss', zone: 'UTC', payload: '1582-10-10 00:00:00' },
  { pattern: 'yyyy-MM-dd HH:mm:ss', zone: 'UTC', payload: '0012-02-29 00:00:00' },
  { pattern: 'yyyy-MM-dd HH:mm:ss', zone: 'UTC', payload: '2021-13-45 25:61:61' },
  { pattern: 'yyyy-MM-dd HH:mm:ss', zone: 'UTC', payload: '2021-00-00 -1:-1:-1' },
  { pattern: 'yyyy-MM-dd HH:mm:ss', zone: 'UTC', payload: '2021-02-30 12:00:00', lenient: false },
  { pattern: 'yyyy-MM-dd HH:mm:ss', zone: 'UTC', payload: '2021-02-28 12:00:00', lenient: false },
  { pattern: 'yyyy-MM-dd HH:mm:ss', zone: 'UTC', payload: '99999999999-01-01 00:00:00' },
  { pattern: 'yyyy-MM-dd HH:mm:ss', zone: 'UTC', payload: '2021-01-01 00:00:4294967296' },
  { pattern: 'yy-MM-dd', zone: 'UTC', payload: '46-06-15' },
  { pattern: 'yy-MM-dd', zone: 'UTC', payload: '46-06-14' },
  { pattern: 'yy-MM-dd', zone: 'UTC', payload: '45-01-01' },
  { pattern: 'yy-MM-dd', zone: 'UTC', payload: '7-01-01' },
  { pattern: 'yy-MM-dd', zone: 'UTC', payload: '123-01-01' },
  { pattern: 'yyyy-MM-dd', zone: 'UTC', payload: '21-01-01' },
  { pattern: 'MMM', zone: 'UTC', payload: 'September' },
  { pattern: 'MMM', zone: 'UTC', payload: 'Sept' },
  { pattern: 'MMMM', zone: 'UTC', payload: 'mAy' },
  { pattern: 'hh:mm a', zone: 'UTC', payload: '12:30 AM' },
  { pattern: 'hh:mm a', zone: 'UTC', payload: '12:30 PM' },
  { pattern: 'hh:mm a', zone: 'UTC', payload: '13:30 PM' },
  // "BST" names Europe/Jersey (London's rules) in daylight time: Java adds an hour of DST to the raw offset of
  // the time. From 27 October 1968 to 31 October 1971 Britain's raw (standard) offset was +01:00.
  { pattern: "yyyyMMdd'T'HHmmss.SSSZ", zone: 'Europe/Berlin', payload: '19710719T134027.7819 BST.5' },
  { pattern: 'yyyy-MM-dd HH:mm z', zone: 'UTC', payload: '1971-10-30 12:00 BST' },
  // Summer 1968 was still summer time on a +00:00 raw offset; the standard +01:00 began on 27 October.
  { pattern: "yyyyMMdd'T'HHmmss.SSSZ", zone: 'Europe/Berlin', payload: '19680410T052922.46BST', lenient: false },
  { pattern: "yyyy-MM-dd'T'HH:mm:ss.SSSZ", zone: 'Europe/Berlin', payload: '1968-  06-20T17:14:25.7231BST' },
  { pattern: 'yyyy-MM-dd HH:mm z', zone: 'UTC', payload: '1968-10-28 12:00 BST' },
  { pattern: 'yyyy-MM-dd HH:mm z', zone: 'UTC', payload: '1942-07-01 12:00 BST' },
  { pattern: 'yyyy-MM-dd HH:mm z', zone: 'UTC', payload: '1970-01-15 12:00 BST' },
  { pattern: 'yyyy-MM-dd HH:mm z', zone: 'UTC', payload: '1972-07-15 12:00 BST' },
  { pattern: 'HH:mm z', zone: 'UTC', payload: '10:00 PST' },
  { pattern: 'HH:mm z', zone: 'UTC', payload: '10:00 PDT' },
  { pattern: 'HH:mm z', zone: 'Europe/Berlin', payload: '10:00 CEST' },
  { pattern: 'yyyy-MM-dd HH:mm z', zone: 'UTC', payload: '2021-07-01 10:00 IST' },
  { pattern: 'yyyy-MM-dd HH:mm z', zone: 'Asia/Kolkata', payload: '2021-07-01 10:00 IST' },
  { pattern: 'yyyy-MM-dd HH:mm Z', zone: 'UTC', payload: '2021-07-01 10:00 GMT+05:30' },
  { pattern: 'yyyy-MM-dd HH:mm Z', zone: 'UTC', payload: '2021-07-01 10:00 EST' },
  { pattern: 'yyyy-MM-dd HH:mm X', zone: 'UTC', payload: '2021-07-01 10:00 +05:30' },
  { pattern: 'yyyy-MM-dd HH:mm XXX', zone: 'UTC', payload: '2021-07-01 10:00 +0530' },
  { pattern: 'yyyyMMdd', zone: 'UTC', payload: '20210230' },
  { pattern: 'yyyyMMdd', zone: 'UTC', payload: '2021023' },
  { pattern: 'yyyyMMdd', zone: 'UTC', payload: ' 20210203' },
  { pattern: 'dd MMM yyyy', zone: 'UTC', payload: '01  Jan 2020' },
  { pattern: 'dd', zone: 'UTC', payload: '12E1' },
  { pattern: 'dd', zone: 'UTC', payload: 'NaN' },
  { pattern: 'dd', zone: 'UTC', payload: '+5' },
  { pattern: 'dd', zone: 'UTC', payload: '\u0661\u0662' },
  { pattern: 'dd', zone: 'UTC', payload: '\uff11\uff12' },
  { pattern: "yyyy-MM-dd'T", zone: 'UTC', payload: '2021-01-01T' },
  { pattern: 'yyyy-MM-dd bb', zone: 'UTC', payload: '2021-01-01' },
  { pattern: 'XXXX', zone: 'UTC', payload: 'Z' },
  { pattern: "''yyyy''", zone: 'UTC', payload: "'2021'" },
  { pattern: '', zone: 'UTC', payload: 'anything' },
  { pattern: 'yyyy', zone: 'Not/AZone', payload: '2021' },
  { pattern: 'yyyy', zone: 'GMT+05:30', payload: '2021' },
  { pattern: 'yyyy', zone: 'GMT+530', payload: '2021' },
  { pattern: 'yyyy', zone: 'UTC+5', payload: '2021' },
  { pattern: 'yyyy', zone: 'EST', payload: '2021' },
  { pattern: 'yyyy-MM', zone: 'PST', payload: '2021-07' },
  { pattern: 'yyyy-MM', zone: 'america/new_york', payload: '2021-07' },
  { pattern: 'YYYY-MM-dd', zone: 'UTC', payload: '2021-07-15' },
  { pattern: "YYYY-'W'ww-u", zone: 'UTC', payload: '2021-W01-1' },
  { pattern: 'E', zone: 'UTC', payload: 'Mon' },
  { pattern: 'u', zone: 'UTC', payload: '3' },
  { pattern: 'yyyy G', zone: 'UTC', payload: '0044 BC' },
  // Which error a bad pattern gets when it has two: Java reads the pattern once, left to right.
  { pattern: 'XXXXb', zone: 'UTC', payload: 'Z' },
  { pattern: 'XXXX-b', zone: 'UTC', payload: 'Z' },
  { pattern: "XXXX'abc", zone: 'UTC', payload: 'Z' },
  { pattern: "XXXX''", zone: 'UTC', payload: 'Z' },
  { pattern: "b'abc", zone: 'UTC', payload: 'abc' },
  { pattern: "yyyy'abc", zone: 'UTC', payload: '2021abc' },
  { pattern: "'o''clock' HH", zone: 'UTC', payload: "o'clock 10" },
  { pattern: "HH 'o''clock'", zone: 'UTC', payload: "10 o'clock" },
  // Non-lenient week dates around the turn of the year (week 1 may start in December, the last week end in January).
  { pattern: "YYYY-'W'ww-u", zone: 'UTC', payload: '2020-W53-4', lenient: false },
  { pattern: "YYYY-'W'ww-u", zone: 'UTC', payload: '2021-W01-1', lenient: false },
  { pattern: "YYYY-'W'ww-u", zone: 'UTC', payload: '2021-W52-7', lenient: false },
  { pattern: "YYYY-'W'ww-u", zone: 'UTC', payload: '2021-W53-1', lenient: false },
  { pattern: "YYYY-'W'ww-u", zone: 'UTC', payload: '2022-W01-1', lenient: false },
  { pattern: "YYYY-'W'ww-u", zone: 'UTC', payload: '2026-W01-4', lenient: false },
  { pattern: "YYYY-'W'ww-u", zone: 'UTC', payload: '2025-W53-3', lenient: false },
  { pattern: "YYYY-'W'ww-u", zone: 'UTC', payload: '2019-W01-1', lenient: false },
  { pattern: "YYYY-'W'ww-u", zone: 'UTC', payload: '2018-W53-2', lenient: false },
];
