import { describe, expect, it } from 'vitest';
import { call, run, runTokens } from './harness.js';

describe('__integerConstant / __longConstant', () => {
  it('reference: 42 gives 42, 42a gives NULL', () => {
    expect(run('__integerConstant', '42')).toBe(42);
    expect(run('__integerConstant', '3')).toBe(3);
    expect(run('__integerConstant', '42a')).toBeNull();
  });
  it('follows Integer.parseInt: sign allowed, no blanks, int range', () => {
    expect(run('__integerConstant', '-7')).toBe(-7);
    expect(run('__integerConstant', '+7')).toBe(7);
    expect(run('__integerConstant', ' 7')).toBeNull();
    expect(run('__integerConstant', '2147483648')).toBeNull();
    expect(call('__integerConstant', ['2147483648']).warnings[0]?.code).toBe('conversion-failed');
  });
  it('__longConstant reads Long.parseLong', () => {
    expect(run('__longConstant', '9223372036854775807')).toBe(9223372036854775807n);
    expect(run('__longConstant', '9223372036854775808')).toBeNull();
  });
});

describe('__safeToInteger / __safeToLong / __safeToRoundedLong / __parseSignedLong', () => {
  it('parse, ignoring surrounding blanks', () => {
    expect(run('__safeToInteger', ' 443 ')).toBe(443);
    expect(run('__safeToLong', '5000000000')).toBe(5000000000n);
    expect(runTokens('__safeToInteger', 12)).toBe(12);
  });
  it('return null silently when it is not a number', () => {
    expect(call('__safeToInteger', ['abc'])).toEqual({ value: null, warnings: [] });
    expect(call('__safeToLong', ['1.5'])).toEqual({ value: null, warnings: [] });
    expect(call('__safeToInteger', [null])).toEqual({ value: null, warnings: [] });
  });
  it('__safeToRoundedLong rounds like Math.round', () => {
    expect(run('__safeToRoundedLong', '2.5')).toBe(3n);
    expect(run('__safeToRoundedLong', '-2.5')).toBe(-2n);
    expect(run('__safeToRoundedLong', '1e3')).toBe(1000n);
    expect(call('__safeToRoundedLong', ['x'])).toEqual({ value: null, warnings: [] });
  });
  it('__parseSignedLong', () => {
    expect(run('__parseSignedLong', '-42')).toBe(-42n);
    expect(call('__parseSignedLong', ['x']).warnings).toHaveLength(1);
  });
});

describe('__integerToLong / __longToInteger', () => {
  it('reference: __integerToLong(123) gives 123; null gets null', () => {
    expect(run('__integerToLong', '123')).toBe(123n);
    expect(runTokens('__integerToLong', 123)).toBe(123n);
    expect(run('__integerToLong', null)).toBeNull();
  });
  it('__longToInteger narrows like Java (int), warning when it wraps', () => {
    expect(runTokens('__longToInteger', 123n)).toBe(123);
    const r = call('__longToInteger', [4294967297n]);
    expect(r.value).toBe(1);
    expect(r.warnings[0]?.code).toBe('value-truncated');
  });
});

describe('__sum / __subtract / __product / __divide', () => {
  it('reference: 12 + 13 = 25, 13 - 12 = 1', () => {
    expect(runTokens('__sum', 12, 13)).toBe(25);
    expect(runTokens('__subtract', 13, 12)).toBe(1);
    expect(run('__sum', '12', '13')).toBe(25);
  });
  it('reference: 200 / 3 gives 67 and 200 / 6 gives 33 (rounded)', () => {
    expect(runTokens('__divide', 200, 3)).toBe(67);
    expect(runTokens('__divide', 200, 6)).toBe(33);
  });
  it('text holding floating-point numbers is accepted (reference)', () => {
    expect(run('__sum', '1.25', '2.5')).toBe(4);
    expect(run('__product', '2.5', '3')).toBe(8);
    expect(runTokens('__product', 6, 7)).toBe(42);
  });
  it('division by zero and bad or null arguments give null', () => {
    expect(call('__divide', ['1', '0']).warnings[0]?.code).toBe('division-by-zero');
    expect(call('__divide', ['1', '0']).value).toBeNull();
    expect(call('__sum', ['a', '1']).value).toBeNull();
    expect(call('__sum', ['a', '1']).warnings[0]?.code).toBe('conversion-failed');
    expect(run('__sum', null, '1')).toBeNull();
  });
  it('results keep the low 32 bits like a Java int', () => {
    expect(runTokens('__sum', 2147483647, 1)).toBe(-2147483648);
  });
});

describe('__firstOfPositiveInteger / __getNotZeroPort', () => {
  it('reference: (-1,3,5) gives 3', () => {
    expect(run('__firstOfPositiveInteger', '-1', '3', '5')).toBe(3);
    expect(runTokens('__firstOfPositiveInteger', -1, 0, 5)).toBe(5);
    expect(run('__firstOfPositiveInteger', '-1', 'x', null)).toBeNull();
  });
  it('reference: null, invalid or zero give NULL; "123" gives 123', () => {
    expect(run('__getNotZeroPort', '123')).toBe(123);
    expect(run('__getNotZeroPort', '0')).toBeNull();
    expect(run('__getNotZeroPort', 'abc')).toBeNull();
    expect(run('__getNotZeroPort', null)).toBeNull();
    expect(call('__getNotZeroPort', ['abc']).warnings).toEqual([]);
  });
});

describe('__hexStringToLong / __toHex', () => {
  it('reference: 0xABCDEF gives 11259375', () => {
    expect(run('__hexStringToLong', '0xABCDEF')).toBe(11259375n);
    expect(run('__hexStringToLong', 'abcdef')).toBe(11259375n);
  });
  it('not hex or too large: null + warning', () => {
    expect(call('__hexStringToLong', ['0xZZ']).warnings[0]?.code).toBe('conversion-failed');
    expect(run('__hexStringToLong', 'FFFFFFFFFFFFFFFF')).toBeNull();
    expect(run('__hexStringToLong', '7FFFFFFFFFFFFFFF')).toBe(9223372036854775807n);
  });
  it('reference: __toHex(65535,8) gives 0x0000FFFF', () => {
    expect(call('__toHex', [65535n, '8'], { literal: [false, true] }).value).toBe('0x0000FFFF');
    expect(run('__toHex', '65535', '8')).toBe('0x0000FFFF');
    expect(run('__toHex', '255')).toBe('0xFF');
    expect(run('__toHex', '-1', '4')).toBe('0xFFFFFFFFFFFFFFFF');
    expect(run('__toHex', null, '4')).toBeNull();
  });
});

describe('__getManhuntPriority / __getSymantecNSPriority', () => {
  it('compute (a*b)/256 and (a*b)/10 with integer division', () => {
    expect(run('__getManhuntPriority', '100', '10')).toBe(3);
    expect(run('__getSymantecNSPriority', '7', '5')).toBe(3);
    expect(run('__getSymantecNSPriority', null, '5')).toBeNull();
  });
});
