/** Locale.US DateFormatSymbols and Java's case-insensitive String.regionMatches. */

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Index 0 unused: Calendar.SUNDAY is 1. */
export const WEEKDAYS = ['', 'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const SHORT_WEEKDAYS = ['', 'Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const ERAS = ['BC', 'AD'];
export const AM_PM = ['AM', 'PM'];

/** Character.toUpperCase / toLowerCase of one UTF-16 unit (JS may map one char to several; Java never does). */
function upper(c: string): string {
  const u = c.toUpperCase();
  return u.length === 1 ? u : c;
}
function lower(c: string): string {
  const l = c.toLowerCase();
  return l.length === 1 ? l : c;
}

/** String.regionMatches(true, start, name, 0, name.length()). */
export function regionMatchesIgnoreCase(text: string, start: number, name: string): boolean {
  const n = name.length;
  if (start < 0 || start + n > text.length) return false;
  for (let i = 0; i < n; i++) {
    const a = text.charCodeAt(start + i);
    const b = name.charCodeAt(i);
    if (a === b) continue;
    if (a < 0x80 && b < 0x80) {
      // ASCII letters differ only in bit 0x20.
      if ((a | 0x20) !== (b | 0x20) || (a | 0x20) < 0x61 || (a | 0x20) > 0x7a) return false;
      continue;
    }
    const ca = text[start + i] as string;
    const cb = name[i] as string;
    const ua = upper(ca);
    const ub = upper(cb);
    if (ua === ub) continue;
    if (lower(ua) === lower(ub)) continue;
    return false;
  }
  return true;
}

/**
 * SimpleDateFormat.matchString over an array: the longest entry that matches at `start` (first one on ties),
 * or -1. Returns the index into `names`.
 */
export function longestMatch(text: string, start: number, names: readonly string[]): number {
  let best = -1;
  let bestLength = 0;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (name.length > bestLength && regionMatchesIgnoreCase(text, start, name)) {
      best = i;
      bestLength = name.length;
    }
  }
  return best;
}
