/**
 * The number parsing SimpleDateFormat does for numeric fields: a java.text.DecimalFormat integer instance for
 * Locale.US with grouping off and parseIntegerOnly on. It reads an optional '-', digits (any Unicode decimal
 * digit), stops at '.', honours an exponent "E[-]digits", accepts "NaN" and "∞", and the field gets
 * Number.intValue() of the result (a long is truncated to its low 32 bits, a double saturates).
 */
import { javaDigit } from '../numbers.js';

export interface NumberResult {
  value: number;
  end: number;
}

const LONG_MAX_DIGITS = '9223372036854775807';
const LONG_MIN_DIGITS = '9223372036854775808';

/** End index of the last successful parseFieldValue (kept outside the result to avoid an allocation per field). */
export let numberEnd = 0;

/**
 * Parses text[from, limit) and returns the field value, or NaN where DecimalFormat.parse returns null; the end
 * index is left in `numberEnd`.
 */
export function parseFieldValue(text: string, from: number, limit: number): number {
  // Fast path: up to 9 plain ASCII digits not followed by another digit-like character or an exponent.
  let i = from;
  let v = 0;
  while (i < limit && i - from < 9) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    v = v * 10 + (c - 0x30);
    i++;
  }
  if (i > from) {
    const next = i < limit ? text.charCodeAt(i) : 0;
    if (next < 0x30 || (next > 0x39 && next !== 0x45 && next < 0x80)) {
      numberEnd = i;
      return v;
    }
  }
  const r = parseFieldNumber(text, from, limit);
  if (r === null) return NaN;
  numberEnd = r.end;
  return r.value;
}

/** Parses text[from, limit). Returns null where DecimalFormat.parse returns null. */
export function parseFieldNumber(text: string, from: number, limit: number): NumberResult | null {
  // DecimalFormat checks for the NaN symbol before anything else.
  if (limit - from >= 3 && text.startsWith('NaN', from)) return { value: 0, end: from + 3 };
  let pos = from;
  let negative = false;
  if (pos < limit && text.charCodeAt(pos) === 0x2d) {
    negative = true;
    pos++;
  }
  if (pos < limit && text.charCodeAt(pos) === 0x221e) {
    return { value: negative ? -2147483648 : 2147483647, end: pos + 1 };
  }
  // Fast path: ASCII digits only, no exponent, short enough to be exact.
  let digits = '';
  let sawDigit = false;
  let i = pos;
  for (; i < limit; i++) {
    const c = text.charCodeAt(i);
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c < 0x80 ? -1 : javaDigit(c);
    if (d < 0) break;
    sawDigit = true;
    if (d === 0 && digits.length === 0) continue; // leading zeros are not significant
    digits += String.fromCharCode(0x30 + d);
  }
  if (!sawDigit) return null;
  let decimalAt = digits.length;
  // Exponent: "E", optional "-", at least one digit; anything else leaves the 'E' unread.
  if (i < limit && text.charCodeAt(i) === 0x45) {
    let j = i + 1;
    let expNegative = false;
    if (j < limit && text.charCodeAt(j) === 0x2d) {
      expNegative = true;
      j++;
    }
    let expDigits = '';
    let expSawDigit = false;
    for (; j < limit; j++) {
      const c = text.charCodeAt(j);
      const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c < 0x80 ? -1 : javaDigit(c);
      if (d < 0) break;
      expSawDigit = true;
      if (d === 0 && expDigits.length === 0) continue;
      expDigits += String.fromCharCode(0x30 + d);
    }
    if (expSawDigit && fitsLong(expDigits, !expNegative)) {
      const e = Number(BigInt.asIntN(32, BigInt(expDigits || '0')));
      decimalAt += expNegative ? -e : e;
      i = j;
    }
  }
  return { value: intValue(digits, decimalAt, negative), end: i };
}

/** Whether the digit string (no leading zeros) fits a Java long of the given sign. */
function fitsLong(digits: string, positive: boolean): boolean {
  if (digits.length < 19) return true;
  if (digits.length > 19) return false;
  return digits <= (positive ? LONG_MAX_DIGITS : LONG_MIN_DIGITS);
}

/** DigitList -> Long or Double -> Number.intValue(). */
function intValue(digits: string, decimalAt: number, negative: boolean): number {
  const trimmed = digits.replace(/0+$/, '');
  if (trimmed.length === 0) return 0;
  if (trimmed.length <= decimalAt && decimalAt <= 19) {
    const whole = trimmed + '0'.repeat(decimalAt - trimmed.length);
    if (decimalAt < 19 || fitsLong(whole, !negative)) {
      if (decimalAt <= 9) {
        const v = Number(whole);
        return negative ? -v | 0 : v | 0;
      }
      const big = BigInt(whole);
      return Number(BigInt.asIntN(32, negative ? -big : big));
    }
  }
  // Double path: fractional digits or beyond the long range.
  const d = Number(`${negative ? '-' : ''}0.${trimmed}e${decimalAt}`);
  if (Number.isNaN(d)) return 0;
  if (d >= 2147483647) return 2147483647;
  if (d <= -2147483648) return -2147483648;
  return Math.trunc(d) | 0;
}
