import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJsonWithPositions } from '../../src/lint/index.js';

/** The text between two positions of a (multi-line) text. */
function slice(text: string, start: { line: number; column: number }, end: { line: number; column: number }): string {
  const lines = text.split(/\r\n|\n|\r/);
  const offset = (p: { line: number; column: number }) => lines.slice(0, p.line - 1).reduce((n, l) => n + l.length + 1, 0) + p.column - 1;
  return text.replace(/\r\n/g, '\n').slice(offset(start), offset(end));
}

describe('parseJsonWithPositions', () => {
  it('records where each value and key is, by JSON pointer', () => {
    const text = '{\n  "tenant": "contoso.com",\n  "a/b": [1, {"c~d": null}]\n}';
    const doc = parseJsonWithPositions(text);
    expect(doc.value).toEqual(JSON.parse(text));
    const tenant = doc.ranges.get('/tenant')!;
    expect(tenant.start).toEqual({ line: 2, column: 13 });
    expect(slice(text, tenant.key!.start, tenant.key!.end)).toBe('"tenant"');
    expect(slice(text, doc.ranges.get('/a~1b/1/c~0d')!.start, doc.ranges.get('/a~1b/1/c~0d')!.end)).toBe('null');
  });

  it('agrees with JSON.parse on every generated document, and every range holds its value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 1, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const doc = parseJsonWithPositions(text);
        expect(doc.value).toEqual(JSON.parse(text));
        for (const [pointer, range] of doc.ranges) {
          const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
          let expected: unknown = value;
          for (const p of parts) expected = (expected as Record<string, unknown>)[p];
          expect(JSON.parse(slice(text, range.start, range.end))).toEqual(JSON.parse(JSON.stringify(expected)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rejects what JSON.parse rejects, with a position', () => {
    const bad = ['{"a": 1,}', '{a: 1}', '[1 2]', '"\\x"', '{"a": 01}', '', '{"a": "b"} x', '{"a": "line\nbreak"}', '[1,]', 'tru'];
    for (const text of bad) {
      expect(() => JSON.parse(text), text).toThrow();
      let error: unknown;
      try {
        parseJsonWithPositions(text);
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(JsonSyntaxError);
      const e = error as JsonSyntaxError;
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.column).toBeGreaterThanOrEqual(1);
    }
    expect(() => parseJsonWithPositions('{\n  "a": 1,\n}')).toThrow(expect.objectContaining({ line: 3, column: 1 }));
  });

  it('accepts exactly what JSON.parse accepts on mutated text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.string({ maxLength: 3 }), (value, at, insert) => {
        const base = JSON.stringify(value);
        const i = base.length === 0 ? 0 : at % (base.length + 1);
        const text = base.slice(0, i) + insert + base.slice(i);
        let ok = true;
        try {
          JSON.parse(text);
        } catch {
          ok = false;
        }
        if (ok) expect(parseJsonWithPositions(text).value).toEqual(JSON.parse(text));
        else expect(() => parseJsonWithPositions(text)).toThrow(JsonSyntaxError);
      }),
      { numRuns: 500 },
    );
  });
});

describe('hostile nesting', () => {
  it('a document nested 10^5 levels deep is a syntax error with its position, not a stack overflow', () => {
    const text = `{"tenant": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const error = (() => {
      try {
        parseJsonWithPositions(text);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(JsonSyntaxError);
    expect((error as JsonSyntaxError).message).toMatch(/Nested more than 256 levels deep/);
    expect((error as JsonSyntaxError).line).toBe(1);
  });
});
