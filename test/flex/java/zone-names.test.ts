/**
 * The zone-name table SimpleDateFormat's 'z' matches against must be the JVM's own list, in the JVM's order
 * (the first zone with a matching name wins), and the raw offset history likewise. One JVM run each.
 */
import { describe, expect, it } from 'vitest';
import { JAVA_ZONE_STRINGS } from '../../../src/flex/java/date/zone-names.js';
import { JAVA_RAW_OFFSETS } from '../../../src/flex/java/date/zone-raw.js';
import { runJava } from '../../support/java.js';

describe('Java zone strings', () => {
  it('equal DateFormatSymbols.getInstance(Locale.US).getZoneStrings() of the installed JDK', async () => {
    const jvm = await runJava('DateOracle', ['zones'], '');
    const ours = JAVA_ZONE_STRINGS.split('\n');
    const theirs = jvm.split('\n');
    const firstDiff = ours.findIndex((row, k) => row !== theirs[k]);
    expect(firstDiff === -1 ? null : { row: firstDiff, ours: ours[firstDiff], jvm: theirs[firstDiff] }).toBeNull();
    expect(ours.length).toBeGreaterThan(500);
  }, 60_000);
  it('raw offset histories equal the JDK standard offsets (what a parsed zone name adds its DST to)', async () => {
    const jvm = await runJava('DateOracle', ['raw'], '');
    const ours = JAVA_RAW_OFFSETS.split('\n');
    const theirs = jvm.split('\n');
    const firstDiff = ours.findIndex((row, k) => row !== theirs[k]);
    expect(firstDiff === -1 ? null : { row: firstDiff, ours: ours[firstDiff], jvm: theirs[firstDiff] }).toBeNull();
    expect(ours.length).toBe(theirs.length);
    // Britain's standard time was +01:00 from 27 October 1968 to 31 October 1971.
    expect(ours).toContain('Europe/London\t0\t-37242000:3600000\t57722400:0');
  }, 60_000);
});
