/** Behaviours the FlexConnector emulation relies on, stated as a user of the module sees them. */
import { describe, expect, it } from 'vitest';
import {
  compileSimpleDateFormat,
  isJavaTimeZoneId,
  javaFind,
  javaMatches,
  JavaPatternError,
  javaRegex,
  javaRegexSource,
  javaReplace,
  javaSplit,
  javaTimeZoneOffset,
  parseJavaInt,
  parseJavaLong,
} from '../../../src/flex/java/index.js';

describe('compileSimpleDateFormat', () => {
  it('reads the WDATP AlertTime with the 12-hour pattern: fraction and Z ignored, zone from the connector', () => {
    const f = compileSimpleDateFormat("yyyy-MM-dd'T'hh:mm:ss");
    expect(f.parse('2017-05-07T01:56:59.3191352Z', 'UTC')).toBe(Date.UTC(2017, 4, 7, 1, 56, 59));
    expect(f.parse('2017-05-07T13:56:59.3191352Z', 'UTC')).toBe(Date.UTC(2017, 4, 7, 13, 56, 59));
    expect(f.parse('2017-05-07T01:56:59.3191352Z', 'America/New_York')).toBe(Date.UTC(2017, 4, 7, 5, 56, 59));
  });

  it('treats S as a count of milliseconds, not a fraction', () => {
    const f = compileSimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS");
    expect(f.parse('2020-09-30T14:09:20.35743Z', 'UTC')).toBe(Date.UTC(2020, 8, 30, 14, 9, 20) + 35743);
  });

  it('honours zones in the text (X, Z, z) over the connector zone', () => {
    expect(compileSimpleDateFormat("yyyy-MM-dd'T'HH:mm:ssXXX").parse('2021-07-01T10:00:00+05:30', 'Europe/Berlin')).toBe(Date.UTC(2021, 6, 1, 4, 30));
    expect(compileSimpleDateFormat('yyyy-MM-dd HH:mm Z').parse('2021-07-01 10:00 -0800', 'UTC')).toBe(Date.UTC(2021, 6, 1, 18));
    expect(compileSimpleDateFormat('yyyy-MM-dd HH:mm z').parse('2021-01-15 10:00 PST', 'UTC')).toBe(Date.UTC(2021, 0, 15, 18));
  });

  it('rolls lenient overflow over and rejects it when not lenient', () => {
    const f = compileSimpleDateFormat('yyyy-MM-dd HH:mm:ss');
    expect(f.parse('2021-02-30 24:00:61', 'UTC')).toBe(Date.UTC(2021, 2, 3, 0, 1, 1));
    expect(f.parse('2021-02-30 12:00:00', 'UTC', { lenient: false })).toBeNull();
  });

  it('returns null where Java throws ParseException', () => {
    const f = compileSimpleDateFormat('MMM dd HH:mm:ss');
    expect(f.parse('Foo 12 10:00:00', 'UTC')).toBeNull();
    expect(f.parse('', 'UTC')).toBeNull();
  });

  it('puts two-digit years in the 100 years starting 80 years ago', () => {
    const f = compileSimpleDateFormat('yy-MM-dd');
    const thisYear = new Date().getUTCFullYear();
    const y = new Date(f.parse(String((thisYear + 10) % 100).padStart(2, '0') + '-06-01', 'UTC') as number).getUTCFullYear();
    expect(y).toBe(thisYear + 10);
    const old = new Date(f.parse(String((thisYear + 30) % 100).padStart(2, '0') + '-06-01', 'UTC') as number).getUTCFullYear();
    expect(old).toBe(thisYear + 30 - 100);
  });

  it("rejects bad patterns with Java's messages", () => {
    expect(() => compileSimpleDateFormat('yyyy-MM-dd bb')).toThrow("Illegal pattern character 'b'");
    expect(() => compileSimpleDateFormat("yyyy'T")).toThrow('Unterminated quote');
    expect(() => compileSimpleDateFormat('XXXX')).toThrow('invalid ISO 8601 format: length=4');
    expect(compileSimpleDateFormat("yyyy-MM-dd'T'HH").letters).toEqual(['yyyy', 'MM', 'dd', 'HH']);
  });

  it('resolves zone ids like java.util.TimeZone', () => {
    expect(isJavaTimeZoneId('Europe/Berlin')).toBe(true);
    expect(isJavaTimeZoneId('GMT+05:30')).toBe(true);
    expect(isJavaTimeZoneId('UTC+5')).toBe(false);
    expect(isJavaTimeZoneId('europe/berlin')).toBe(false);
    expect(javaTimeZoneOffset('EST', Date.UTC(2021, 6, 1))).toBe(-5 * 3_600_000);
    expect(javaTimeZoneOffset('Europe/Berlin', Date.UTC(2021, 6, 1))).toBe(2 * 3_600_000);
  });
});

