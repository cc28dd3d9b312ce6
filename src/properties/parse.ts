import { BACKSLASH, COLON, EQUALS, FF, SPACE, TAB } from './char-codes.js';
import { decodeEscapes, type MalformedEscape } from './decode.js';
import { LineReader } from './line-reader.js';
import { LineIndex } from './positions.js';
import type { PropertiesDiagnostic, PropertiesDocument, PropertyEntry } from './types.js';
import { BOM } from '../text/index.js';

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

const LATIN1_BOM = '\u00EF\u00BB\u00BF';

/**
 * Reads .properties text (already decoded; files as ISO-8859-1) exactly as java.util.Properties.load does
 * (the key/separator split is a port of JDK 17 `Properties.load0`), keeping where every key and value was written.
 * Never throws: what would make Java throw becomes a diagnostic.
 */
export function scanProperties(text: string): ScannedDocument {
  const reader = new LineReader(text);
  const index = new LineIndex(text);
  const entries: PropertyEntry[] = [];
  const spans: EntrySpan[] = [];
  const diagnostics: PropertiesDiagnostic[] = [];

  if (text.startsWith(LATIN1_BOM) || text.startsWith(BOM)) {
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
    // Java's load0: the key runs to the first unescaped separator or blank; then blanks and at most one = or :.
    let keyLen = 0;
    let valueStart = limit;
    let hasSep = false;
    let separated = false;
    let precedingBackslash = false;
    let seg = 0;
    let segOff = reader.segStart[0]!;
    const charAt = (): number => {
      while (segOff >= reader.segEnd[seg]!) segOff = reader.segStart[++seg]!;
      return text.charCodeAt(segOff++);
    };
    while (keyLen < limit) {
      const c = charAt();
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
      const c = charAt();
      if (c !== SPACE && c !== TAB && c !== FF) {
        if (!hasSep && (c === EQUALS || c === COLON)) hasSep = true;
        else break;
      }
      valueStart++;
    }

    const rawKey = reader.slice(0, keyLen);
    const rawValue = reader.slice(valueStart, limit);
    const keyOffset = reader.offsetAt(0);
    const keyEndOffset = keyLen > 0 ? reader.offsetAt(keyLen - 1) + 1 : keyOffset;
    const valueOffset = valueStart < limit ? reader.offsetAt(valueStart) : valueStart > 0 ? reader.offsetAt(valueStart - 1) + 1 : keyEndOffset;

    const malformed: MalformedEscape[] = [];
    const key = decodeEscapes(rawKey, malformed);
    const keyProblems = malformed.length;
    const value = decodeEscapes(rawValue, malformed);
    malformed.forEach((m, i) => {
      const at = reader.offsetAt(i < keyProblems ? m.index : valueStart + m.index);
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
    const keyEndPos = index.position(keyEndOffset);
    const valuePos = index.position(valueOffset);
    const endPos = index.position(reader.contentEnd);
    entries.push({
      key,
      value,
      line: keyPos.line,
      column: keyPos.column,
      keyEndLine: keyEndPos.line,
      keyEndColumn: keyEndPos.column,
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
