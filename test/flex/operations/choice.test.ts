import { describe, expect, it } from 'vitest';
import { IpAddress, MacAddress } from '../../../src/flex/value.js';
import { call, run, runTokens } from './harness.js';

describe('__oneOf', () => {
  it('returns the first non-null, non-empty argument (reference: (Token12,"","three") gives three)', () => {
    expect(run('__oneOf', null, '', 'three')).toBe('three');
    expect(run('__oneOf', 'first', 'second')).toBe('first');
  });
  it('keeps the type of the chosen argument and gives null when all are empty', () => {
    const ip = new IpAddress('10.1.2.3', 4);
    expect(runTokens('__oneOf', null, ip)).toBe(ip);
    expect(runTokens('__oneOf', null, 0)).toBe(0);
    expect(run('__oneOf', null, '')).toBeNull();
  });
});

describe('typed __oneOf variants', () => {
  it('__oneOfLong(,ABC,123) gives NULL: the first non-empty argument is converted, not skipped (reference)', () => {
    const r = call('__oneOfLong', [null, 'ABC', '123']);
    expect(r.value).toBeNull();
    expect(r.warnings.map((w) => w.code)).toEqual(['conversion-failed']);
    expect(run('__oneOfLong', '', '123')).toBe(123n);
  });
  it('__oneOfInteger', () => {
    expect(run('__oneOfInteger', null, '42', '7')).toBe(42);
    expect(run('__oneOfInteger', '99999999999')).toBeNull();
  });
  it('__oneOfAddress takes the first valid address (reference: "1.2.3.4")', () => {
    expect(String(run('__oneOfAddress', '1.2.3.4'))).toBe('1.2.3.4');
    expect(String(run('__oneOfAddress', 'host', null, '::1'))).toBe('::1');
    expect(run('__oneOfAddress', 'nope')).toBeNull();
  });
  it('__oneOfMac takes the first valid MAC (reference: "Returns the first valid MAC address")', () => {
    const v = runTokens('__oneOfMac', 'not-a-mac', 'AA:BB:CC:DD:EE:FF', 'FFEEDDCCBBAA');
    expect(v).toBeInstanceOf(MacAddress);
    expect(String(v)).toBe('AA:BB:CC:DD:EE:FF');
    expect(String(runTokens('__oneOfMac', 187723572702975n))).toBe('AA:BB:CC:DD:EE:FF');
    expect(run('__oneOfMac', 'x', null)).toBeNull();
  });
  it('__oneOfDateTime converts the first non-empty argument', () => {
    expect((run('__oneOfDateTime', '', '2020-09-30T14:09:20.357Z') as Date).getTime()).toBe(Date.parse('2020-09-30T14:09:20.357Z'));
    expect((runTokens('__oneOfDateTime', null, 1500n) as Date).getTime()).toBe(1500);
  });
  it('__oneOfHostName skips arguments that look like IP addresses (reference)', () => {
    expect(run('__oneOfHostName', '1.2.3.4', 'param2', 'param3')).toBe('param2');
    expect(run('__oneOfHostName', 'fe80::1', '', 'host.example.com')).toBe('host.example.com');
    expect(runTokens('__oneOfHostName', new IpAddress('1.2.3.4', 4), 'h')).toBe('h');
    expect(run('__oneOfHostName', '1.2.3.4')).toBeNull();
  });
  it('__oneOfNetBIOSName removes one or two leading backslashes (reference)', () => {
    expect(run('__oneOfNetBIOSName', null, '\\\\SERVER01')).toBe('SERVER01');
    expect(run('__oneOfNetBIOSName', '\\SERVER01')).toBe('SERVER01');
    expect(run('__oneOfNetBIOSName', '\\\\\\X')).toBe('\\X');
    expect(run('__oneOfNetBIOSName', null)).toBeNull();
  });
});

describe('__ifThenElse', () => {
  it('compares as text (reference: __ifThenElse(in,"in","SAME","DIFFERENT") gives SAME)', () => {
    expect(call('__ifThenElse', ['in', 'in', 'SAME', 'DIFFERENT'], { literal: [false, true, true, true] }).value).toBe('SAME');
    expect(run('__ifThenElse', 'out', 'in', 'SAME', 'DIFFERENT')).toBe('DIFFERENT');
  });
  it('compares other types through their text (FlexEngine: String.valueOf)', () => {
    expect(runTokens('__ifThenElse', 23, '23', 'y', 'n')).toBe('y');
    expect(runTokens('__ifThenElse', new IpAddress('10.0.0.1', 4), '10.0.0.1', 'y', 'n')).toBe('y');
  });
  it('empty arguments are null; null equals only null', () => {
    expect(run('__ifThenElse', null, null, 'then', 'else')).toBe('then');
    expect(run('__ifThenElse', null, 'null', 'then', 'else')).toBe('else');
    expect(run('__ifThenElse', 'inbound', 'inbound', 'eth0', null)).toBe('eth0');
    expect(run('__ifThenElse', 'outbound', 'inbound', 'eth0', null)).toBeNull();
  });
});

