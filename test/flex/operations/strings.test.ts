import { describe, expect, it } from 'vitest';
import { IpAddress } from '../../../src/flex/value.js';
import { call, run, runTokens } from './harness.js';

describe('__stringConstant / __getVendor', () => {
  it('returns the literal (reference: "NameOfApplication", "HP")', () => {
    expect(run('__stringConstant', 'NameOfApplication')).toBe('NameOfApplication');
    expect(run('__getVendor', 'HP')).toBe('HP');
  });
  it('keeps null as null', () => {
    expect(run('__stringConstant', null)).toBeNull();
  });
});

describe('__concatenate', () => {
  it('joins all arguments in order', () => {
    expect(run('__concatenate', 'String1', ' ', 'String2', 'FOO:', 'stringintoken12')).toBe('String1 String2FOO:stringintoken12');
  });
  it('skips nulls and gives null for an empty result (FlexEngine)', () => {
    expect(run('__concatenate', 'a', null, 'b')).toBe('ab');
    expect(run('__concatenate', null, null)).toBeNull();
    expect(run('__concatenate', '', null)).toBeNull();
  });
  it('prints other types as Java would', () => {
    expect(runTokens('__concatenate', 'port ', 23, ' ', 5n, ' ', new IpAddress('10.0.0.1', 4))).toBe('port 23 5 10.0.0.1');
    expect(runTokens('__concatenate', 1.5, '|', 1e21, '|', 1e-5)).toBe('1.5|1.0E21|1.0E-5');
    expect(runTokens('__concatenate', new Date(1500))).toBe('1500');
  });
});

describe('case and trim', () => {
  it('__toLowerCase / __toUpperCase', () => {
    expect(run('__toLowerCase', 'MiXeD Case')).toBe('mixed case');
    expect(run('__toUpperCase', 'MiXeD Case')).toBe('MIXED CASE');
    expect(run('__toUpperCase', null)).toBeNull();
  });
  it("__stringTrim trims like Java's String.trim (reference example)", () => {
    expect(run('__stringTrim', ' some string with leading and or trailing blanks ')).toBe('some string with leading and or trailing blanks');
    expect(run('__stringTrim', '\t\r\n x \u0001')).toBe('x');
    // Java's trim does not remove non-breaking spaces (above U+0020).
    expect(run('__stringTrim', '\u00a0x\u00a0')).toBe('\u00a0x\u00a0');
    expect(run('__stringTrim', null)).toBeNull();
  });
});

describe('__length / __lengthOperation', () => {
  it('counts UTF-16 code units (reference: CUPERTINO gives 9)', () => {
    expect(run('__lengthOperation', 'CUPERTINO')).toBe(9);
    expect(run('__length', 'CUPERTINO')).toBe(9);
    expect(run('__length', '')).toBe(0);
    expect(run('__length', '😀')).toBe(2);
  });
  it('null stays null', () => {
    expect(run('__length', null)).toBeNull();
  });
});

describe('__longToString', () => {
  it('prints the Long (reference: 456123789)', () => {
    expect(runTokens('__longToString', 456123789n)).toBe('456123789');
    expect(run('__longToStringOperation', '456123789')).toBe('456123789');
  });
  it('warns on text that is not a Long', () => {
    const r = call('__longToString', ['12ab']);
    expect(r.value).toBeNull();
    expect(r.warnings.map((w) => w.code)).toEqual(['conversion-failed']);
  });
});

describe('__BASE64Decode', () => {
  it('decodes (reference: "ZGVjb2RlZCBzdHJpbmc=" gives "decoded string")', () => {
    expect(run('__BASE64Decode', 'ZGVjb2RlZCBzdHJpbmc=')).toBe('decoded string');
    expect(run('__BASE64Decode', 'ZGVjb2RlZCBzdHJpbmc')).toBe('decoded string');
    expect(run('__BASE64Decode', 'w6k=')).toBe('é');
  });
  it('rejects text outside the alphabet with a warning', () => {
    const r = call('__BASE64Decode', ['not base64!']);
    expect(r.value).toBeNull();
    expect(r.warnings[0]?.code).toBe('invalid-argument');
    expect(run('__BASE64Decode', null)).toBeNull();
  });
});

describe('__hexStringToString', () => {
  it('decodes hex pairs (reference examples)', () => {
    expect(run('__hexStringToString', '4865776c6574742d5061636b617264')).toBe('Hewlett-Packard');
    expect(run('__hexStringToStringOperation', '4172635369676874')).toBe('ArcSight');
    expect(run('__hexStringToString', '414243440D0A4546470D0A48494A')).toBe('ABCD\r\nEFG\r\nHIJ');
    expect(run('__hexStringToString', '0x4142')).toBe('AB');
  });
  it('warns on odd length or non-hex', () => {
    expect(call('__hexStringToString', ['414']).warnings).toHaveLength(1);
    expect(call('__hexStringToString', ['zz']).value).toBeNull();
  });
});

describe('__extractNTDomain / __extractNTUser', () => {
  it('splits DOMAIN\\user (reference: AMERICAS\\WABC123)', () => {
    expect(run('__extractNTDomain', 'AMERICAS\\WABC123')).toBe('AMERICAS');
    expect(run('__extractNTUser', 'AMERICAS\\WABC123')).toBe('WABC123');
  });
  it('without a backslash: no domain, the whole text is the user', () => {
    expect(run('__extractNTDomain', 'WABC123')).toBeNull();
    expect(run('__extractNTUser', 'WABC123')).toBe('WABC123');
    expect(run('__extractNTUser', null)).toBeNull();
  });
});

describe('__extractProtocol', () => {
  it('finds the protocol word (reference: "TCP port 23" gives TCP)', () => {
    expect(run('__extractProtocol', 'TCP port 23')).toBe('TCP');
    expect(run('__extractProtocol', 'Inbound udp connection')).toBe('UDP');
    expect(run('__extractProtocol', 'proto=icmpv6')).toBe('ICMPv6');
  });
  it('null when there is none', () => {
    expect(run('__extractProtocol', 'port 23')).toBeNull();
    expect(run('__extractProtocol', 'TCPX')).toBeNull();
    expect(run('__extractProtocol', null)).toBeNull();
  });
});

describe('__getXForceStringFor', () => {
  it('prefixes X-Force', () => {
    expect(run('__getXForceStringFor', 'somestringparameter')).toBe('X-Forcesomestringparameter');
  });
});
