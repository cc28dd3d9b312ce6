import { decodeEscapes, type MalformedEscape } from './decode.js';
import { LineReader } from './line-reader.js';
import { LineIndex } from './positions.js';
import type { PropertiesDiagnostic, PropertiesDocument, PropertyEntry } from './types.js';

/** Where an entry sits in the text, in offsets: what the editor needs besides the public PropertyEntry. */
export interface EntrySpan {
  /**
   * Offset of the first character of the physical line holding the key. (A logical line may have begun earlier
   * with a lone continuation backslash, possibly followed by a comment line; those add nothing to the entry and
   * are left alone when it is deleted.)
   */
  startOffset: number;
  /** Offset of the first character of the physical line where the logical line began (before startOffset in that case). */
  leadOffset: number;
  /** Offset of the key's first character. */
  keyOffset: number;
  /** Offset just after the key as written (equals keyOffset for an empty key). */
  keyEndOffset: number;
  /** Offset of the value's first character, or where it would start when empty. */
  valueOffset: number;
  /** Whether a separator (`=`, `:` or whitespace) follows the key. */
  hasSeparator: boolean;
  /** Offset of the logical line's terminator (or the end of the text). */
  contentEnd: number;
  /** Offset just after the terminator. */
  lineEnd: number;
}

export interface ScannedDocument extends PropertiesDocument {
  /** spans[i] belongs to entries[i]. */
  spans: EntrySpan[];
  /** The text ends inside a continuation: appending a line there would join it to the last entry. */
  endsInContinuation: boolean;
}

const EQUALS = 61;
const COLON = 58;
const SPACE = 32;
const TAB = 9;
const FF = 12;
const BACKSLASH = 92;

const LATIN1_BOM = '\u00EF\u00BB\u00BF';

/** Text of the characters at offsets[from..to); a plain slice when the logical line did not continue there. */
function rawText(text: string, offsets: number[], from: number, to: number): string {
  if (from >= to) return '';
  if (offsets[to - 1]! - offsets[from]! === to - 1 - from) return text.slice(offsets[from], offsets[to - 1]! + 1);
  let s = '';
  for (let i = from; i < to; i++) s += text[offsets[i]!];
  return s;
}

/**
 * Reads .properties text (already decoded; files as ISO-8859-1) exactly as java.util.Properties.load does
 * (the key/separator split is a port of JDK 17 `Properties.load0`), keeping where every key and value was written.
 * Never throws: what would make Java throw becomes a diagnostic.
 */
export function scanProperties(text: string): ScannedDocument {
  const reader = new LineReader(text);
  const index = new LineIndex(text);
  const offsets = reader.offsets;
  const entries: PropertyEntry[] = [];
  const spans: EntrySpan[] = [];
  const diagnostics: PropertiesDiagnostic[] = [];

  if (text.startsWith(LATIN1_BOM) || text.startsWith('\uFEFF')) {
    diagnostics.push({
      severity: 'warning',
      code: 'bom',
      message:
        'The file starts with a UTF-8 byte order mark; Java reads it as the characters "ï»¿" at the start of the first key (or comment), so that line does not mean what it says',
      line: 1,
      column: 1,
    });
  }

  let limit: number;
  while ((limit = reader.readLine()) >= 0) {
    let keyLen = 0;
    let valueStart = limit;
    let hasSep = false;
    let separated = false;
    let precedingBackslash = false;
    while (keyLen < limit) {
      const c = text.charCodeAt(offsets[keyLen]!);
      if ((c === EQUALS || c === COLON) && !precedingBackslash) {
        valueStart = keyLen + 1;
        hasSep = true;
        separated = true;
        break;
      } else if ((c === SPACE || c === TAB || c === FF) && !precedingBackslash) {
        valueStart = keyLen + 1;
        separated = true;
        break;
      }
      precedingBackslash = c === BACKSLASH ? !precedingBackslash : false;
      keyLen++;
    }
    while (valueStart < limit) {
      const c = text.charCodeAt(offsets[valueStart]!);
      if (c !== SPACE && c !== TAB && c !== FF) {
        if (!hasSep && (c === EQUALS || c === COLON)) hasSep = true;
        else break;
      }
      valueStart++;
    }

    const rawKey = rawText(text, offsets, 0, keyLen);
    const rawValue = rawText(text, offsets, valueStart, limit);
    const keyOffset = limit > 0 ? offsets[0]! : reader.firstOffset;
    const keyEndOffset = keyLen > 0 ? offsets[keyLen - 1]! + 1 : keyOffset;
    const valueOffset =
      valueStart < limit ? offsets[valueStart]! : valueStart > 0 ? offsets[valueStart - 1]! + 1 : keyEndOffset;

    const malformed: MalformedEscape[] = [];
    const key = decodeEscapes(rawKey, malformed);
    const keyProblems = malformed.length;
    const value = decodeEscapes(rawValue, malformed);
    malformed.forEach((m, i) => {
      const at = i < keyProblems ? offsets[m.index]! : offsets[valueStart + m.index]!;
      const pos = index.position(at);
      diagnostics.push({
        severity: 'error',
        code: 'malformed-unicode-escape',
        message: `Malformed \\uXXXX escape "${m.text}" (a \\u escape needs exactly four hex digits); Java's Properties.load stops with an IllegalArgumentException here`,
        line: pos.line,
        column: pos.column,
      });
    });

    const keyPos = index.position(keyOffset);
    const valuePos = index.position(valueOffset);
    const endPos = index.position(reader.contentEnd);
    entries.push({
      key,
      value,
      line: keyPos.line,
      column: keyPos.column,
      valueLine: valuePos.line,
      valueColumn: valuePos.column,
      endLine: endPos.line,
      endColumn: endPos.column,
      rawKey,
      rawValue,
    });
    spans.push({
      startOffset: index.lineStart(keyOffset),
      leadOffset: index.lineStart(reader.firstOffset),
      keyOffset,
      keyEndOffset,
      valueOffset,
      hasSeparator: separated,
      contentEnd: reader.contentEnd,
      lineEnd: reader.lineEnd,
    });
  }

  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return new Document(entries, spans, diagnostics, reader.endsInContinuation);
}

class Document implements ScannedDocument {
  private byKey: Map<string, PropertyEntry> | undefined;

  constructor(
    readonly entries: PropertyEntry[],
    readonly spans: EntrySpan[],
    readonly diagnostics: PropertiesDiagnostic[],
    readonly endsInContinuation: boolean,
  ) {}

  get(key: string): PropertyEntry | undefined {
    if (!this.byKey) {
      this.byKey = new Map();
      for (const e of this.entries) this.byKey.set(e.key, e);
    }
    return this.byKey.get(key);
  }

  toMap(): Map<string, string> {
    const map = new Map<string, string>();
    for (const e of this.entries) map.set(e.key, e.value);
    return map;
  }
}

/** The public reader (the editor's offsets come along, unadvertised). */
export function parseProperties(text: string): PropertiesDocument {
  return scanProperties(text);
}
