/**
 * The v2 AlertTime → deviceReceiptTime expression, evaluated with a minimal reading of the documented
 * operations it uses (regexToken = first group of a whole-input match, concatenate skips nulls, the timestamp
 * parse of yyyy-MM-dd'T'HH:mm:ss.SSSZ). This proves the expression's own logic (fraction extraction, padding,
 * truncation, explicit zone) for every fraction length; the flex engine tests prove the operations themselves.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { V2_MAPPINGS } from './expected-mappings.js';

type Value = string | null;
type Node = { call: string; args: Node[] } | { str: string } | { token: string } | { empty: true };

function parseExpression(src: string): Node {
  let i = 0;
  const parse = (): Node => {
    if (src[i] === '"') {
      const end = src.indexOf('"', i + 1);
      const str = src.slice(i + 1, end);
      i = end + 1;
      return { str };
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))?.[0] ?? '';
    i += name.length;
    if (name === '') return { empty: true };
    if (src[i] !== '(') return { token: name };
    i++;
    const args: Node[] = [];
    while (src[i] !== ')') {
      args.push(parse());
      if (src[i] === ',') i++;
    }
    i++;
    return { call: name, args };
  };
  const node = parse();
  expect(i).toBe(src.length);
  return node;
}

function evaluate(node: Node, tokens: Record<string, Value>): Value | number {
  if ('str' in node) return node.str;
  if ('token' in node) return tokens[node.token] ?? null;
  if ('empty' in node) return null;
  const args = node.args.map((a) => evaluate(a, tokens));
  switch (node.call) {
    case '__regexToken': {
      const [s, re] = args as [Value, string];
      if (s === null) return null;
      const m = new RegExp(`^(?:${re})$`).exec(s);
      return m?.[1] ?? null;
    }
    case '__concatenate': {
      const joined = (args as Value[]).filter((a) => a !== null).join('');
      return joined === '' ? null : joined;
    }
    case '__createOptionalTimeStampFromString': {
      const [s, pattern] = args as [Value, string];
      expect(pattern).toBe("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
      const m = s === null ? null : /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})([+-])(\d{2})(\d{2})/.exec(s);
      if (!m) return null;
      const [, y, mo, d, h, mi, se, ms, sign, zh, zm] = m;
      const offset = (sign === '+' ? 1 : -1) * (Number(zh) * 60 + Number(zm)) * 60_000;
      return Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +se!, +ms!) - offset;
    }
    default:
      throw new Error(`operation not used by this expression: ${node.call}`);
  }
}

const expression = parseExpression(V2_MAPPINGS['event.deviceReceiptTime']!);
const receiptTime = (alertTime: Value): Value | number => evaluate(expression, { AlertTime: alertTime });

describe('v2 deviceReceiptTime from AlertTime', () => {
  it.each([
    ['2020-09-30T14:09:20.35743Z', '2020-09-30T14:09:20.357Z'],
    ['2017-05-07T01:56:59.3191352Z', '2017-05-07T01:56:59.319Z'],
    ['2017-01-23T07:32:54.1861171Z', '2017-01-23T07:32:54.186Z'],
    ['2020-09-30T14:09:20Z', '2020-09-30T14:09:20.000Z'],
    ['2020-09-30T14:09:20.Z', '2020-09-30T14:09:20.000Z'],
    ['2020-09-30T14:09:20.3Z', '2020-09-30T14:09:20.300Z'],
    ['2020-09-30T14:09:20.05Z', '2020-09-30T14:09:20.050Z'],
    ['2020-09-30T23:59:59.9999999Z', '2020-09-30T23:59:59.999Z'],
  ])('%s → %s (UTC, truncated to ms)', (input, expected) => {
    expect(receiptTime(input)).toBe(Date.parse(expected));
  });

  it('is exact for every instant and every fraction length 0-7', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 7 }),
        fc.stringMatching(/^[0-9]{7}$/),
        (date, digits, fraction) => {
          const base = date.toISOString().slice(0, 19);
          const frac = fraction.slice(0, digits);
          const input = `${base}${digits === 0 ? '' : `.${frac}`}Z`;
          const ms = Number((frac + '000').slice(0, 3));
          expect(receiptTime(input)).toBe(Date.parse(`${base}Z`) + ms);
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([[null], [''], ['2020-09-30 14:09:20Z'], ['2020-09-30T14:09:20+02:00'], ['not a time']])('gives no time for %j rather than a wrong one', (input) => {
    expect(receiptTime(input)).toBeNull();
  });
});
