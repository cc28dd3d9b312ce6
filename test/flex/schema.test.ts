import { describe, expect, it } from 'vitest';
import { EVENT_FIELDS, suggest } from '../../src/flex/index.js';

describe('ArcSight field schema', () => {
  it.each([
    ['deviceCustomString1', 'cs1', 'String', 4000],
    ['deviceCustomString6Label', 'cs6Label', 'String', 1023],
    ['flexString1Label', 'flexString1Label', 'String', 128],
    ['externalId', 'externalId', 'String', 40],
    ['deviceHostName', 'dvchost', 'String', 63],
    ['requestContext', 'requestContext', 'String', 2048],
    ['sourceAddress', 'src', 'IPAddress', undefined],
    ['deviceCustomIPv6Address2', 'c6a2', 'IPv6Address', undefined],
    ['deviceReceiptTime', 'rt', 'DateTime', undefined],
    ['bytesIn', 'in', 'Long', undefined],
    ['deviceCustomNumber3', 'cn3', 'Long', undefined],
    ['deviceCustomFloatingPoint4', 'cfp4', 'Double', undefined],
    ['sourcePort', 'spt', 'Integer', undefined],
    ['deviceMacAddress', 'dvcmac', 'MacAddress', undefined],
  ])('%s: CEF key %s, %s, max %s', (name, key, type, max) => {
    const f = EVENT_FIELDS.get(name)!;
    expect([f.cefKey, f.type, f.maxLength]).toEqual([key, type, max]);
  });

  it('has the header fields (no CEF extension key) and dev-guide-only fields', () => {
    for (const name of ['deviceVendor', 'deviceProduct', 'deviceVersion', 'deviceEventClassId', 'name', 'deviceSeverity']) {
      expect(EVENT_FIELDS.get(name)).toMatchObject({ source: 'header' });
      expect(EVENT_FIELDS.get(name)!.cefKey).toBeUndefined();
    }
    expect(EVENT_FIELDS.get('categoryBehavior')).toMatchObject({ source: 'dev-guide', maxLength: 1023 });
    expect(EVENT_FIELDS.get('flexNumber2')).toMatchObject({ type: 'Long' });
  });

  it('CEF keys are unique', () => {
    const keys = [...EVENT_FIELDS.values()].flatMap((f) => (f.cefKey ? [f.cefKey] : []));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('did-you-mean', () => {
  it('finds typos, swaps and case slips', () => {
    expect(suggest('sourceHostname', EVENT_FIELDS.keys())).toBe('sourceHostName');
    expect(suggest('deviceCustomStirng1', EVENT_FIELDS.keys())).toBe('deviceCustomString1');
    expect(suggest('IpAddress', ['String', 'IPAddress', 'IPv6Address'])).toBe('IPAddress');
    expect(suggest('toket', ['token', 'event'])).toBe('token');
  });

  it('stays quiet when nothing is close', () => {
    expect(suggest('completelyDifferent', EVENT_FIELDS.keys())).toBeUndefined();
    expect(suggest('', ['a'])).toBeUndefined();
  });
});
