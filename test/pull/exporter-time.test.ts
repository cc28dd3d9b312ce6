import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatUtcTimestamp, parseIsoDuration, parseUtcTimestamp } from '../../src/alerts/index.js';

describe('exporter timestamps', () => {
  it('parses 0 to 7 fraction digits, with Z, without a zone, or with an offset', () => {
    const base = parseUtcTimestamp('2020-09-30T14:11:44Z')!;
    expect(parseUtcTimestamp('2020-09-30T14:11:44')).toBe(base);
    expect(parseUtcTimestamp('2020-09-30T14:11:44.0779765Z')).toBe(base + 779_765n);
    expect(parseUtcTimestamp('2020-09-30T14:11:44.5')).toBe(base + 5_000_000n);
    expect(parseUtcTimestamp('2020-09-30T16:11:44+02:00')).toBe(base);
    expect(parseUtcTimestamp('2020-09-30T14:11:44.12345678Z')).toBeUndefined();
    expect(parseUtcTimestamp('2020-02-30T14:11:44Z')).toBeUndefined();
    expect(parseUtcTimestamp('2020-09-30 14:11:44Z')).toBeUndefined();
    expect(parseUtcTimestamp('')).toBeUndefined();
  });

  it('formats the round-trip form with 7 digits and Z, and reads back what it writes', () => {
    expect(formatUtcTimestamp(parseUtcTimestamp('2020-09-30T14:11:44.0779765Z')!)).toBe('2020-09-30T14:11:44.0779765Z');
    expect(formatUtcTimestamp(parseUtcTimestamp('2016-09-12T00:00:00.000')!)).toBe('2016-09-12T00:00:00.0000000Z');
    expect(formatUtcTimestamp(parseUtcTimestamp('2016-09-12T00:00:00.123')!, 0)).toBe('2016-09-12T00:00:00Z');
    const epoch2000 = parseUtcTimestamp('2000-01-01T00:00:00Z')!;
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 4_000_000_000_000_000n }), (offset) => {
        const ticks = epoch2000 + offset;
        expect(parseUtcTimestamp(formatUtcTimestamp(ticks))).toBe(ticks);
      }),
    );
  });

  it('parses ISO-8601 durations', () => {
    expect(parseIsoDuration('PT10M')).toBe(600_000);
    expect(parseIsoDuration('P1DT1H')).toBe(25 * 3600_000);
    expect(parseIsoDuration('PT1.5S')).toBe(1500);
    expect(parseIsoDuration('P')).toBeUndefined();
    expect(parseIsoDuration('PT')).toBeUndefined();
    expect(parseIsoDuration('10m')).toBeUndefined();
  });
});
