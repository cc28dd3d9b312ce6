/**
 * Differential test: Integer.parseInt, Long.parseLong and Double.parseDouble emulation against the JVM, over
 * generated strings (signs, boundaries, overflow, whitespace, non-ASCII digits, exponents, hex floats, junk).
 * One JVM run. Replay with WDATP_TEST_SEED=<seed printed in the failure>.
 */
import { describe, expect, it } from 'vitest';
import { parseJavaDouble, parseJavaInt, parseJavaLong } from '../../../src/flex/java/index.js';
import { runJava } from '../../support/java.js';
import { seededRandom } from '../../../src/sandbox/index.js';
import { REPLAY, TEST_SEED as SEED } from '../../support/seed.js';
import { escapeField } from './oracle-io.js';

const HAND = [
  '0',
  '-0',
  '+0',
  '+',
  '-',
  '',
  ' 1',
  '1 ',
  '01',
  '2147483647',
  '2147483648',
  '-2147483648',
  '-2147483649',
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775808',
  '-9223372036854775809',
  '1_000',
  '1e3',
  '\u0661\u0662\u0663',
  '\uff11\uff12',
  '\u0967',
  '+-1',
  '--1',
  '0x10',
  '1.5',
  '.5',
  '5.',
  '1e400',
  '-1e-400',
  'NaN',
  '-Infinity',
  'Infinity',
  'infinity',
  '0x1p3',
  '0x1.8p1',
  '1d',
  '2f',
  ' 3.5 ',
  '\t4\n',
  '1e',
  '1e+',
  'e5',
  '00000000000000000000000000000000000012',
  '4.9e-324',
  '2.2250738585072014E-308',
  '1.7976931348623157e308',
  '1.7976931348623159e308',
  '0.1',
  '123456789012345678901234567890',
  '\u00a01',
  '1\u2007',
];

function generated(seed: number, n: number): string[] {
  const r = seededRandom(seed);
  const out: string[] = [];
  const digits = (k: number): string => Array.from({ length: k }, () => String(r.int(0, 9))).join('');
  for (let i = 0; i < n; i++) {
    let s: string;
    switch (r.int(0, 6)) {
      case 0:
        s = String(r.int(-2147483648, 2147483647) + r.pick([0, 0, 1, -1]));
        break;
      case 1:
        s = (r.chance(0.5) ? '-' : r.chance(0.2) ? '+' : '') + digits(r.int(1, 21));
        break;
      case 2:
        s = `${r.pick(['', '-', '+'])}${digits(r.int(0, 4))}.${digits(r.int(0, 6))}${r.chance(0.5) ? `e${r.pick(['', '-', '+'])}${r.int(0, 330)}` : ''}${r.pick(['', '', 'd', 'F'])}`;
        break;
      case 3:
        s = `${r.pick(['', '-'])}0x${r.int(0, 0xffffff).toString(16)}${r.chance(0.5) ? '.8' : ''}p${r.int(-1080, 1030)}`;
        break;
      case 4:
        s = r.pick(['', ' ', '\t', '\u00a0']) + digits(r.int(1, 5)) + r.pick(['', ' ', 'x', '\n', '_1', 'L']);
        break;
      case 5:
        s = Array.from({ length: r.int(1, 4) }, () => String.fromCharCode(r.pick([0x660, 0x6f0, 0x966, 0xff10, 0x30]) + r.int(0, 9))).join('');
        break;
      default:
        s = (r.chance(0.5) ? '-' : '') + '9'.repeat(r.int(9, 20));
    }
    out.push(s);
  }
  return out;
}

function doubleBits(d: number): string {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, d);
  return v.getBigUint64(0).toString(16);
}

describe('Java number parsing matches the JVM', () => {
  const cases = [...HAND, ...generated(SEED, 3000)];

  it(`agrees on ${cases.length} strings`, async () => {
    const lines = (await runJava('NumberOracle', [], `${cases.map(escapeField).join('\n')}\n`)).split('\n');
    const mismatches: string[] = [];
    cases.forEach((s, i) => {
      const int = parseJavaInt(s);
      const long = parseJavaLong(s);
      const dbl = parseJavaDouble(s);
      const actual = [int === null ? 'NFE' : String(int), long === null ? 'NFE' : String(long), dbl === null ? 'NFE' : doubleBits(dbl)].join('\t');
      // Java prints NaN's canonical bits; JS NaN is canonical too.
      if (actual !== lines[i]) mismatches.push(`${JSON.stringify(s)}: java=${lines[i]} emulated=${actual}`);
    });
    if (mismatches.length > 0) throw new Error(`${mismatches.length} differ (${REPLAY}):\n${mismatches.slice(0, 25).join('\n')}`);
    expect(cases.filter((_s, i) => !(lines[i] ?? '').startsWith('NFE')).length).toBeGreaterThan(500);
  }, 60_000);
});
