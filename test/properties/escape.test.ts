import { describe, expect, it } from 'vitest';
import { escapePropertyKey, escapePropertyValue, formatProperties, parseProperties } from '../../src/properties/index.js';
import { javaLoadAll, latin1 } from './java-oracle.js';

describe('escaping', () => {
  it('escapes what would change meaning in a key', () => {
    expect(escapePropertyKey('a b')).toBe('a\\ b');
    expect(escapePropertyKey(' lead')).toBe('\\ lead');
    expect(escapePropertyKey('k=v:w')).toBe('k\\=v\\:w');
    expect(escapePropertyKey('#c')).toBe('\\#c');
    expect(escapePropertyKey('!c')).toBe('\\!c');
    expect(escapePropertyKey('C:\\dir')).toBe('C\\:\\\\dir');
    expect(escapePropertyKey('t\tn\nr\rf\f')).toBe('t\\tn\\nr\\rf\\f');
    expect(escapePropertyKey('')).toBe('');
  });

  it('escapes only the leading space of a value, and keeps trailing ones', () => {
    expect(escapePropertyValue('  two  ')).toBe('\\  two  ');
    expect(escapePropertyValue('a=b:c#d!e')).toBe('a\\=b\\:c\\#d\\!e');
    expect(escapePropertyValue('line1\nline2\r\n')).toBe('line1\\nline2\\r\\n');
    expect(escapePropertyValue('tab\tff\f')).toBe('tab\\tff\\f');
    expect(escapePropertyValue('\\')).toBe('\\\\');
  });

  it('writes everything outside printable ASCII as \\uXXXX, astral characters as surrogate pairs', () => {
    expect(escapePropertyValue('caf\u00e9')).toBe('caf\\u00e9');
    expect(escapePropertyValue('\u20ac')).toBe('\\u20ac');
    expect(escapePropertyValue('\u{1f600}')).toBe('\\ud83d\\ude00');
    expect(escapePropertyValue('\u0000\u0007\u007f\u00a0\u000b')).toBe('\\u0000\\u0007\\u007f\\u00a0\\u000b');
    expect(escapePropertyKey('\ufeffk\u00ff')).toBe('\\ufeffk\\u00ff');
    expect(escapePropertyValue('\ud800')).toBe('\\ud800');
  });

  it('formats items as one ASCII file with comments, blank lines and a final newline', () => {
    const text = formatProperties([
      { comment: 'Client file\nfor caf\u00e9 \u{1f600}' },
      { blank: true },
      { key: 'client id', value: ' x ' },
      { comment: '' },
      { key: 'url', value: 'https://h:1/p?a=b' },
    ]);
    expect(text).toBe('# Client file\n# for caf\\u00e9 \\ud83d\\ude00\n\nclient\\ id=\\ x \n#\nurl=https\\://h\\:1/p?a\\=b\n');
    expect(formatProperties([])).toBe('');
  });

  it('is read back by Java and by our reader exactly', async () => {
    const pairs: Array<[string, string]> = [
      ['', ''],
      [' ', ' '],
      ['=', '='],
      [':', ':'],
      ['#', '#x'],
      ['!', '!x'],
      ['\\', '\\u0041'],
      ['\\u', 'trailing\\'],
      ['key with spaces', '  leading and trailing  '],
      ['cr\rlf\ncrlf\r\n', 'tab\tff\fvt\u000b'],
      ['\u00e9\u00ff', '\u0100\u20ac\u{1f600}\u{10ffff}'],
      ['nbsp\u00a0bom\ufeff', '\u2028\u0085'],
      ['lone\ud800', 'lone\udfff'],
      ['\t', '\f'],
    ];
    const text = formatProperties(pairs.map(([key, value]) => ({ key, value })));
    expect(text).toMatch(/^[\x20-\x7e\n]*$/);
    const [loaded] = await javaLoadAll([latin1(text)]);
    expect(loaded).toEqual({ ok: true, map: new Map(pairs) });
    expect(parseProperties(text).toMap()).toEqual(new Map(pairs));
  });
});
