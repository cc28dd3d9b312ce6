import { describe, expect, it } from 'vitest';
import { javaDoubleToString, parseAddress, toAddress, toInteger, toLong, toMac, toStringValue, toTimestamp } from '../../../src/flex/operations/index.js';
import { IpAddress, MacAddress } from '../../../src/flex/value.js';
import { context, type Warning } from './harness.js';

function sink() {
  const warnings: Warning[] = [];
  return { warnings, ctx: context(warnings) };
}

describe('toStringValue', () => {
  it('prints values as Java would', () => {
    expect(toStringValue(null)).toBeNull();
    expect(toStringValue('x')).toBe('x');
    expect(toStringValue(42)).toBe('42');
    expect(toStringValue(0.1)).toBe('0.1');
    expect(toStringValue(12345678.5)).toBe('1.23456785E7');
    expect(toStringValue(9007199254740993n)).toBe('9007199254740993');
    expect(toStringValue(new Date(86400000))).toBe('86400000');
    expect(toStringValue(new IpAddress('::1', 6))).toBe('::1');
  });
  it("javaDoubleToString follows Double.toString's notation switch", () => {
    expect(javaDoubleToString(1e7)).toBe('1.0E7');
    expect(javaDoubleToString(9999999.5)).toBe('9999999.5');
    expect(javaDoubleToString(0.001)).toBe('0.001');
    expect(javaDoubleToString(0.0001)).toBe('1.0E-4');
    expect(javaDoubleToString(-2.5e-7)).toBe('-2.5E-7');
    expect(javaDoubleToString(NaN)).toBe('NaN');
    expect(javaDoubleToString(-Infinity)).toBe('-Infinity');
    expect(javaDoubleToString(-0)).toBe('-0.0');
  });
});

describe('toInteger / toLong', () => {
  it('parse like Integer.parseInt / Long.parseLong and warn on failure', () => {
    const { warnings, ctx } = sink();
    expect(toInteger('-2147483648', ctx)).toBe(-2147483648);
    expect(toInteger('2147483648', ctx)).toBeNull();
    expect(toInteger(' 1', ctx)).toBeNull();
    expect(toLong('-9223372036854775808', ctx)).toBe(-9223372036854775808n);
    expect(toLong('1e3', ctx)).toBeNull();
    expect(warnings.map((w) => w.code)).toEqual(['conversion-failed', 'conversion-failed', 'conversion-failed']);
    expect(warnings[0]!.message).toContain('"2147483648"');
  });
  it('narrow numbers like Java casts', () => {
    expect(toInteger(3.9)).toBe(3);
    expect(toInteger(-3.9)).toBe(-3);
    expect(toInteger(1e20)).toBe(2147483647);
    expect(toInteger(5n)).toBe(5);
    expect(toInteger(5_000_000_000n)).toBeNull();
    expect(toLong(7)).toBe(7n);
    expect(toLong(new Date(5))).toBe(5n);
  });
  it('are silent without a sink', () => {
    expect(toInteger('x')).toBeNull();
    expect(toInteger(new IpAddress('1.1.1.1', 4))).toBeNull();
  });
});

describe('toAddress', () => {
  it('reads IPv4 and IPv6 text and 32-bit numbers', () => {
    expect(toAddress('10.0.0.1')).toEqual(new IpAddress('10.0.0.1', 4));
    expect(toAddress('010.000.000.001')?.text).toBe('10.0.0.1');
    expect(toAddress('2001:DB8::0:1')?.text).toBe('2001:db8::1');
    expect(toAddress('2001:db8:0:0:0:0:2:1')?.text).toBe('2001:db8::2:1');
    expect(toAddress('2001:db8:0:1:1:1:1:1')?.text).toBe('2001:db8:0:1:1:1:1:1');
    expect(toAddress('1:0:0:2:0:0:0:3')?.text).toBe('1:0:0:2::3');
    expect(toAddress('::')?.text).toBe('::');
    expect(toAddress('::1.2.3.4')?.text).toBe('::102:304');
    expect(toAddress(3232238092)?.text).toBe('192.168.10.12');
    expect(toAddress(3232238092n)?.text).toBe('192.168.10.12');
  });
  it('rejects everything else with a warning', () => {
    const { warnings, ctx } = sink();
    for (const bad of ['256.1.1.1', '1.2.3', 'host.example.com', '1::2::3', '1:2:3:4:5:6:7:8:9', '', '::ffff:1.2.3.256', 'fe80::1%eth0']) {
      expect(toAddress(bad, ctx)).toBeNull();
    }
    expect(toAddress(-1, ctx)).toBeNull();
    expect(warnings).toHaveLength(9);
  });
  it('parseAddress maps IPv4-mapped IPv6 to IPv4 like InetAddress', () => {
    expect(parseAddress('::ffff:c0a8:a0c')).toEqual(new IpAddress('192.168.10.12', 4));
  });
});

describe('toMac', () => {
  it('reads text forms and 48-bit numbers', () => {
    expect(toMac('00:1a:2B:3c:4D:5e')).toEqual(new MacAddress('00:1A:2B:3C:4D:5E'));
    expect(toMac('001a.2b3c.4d5e')?.text).toBe('00:1A:2B:3C:4D:5E');
    expect(toMac('001A2B3C4D5E')?.text).toBe('00:1A:2B:3C:4D:5E');
    expect(toMac('0:1a:2b:3c:4d:5e')?.text).toBe('00:1A:2B:3C:4D:5E');
    expect(toMac(281401388481450n)?.text).toBe('FF:EE:DD:CC:BB:AA');
  });
  it('rejects everything else with a warning', () => {
    const { warnings, ctx } = sink();
    expect(toMac('00:1a:2b:3c:4d', ctx)).toBeNull();
    expect(toMac(1n << 48n, ctx)).toBeNull();
    expect(warnings).toHaveLength(2);
  });
});

describe('toTimestamp', () => {
  it('reads epoch milliseconds and ISO-8601', () => {
    expect(toTimestamp(1500)?.getTime()).toBe(1500);
    expect(toTimestamp('1500')?.getTime()).toBe(1500);
    expect(toTimestamp('2020-09-30T14:09:20.35743Z')?.toISOString()).toBe('2020-09-30T14:09:20.357Z');
    expect(toTimestamp('2020-09-30T14:09:20+02:00')?.toISOString()).toBe('2020-09-30T12:09:20.000Z');
    expect(toTimestamp('2020-09-30')?.toISOString()).toBe('2020-09-30T00:00:00.000Z');
  });
  it("reads zone-less ISO text in the connector's zone, across DST", () => {
    const ctx = { ...context([]), timeZone: 'America/New_York' };
    expect(toTimestamp('2020-01-15T12:00:00', ctx)?.toISOString()).toBe('2020-01-15T17:00:00.000Z');
    expect(toTimestamp('2020-07-15T12:00:00', ctx)?.toISOString()).toBe('2020-07-15T16:00:00.000Z');
  });
  it('rejects other text and impossible dates with a warning', () => {
    const { warnings, ctx } = sink();
    expect(toTimestamp('Sep 30 2020', ctx)).toBeNull();
    expect(toTimestamp('2020-02-30T00:00:00Z', ctx)).toBeNull();
    expect(toTimestamp(9e15, ctx)).toBeNull();
    expect(warnings).toHaveLength(3);
  });
});
