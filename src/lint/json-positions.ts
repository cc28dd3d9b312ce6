/**
 * A tiny JSON scanner that records where every value (and every object key) starts and ends, by JSON pointer,
 * so schema errors (which name a JSON pointer) can point at a line and column. JSON.parse stays the judge of
 * what the value is; this only adds positions, and a position for syntax errors.
 */

export interface JsonPosition {
  line: number;
  column: number;
}

export interface JsonNodeRange {
  start: JsonPosition;
  end: JsonPosition;
  /** For object members: where the key (with its quotes) is. */
  key?: { start: JsonPosition; end: JsonPosition };
}

export interface JsonDocument {
  value: unknown;
  /** JSON pointer ('' for the root, '/tenant', '/a/0') to the place of that value. */
  ranges: Map<string, JsonNodeRange>;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export function escapePointerSegment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Parses JSON text; throws JsonSyntaxError with the 1-based line and column of the first problem. */
export function parseJsonWithPositions(text: string): JsonDocument {
  const scanner = new Scanner(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const ranges = new Map<string, JsonNodeRange>();
  scanner.skipWhitespace();
  scanner.value('', ranges);
  scanner.skipWhitespace();
  if (!scanner.atEnd()) scanner.fail('Unexpected text after the JSON value');
  // The scanner accepted it, so JSON.parse will too; it is the authority on the resulting value.
  return { value: JSON.parse(scanner.text), ranges };
}

/** Arrays and objects in one another a scanned document may hold (connector values files are flat). */
const MAX_NESTING = 256;

class Scanner {
  i = 0;
  private depth = 0;
  constructor(
    readonly text: string,
    private readonly columnShift: number,
  ) {}

  atEnd(): boolean {
    return this.i >= this.text.length;
  }

  private lineStarts: number[] | undefined;

  position(at = this.i): JsonPosition {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let k = 0; k < this.text.length; k++) {
        const c = this.text.charCodeAt(k);
        if (c === 0x0a || (c === 0x0d && this.text.charCodeAt(k + 1) !== 0x0a)) this.lineStarts.push(k + 1);
      }
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - this.lineStarts[lo]! + 1 + (lo === 0 ? this.columnShift : 0) };
  }

  fail(message: string, at = this.i): never {
    const p = this.position(at);
    const found = at < this.text.length ? ` (found ${JSON.stringify(this.text[at])})` : ' (the text ends here)';
    throw new JsonSyntaxError(`${message}${found}`, p.line, p.column);
  }

  skipWhitespace(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i]!)) this.i += 1;
  }

  value(pointer: string, ranges: Map<string, JsonNodeRange>, key?: JsonNodeRange['key']): void {
    const start = this.i;
    const c = this.text[this.i];
    if (c === '{' || c === '[') {
      // Each level is a call: a hostile file nested thousands deep is a finding, not a stack overflow.
      if (++this.depth > MAX_NESTING) this.fail(`Nested more than ${MAX_NESTING} levels deep`);
      if (c === '{') this.object(pointer, ranges);
      else this.array(pointer, ranges);
      this.depth--;
    }
    else if (c === '"') this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else if (this.text.startsWith('true', this.i)) this.i += 4;
    else if (this.text.startsWith('false', this.i)) this.i += 5;
    else if (this.text.startsWith('null', this.i)) this.i += 4;
    else this.fail('Expected a JSON value');
    const range: JsonNodeRange = { start: this.position(start), end: this.position(this.i) };
    if (key) range.key = key;
    ranges.set(pointer, range);
  }

  object(pointer: string, ranges: Map<string, JsonNodeRange>): void {
    this.i += 1;
    this.skipWhitespace();
    if (this.text[this.i] === '}') {
      this.i += 1;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.i] !== '"') this.fail('Expected a property name in double quotes');
      const keyStart = this.i;
      const name = this.string();
      const key = { start: this.position(keyStart), end: this.position(this.i) };
      this.skipWhitespace();
      if (this.text[this.i] !== ':') this.fail('Expected ":" after the property name');
      this.i += 1;
      this.skipWhitespace();
      this.value(`${pointer}/${escapePointerSegment(name)}`, ranges, key);
      this.skipWhitespace();
      const next = this.text[this.i];
      if (next === ',') {
        this.i += 1;
        continue;
      }
      if (next === '}') {
        this.i += 1;
        return;
      }
      this.fail('Expected "," or "}"');
    }
  }

  array(pointer: string, ranges: Map<string, JsonNodeRange>): void {
    this.i += 1;
    this.skipWhitespace();
    if (this.text[this.i] === ']') {
      this.i += 1;
      return;
    }
    for (let index = 0; ; index++) {
      this.skipWhitespace();
      this.value(`${pointer}/${index}`, ranges);
      this.skipWhitespace();
      const next = this.text[this.i];
      if (next === ',') {
        this.i += 1;
        continue;
      }
      if (next === ']') {
        this.i += 1;
        return;
      }
      this.fail('Expected "," or "]"');
    }
  }

  /** Scans a string literal and returns its value. */
  string(): string {
    const start = this.i;
    this.i += 1;
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined) this.fail('Unterminated string', start);
      if (c === '"') {
        this.i += 1;
        return JSON.parse(this.text.slice(start, this.i)) as string;
      }
      if (c === '\\') {
        const e = this.text[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) this.fail('Invalid \\u escape');
          this.i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          this.i += 2;
        } else {
          this.fail('Invalid escape in string', this.i);
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20) this.fail('Control character in string (write it as an escape)');
      this.i += 1;
    }
  }

  number(): void {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (!m) this.fail('Invalid number');
    this.i += m[0].length;
  }
}
