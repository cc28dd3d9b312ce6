import { describe, expect, it } from 'vitest';
import { BOM, stripBom, utf8BomLength } from '../../src/text/index.js';

describe('byte order mark', () => {
  it('stripBom removes one leading U+FEFF and nothing else', () => {
    expect(stripBom('\ufeff{"a": 1}')).toBe('{"a": 1}');
    expect(stripBom('\ufeff\ufeffx')).toBe('\ufeffx');
    expect(stripBom('x\ufeff')).toBe('x\ufeff');
    expect(stripBom('')).toBe('');
    // The UTF-8 bytes read as ISO-8859-1 are three other characters, not a byte order mark.
    expect(stripBom('\u00ef\u00bb\u00bfa')).toBe('\u00ef\u00bb\u00bfa');
    expect(stripBom(`${BOM}a`)).toBe('a');
  });

  it('utf8BomLength sees EF BB BF at the start only', () => {
    expect(utf8BomLength(Buffer.from('\ufeffa', 'utf8'))).toBe(3);
    expect(utf8BomLength(Buffer.from([0xef, 0xbb]))).toBe(0);
    expect(utf8BomLength(Buffer.from([0x61, 0xef, 0xbb, 0xbf]))).toBe(0);
    expect(utf8BomLength(new Uint8Array())).toBe(0);
  });
});
