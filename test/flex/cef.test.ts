import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_FIELDS, toCef, type AgentSeverity, type EventValue, type ParsedEvent } from '../../src/flex/index.js';
import { decodeCef } from './support/cef-decoder.js';

function event(fields: Array<[string, EventValue]>, extra: Partial<ParsedEvent> = {}): ParsedEvent {
  return { fields: new Map(fields), additionalData: new Map(), warnings: [], tokens: new Map(), ...extra };
}

describe('CEF encoding', () => {
  it('writes the header from the header fields and the agent severity', () => {
    const line = toCef(
      event(
        [
          ['deviceVendor', 'Microsoft'],
          ['deviceProduct', 'Defender'],
          ['deviceVersion', '2.0'],
          ['deviceEventClassId', 'x1'],
          ['name', 'Alert'],
        ],
        { agentSeverity: 'High' },
      ),
    );
    expect(line).toBe('CEF:0|Microsoft|Defender|2.0|x1|Alert|8|');
  });

  it.each<[AgentSeverity | undefined, string]>([
    ['Low', '3'],
    ['Medium', '5'],
    ['High', '8'],
    ['Very-High', '10'],
    ['Unknown', 'Unknown'],
    [undefined, 'Unknown'],
  ])('agent severity %s is written as %s', (level, written) => {
    expect(decodeCef(toCef(event([], level ? { agentSeverity: level } : {}))).header[5]).toBe(written);
  });

  it('escapes | and \\ in the header, and turns line breaks into spaces', () => {
    expect(toCef(event([['name', 'a|b\\c\r\nd']]))).toBe('CEF:0|||||a\\|b\\\\c d|Unknown|');
  });

  it('escapes \\, =, CR and LF in extension values, leaves | alone', () => {
    expect(toCef(event([['message', 'a=b\\c|d\re\nf']]))).toBe('CEF:0||||||Unknown|msg=a\\=b\\\\c|d\\re\\nf');
  });

  it('uses CEF keys, full names for fields without one, epoch ms for DateTime, ad.<name> for additional data', () => {
    const e = event(
      [
        ['deviceReceiptTime', 1601474960357],
        ['deviceCustomNumber1', 12n],
        ['sourceAddress', '10.0.0.1'],
        ['deviceSeverity', 'High'],
        ['categoryOutcome', '/Success'],
      ],
      { additionalData: new Map([['Connection Number', '7']]) },
    );
    expect(toCef(e)).toBe('CEF:0||||||Unknown|rt=1601474960357 cn1=12 src=10.0.0.1 deviceSeverity=High categoryOutcome=/Success ad.Connection_Number=7');
  });

  it('property: header and extension values survive an encode/decode round trip through an independent decoder', () => {
    const text = fc.string({
      unit: fc.constantFrom('|', '\\', '=', '\r', '\n', ' ', 'a', 'Z', '9', 'é', '日', '😀', 'k=', ' x='),
      minLength: 1,
      maxLength: 30,
    });
    const stringFields = [...EVENT_FIELDS.values()]
      .filter((f) => f.type === 'String' && !['deviceVendor', 'deviceProduct', 'deviceVersion', 'deviceEventClassId', 'name'].includes(f.name))
      .map((f) => f.name);
    fc.assert(
      fc.property(
        fc.tuple(text, text, text, text, text),
        fc.uniqueArray(fc.tuple(fc.constantFrom(...stringFields), text), { selector: ([k]) => k, maxLength: 6 }),
        fc.uniqueArray(fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}$/), text), { selector: ([k]) => k, maxLength: 3 }),
        (header, ext, additional) => {
          const names = ['deviceVendor', 'deviceProduct', 'deviceVersion', 'deviceEventClassId', 'name'];
          const e = event([...names.map((n, i): [string, string] => [n, header[i]!]), ...ext], {
            additionalData: new Map(additional),
            agentSeverity: 'Medium',
          });
          const decoded = decodeCef(toCef(e));
          expect(decoded.version).toBe('0');
          expect(decoded.header).toEqual([...header.map((h) => h.replace(/\r\n|[\r\n]/g, ' ')), '5']);
          expect(decoded.extensions).toEqual([...ext.map(([k, v]) => [EVENT_FIELDS.get(k)!.cefKey ?? k, v]), ...additional.map(([k, v]) => [`ad.${k}`, v])]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the test decoder rejects what the rules forbid (it is not a rubber stamp)', () => {
    expect(() => decodeCef('CEF:0|a|b|c|d|e|5|msg=line\nbreak')).toThrow(/raw line break/);
    expect(() => decodeCef('CEF:0|a|b|c|d|e|5|msg=a\\')).toThrow(/dangling/);
    expect(() => decodeCef('CEF:0|a\\x|b|c|d|e|5|')).toThrow(/bad header escape/);
    expect(() => decodeCef('CEF:0|a|b|c|d|5|')).toThrow(/header fields/);
  });
});
