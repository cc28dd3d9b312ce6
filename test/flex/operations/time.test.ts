import { describe, expect, it } from 'vitest';
import { OPERATIONS, OperationCompileError } from '../../../src/flex/operations/index.js';
import { call, run, runTokens } from './harness.js';

const ms = (v: unknown) => (v instanceof Date ? v.getTime() : v);
const iso = (s: string) => Date.parse(s);

describe('__createOptionalTimeStampFromString', () => {
  const WDATP = "yyyy-MM-dd'T'hh:mm:ss";
  it("reads the WDATP alert time with the WDATP file's pattern: fraction and Z ignored, connector zone applies", () => {
    const lit = { literal: [false, true] };
    expect(ms(call('__createOptionalTimeStampFromString', ['2017-05-07T01:56:59.3191352Z', WDATP], lit).value)).toBe(iso('2017-05-07T01:56:59Z'));
    // hh is the 12-hour field, but lenient parsing still accepts 14.
    expect(ms(call('__createOptionalTimeStampFromString', ['2020-09-30T14:09:20.35743Z', WDATP], lit).value)).toBe(iso('2020-09-30T14:09:20Z'));
    expect(ms(call('__createOptionalTimeStampFromString', ['2017-05-07T01:56:59.3191352Z', WDATP], { ...lit, timeZone: 'America/New_York' }).value)).toBe(
      iso('2017-05-07T05:56:59Z'),
    );
  });
  it('reference forms: bare pattern literal, concatenated date and time', () => {
    expect(ms(run('__createOptionalTimeStampFromString', '2011-04-2003:08:21.121', 'yyyy-MM-ddHH:mm:ss.SSS'))).toBe(iso('2011-04-20T03:08:21.121Z'));
    expect(ms(run('__createOptionalTimeStampFromString', '12/31/2020 23:59:58', 'MM/dd/yyyy HH:mm:ss'))).toBe(iso('2020-12-31T23:59:58Z'));
  });
  it('text that does not parse gives null without a warning ("optional")', () => {
    expect(call('__createOptionalTimeStampFromString', ['yesterday', 'yyyy-MM-dd'])).toEqual({ value: null, warnings: [] });
    expect(call('__createOptionalTimeStampFromString', [null, 'yyyy-MM-dd'])).toEqual({ value: null, warnings: [] });
  });
  it('an invalid literal pattern fails at load time', () => {
    const op = OPERATIONS.get('__createOptionalTimeStampFromString')!;
    expect(() => op.compile([undefined, 'yyyy-MM-dd bogus'], { timeZone: 'UTC' })).toThrow(OperationCompileError);
  });
  it('a pattern from a token works and an invalid one warns', () => {
    expect(ms(runTokens('__createOptionalTimeStampFromString', '2020-01-02', 'yyyy-MM-dd'))).toBe(iso('2020-01-02T00:00:00Z'));
    expect(call('__createOptionalTimeStampFromString', ['2020', 'qqq'], { literal: [false, false] }).warnings[0]?.code).toBe('invalid-argument');
  });
});

describe('__safeToDate', () => {
  it('with a pattern (seen as __safeToDate(__concatenate(Date,Time),"MM/dd/yyHH:mm:ss"))', () => {
    expect(ms(run('__safeToDate', '05/07/1701:56:59', 'MM/dd/yyHH:mm:ss'))).toBe(iso('2017-05-07T01:56:59Z'));
  });
  it('without a pattern: epoch milliseconds or ISO-8601', () => {
    expect(ms(run('__safeToDate', '1500000000000'))).toBe(1500000000000);
    expect(ms(run('__safeToDate', '2020-09-30T14:09:20.35743Z'))).toBe(iso('2020-09-30T14:09:20.357Z'));
    expect(ms(call('__safeToDate', ['2020-09-30 14:09:20'], { timeZone: 'Europe/Berlin' }).value)).toBe(iso('2020-09-30T12:09:20Z'));
  });
  it('null silently on failure', () => {
    expect(call('__safeToDate', ['not a date'])).toEqual({ value: null, warnings: [] });
    expect(call('__safeToDate', ['xx', 'yyyy'])).toEqual({ value: null, warnings: [] });
  });
});

