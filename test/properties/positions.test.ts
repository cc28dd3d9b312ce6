import { describe, expect, it } from 'vitest';
import { LineIndex, parseProperties, type PropertyEntry } from '../../src/properties/index.js';

function at(doc: { entries: PropertyEntry[] }, key: string): PropertyEntry {
  const e = doc.entries.find((x) => x.key === key);
  if (!e) throw new Error(`no entry ${key}`);
  return e;
}

function where(e: PropertyEntry) {
  return { key: [e.line, e.column], value: [e.valueLine, e.valueColumn], end: [e.endLine, e.endColumn] };
}

describe('source positions', () => {
  it('points at the key, the value and the end of simple lines', () => {
    const doc = parseProperties('# comment\nalpha = one\n  beta:two\n\tgamma\tthree  \n');
    expect(where(at(doc, 'alpha'))).toEqual({ key: [2, 1], value: [2, 9], end: [2, 12] });
    expect(where(at(doc, 'beta'))).toEqual({ key: [3, 3], value: [3, 8], end: [3, 11] });
    expect(where(at(doc, 'gamma'))).toEqual({ key: [4, 2], value: [4, 8], end: [4, 15] });
    expect(at(doc, 'gamma').value).toBe('three  ');
  });

  it('follows continuation lines for keys and values', () => {
    const text = 'first=a\\\n    b\\\n  c\nke\\\n   y = v\nlate=\\\n     value\n';
    const doc = parseProperties(text);
    expect(where(at(doc, 'first'))).toEqual({ key: [1, 1], value: [1, 7], end: [3, 4] });
    expect(at(doc, 'first')).toMatchObject({ value: 'abc', rawValue: 'a b c'.replace(/ /g, '') });
    expect(where(at(doc, 'key'))).toEqual({ key: [4, 1], value: [5, 8], end: [5, 9] });
    expect(at(doc, 'key').rawKey).toBe('key');
    // a key continued onto the next line ends there, not rawKey.length columns after its start
    expect(at(doc, 'key')).toMatchObject({ keyEndLine: 5, keyEndColumn: 5 });
    expect(at(doc, 'first')).toMatchObject({ keyEndLine: 1, keyEndColumn: 6 });
    // the value starts on the continuation line
    expect(where(at(doc, 'late'))).toEqual({ key: [6, 1], value: [7, 6], end: [7, 11] });
  });

  it('counts CRLF and CR-only endings as one line break each', () => {
    const doc = parseProperties('a=1\r\n\r\nb = 2\rc=x\\\r\n  y\r\nd=4');
    expect(where(at(doc, 'a'))).toEqual({ key: [1, 1], value: [1, 3], end: [1, 4] });
    expect(where(at(doc, 'b'))).toEqual({ key: [3, 1], value: [3, 5], end: [3, 6] });
    expect(where(at(doc, 'c'))).toEqual({ key: [4, 1], value: [4, 3], end: [5, 4] });
    expect(at(doc, 'c').value).toBe('xy');
    expect(where(at(doc, 'd'))).toEqual({ key: [6, 1], value: [6, 3], end: [6, 4] });
  });

  it('puts an empty value right after the separator', () => {
    const doc = parseProperties('empty=\nbare\nblank =   \n=only\n');
    expect(where(at(doc, 'empty'))).toEqual({ key: [1, 1], value: [1, 7], end: [1, 7] });
    expect(where(at(doc, 'bare'))).toEqual({ key: [2, 1], value: [2, 5], end: [2, 5] });
    expect(where(at(doc, 'blank'))).toEqual({ key: [3, 1], value: [3, 11], end: [3, 11] });
    expect(where(at(doc, ''))).toEqual({ key: [4, 1], value: [4, 2], end: [4, 6] });
  });

  it('keeps keys and values as written in rawKey and rawValue', () => {
    const doc = parseProperties('my\\ key\\:x = C\\:\\\\dir\\u0041\\\n   \\tz\n');
    const e = doc.entries[0]!;
    expect(e).toMatchObject({ key: 'my key:x', rawKey: 'my\\ key\\:x', value: 'C:\\dirA\tz', rawValue: 'C\\:\\\\dir\\u0041\\tz' });
    expect(where(e)).toEqual({ key: [1, 1], value: [1, 14], end: [2, 7] });
  });

  it('reports a malformed \\u escape where it is written, and keeps reading', () => {
    const doc = parseProperties('ok=1\nbad=abc\\u12\nk\\uXYZW=v\nwrapped=x\\\n   \\u1\nafter=2\n');
    const errors = doc.diagnostics.filter((d) => d.code === 'malformed-unicode-escape');
    expect(errors.map((d) => [d.line, d.column, d.severity])).toEqual([
      [2, 8, 'error'],
      [3, 2, 'error'],
      [5, 4, 'error'],
    ]);
    expect(doc.get('bad')!.value).toBe('abc\\u12');
    expect(doc.get('after')!.value).toBe('2');
  });

  it('warns about a byte order mark, which Java keeps in the first key', () => {
    for (const bom of ['\u00ef\u00bb\u00bf', '\ufeff']) {
      const doc = parseProperties(`${bom}a=1\n`);
      expect(doc.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'bom', line: 1, column: 1 })]);
      expect(doc.entries[0]!.key).toBe(`${bom}a`);
      expect(doc.entries[0]!.column).toBe(1);
    }
    expect(parseProperties('a=1\n').diagnostics).toEqual([]);
  });

  it('gives the last duplicate from get() and in toMap(), and keeps every entry in order', () => {
    const doc = parseProperties('a=1\nb=2\na=3\n');
    expect(doc.entries.map((e) => `${e.key}=${e.value}`)).toEqual(['a=1', 'b=2', 'a=3']);
    expect(doc.get('a')).toMatchObject({ value: '3', line: 3 });
    expect([...doc.toMap()]).toEqual([
      ['a', '3'],
      ['b', '2'],
    ]);
    expect(doc.get('missing')).toBeUndefined();
  });
});

describe('physical lines cut on demand', () => {
  it('gives the same lines as splitting at CRLF, CR and LF, and nothing outside the text', () => {
    for (const text of ['', 'a', 'a\n', '\n\n', 'a\r\nb\rc\nd', 'a\r\r\nb\n\rc\r', 'x=1\\\r\n  2\r\n']) {
      const index = new LineIndex(text);
      const split = text.split(/\r\n|\r|\n/);
      expect(index.count).toBe(split.length);
      expect(Array.from({ length: index.count }, (_, i) => index.line(i + 1))).toEqual(split);
      expect(index.line(0)).toBeUndefined();
      expect(index.line(split.length + 1)).toBeUndefined();
    }
  });

  it('keeps positions right past the first grown line table', () => {
    const text = 'k=v\r\n'.repeat(300) + 'last';
    const index = new LineIndex(text);
    expect(index.count).toBe(301);
    expect(index.position(text.length - 1)).toEqual({ line: 301, column: 4 });
    expect(index.position(5 * 150 + 2)).toEqual({ line: 151, column: 3 });
    expect(index.line(301)).toBe('last');
  });
});
