/**
 * Differential test: the SimpleDateFormat emulation against the real JVM (java.text.SimpleDateFormat,
 * Locale.US), over thousands of generated strings and the hand-picked edge cases. One JVM run for the file.
 * Replay a failure with WDATP_TEST_SEED=<seed printed in the failure>.
 */
import { describe, expect, it } from 'vitest';
import { compileSimpleDateFormat, JavaPatternError } from '../../../src/flex/java/index.js';
import { runJava } from '../../support/java.js';
import { type DateCase, generateDateCases, HAND_CASES, PATTERNS, ZONES } from './date-cases.js';
import { REPLAY, TEST_SEED as SEED } from '../../support/seed.js';
import { escapeField, unescapeField } from './oracle-io.js';

/** Two-digit years resolve into the 100 years from here (fixed so the test does not depend on today). */
const CENTURY_START = Date.UTC(1946, 5, 15, 12, 0, 0);

function emulate(c: DateCase, text: string): string {
  let f;
  try {
    f = compileSimpleDateFormat(c.pattern);
  } catch (e) {
    if (e instanceof JavaPatternError) return `PATTERN_ERR ${e.message}`;
    throw e;
  }
  const t = f.parse(text, c.zone, { lenient: c.lenient, twoDigitYearStart: CENTURY_START });
  return t === null ? 'ERR' : String(t);
}

describe('SimpleDateFormat.parse matches the JVM', () => {
  const generated = generateDateCases(SEED, { formatted: 40, built: 110 });
  const hand: DateCase[] = HAND_CASES.map((h) => ({ kind: 'P', lenient: h.lenient ?? true, ...h }));
  const cases = [...hand, ...generated];

  it(`agrees on ${cases.length} strings over ${PATTERNS.length} patterns and ${ZONES.length} zones`, async () => {
    expect(cases.length).toBeGreaterThanOrEqual(5000);
    const input = cases
      .map((c) => [c.kind, escapeField(c.pattern), escapeField(c.zone), String(CENTURY_START), c.lenient ? '1' : '0', escapeField(c.payload)].join('\t'))
      .join('\n');
    const lines = (await runJava('DateOracle', ['parse'], `${input}\n`)).split('\n');
    const mismatches: string[] = [];
    let accepted = 0;
    cases.forEach((c, i) => {
      const line = lines[i] ?? '<missing>';
      let text = c.payload;
      let expected = line;
      if (c.kind === 'F') {
        const tab = line.indexOf('\t');
        text = unescapeField(line.slice(0, tab));
        expected = line.slice(tab + 1);
      }
      const actual = emulate(c, text);
      if (/^-?\d+$/.test(expected)) accepted++;
      // Beyond 2^53 ms (years past 285,000 or Java's long wrap-around) the emulation returns the nearest double.
      const same = actual === expected || (/^-?\d{17,}$/.test(expected) && /^-?\d+$/.test(actual) && Number(BigInt(expected)) === Number(actual));
      if (!same) {
        mismatches.push(`${JSON.stringify(c.pattern)} ${c.zone} lenient=${c.lenient} ${JSON.stringify(text)}: java=${expected} emulated=${actual}`);
      }
    });
    if (mismatches.length > 0) {
      throw new Error(`${mismatches.length} of ${cases.length} differ (${REPLAY}); first ones:\n${mismatches.slice(0, 25).join('\n')}`);
    }
    // The generator must exercise both outcomes, or agreement would prove little.
    expect(accepted).toBeGreaterThan(cases.length / 3);
    expect(cases.length - accepted).toBeGreaterThan(200);
  }, 120_000);
});
