import { decodeWithMap, LineIndex, parseProperties, type PropertiesDocument, type PropertyEntry } from '../properties/index.js';

/** A .properties file as Java sees it (ISO-8859-1 text) plus the raw bytes for encoding checks. */
export interface PropertiesSource {
  file: string;
  bytes: Uint8Array;
  /** The bytes decoded as ISO-8859-1, as java.util.Properties.load(InputStream) reads them. */
  text: string;
  /** Physical lines (Java's terminators: \r\n, \r, \n). Positions index into these. */
  lines: SourceLines;
  doc: PropertiesDocument;
}

export interface Position {
  line: number;
  column: number;
}

export interface Span extends Position {
  endLine: number;
  endColumn: number;
}

/**
 * A file's physical lines, each cut from the text only when asked for: rules and code frames look at a few lines,
 * and a file of a million bytes may have half a million lines.
 */
export interface SourceLines {
  readonly length: number;
  /** Line n (1-based) without its terminator, or undefined outside the file. */
  line(n: number): string | undefined;
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Lines already split (a JSON values file) seen as SourceLines. */
export function arrayLines(lines: readonly string[]): SourceLines {
  return { length: lines.length, line: (n) => lines[n - 1] };
}

function textLines(text: string): SourceLines {
  const index = new LineIndex(text);
  return { length: index.count, line: (n) => index.line(n) };
}

export function propertiesSource(file: string, bytes: Uint8Array): PropertiesSource {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return { file, bytes, text, lines: textLines(text), doc: parseProperties(text) };
}

/**
 * The whole key of an entry, for findings about the key itself. It ends where the reader says: a key continued
 * onto the next line (a lone backslash after its first characters) ends there, not rawKey.length columns on. An
 * empty key marks the separator after it.
 */
export function keySpan(entry: PropertyEntry): Span {
  if (entry.rawKey === '') return { line: entry.line, column: entry.column, endLine: entry.line, endColumn: entry.column + 1 };
  return { line: entry.line, column: entry.column, endLine: entry.keyEndLine, endColumn: entry.keyEndColumn };
}

/** The value of an entry as written, and a map from each decoded character back to where it was written. */
export interface ValueText {
  /** The value as Java decodes it (escapes resolved). */
  decoded: string;
  /** map[i] = offset in rawValue of decoded character i; map[decoded.length] = rawValue.length. */
  map: number[];
  /** Physical position of a rawValue offset. */
  positionOf(rawOffset: number): Position;
  /** Span of decoded characters [start, end). */
  span(start: number, end: number): Span;
  /** Span of the whole value (or of the place it would be, when empty). */
  whole(): Span;
}

/**
 * The physical pieces a (possibly continued) value is made of: piece i is on line valueLine + i, starts at column
 * column[i] and holds rawValue[start[i], start[i + 1]) (the last runs to the end). Typed arrays, not an object per
 * piece: a value may be continued over hundreds of thousands of lines.
 */
interface Segments {
  column: Uint32Array;
  start: Uint32Array;
}

/** The pieces of the value, or undefined when they do not add up to the raw value. */
function segmentsOf(entry: PropertyEntry, lines: SourceLines): Segments | undefined {
  const last = Math.max(entry.valueLine, entry.endLine);
  const count = last - entry.valueLine + 1;
  const column = new Uint32Array(count);
  const start = new Uint32Array(count);
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const n = entry.valueLine + i;
    const physical = lines.line(n);
    if (physical === undefined) return undefined;
    let from: number;
    if (i === 0) {
      from = entry.valueColumn - 1;
    } else {
      from = 0;
      while (from < physical.length && (physical[from] === ' ' || physical[from] === '\t' || physical[from] === '\f')) from++;
    }
    let to = physical.length;
    if (n < last && to > from && physical.charCodeAt(to - 1) === 92 /* backslash */) to -= 1;
    const text = from === 0 && to === physical.length ? physical : physical.slice(from, to);
    if (!entry.rawValue.startsWith(text, offset)) return undefined;
    column[i] = from + 1;
    start[i] = offset;
    offset += text.length;
  }
  return offset === entry.rawValue.length ? { column, start } : undefined;
}

export function valueText(entry: PropertyEntry, lines: SourceLines): ValueText {
  const { decoded, map } = decodeWithMap(entry.rawValue);
  const segments = segmentsOf(entry, lines);
  const lineLength = (n: number): number => (lines.line(n) ?? '').length;
  const positionOf = (rawOffset: number): Position => {
    if (!segments) {
      // Fall back to the start of the value: never a position outside the line.
      return { line: entry.valueLine, column: Math.min(entry.valueColumn, lineLength(entry.valueLine) + 1) };
    }
    // the last piece starting at or before rawOffset (binary search: a value may have many)
    const { column, start } = segments;
    let lo = 0;
    let hi = start.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (start[mid]! <= rawOffset) lo = mid;
      else hi = mid - 1;
    }
    const length = (lo + 1 < start.length ? start[lo + 1]! : entry.rawValue.length) - start[lo]!;
    const within = Math.min(rawOffset - start[lo]!, length);
    return { line: entry.valueLine + lo, column: column[lo]! + within };
  };
  const span = (start: number, end: number): Span => {
    const from = positionOf(map[Math.min(start, decoded.length)]!);
    const endRaw = map[Math.min(Math.max(end, start), decoded.length)]!;
    let to = positionOf(endRaw);
    if (to.line === from.line && to.column <= from.column) to = { line: from.line, column: from.column + (end > start ? 1 : 0) };
    to = { line: to.line, column: Math.min(to.column, lineLength(to.line) + 1) };
    return { ...from, endLine: to.line, endColumn: Math.max(to.line === from.line ? from.column : 1, to.column) };
  };
  return { decoded, map, positionOf, span, whole: () => span(0, decoded.length) };
}