describe('java.util.regex helpers', () => {
  it('matches() needs the whole input, find() any part', () => {
    const re = javaRegex('.*#modelbreach\\/(.*)');
    expect(javaMatches(re, 'https://x/#modelbreach/42')?.[1]).toBe('42');
    expect(javaMatches(javaRegex('\\d+'), 'a1')).toBeNull();
    expect(javaFind(javaRegex('\\d+'), 'a12b')?.[0]).toBe('12');
    expect(javaRegexSource(re)).toBe('.*#modelbreach\\/(.*)');
  });

  it('keeps Java group numbers when atomic constructs need extra JS groups', () => {
    const m = javaMatches(javaRegex('(a*+)(b)'), 'aab');
    expect([...(m ?? [])]).toEqual(['aab', 'aa', 'b']);
  });

  it('uses ASCII classes and Java line terminators', () => {
    expect(javaMatches(javaRegex('\\w+'), 'héllo')).toBeNull();
    expect(javaMatches(javaRegex('\\s'), '\u00a0')).toBeNull();
    expect(javaMatches(javaRegex('.'), '\u0085')).toBeNull();
    expect(javaMatches(javaRegex('(?i)straße'), 'STRAßE')).not.toBeNull();
    expect(javaMatches(javaRegex('(?i)é'), 'É')).toBeNull();
    expect(javaMatches(javaRegex('(?iu)é'), 'É')).not.toBeNull();
  });

  it('replaces with $n, ${name} and backslash escapes, and rejects bad references only when something matched', () => {
    expect(javaReplace('alice@contoso', javaRegex('(\\w+)@(?<d>\\w+)'), '${d}\\\\$1 \\$', true)).toBe('contoso\\alice $');
    expect(javaReplace('aaa', javaRegex('a'), 'b', false)).toBe('baa');
    expect(javaReplace('bbb', javaRegex('a'), '$9', true)).toBe('bbb');
    expect(() => javaReplace('aaa', javaRegex('a'), '$9', true)).toThrow(JavaPatternError);
  });

  it('splits like String.split', () => {
    expect(javaSplit('a,b,,c,,', javaRegex(','))).toEqual(['a', 'b', '', 'c']);
    expect(javaSplit('a,b,,c,,', javaRegex(','), -1)).toEqual(['a', 'b', '', 'c', '', '']);
    expect(javaSplit('a,b,c', javaRegex(','), 2)).toEqual(['a', 'b,c']);
    expect(javaSplit('abc', javaRegex(''))).toEqual(['a', 'b', 'c']);
    expect(javaSplit('', javaRegex(','))).toEqual(['']);
  });

  it('reports syntax errors as JavaPatternError with the index', () => {
    let err: unknown;
    try {
      javaRegex('ab(c');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(JavaPatternError);
    expect((err as JavaPatternError).message).toMatch(/^Unclosed group near index 4/);
    expect(() => javaRegex('\\p{InGreek}')).toThrow(/not supported/);
  });
});

describe('Integer.parseInt / Long.parseLong', () => {
  it('accept a sign and digits only, within range', () => {
    expect(parseJavaInt('+42')).toBe(42);
    expect(parseJavaInt(' 42')).toBeNull();
    expect(parseJavaInt('2147483648')).toBeNull();
    expect(parseJavaLong('9223372036854775807')).toBe(9223372036854775807n);
    expect(parseJavaLong('9223372036854775808')).toBeNull();
  });
});
