import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, JsonSyntaxError, parseJson, parseJsonWithPositions, type JsonSyntaxErrorKind } from '../../src/text/index.js';

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
          const parts = pointer
            .split('/')
            .slice(1)
            .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
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
    let error: unknown;
    try {
      parseJsonWithPositions(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JsonSyntaxError);
    expect((error as JsonSyntaxError).message).toMatch(/Nested more than 256 levels deep/);
    expect((error as JsonSyntaxError).line).toBe(1);
  });
});

/** The error a text gives, or a failed expectation when it parses. */
function syntaxError(text: string): JsonSyntaxError {
  const e = findJsonSyntaxError(text);
  if (!e) throw new Error(`expected ${JSON.stringify(text)} to be invalid JSON`);
  return e;
}

describe('syntax errors: every kind at its hand-counted line and column', () => {
  // [text, kind, line, column, what is found there (undefined: the text ends)]
  const cases: [string, JsonSyntaxErrorKind, number, number, string | undefined][] = [
    ['{"a": }', 'expected-value', 1, 7, '}'],
    ['', 'expected-value', 1, 1, undefined],
    ['[1,]', 'expected-value', 1, 4, ']'],
    ["{'a': 1}", 'expected-property-name', 1, 2, "'"],
    ['{\n  a: 1}', 'expected-property-name', 2, 3, 'a'],
    ['{"a": 1,}', 'expected-property-name', 1, 9, '}'],
    ['{"a" 1}', 'expected-colon', 1, 6, '1'],
    ['{"a": 1 "b": 2}', 'expected-comma-or-brace', 1, 9, '"'],
    ['{"a": 01}', 'expected-comma-or-brace', 1, 8, '1'],
    ['[1 2]', 'expected-comma-or-bracket', 1, 4, '2'],
    ['[{"a": 1}', 'expected-comma-or-bracket', 1, 10, undefined],
    ['{}\n x', 'text-after-value', 2, 2, 'x'],
    ['["abc', 'unterminated-string', 1, 6, undefined],
    ['"ab\\', 'unterminated-string', 1, 5, undefined],
    ['"a\\x"', 'invalid-escape', 1, 4, 'x'],
    ['"\\u12g4"', 'invalid-unicode-escape', 1, 6, 'g'],
    ['"\\u12', 'invalid-unicode-escape', 1, 6, undefined],
    ['{"a": "line\nbreak"}', 'control-character', 1, 12, '\n'],
    ['"tab\there"', 'control-character', 1, 5, '\t'],
    ['[-]', 'invalid-number', 1, 3, ']'],
    ['[1.]', 'invalid-number', 1, 4, ']'],
    ['1e+', 'invalid-number', 1, 4, undefined],
    ['-a', 'invalid-number', 1, 2, 'a'],
    ['[tru]', 'invalid-literal', 1, 5, ']'],
    ['nul', 'invalid-literal', 1, 4, undefined],
    ['{"a": falsy}', 'invalid-literal', 1, 11, 'y'],
  ];

  it.each(cases)('%j: %s at %i:%i', (text, kind, line, column, found) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    const e = syntaxError(text);
    expect([e.kind, e.line, e.column, e.found]).toEqual([kind, line, column, found]);
    expect(e.message).toMatch(found === undefined ? / \(the text ends here\)$/ : / \(found ".+"\)$/);
    // parseJsonWithPositions and parseJson find the same error.
    expect(() => parseJsonWithPositions(text)).toThrow(expect.objectContaining({ kind, line, column }));
    expect(() => parseJson(text)).toThrow(expect.objectContaining({ kind, line, column }));
  });

  it('lines end at CRLF, CR and LF; a tab is one column', () => {
    expect(syntaxError('{\r\n  "a": 1,\r\n}')).toMatchObject({ line: 3, column: 1 });
    expect(syntaxError('{\r"a" 1}')).toMatchObject({ line: 2, column: 5 });
    expect(syntaxError('[\n\r\n\r1 x]')).toMatchObject({ line: 4, column: 3 });
    expect(syntaxError('{\t"a":\tx}')).toMatchObject({ line: 1, column: 8 });
  });

  it('columns count UTF-16 code units; a character outside the BMP is found whole', () => {
    // [ " 😀(two units) " , space x
    expect(syntaxError('["😀", x]')).toMatchObject({ line: 1, column: 8, found: 'x' });
    const e = syntaxError('[😀]');
    expect([e.column, e.found]).toEqual([2, '😀']);
    expect(e.message).toBe('Expected a JSON value (found "😀")');
    // A lone surrogate is named by its escape, never written raw to a terminal.
    expect(syntaxError('[\ud800]').message).toBe('Expected a JSON value (found "\\ud800")');
  });

  it('a leading byte order mark is skipped, and counted as column 1 of line 1', () => {
    expect(parseJson('\ufeff{"a": 1}')).toEqual({ a: 1 });
    expect(parseJsonWithPositions('\ufeff{"a": 1}').ranges.get('/a')).toMatchObject({ start: { line: 1, column: 8 } });
    expect(syntaxError('\ufeff{"a": }')).toMatchObject({ line: 1, column: 8, offset: 7 });
    expect(syntaxError('\ufeff{\n"a" 1}')).toMatchObject({ line: 2, column: 5 });
    // Only one, and only at the start.
    expect(syntaxError('\ufeff\ufeff{}')).toMatchObject({ kind: 'expected-value', column: 2 });
    expect(syntaxError('{}\ufeff')).toMatchObject({ kind: 'text-after-value', column: 3 });
  });

  it('a control character found is shown as an escape', () => {
    expect(syntaxError('"a\u001b[31m"').message).toBe('Control character in string (write it as an escape) (found "\\u001b")');
  });

  it('puts the error where V8 does whenever V8 names a position', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.string({ maxLength: 3 }), fc.boolean(), (value, at, insert, cut) => {
        const base = JSON.stringify(value, null, 1);
        const i = at % (base.length + 1);
        const text = cut ? base.slice(0, i) : base.slice(0, i) + insert + base.slice(i);
        let message: string | undefined;
        try {
          JSON.parse(text);
        } catch (e) {
          message = (e as Error).message;
        }
        const ours = findJsonSyntaxError(text);
        expect(ours === undefined, text).toBe(message === undefined);
        const v8 = message === undefined ? undefined : /at position (\d+)/.exec(message)?.[1];
        if (v8 !== undefined) expect(ours?.offset, `${JSON.stringify(text)}: ${message}`).toBe(Number(v8));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('findJsonSyntaxError', () => {
  it('has no nesting limit: a valid document nested 10^5 deep has no error; a bad one deep inside is found', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(findJsonSyntaxError(deep)).toBeUndefined();
    const bad = `${'['.repeat(100_000)}x${']'.repeat(100_000)}`;
    expect(findJsonSyntaxError(bad)).toMatchObject({ kind: 'expected-value', line: 1, column: 100_001 });
  });

  it('a nesting limit of parseJsonWithPositions is an error at the bracket that passes it', () => {
    expect(() => parseJsonWithPositions('[[[1]]]', 2)).toThrow(expect.objectContaining({ kind: 'too-deep', line: 1, column: 3 }));
    expect(parseJsonWithPositions('[[1]]', 2).value).toEqual([[1]]);
  });
});

describe('JSON pointer positions', () => {
  const text = '{\n  "a": {"b": [10, {"c": true}]},\n  "x~y/z": null,\n  "": []\n}';
  const doc = parseJsonWithPositions(text);
  const at = (line: number, column: number) => ({ line, column });

  it('gives the range of values nested in objects and arrays, and of their keys', () => {
    expect(doc.ranges.get('')).toEqual({ start: at(1, 1), end: at(5, 2) });
    expect(doc.ranges.get('/a')).toEqual({ start: at(2, 8), end: at(2, 32), key: { start: at(2, 3), end: at(2, 6) } });
    expect(doc.ranges.get('/a/b')).toEqual({ start: at(2, 14), end: at(2, 31), key: { start: at(2, 9), end: at(2, 12) } });
    expect(doc.ranges.get('/a/b/0')).toEqual({ start: at(2, 15), end: at(2, 17) });
    expect(doc.ranges.get('/a/b/1')).toEqual({ start: at(2, 19), end: at(2, 30) });
    expect(doc.ranges.get('/a/b/1/c')).toEqual({ start: at(2, 25), end: at(2, 29), key: { start: at(2, 20), end: at(2, 23) } });
  });

  it('escapes ~ as ~0 and / as ~1 in keys, and knows the empty key', () => {
    expect(doc.ranges.get('/x~0y~1z')).toEqual({ start: at(3, 12), end: at(3, 16), key: { start: at(3, 3), end: at(3, 10) } });
    expect(doc.ranges.has('/x~y/z')).toBe(false);
    expect(doc.ranges.get('/')).toEqual({ start: at(4, 7), end: at(4, 9), key: { start: at(4, 3), end: at(4, 5) } });
  });

  it('names keys by their value, not their escapes, as ajv instancePath does', () => {
    const escaped = parseJsonWithPositions('{"\\u0061\\/b": 1}');
    expect([...escaped.ranges.keys()]).toEqual(['/a~1b', '']);
  });
});
