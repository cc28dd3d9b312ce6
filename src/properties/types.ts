/** One key/value pair as java.util.Properties.load reads it, with where it was written. */
export interface PropertyEntry {
  /** Unescaped, as java.util.Properties.load sees it. */
  key: string;
  /** Unescaped. */
  value: string;
  /** 1-based position of the key's first character. */
  line: number;
  column: number;
  /** Position just after the key's last character (a key may continue onto the next lines). */
  keyEndLine: number;
  keyEndColumn: number;
  /** Position of the value's first character; for an empty value, right after the separator. */
  valueLine: number;
  valueColumn: number;
  /** Position just after the last character of the logical line. */
  endLine: number;
  endColumn: number;
  /** The key exactly as written (escapes kept). */
  rawKey: string;
  /** The value as written (escapes kept, continuation lines joined with their leading whitespace removed). */
  rawValue: string;
}

export interface PropertiesDiagnostic {
  severity: 'error' | 'warning';
  /** Stable: 'malformed-unicode-escape' (Java's load would throw), 'bom' (a byte order mark becomes part of the first key). */
  code: string;
  message: string;
  line: number;
  column: number;
}

export interface PropertiesDocument {
  /** In file order, duplicates included. */
  entries: PropertyEntry[];
  /** Java semantics: the LAST entry with that key. */
  get(key: string): PropertyEntry | undefined;
  /** What Java's Properties would hold. */
  toMap(): Map<string, string>;
  /** Problems Java would have with the text; never thrown. */
  diagnostics: PropertiesDiagnostic[];
}