describe('epoch conversions', () => {
  it('__longToTimeStamp: epoch milliseconds', () => {
    expect(ms(runTokens('__longToTimeStamp', 1303272501121n))).toBe(1303272501121);
    expect(ms(run('__longToTimeStamp', '1303272501121'))).toBe(1303272501121);
    expect(run('__longToTimeStamp', null)).toBeNull();
    expect(call('__longToTimeStamp', ['soon']).warnings[0]?.code).toBe('conversion-failed');
  });
  it('reference: __createLocalTimeStampFromSecondsSinceEpoch(1303272501121) gives 1303272501121000', () => {
    expect(ms(run('__createLocalTimeStampFromSecondsSinceEpoch', '1303272501121'))).toBe(1303272501121000);
    expect(ms(runTokens('__createLocalTimeStampFromSecondsSinceEpoch', 1303272501n))).toBe(1303272501000);
    expect(ms(run('__createLocalTimeStampFromSecondsSinceEpoch', '1303272501.5'))).toBe(1303272501500);
  });
  it('out-of-range results give null with a warning', () => {
    const r = call('__createLocalTimeStampFromSecondsSinceEpoch', ['9223372036854775']);
    expect(r.value).toBeNull();
    expect(r.warnings[0]?.code).toBe('invalid-argument');
  });
  it('reference: __createLocalTimeStampFromGMTSecondsMillis(1303272501121,300) gives 1303272501121300', () => {
    expect(ms(run('__createLocalTimeStampFromGMTSecondsMillis', '1303272501121', '300'))).toBe(1303272501121300);
  });
  it('__createLocalTimeStampFromGMTSecondsNanoseconds keeps milliseconds', () => {
    expect(ms(run('__createLocalTimeStampFromGMTSecondsNanoseconds', '1303272501', '121999999'))).toBe(1303272501121);
  });
  it('reference: __createLocalTimeStampFromNanoSeconds(1234567890765432100) gives 1234567890765', () => {
    expect(ms(run('__createLocalTimeStampFromNanoSeconds', '1234567890765432100'))).toBe(1234567890765);
  });
  it('__toLongTimeStamp is the inverse of __longToTimeStamp', () => {
    expect(runTokens('__toLongTimeStamp', new Date(1234))).toBe(1234n);
  });
});

describe('clock arithmetic', () => {
  it('reference: __hourMinuteSecondsToSeconds("1:00:00") gives 3600', () => {
    expect(run('__hourMinuteSecondsToSeconds', '1:00:00')).toBe(3600n);
    expect(run('__hourMinuteSecondsToSeconds', '5:55:55')).toBe(21355n);
    expect(run('__hourMinuteSecondsToSeconds', '2:30')).toBe(150n);
    expect(call('__hourMinuteSecondsToSeconds', ['1h']).warnings[0]?.code).toBe('invalid-argument');
  });
  it('reference: __createTimeStampByStartTimeElapsed(11OCT2011 00:00:00, 5:55:55) gives 1318326955000 (US Eastern)', () => {
    expect(ms(call('__createTimeStampByStartTimeElapsed', ['11OCT2011 00:00:00', '5:55:55'], { timeZone: 'America/New_York' }).value)).toBe(1318326955000);
    expect(ms(run('__createTimeStampByStartTimeElapsed', '11Oct2011 00:00:00', '0:00:01'))).toBe(iso('2011-10-11T00:00:01Z'));
    expect(call('__createTimeStampByStartTimeElapsed', ['soon', '1:00:00']).warnings[0]?.code).toBe('timestamp-parse-failed');
  });
  it('__currentTimestampInSeconds ignores its arguments and reads the clock', () => {
    const now = Date.UTC(2024, 0, 1, 0, 0, 1, 999);
    expect(call('__currentTimestampInSeconds', [], { now }).value).toBe(BigInt(Math.floor(now / 1000)));
    expect(call('__currentTimestampInSeconds', ['ignored'], { now }).value).toBe(BigInt(Math.floor(now / 1000)));
  });
  it('__createTimeStamp combines a date and a time of day in the connector zone', () => {
    expect(ms(call('__createTimeStamp', ['2020-01-02', '03:04:05'], { timeZone: 'Europe/Berlin' }).value)).toBe(iso('2020-01-02T02:04:05Z'));
    expect(ms(runTokens('__createTimeStamp', new Date(iso('2020-01-02T00:00:00Z')), new Date(iso('1970-01-01T03:04:05.006Z'))))).toBe(
      iso('2020-01-02T03:04:05.006Z'),
    );
    expect(call('__createTimeStamp', ['2020-01-02', 'noon']).warnings[0]?.code).toBe('timestamp-parse-failed');
    expect(run('__createTimeStamp', null, '03:04:05')).toBeNull();
  });
  it('__useCurrentYear / __setYearToCurrentYear move the date into the current year', () => {
    const now = Date.UTC(2024, 5, 15);
    for (const name of ['__useCurrentYear', '__setYearToCurrentYear']) {
      expect(ms(call(name, [new Date(iso('2001-03-04T05:06:07Z'))], { now, literal: [false] }).value)).toBe(iso('2024-03-04T05:06:07Z'));
    }
  });
  it('a TimeStamp at the end of the representable range, read in a zone east of UTC, still converts', () => {
    // In Kolkata the last representable instant is already 13 September 275760, past the end of JS dates.
    const last = new Date(8.64e15 - 5.5 * 3_600_000 + 1);
    const now = Date.UTC(2024, 5, 15);
    const moved = call('__useCurrentYear', [last], { now, timeZone: 'Asia/Kolkata', literal: [false] });
    expect(moved.warnings).toEqual([]);
    expect(ms(moved.value)).toBe(iso('2024-09-12T18:30:00.001Z'));
    const early = call('__createTimeStamp', [new Date(8.64e15), '00:00:00'], { timeZone: 'Asia/Kolkata', literal: [false, true] });
    expect(ms(early.value)).toBe(iso('+275760-09-12T18:30:00Z'));
    // The same day at 23:00 is past the end: null with the per-value warning, not an exception.
    const late = call('__createTimeStamp', [new Date(8.64e15), '23:00:00'], { timeZone: 'Asia/Kolkata', literal: [false, true] });
    expect(late.value).toBeNull();
    expect(late.warnings.map((w) => w.code)).toEqual(['conversion-failed']);
  });
});
