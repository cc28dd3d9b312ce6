/**
 * JSON with positions: where a syntax error is (line and column), and where every value and key is, by JSON
 * pointer, so schema errors (which name a pointer) can point at a line and column.
 *
 * JSON.parse stays the judge of what a value is; this scanner only adds positions. It does not read V8's error
 * messages, which carry a position only for some errors and only on some Node versions.
 *
 * Positions count in the text as given: lines end at CRLF, CR or LF (as editors and the .properties reader count);
 * columns are 1-based UTF-16 code units, the way every other position in wdatp-arcsight is counted. A leading byte
 * order mark is skipped but, being part of the text, is column 1 of line 1: callers that show positions in the
 * text without it pass that text instead.
 */
import { BOM, stripBom } from './bom.js';

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
  /** JSON pointer ('' for the root, '/tenant', '/a/0', as ajv's `instancePath`) to the place of that value. */
  ranges: Map<string, JsonNodeRange>;
}

/** Stable names of what is wrong, for callers that word the message themselves. */
export type JsonSyntaxErrorKind =
  | 'expected-value'
  | 'expected-property-name'
  | 'expected-colon'
  | 'expected-comma-or-brace'
  | 'expected-comma-or-bracket'
  | 'text-after-value'
  | 'unterminated-string'
  | 'invalid-escape'
  | 'invalid-unicode-escape'
  | 'control-character'
  | 'invalid-number'
  | 'invalid-literal'
  | 'too-deep';

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly kind: JsonSyntaxErrorKind,
    /** Offset in the text of the first character JSON.parse rejects (the text's length when it ends early). */
    readonly offset: number,
    readonly line: number,
    readonly column: number,
    /** The character found there (a whole surrogate pair), or undefined at the end of the text. */
    readonly found: string | undefined,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/** A JSON pointer segment for an object key: `~` becomes `~0`, `/` becomes `~1` (RFC 6901). */
export function escapePointerSegment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * JSON.parse of the text (a leading byte order mark skipped), at JSON.parse's speed; on a syntax error throws
 * a JsonSyntaxError with its line and column.
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(stripBom(text));
  } catch (error) {
    throw findJsonSyntaxError(text) ?? error;
  }
}

/**
 * The first syntax error of JSON text, or undefined when JSON.parse accepts it. For readers that keep JSON.parse
 * for the happy path and need a position only when it fails. No nesting limit: it does not recurse.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    new Scanner(text, undefined, Infinity).document();
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw error;
  }
}

/** Arrays and objects in one another a document read with positions may hold (connector values files are flat). */
const MAX_NESTING = 256;

/**
 * Parses JSON text and records the range of every value and key. Throws JsonSyntaxError with the 1-based line
 * and column of the first problem; nesting deeper than `maxNesting` is one too.
 */
export function parseJsonWithPositions(text: string, maxNesting = MAX_NESTING): JsonDocument {
  const ranges = new Map<string, JsonNodeRange>();
  new Scanner(text, ranges, maxNesting).document();
  // The scanner accepted it, so JSON.parse will too; it is the authority on the resulting value.
  return { value: JSON.parse(stripBom(text)), ranges };
}

const MESSAGES: Record<JsonSyntaxErrorKind, string> = {
  'expected-value': 'Expected a JSON value',
  'expected-property-name': 'Expected a property name in double quotes',
  'expected-colon': 'Expected ":" after the property name',
  'expected-comma-or-brace': 'Expected "," or "}"',
  'expected-comma-or-bracket': 'Expected "," or "]"',
  'text-after-value': 'Unexpected text after the JSON value',
  'unterminated-string': 'Unterminated string',
  'invalid-escape': 'Invalid escape in string',
  'invalid-unicode-escape': 'Invalid \\u escape',
  'control-character': 'Control character in string (write it as an escape)',
  'invalid-number': 'Invalid number',
  'invalid-literal': 'Expected true, false or null',
  'too-deep': 'Nested too deep',
};

/** An open array or object: where it started and where its members go. */
interface Container {
  readonly array: boolean;
  readonly pointer: string;
  readonly start: number;
  readonly key: JsonNodeRange['key'] | undefined;
  index: number;
}

/** The place the next value goes: its pointer, and its key's range for an object member. */
interface Slot {
  pointer: string;
  key: JsonNodeRange['key'] | undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

class Scanner {
  private i: number;
  private lineStarts: number[] | undefined;

  constructor(
    private readonly text: string,
    /** Absent when only the first error is wanted. */
    private readonly ranges: Map<string, JsonNodeRange> | undefined,
    private readonly maxNesting: number,
  ) {
    this.i = text.startsWith(BOM) ? BOM.length : 0;
  }

