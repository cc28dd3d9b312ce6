import type { FlexValue } from '../value.js';
import { INT_MAX, INT_MIN, LONG_MAX, LONG_MIN } from '../java/index.js';
import { describe, doubleToLong, javaTrim, toDouble, toInteger, toLong, toStringValue } from './coerce.js';
import { arg, simple, type OperationSpec } from './define.js';
import type { EvalContext } from './types.js';

/** Integer and Long operations. */

/** Java's (int) of a long: keeps the low 32 bits. */
function longToInt(n: bigint): number {
  return Number(BigInt.asIntN(32, n));
}

/**
 * Arithmetic as the reference shows it: arguments may be Integers or text holding floating-point numbers,
 * and __divide(200,3) gives 67, so the arithmetic is done in double and rounded (Math.round) to an Integer.
 */
function arithmetic(name: string, summary: string, apply: (a: number, b: number) => number, details: string): OperationSpec {
  return simple({ name, minArgs: 2, maxArgs: 2, returns: 'Integer', summary, source: 'documented', details }, (args, ctx) => {
    const a = toDouble(arg(args, 0), ctx);
    const b = toDouble(arg(args, 1), ctx);
    if (a === null || b === null) return null;
    if (name === '__divide' && b === 0) {
      ctx.warn('division-by-zero', `__divide: division of ${describe(arg(args, 0))} by zero`);
      return null;
    }
    const r = apply(a, b);
    if (!Number.isFinite(r)) {
      ctx.warn('invalid-argument', `${name}: the result is not a finite number`);
      return null;
    }
    // Math.round(double) is a long in Java; the Integer result keeps its low 32 bits.
    return longToInt(doubleToLong(Math.round(r)));
  });
}

/** Text that may carry a 0x prefix to a Long; null when it is not hex or does not fit in a signed Long. */
export function parseHexLong(text: string): bigint | null {
  const m = /^(-)?(?:0[xX])?([0-9A-Fa-f]{1,16})$/.exec(javaTrim(text));
  if (!m) return null;
  const n = BigInt(`0x${m[2]}`) * (m[1] ? -1n : 1n);
  return n >= LONG_MIN && n <= LONG_MAX ? n : null;
}

function positiveInteger(value: FlexValue): number | null {
  const n = toInteger(typeof value === 'string' ? javaTrim(value) : value);
  return n !== null && n > 0 ? n : null;
}

