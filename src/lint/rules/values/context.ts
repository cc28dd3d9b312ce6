import type { ConnectorValues } from '../../../connector/index.js';
import { escapePointerSegment, type JsonDocument, type JsonNodeRange, type JsonSyntaxError } from '../../../text/index.js';
import type { Span } from '../../properties-source.js';

export interface ValuesContext {
  file: string;
  text: string;
  lines: string[];
  /** Absent when the text is not JSON (syntaxError says where). */
  document?: JsonDocument;
  syntaxError?: JsonSyntaxError;
  /** The values with defaults applied, when they pass the schema. */
  values?: ConnectorValues;
}

export function rangeSpan(range: JsonNodeRange, part: 'value' | 'key' = 'value'): Span {
  const r = part === 'key' && range.key ? range.key : range;
  const start = r.start;
  // A value spanning lines (an object) is marked on its first line only.
  const end = r.end.line === start.line ? r.end : { line: start.line, column: start.column + 1 };
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** The span of a top-level key's value (or its key), or the whole object when the key is absent. */
export function fieldSpan(ctx: ValuesContext, field: string | undefined, part: 'value' | 'key' = 'value'): Span {
  const ranges = ctx.document?.ranges;
  const own = field === undefined ? undefined : ranges?.get(`/${escapePointerSegment(field)}`);
  if (own) return rangeSpan(own, part);
  const root = ranges?.get('');
  return root ? rangeSpan(root) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
}
