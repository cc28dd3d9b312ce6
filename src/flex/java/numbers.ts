/**
 * Integer.parseInt / Long.parseLong (radix 10): an optional single '+' or '-', then at least one digit, nothing
 * else (no whitespace, no underscores). Java's Character.digit also accepts non-ASCII decimal digits (for example
 * Arabic-Indic or full-width), so those count too. Anything else is a NumberFormatException, returned as null.
 */

/** Integer.MIN_VALUE and MAX_VALUE. */
export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;
/** Long.MIN_VALUE and MAX_VALUE. */
export const LONG_MIN = -9223372036854775808n;
export const LONG_MAX = 9223372036854775807n;

/** Value 0-9 of a decimal digit as Java's Character.digit(c, 10) sees it (BMP and supplementary), else -1. */
export function javaDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code < 0x80) return -1;
  // Java also treats full-width and other-script Latin letters as digits only for radix > 10, so 10 is plain Nd.
  return unicodeDecimalDigit(code);
}

const ND = /^\p{Nd}$/u;

/** Decimal digit value of a Unicode Nd code point: Nd code points come in aligned runs of ten starting at zero. */
function unicodeDecimalDigit(code: number): number {
  if (!ND.test(String.fromCodePoint(code))) return -1;
  let start = code;
  while (start > 0 && ND.test(String.fromCodePoint(start - 1))) start--;
  return (code - start) % 10;
}

/** Splits "+123"/"-123"/"123" into sign and digit values; null when Java would reject the string. */
function digitsOf(s: string): { negative: boolean; digits: number[] } | null {
  const n = s.length;
  if (n === 0) return null;
  let i = 0;
  let negative = false;
  const first = s.charCodeAt(0);
  if (first === 0x2d || first === 0x2b) {
    negative = first === 0x2d;
    i = 1;
    if (n === 1) return null;
  }
  const digits: number[] = [];
  // Java iterates UTF-16 chars, so a supplementary digit (a surrogate pair) is two non-digits: reject it.
  for (; i < n; i++) {
    const d = javaDigit(s.charCodeAt(i));
    if (d < 0) return null;
    digits.push(d);
  }
  return { negative, digits };
}

export function parseJavaInt(s: string): number | null {
  // Fast path for the common plain ASCII case.
  if (/^[+-]?[0-9]{1,9}$/.test(s)) {
    const v = Number(s);
    return v === 0 ? 0 : v;
  }
  const p = digitsOf(s);
  if (p === null) return null;
  let v = 0;
  for (const d of p.digits) {
    v = v * 10 + d;
    if (v > INT_MAX + 1) return null;
  }
  if (p.negative) v = -v;
  if (v < INT_MIN || v > INT_MAX) return null;
  return v === 0 ? 0 : v;
}

export function parseJavaLong(s: string): bigint | null {
  if (/^[+-]?[0-9]{1,18}$/.test(s)) return BigInt(s);
  const p = digitsOf(s);
  if (p === null) return null;
  let v = 0n;
  for (const d of p.digits) {
    v = v * 10n + BigInt(d);
    if (v > LONG_MAX + 1n) return null;
  }
  if (p.negative) v = -v;
  if (v < LONG_MIN || v > LONG_MAX) return null;
  return v;
}

/**
 * Double.parseDouble: Java trims ASCII control/space (<= U+0020) at both ends, accepts an optional sign, decimal
 * or hexadecimal floating literals with an optional f/F/d/D suffix, "NaN" and "Infinity". Returns null on
 * NumberFormatException.
 */
export function parseJavaDouble(s: string): number | null {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 0x20) a++;
  while (b > a && s.charCodeAt(b - 1) <= 0x20) b--;
  const t = s.slice(a, b);
  const m =
    /^([+-]?)(?:(NaN)|(Infinity)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[fFdD]?|0[xX]((?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+))[pP]([+-]?\d+)[fFdD]?)$/.exec(
      t,
    );
  if (!m) return null;
  const sign = m[1] === '-' ? -1 : 1;
  if (m[2]) return NaN;
  if (m[3]) return sign * Infinity;
  if (m[4] !== undefined) return sign * Number(m[4]);
  const mant = m[5] as string;
  const dot = mant.indexOf('.');
  const intPart = dot < 0 ? mant : mant.slice(0, dot);
  const frac = dot < 0 ? '' : mant.slice(dot + 1);
  const all = (intPart + frac).replace(/^0+/, '') || '0';
  // Exact enough for the hex form: BigInt mantissa scaled by a power of two.
  const exp = Number(m[6]) - 4 * frac.length;
  return sign * hexScale(BigInt('0x' + all), exp);
}

/** mantissa * 2^exp correctly rounded (half-even) to a double, subnormals included. */
function hexScale(mantissa: bigint, exp: number): number {
  if (mantissa === 0n) return 0;
  const top = mantissa.toString(2).length - 1 + exp; // exponent of the leading bit
  if (top > 1023) return Infinity;
  // The weight of the last bit a double keeps here: 53 significant bits, but never below 2^-1074.
  const lsb = Math.max(top - 52, -1074);
  const shift = lsb - exp;
  let q: bigint;
  if (shift <= 0) {
    q = mantissa << BigInt(-shift);
  } else {
    q = mantissa >> BigInt(shift);
    const rest = mantissa - (q << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
  }
  return Number(q) * 2 ** lsb;
}
