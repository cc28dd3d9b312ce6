import { describe, expect, it } from 'vitest';
import { IpAddress, MacAddress, type FlexValue } from '../../../src/flex/value.js';
import { call, run, runTokens } from './harness.js';

const text = (v: FlexValue) => (v === null ? null : String(v));

describe('numeric addresses', () => {
  it('reference: __longToDot4QuadAddress(16909060) gives 1.2.3.4 (as text)', () => {
    expect(run('__longToDot4QuadAddress', '16909060')).toBe('1.2.3.4');
    expect(runTokens('__longToDot4QuadAddress', 16909060n)).toBe('1.2.3.4');
  });
  it('reference: __numberToAddress(3232238092) gives 192.168.10.12', () => {
    const v = runTokens('__numberToAddress', 3232238092n);
    expect(v).toBeInstanceOf(IpAddress);
    expect(text(v)).toBe('192.168.10.12');
  });
  it('out-of-range numbers give null with a warning', () => {
    const r = call('__numberToAddress', [4294967296n]);
    expect(r.value).toBeNull();
    expect(r.warnings[0]?.code).toBe('invalid-argument');
    expect(run('__longToDot4QuadAddress', '-1')).toBeNull();
  });
  it('__signedNumberToAddress reads negative ints as the upper half', () => {
    expect(text(runTokens('__signedNumberToAddress', -1))).toBe('255.255.255.255');
    expect(text(runTokens('__signedNumberToAddress', -1062729204))).toBe('192.168.10.12');
  });
  it('__doubleToAddress truncates', () => {
    expect(text(run('__doubleToAddress', '3232238092.9'))).toBe('192.168.10.12');
  });
});

describe('text addresses', () => {
  it('reference: __hexStringToAddress C0A80A0C / c0a80a0b', () => {
    expect(text(run('__hexStringToAddress', 'C0A80A0C'))).toBe('192.168.10.12');
    expect(text(run('__hexStringToAddress', 'c0a80a0b'))).toBe('192.168.10.11');
    expect(text(run('__hexStringToAddress', '20010db8000000000000000000000001'))).toBe('2001:db8::1');
    expect(call('__hexStringToAddress', ['xyz']).warnings[0]?.code).toBe('invalid-argument');
  });
  it('__hexStringToIPV6Address', () => {
    expect(text(run('__hexStringToIPV6Address', '2001:0db8:0000:0000:0000:0000:0000:0001'))).toBe('2001:db8::1');
    expect(run('__hexStringToIPV6Address', 'abc')).toBeNull();
  });
  it('reference: __noDot4QuadStringsToAddress(192,168,10,12)', () => {
    expect(text(run('__noDot4QuadStringsToAddress', '192', '168', '10', '12'))).toBe('192.168.10.12');
    expect(run('__noDot4QuadStringsToAddress', '300', '168', '10', '12')).toBeNull();
    expect(run('__noDot4QuadStringsToAddress', null, '168', '10', '12')).toBeNull();
  });
  it('reference: __noDotStringFormatToAddress 192168010012 and 001002003004', () => {
    expect(text(run('__noDotStringFormatToAddress', '192168010012'))).toBe('192.168.10.12');
    expect(text(run('__noDotStringFormatToAddress', '001002003004'))).toBe('1.2.3.4');
    expect(run('__noDotStringFormatToAddress', '19216801001')).toBeNull();
  });
  it('__stringToIPv6Address canonicalises (RFC 5952)', () => {
    expect(text(run('__stringToIPv6Address', '2001:DB8:0:0:1:0:0:1'))).toBe('2001:db8::1:0:0:1');
    expect(text(run('__stringToIPv6Address', 'fe80::0:1'))).toBe('fe80::1');
    expect(text(run('__stringToIPv6Address', '::ffff:10.1.2.3'))).toBe('10.1.2.3');
    expect(run('__stringToIPv6Address', 'gggg::1')).toBeNull();
  });
  it('reference: __getIpV6AddressFromHighLow with thousands commas', () => {
    expect(text(run('__getIpV6AddressFromHighLow', '1,311,768,467,294,899,695', '18,364,757,930,599,072,545'))).toBe('1234:5678:90ab:cdef:fedc:ba09:8765:4321');
    expect(run('__getIpV6AddressFromHighLow', 'x', '1')).toBeNull();
  });
  it('__getIPv4AddressEmbeddedInIPv6Address', () => {
    expect(text(run('__getIPv4AddressEmbeddedInIPv6Address', '::ffff:192.168.10.12'))).toBe('192.168.10.12');
    expect(text(run('__getIPv4AddressEmbeddedInIPv6Address', '64:ff9b::c0a8:a0c'))).toBe('192.168.10.12');
  });
  it('reference: __reverseDottedDecimalAddressByteOrder(1.2.3.4) gives 4.3.2.1', () => {
    expect(run('__reverseDottedDecimalAddressByteOrder', '1.2.3.4')).toBe('4.3.2.1');
    expect(runTokens('__reverseDottedDecimalAddressByteOrder', new IpAddress('10.20.30.40', 4))).toBe('40.30.20.10');
    expect(run('__reverseDottedDecimalAddressByteOrder', 'host')).toBeNull();
  });
});

describe('MAC addresses', () => {
  it('reference: __getLongMACAddressByString AA:BB:CC:DD:EE:FF, AA-BB-..., periods', () => {
    for (const s of ['AA:BB:CC:DD:EE:FF', 'AA-BB-CC-DD-EE-FF', 'AA.BB.CC.DD.EE.FF', 'aa:bb:cc:dd:ee:ff']) {
      const v = run('__getLongMACAddressByString', s);
      expect(v).toBeInstanceOf(MacAddress);
      expect(text(v)).toBe('AA:BB:CC:DD:EE:FF');
    }
  });
  it('reference: __getLongMACAddressByHexString(FFEEDDCCBBAA)', () => {
    expect(text(run('__getLongMACAddressByHexString', 'FFEEDDCCBBAA'))).toBe('FF:EE:DD:CC:BB:AA');
    expect(call('__getLongMACAddressByHexString', ['FFEEDDCCBB']).warnings[0]?.code).toBe('invalid-argument');
  });
  it('mixed separators and wrong lengths are rejected', () => {
    expect(run('__getLongMACAddressByString', 'AA:BB-CC:DD:EE:FF')).toBeNull();
    expect(run('__getLongMACAddressByString', 'AA:BB:CC:DD:EE')).toBeNull();
    expect(run('__getLongMACAddressByString', null)).toBeNull();
  });
});
