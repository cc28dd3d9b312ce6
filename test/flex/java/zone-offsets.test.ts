/**
 * Differential test: java.util.TimeZone resolution and offsets for every zone id either side knows (Java's zone
 * table, Intl's list, and odd spellings), at instants from 1850 to 2100, against the JVM. One JVM run.
 */
import { describe, expect, it } from 'vitest';
import { isJavaTimeZoneId, javaTimeZoneOffset } from '../../../src/flex/java/index.js';
import { JAVA_ZONE_STRINGS } from '../../../src/flex/java/date/zone-names.js';
import { runJava } from '../../support/java.js';

const ODD_IDS = [
  'UTC',
  'GMT',
  'Z',
  'utc',
  'UTC+5',
  'GMT+5',
  'GMT+05',
  'GMT+0530',
  'GMT+5:30',
  'GMT-08:00',
  'GMT+24',
  'GMT+5:3',
  'EST',
  'MST',
  'HST',
  'PST',
  'IST',
  'CET',
  'EST5EDT',
  'US/Eastern',
  'Asia/Calcutta',
  'europe/berlin',
  'Mars/Olympus',
  'Etc/GMT+5',
  'Etc/GMT-14',
  '',
];

function instants(): number[] {
  const out: number[] = [Date.UTC(1850, 5, 1), Date.UTC(1899, 11, 31, 23), Date.UTC(1900, 0, 1, 12)];
  for (let y = 1905; y <= 2037; y += 4) out.push(Date.UTC(y, 0, 15, 12), Date.UTC(y, 6, 15, 12));
  out.push(Date.UTC(2038, 6, 1), Date.UTC(2050, 0, 15), Date.UTC(2050, 6, 15), Date.UTC(2099, 6, 15));
  return out;
}

/**
 * Known differences, documented in docs/java-semantics.md: the JDK's tz data is older than the platform's for
 * Baja California's 1950s-70s summers, and the JDK's Windhoek falls back to its raw offset (+01:00) after its
 * transition table ends in 2036.
 */
function knownDataDifference(id: string, t: number): boolean {
  if (/^(America\/(Tijuana|Santa_Isabel|Ensenada)|Mexico\/BajaNorte)$/.test(id)) return t >= Date.UTC(1950, 0, 1) && t < Date.UTC(1976, 0, 1);
  return id === 'Africa/Windhoek' && t >= Date.UTC(2037, 0, 1);
}

describe('java.util.TimeZone ids and offsets', () => {
  it('agree with the JVM for every zone id', async () => {
    const tableIds = JAVA_ZONE_STRINGS.split('\n')
      .filter(Boolean)
      .map((row) => row.split('\t')[0] as string);
    const ids = [...new Set([...tableIds, ...Intl.supportedValuesOf('timeZone'), ...ODD_IDS])];
    const at = instants();
    const lines = (await runJava('DateOracle', ['offsets', ...at.map(String)], `${ids.join('\n')}\n`)).split('\n');
    const mismatches: string[] = [];
    let compared = 0;
    ids.forEach((id, i) => {
      const [, known, ...offsets] = (lines[i] ?? '').split('\t');
      if ((known === '1') !== isJavaTimeZoneId(id)) mismatches.push(`${JSON.stringify(id)}: java known=${known} emulated=${isJavaTimeZoneId(id)}`);
      at.forEach((t, k) => {
        if (knownDataDifference(id, t)) return;
        compared++;
        const ours = javaTimeZoneOffset(id, t);
        if (String(ours) !== offsets[k]) mismatches.push(`${id} at ${new Date(t).toISOString()}: java=${offsets[k]} emulated=${ours}`);
      });
    });
    if (mismatches.length > 0) throw new Error(`${mismatches.length} of ${compared} differ:\n${mismatches.slice(0, 200).join('\n')}`);
    expect(compared).toBeGreaterThan(30_000);
  }, 120_000);
});