export const NUMBER_OPERATIONS: OperationSpec[] = [
  simple(
    {
      name: '__integerConstant',
      minArgs: 1,
      maxArgs: 1,
      returns: 'Integer',
      summary: 'The argument as an Integer; text that is not a valid Integer gives null.',
      source: 'documented',
      details: 'Reference: __integerConstant(42) gives 42, __integerConstant(42a) gives NULL. Integer.parseInt rules (no spaces, optional sign).',
    },
    (args, ctx) => toInteger(arg(args, 0), ctx),
  ),
  simple(
    {
      name: '__longConstant',
      minArgs: 1,
      maxArgs: 1,
      returns: 'Long',
      summary: 'The argument as a Long; text that is not a valid Long gives null.',
      source: 'inferred',
      details: 'The Long counterpart of __integerConstant (Long.parseLong rules).',
    },
    (args, ctx) => toLong(arg(args, 0), ctx),
  ),
  simple(
    {
      name: '__safeToInteger',
      minArgs: 1,
      maxArgs: 1,
      returns: 'Integer',
      summary: 'The argument as an Integer, surrounding blanks ignored; null without a warning when it is not one.',
      source: 'unverified',
      details:
        'The "safe" operations exist to return null silently (reference §1.11). We trim blanks (Java trim) before Integer.parseInt; decimals such as "3.5" are not integers and give null.',
    },
    (args) => {
      const v = arg(args, 0);
      return toInteger(typeof v === 'string' ? javaTrim(v) : v);
    },
  ),
  simple(
    {
      name: '__safeToLong',
      minArgs: 1,
      maxArgs: 1,
      returns: 'Long',
      summary: 'The argument as a Long, surrounding blanks ignored; null without a warning when it is not one.',
      source: 'unverified',
      details: 'As __safeToInteger, with Long.parseLong.',
    },
    (args) => {
      const v = arg(args, 0);
      return toLong(typeof v === 'string' ? javaTrim(v) : v);
    },
  ),
  simple(
    {
      name: '__safeToRoundedLong',
      minArgs: 1,
      maxArgs: 1,
      returns: 'Long',
      summary: 'The argument read as a floating-point number and rounded (Math.round) to a Long; null silently on failure.',
      source: 'unverified',
      details: 'By the name: Double.parseDouble, then Math.round; no warning on failure like the other safe operations.',
    },
    (args) => {
      const d = toDouble(arg(args, 0));
      return d === null || Number.isNaN(d) ? null : doubleToLong(Math.round(d));
    },
  ),
  simple(
    {
      name: '__parseSignedLong',
      minArgs: 1,
      maxArgs: 1,
      returns: 'Long',
      summary: 'Signed decimal text (blanks ignored) to a Long; null with a warning when it is not one.',
      source: 'unverified',
      details: 'No semantics are documented; we read it as Long.parseLong of the trimmed text.',
    },
    (args, ctx) => {
      const v = arg(args, 0);
      return toLong(typeof v === 'string' ? javaTrim(v) : v, ctx);
    },
  ),
  simple(
    {
      name: '__integerToLong',
      minArgs: 1,
      maxArgs: 1,
      returns: 'Long',
      summary: 'An Integer widened to a Long; null gives null.',
      source: 'documented',
      details: 'Reference: "takes an Integer, returns a Long; null gets a null" (123 gives 123).',
    },
    (args, ctx) => {
      const n = toInteger(arg(args, 0), ctx);
      return n === null ? null : BigInt(n);
    },
  ),
  simple(
    {
      name: '__longToInteger',
      minArgs: 1,
      maxArgs: 1,
      returns: 'Integer',
      summary: "A Long narrowed to an Integer like Java's (int) cast (keeps the low 32 bits).",
      source: 'unverified',
      details:
        'No semantics are documented; a Java implementation would most plausibly call Long.intValue(), which wraps values outside the int range. We warn when that happens.',
    },
    (args, ctx) => {
      const n = toLong(arg(args, 0), ctx);
      if (n === null) return null;
      if (n < BigInt(INT_MIN) || n > BigInt(INT_MAX)) ctx.warn('value-truncated', `__longToInteger: ${n} is outside the Integer range and wraps`);
      return longToInt(n);
    },
  ),
  arithmetic(
    '__sum',
    'a + b, computed in double and rounded to an Integer.',
    (a, b) => a + b,
    'Reference: 12 + 13 gives 25; arguments may be Integers or text holding floating-point numbers.',
  ),
  arithmetic('__subtract', 'a - b, computed in double and rounded to an Integer.', (a, b) => a - b, 'Reference: 13 - 12 gives 1.'),
  arithmetic('__product', 'a * b, computed in double and rounded to an Integer.', (a, b) => a * b, 'As __sum; no example is documented.'),
  arithmetic(
    '__divide',
    'a / b, computed in double and rounded (Math.round) to an Integer; division by zero: null + warning.',
    (a, b) => a / b,
    'Reference: 200/3 gives 67 and 200/6 gives 33, so the quotient is rounded, not truncated.',
  ),
  simple(
    {
      name: '__firstOfPositiveInteger',
      minArgs: 1,
      maxArgs: Infinity,
      returns: 'Integer',
      summary: 'The first argument that is an Integer greater than zero; null when there is none.',
      source: 'documented',
      details: 'Reference: (-1,3,5) gives 3. Arguments that are not Integers are skipped.',
    },
    (args) => {
      for (const a of args) {
        const n = positiveInteger(a);
        if (n !== null) return n;
      }
      return null;
    },
  ),
  simple(
    {
      name: '__getNotZeroPort',
      minArgs: 1,
      maxArgs: 1,
      returns: 'Integer',
      summary: 'The argument as an Integer unless it is null, not a valid Integer, or zero (then null).',
      source: 'documented',
      details: 'Reference: "If the TOKEN is a null, or not a valid Integer, or zero, then result is NULL" ("123" gives 123). No warning.',
    },
    (args) => {
      const v = arg(args, 0);
      const n = toInteger(typeof v === 'string' ? javaTrim(v) : v);
      return n === null || n === 0 ? null : n;
    },
  ),
  simple(
    {
      name: '__hexStringToLong',
      minArgs: 1,
      maxArgs: 1,
      returns: 'Long',
      summary: 'Hex text (optional 0x prefix) to a Long; not hex or over 64 bits: null + warning.',
      source: 'documented',
      details: 'Reference: 0xABCDEF gives 11259375. Values above Long.MAX_VALUE fail as Long.parseLong(s, 16) would.',
    },
    (args, ctx) => {
      const v = arg(args, 0);
      if (v === null) return null;
      if (typeof v === 'bigint') return v;
      const s = toStringValue(v)!;
      const n = parseHexLong(s);
      if (n === null) ctx.warn('conversion-failed', `__hexStringToLong: ${describe(s)} is not a hexadecimal Long`);
      return n;
    },
  ),
  simple(
    {
      name: '__toHex',
      minArgs: 1,
      maxArgs: 2,
      returns: 'String',
      summary: '"0x" and the upper-case hex digits of a Long, zero-padded to the width given as second argument.',
      source: 'documented',
      details:
        "Reference: __toHex(65535,8) gives 0x0000FFFF. Negative numbers use Java's two's-complement Long.toHexString; a width below the digit count does not truncate.",
    },
    (args, ctx) => {
      const n = toLong(arg(args, 0), ctx);
      if (n === null) return null;
      const widthArg = arg(args, 1);
      const width = widthArg === null ? 0 : toInteger(typeof widthArg === 'string' ? javaTrim(widthArg) : widthArg, ctx);
      if (width === null) return null;
      const digits = BigInt.asUintN(64, n).toString(16).toUpperCase();
      return `0x${digits.padStart(Math.min(Math.max(width, 0), 64), '0')}`;
    },
  ),
  priority('__getManhuntPriority', 256, 'Reference: (PriorityLong1 * ReliabilityLong2)/256.'),
  priority('__getSymantecNSPriority', 10, 'Reference: (SevLong1 * ReliabilityLong2)/10.'),
];

function priority(name: string, divisor: number, details: string): OperationSpec {
  return simple(
    { name, minArgs: 2, maxArgs: 2, returns: 'Integer', summary: `(a * b) / ${divisor} with Java's integer division.`, source: 'inferred', details },
    (args: FlexValue[], ctx: EvalContext) => {
      const a = toLong(arg(args, 0), ctx);
      const b = toLong(arg(args, 1), ctx);
      if (a === null || b === null) return null;
      return longToInt(BigInt.asIntN(64, a * b) / BigInt(divisor));
    },
  );
}