describe('__ifThenElseAddress', () => {
  it('picks and converts to an address: (source,,final_source,source)', () => {
    expect(String(run('__ifThenElseAddress', null, null, '10.0.0.2', '10.0.0.1'))).toBe('10.0.0.2');
    expect(String(run('__ifThenElseAddress', '10.0.0.1', null, '10.0.0.2', '10.0.0.1'))).toBe('10.0.0.1');
  });
  it('warns when the chosen value is not an address', () => {
    const r = call('__ifThenElseAddress', ['a', 'a', 'nope', '1.1.1.1']);
    expect(r.value).toBeNull();
    expect(r.warnings[0]?.code).toBe('conversion-failed');
  });
});

describe('__ifAorBThenElse', () => {
  it('matches either of two values (FlexEngine)', () => {
    expect(run('__ifAorBThenElse', 'b', 'a', 'b', 'yes', 'no')).toBe('yes');
    expect(run('__ifAorBThenElse', 'a', 'a', 'b', 'yes', 'no')).toBe('yes');
    expect(run('__ifAorBThenElse', 'c', 'a', 'b', 'yes', 'no')).toBe('no');
  });
  it('an empty first argument matches an empty candidate', () => {
    expect(run('__ifAorBThenElse', null, 'a', null, 'yes', 'no')).toBe('yes');
    expect(run('__ifAorBThenElse', null, 'a', 'b', 'yes', 'no')).toBe('no');
  });
});

describe('__ifGreaterOrEqual', () => {
  it('reference: ("101","100","Three","Four") gives Three', () => {
    expect(run('__ifGreaterOrEqual', '101', '100', 'Three', 'Four')).toBe('Three');
  });
  it('compares numerically and strictly (FlexEngine)', () => {
    expect(run('__ifGreaterOrEqual', '100', '100', 'Three', 'Four')).toBe('Four');
    expect(run('__ifGreaterOrEqual', '10', '9', 'Three', 'Four')).toBe('Three');
    expect(runTokens('__ifGreaterOrEqual', 5, 3n, 'Three', 'Four')).toBe('Three');
  });
  it('unparsable values count as 0 with a warning; a null operand gives null', () => {
    const r = call('__ifGreaterOrEqual', ['abc', '-1', 'T', 'F']);
    expect(r.value).toBe('T');
    expect(r.warnings.map((w) => w.code)).toEqual(['conversion-failed']);
    expect(call('__ifGreaterOrEqual', [null, '1', 'T', 'F']).value).toBeNull();
  });
});

describe('__ifPositive / __ifTrueThenElse', () => {
  it('reference: __ifPositiveOperation(2,"String1","String2") gives String1', () => {
    expect(run('__ifPositiveOperation', '2', 'String1', 'String2')).toBe('String1');
    expect(runTokens('__ifPositive', 2, 'String1', 'String2')).toBe('String1');
  });
  it('zero, negatives, null and text take the else branch', () => {
    expect(run('__ifPositive', '0', 'a', 'b')).toBe('b');
    expect(run('__ifPositive', '-0.5', 'a', 'b')).toBe('b');
    expect(run('__ifPositive', '0.5', 'a', 'b')).toBe('a');
    expect(run('__ifPositive', null, 'a', 'b')).toBe('b');
    expect(run('__ifPositive', 'x', 'a', 'b')).toBe('b');
  });
  it('__ifTrueThenElse reads booleans like Boolean.parseBoolean', () => {
    expect(run('__ifTrueThenElse', 'TRUE', 'a', 'b')).toBe('a');
    expect(run('__ifTrueThenElse', 'yes', 'a', 'b')).toBe('b');
    expect(run('__ifTrueThenElse', null, 'a', 'b')).toBe('b');
  });
});

describe('__simpleMap', () => {
  it('looks the token up (reference examples)', () => {
    const lit = { literal: [false, true, true, true] };
    expect(call('__simpleMap', ['strawberry', 'chocolate=brown', 'vanilla=white', 'strawberry=pink'], lit).value).toBe('pink');
    expect(call('__simpleMap', ['1', '1=User Accepted', '2=User Rejected'], { literal: [false, true, true] }).value).toBe('User Accepted');
  });
  it('a one-character last argument is the delimiter (FlexEngine)', () => {
    expect(call('__simpleMap', ['8', '8:Success', '16:Failure', ':'], { literal: [false, true, true, true] }).value).toBe('Success');
    expect(call('__simpleMap', ['0', '0=No', '1=Yes', '='], { literal: [false, true, true, true] }).value).toBe('No');
  });
  it('no match and null give null; the first matching entry wins', () => {
    expect(call('__simpleMap', ['3', '1=a', '2=b'], { literal: [false, true, true] }).value).toBeNull();
    expect(call('__simpleMap', [null, '1=a'], { literal: [false, true] }).value).toBeNull();
    expect(call('__simpleMap', ['1', '1=a', '1=b'], { literal: [false, true, true] }).value).toBe('a');
  });
  it('keys are matched by prefix, values may contain the delimiter', () => {
    expect(call('__simpleMap', ['a=b', 'a=b=c', 'a=x'], { literal: [false, true, true] }).value).toBe('c');
    expect(call('__simpleMap', ['k', 'k=v=w'], { literal: [false, true] }).value).toBe('v=w');
  });
  it('gives the same answers when the entries come from tokens', () => {
    expect(runTokens('__simpleMap', '2', '1=a', '2=b')).toBe('b');
    expect(runTokens('__simpleMap', '2', '1:a', '2:b', ':')).toBe('b');
    expect(runTokens('__simpleMap', 23, '23=telnet')).toBe('telnet');
  });
});