  /**
   * One value and nothing after it. Containers are kept on an explicit stack, not the call stack, so a hostile
   * document nested a million deep costs memory, not a stack overflow.
   */
  document(): void {
    const open: Container[] = [];
    let slot: Slot = { pointer: '', key: undefined };
    for (;;) {
      this.skipWhitespace();
      const start = this.i;
      const c = this.text.charCodeAt(start);
      if (c === 0x7b || c === 0x5b) {
        if (open.length >= this.maxNesting) this.fail('too-deep', start, `Nested more than ${this.maxNesting} levels deep`);
        this.i += 1;
        const container: Container = { array: c === 0x5b, pointer: slot.pointer, start, key: slot.key, index: 0 };
        open.push(container);
        this.skipWhitespace();
        if (this.text.charCodeAt(this.i) !== (container.array ? 0x5d : 0x7d)) {
          slot = this.nextSlot(container);
          continue;
        }
        this.i += 1;
        open.pop();
      } else this.scalar(c);
      this.record(slot, start);
      // After a value: a comma opens the next slot; a closing bracket ends its container, which is a value too.
      for (;;) {
        const top = open.at(-1);
        this.skipWhitespace();
        if (!top) {
          if (this.i < this.text.length) this.fail('text-after-value');
          return;
        }
        const next = this.text.charCodeAt(this.i);
        if (next === 0x2c) {
          this.i += 1;
          top.index += 1;
          slot = this.nextSlot(top);
          break;
        }
        if (next !== (top.array ? 0x5d : 0x7d)) this.fail(top.array ? 'expected-comma-or-bracket' : 'expected-comma-or-brace');
        this.i += 1;
        open.pop();
        this.record({ pointer: top.pointer, key: top.key }, top.start);
      }
    }
  }

  /** An array's next element, or an object's next member up to its value (the key, the colon). */
  private nextSlot(container: Container): Slot {
    if (container.array) return { pointer: `${container.pointer}/${container.index}`, key: undefined };
    this.skipWhitespace();
    const keyStart = this.i;
    if (this.text.charCodeAt(keyStart) !== QUOTE) this.fail('expected-property-name');
    this.string();
    const keyEnd = this.i;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.i) !== 0x3a) this.fail('expected-colon');
    this.i += 1;
    if (!this.ranges) return { pointer: '', key: undefined };
    const name = JSON.parse(this.text.slice(keyStart, keyEnd)) as string;
    return { pointer: `${container.pointer}/${escapePointerSegment(name)}`, key: { start: this.position(keyStart), end: this.position(keyEnd) } };
  }

  private record(slot: Slot, start: number): void {
    if (!this.ranges) return;
    const range: JsonNodeRange = { start: this.position(start), end: this.position(this.i) };
    if (slot.key) range.key = slot.key;
    this.ranges.set(slot.pointer, range);
  }

  private scalar(c: number): void {
    if (c === QUOTE) this.string();
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) this.number();
    else if (c === 0x74) this.literal('true');
    else if (c === 0x66) this.literal('false');
    else if (c === 0x6e) this.literal('null');
    else this.fail('expected-value');
  }

  private string(): void {
    const text = this.text;
    this.i += 1;
    for (;;) {
      const c = text.charCodeAt(this.i);
      if (c === QUOTE) {
        this.i += 1;
        return;
      }
      if (Number.isNaN(c)) this.fail('unterminated-string');
      if (c < 0x20) this.fail('control-character');
      if (c === BACKSLASH) {
        this.i += 1;
        const e = text[this.i];
        if (e === undefined) this.fail('unterminated-string');
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!isHexDigit(text.charCodeAt(this.i + k))) this.fail('invalid-unicode-escape', this.i + k);
          }
          this.i += 5;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e)) this.fail('invalid-escape');
      }
      this.i += 1;
    }
  }

  private number(): void {
    if (this.text.charCodeAt(this.i) === 0x2d) this.i += 1;
    if (this.text.charCodeAt(this.i) === 0x30) this.i += 1;
    else this.digits();
    if (this.text.charCodeAt(this.i) === 0x2e) {
      this.i += 1;
      this.digits();
    }
    const e = this.text.charCodeAt(this.i);
    if (e === 0x65 || e === 0x45) {
      this.i += 1;
      const sign = this.text.charCodeAt(this.i);
      if (sign === 0x2b || sign === 0x2d) this.i += 1;
      this.digits();
    }
  }

  /** One or more decimal digits. */
  private digits(): void {
    if (!isDigit(this.text.charCodeAt(this.i))) this.fail('invalid-number');
    while (isDigit(this.text.charCodeAt(this.i))) this.i += 1;
  }

  private literal(word: string): void {
    for (let k = 0; k < word.length; k++, this.i++) {
      if (this.text[this.i] !== word[k]) this.fail('invalid-literal', this.i, `Expected ${word}`);
    }
  }

  private skipWhitespace(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.i += 1;
      else return;
    }
  }

  private fail(kind: JsonSyntaxErrorKind, at = this.i, message = MESSAGES[kind]): never {
    const { line, column } = this.position(at);
    const code = this.text.codePointAt(at);
    const found = code === undefined ? undefined : String.fromCodePoint(code);
    const where = found === undefined ? ' (the text ends here)' : ` (found ${JSON.stringify(found)})`;
    throw new JsonSyntaxError(`${message}${where}`, kind, at, line, column, found);
  }

  private position(at: number): JsonPosition {
    const starts = (this.lineStarts ??= lineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - (starts[lo] ?? 0) + 1 };
  }
}

/** Offsets where lines start; CRLF, CR and LF end a line. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(k + 1) !== 0x0a)) starts.push(k + 1);
  }
  return starts;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
