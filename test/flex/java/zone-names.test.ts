/**
 * The zone-name table SimpleDateFormat's 'z' matches against must be the JVM's own list, in the JVM's order
 * (the first zone with a matching name wins). One JVM run.
 */
import { describe, expect, it } from 'vitest';
import { JAVA_ZONE_STRINGS } from '../../../src/flex/java/date/zone-names.js';
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
});
