import type { FlexValue } from '../value.js';
import { IpAddress } from '../value.js';
import { parseAddress } from './address.js';
import { describe, isPresent, toAddress, toDouble, toInteger, toLong, toMac, toStringValue, toTimestamp } from './coerce.js';
import { arg, simple, withCompile, type OperationSpec } from './define.js';

/** __oneOf and its typed variants, the conditionals and __simpleMap. */

function firstPresent(args: readonly FlexValue[]): FlexValue {
  for (const a of args) if (isPresent(a)) return a;
  return null;
}

/**
 * Java's String.valueOf(a).equals(String.valueOf(b)) as FlexEngine compares. Java would print null as
 * "null"; we keep null distinct from the text "null" (only null equals null), which no real file relies on.
 */
function sameText(a: FlexValue, b: FlexValue): boolean {
  if (a === null || b === null) return a === b;
  return toStringValue(a) === toStringValue(b);
}

export const CHOICE_OPERATIONS: OperationSpec[] = [
  simple(
    {
      name: '__oneOf',
      minArgs: 1,
      maxArgs: Infinity,
      returns: 'Any',
      summary: 'The first argument that is not null and not zero-length, unchanged.',
      source: 'documented',
      details: 'Reference: (Token12,"","three") gives "three" when Token12 is null. FlexEngine returns the argument object itself, so its type is kept.',
    },
    (args) => firstPresent(args),
  ),
  simple(
    {
      name: '__oneOfInteger',
      minArgs: 1,
      maxArgs: Infinity,
      returns: 'Integer',
      summary: 'The first non-null, non-empty argument converted to an Integer (null + warning when it is not one).',
      source: 'documented',
      details:
        'Reference example for the Long variant: __oneOfLong(,ABC,123) gives NULL, so the first non-empty argument is chosen and then converted; a bad one is not skipped.',
    },
    (args, ctx) => toInteger(firstPresent(args), ctx),
  ),
  simple(
    {
      name: '__oneOfLong',
      minArgs: 1,
      maxArgs: Infinity,
      returns: 'Long',
      summary: 'The first non-null, non-empty argument converted to a Long (null + warning when it is not one).',
      source: 'documented',
      details: 'Reference: __oneOfLong(,ABC,123) gives NULL.',
    },
    (args, ctx) => toLong(firstPresent(args), ctx),
  ),
  simple(
    {
      name: '__oneOfDateTime',
      minArgs: 1,
      maxArgs: Infinity,
      returns: 'TimeStamp',
      summary: 'The first non-null, non-empty argument as a TimeStamp (epoch ms or ISO-8601 text).',
      source: 'unverified',
      details: 'Modelled on __oneOfLong: the first non-empty argument is converted; text must be epoch milliseconds or ISO-8601 since no pattern can be given.',
    },
    (args, ctx) => toTimestamp(firstPresent(args), ctx),
  ),
  simple(
    {
      name: '__oneOfAddress',
      minArgs: 1,
      maxArgs: Infinity,
      returns: 'IPAddress',
      summary: 'The first argument that is a valid IP address (IPv4 or IPv6); null when none is.',
      source: 'unverified',
      details:
        'Reference: a String 1.2.3.4 gives the address 1.2.3.4. Modelled on __oneOfMac ("returns the first valid MAC address"): invalid arguments are skipped.',
    },
    (args) => {
      for (const a of args) {
        const v = toAddress(a);
        if (v !== null) return v;
      }
      return null;
    },
  ),
  simple(
    {
      name: '__oneOfMac',
      minArgs: 1,
      maxArgs: Infinity,
      returns: 'MacAddress',
      summary: 'The first argument that is a valid MAC address (text or 48-bit number); null when none is.',
      source: 'documented',
      details: 'Reference: "Returns the first valid MAC address, or null if there aren\'t any."',
    },
    (args) => {
      for (const a of args) {
        const v = toMac(a);
        if (v !== null) return v;
      }
      return null;
    },
  ),
  simple(
    {
      name: '__oneOfHostName',
      minArgs: 1,
      maxArgs: Infinity,
      returns: 'String',
      summary: 'Like __oneOf, but arguments that look like an IP address are skipped.',
      source: 'documented',
      details: 'Reference: ("1.2.3.4", param2, ...) gives param2. "Looks like an IP address" = parses as IPv4 or IPv6.',
    },
    (args) => {
      for (const a of args) {
        if (!isPresent(a) || a instanceof IpAddress) continue;
        const s = toStringValue(a)!;
        if (parseAddress(s) === null) return s;
      }
      return null;
    },
  ),
  simple(
    {
      name: '__oneOfNetBIOSName',
      minArgs: 1,
      maxArgs: Infinity,
      returns: 'String',
      summary: 'Like __oneOf, then one or two leading backslashes are removed.',
      source: 'documented',
      details: 'Reference: "removes 1 or 2 \\\\ if present, before returning the result".',
    },
    (args) => {
      const v = firstPresent(args);
      if (v === null) return null;
      return toStringValue(v)!.replace(/^\\{1,2}/, '');
    },
  ),
  simple(
    {
      name: '__ifThenElse',
      minArgs: 4,
      maxArgs: 4,
      returns: 'Any',
      summary: 'Third argument when the first two are equal as text, else the fourth.',
      source: 'documented',
      details:
        'FlexEngine: String.valueOf(a).equals(String.valueOf(b)). Reference: __ifThenElse(in,"in","SAME","DIFFERENT") gives SAME. Empty arguments are null; null equals only null.',
    },
    (args) => (sameText(arg(args, 0), arg(args, 1)) ? arg(args, 2) : arg(args, 3)),
  ),
  simple(
    {
      name: '__ifThenElseAddress',
      minArgs: 4,
      maxArgs: 4,
      returns: 'IPAddress',
      summary: '__ifThenElse whose result is converted to an IP address.',
      source: 'inferred',
      details: 'Seen as __ifThenElseAddress(source,,final_source,source): when source is null take final_source.',
    },
    (args, ctx) => toAddress(sameText(arg(args, 0), arg(args, 1)) ? arg(args, 2) : arg(args, 3), ctx),
  ),
  simple(
    {
      name: '__ifAorBThenElse',
      minArgs: 5,
      maxArgs: 5,
      returns: 'Any',
      summary: 'Fourth argument when the first equals the second or the third (as text), else the fifth.',
      source: 'documented',
      details: 'FlexEngine; a null or empty first argument matches a null or empty second or third argument.',
    },
    (args) => {
      const x = arg(args, 0);
      const hit = isPresent(x) ? sameText(x, arg(args, 1)) || sameText(x, arg(args, 2)) : !isPresent(arg(args, 1)) || !isPresent(arg(args, 2));
      return hit ? arg(args, 3) : arg(args, 4);
    },
  ),
  // Unverified on purpose: the two sources disagree (text vs Integer comparison); we take FlexEngine's Integer
  // comparison with a strict ">" (both sources say "larger"/">", not ">="). The details string says why.
  simple(
    {
      name: '__ifGreaterOrEqual',
      minArgs: 4,
      maxArgs: 4,
      returns: 'Any',
      summary: 'Third argument when the first is numerically larger than the second (Integers; unparsable = 0), else the fourth.',
      source: 'unverified',
      details:
        'The sources disagree on how to compare. The tested-examples table says "if 1st string > 2nd string" (its one example, "101" vs "100", fits both readings); FlexEngine, whose comment reads like the vendor guide, parses both as Integers, treats unparsable values as 0, tests strictly greater and returns null when either of the first two is null. We follow FlexEngine: a text comparison would put "9" after "10", which no numeric mapping intends. Neither source says "or equal", despite the name.',
    },
    (args, ctx) => {
      const a = arg(args, 0);
      const b = arg(args, 1);
      if (a === null || b === null) {
        ctx.warn('invalid-argument', '__ifGreaterOrEqual: one of the first two arguments is null');
        return null;
      }
      const asInt = (v: FlexValue): number => {
        // Integer.valueOf for text, intValue() for numbers (a Long keeps its low 32 bits), 0 for anything else.
        let n: number | null = null;
        if (typeof v === 'string' || typeof v === 'number') n = toInteger(v);
        else if (typeof v === 'bigint') n = Number(BigInt.asIntN(32, v));
        if (n === null) ctx.warn('conversion-failed', `__ifGreaterOrEqual: ${describe(v)} is not an Integer; using 0`);
        return n ?? 0;
      };
      return asInt(a) > asInt(b) ? arg(args, 2) : arg(args, 3);
    },
  ),
  simple(
    {
      name: '__ifPositive',
      aliases: ['__ifPositiveOperation'],
      minArgs: 3,
      maxArgs: 3,
      returns: 'Any',
      summary: 'Second argument when the first is a number greater than zero, else the third.',
      source: 'documented',
      details:
        'Reference: __ifPositiveOperation(-5+7,"String1","String2") gives String1 (the first argument there is 2). Text is read as a Java double; null or non-numbers take the else branch.',
    },
    (args) => {
      const n = toDouble(arg(args, 0));
      return n !== null && n > 0 ? arg(args, 1) : arg(args, 2);
    },
  ),
  simple(
    {
      name: '__ifTrueThenElse',
      minArgs: 3,
      maxArgs: 3,
      returns: 'Any',
      summary: 'Second argument when the first is "true" (any case, as Boolean.parseBoolean), else the third.',
      source: 'unverified',
      details: "Only the name is known; we read the condition like Java's Boolean.parseBoolean.",
    },
    (args) => (toStringValue(arg(args, 0))?.toLowerCase() === 'true' ? arg(args, 1) : arg(args, 2)),
  ),
  withCompile(
    {
      name: '__simpleMap',
      minArgs: 2,
      maxArgs: Infinity,
      returns: 'String',
      summary: 'Looks the first argument up in "key=value" arguments; a one-character last argument is the delimiter instead of "=".',
      source: 'documented',
      details:
        'FlexEngine/vendor text: the value after "<token><delimiter>" of the first argument that starts with it; no match gives null. Reference: (acceptedrejected,"1=User Accepted","2=User Rejected") with "1" gives "User Accepted". A null token gives null (FlexEngine would look up "null").',
    },
    (literals) => {
      const count = literals.length;
      const lastLiteral = literals[count - 1];
      // When every entry is a literal, build the table once: the first entry for a key wins, as in the scan.
      const delimiterKnown = lastLiteral !== undefined;
      const delimiter = delimiterKnown && lastLiteral.length === 1 ? lastLiteral : '=';
      const entryEnd = delimiterKnown && lastLiteral.length === 1 ? count - 1 : count;
      const allLiteral = delimiterKnown && literals.slice(1, entryEnd).every((l) => l !== undefined);
      if (allLiteral) {
        const table = new Map<string, string>();
        const prefixes: string[] = [];
        for (const entry of literals.slice(1, entryEnd) as string[]) {
          prefixes.push(entry);
          const i = entry.indexOf(delimiter);
          if (i >= 0 && !table.has(entry.slice(0, i))) table.set(entry.slice(0, i), entry.slice(i + 1));
        }
        return (args) => {
          const key = toStringValue(arg(args, 0));
          if (key === null) return null;
          if (!key.includes(delimiter)) return table.get(key) ?? null;
          return scan(key + delimiter, prefixes);
        };
      }
      return (args) => {
        const key = toStringValue(arg(args, 0));
        if (key === null) return null;
        const last = toStringValue(arg(args, args.length - 1));
        const oneChar = last !== null && last.length === 1;
        const entries = args.slice(1, oneChar ? args.length - 1 : args.length).map(toStringValue);
        return scan(key + (oneChar ? last : '='), entries);
      };
    },
  ),
];

/** The value after `search` in the first entry that starts with it. */
function scan(search: string, entries: ReadonlyArray<string | null>): string | null {
  for (const e of entries) if (e !== null && e.startsWith(search)) return e.slice(search.length);
  return null;
}
