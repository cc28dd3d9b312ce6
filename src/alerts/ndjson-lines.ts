import { ConfigError } from '../errors/index.js';
import { findJsonSyntaxError, type JsonSyntaxError } from '../text/index.js';

/** Receives the lines of NDJSON text in order: each parsed value, or where a line stops being JSON. */
export interface NdjsonLineSink {
  value(value: unknown, line: number): void;
  /** `column` is 1-based on the line; `detail` says what was found there ("unexpected \"}\""). */
  malformed(line: number, column: number, detail: string): void;
}

/**
 * Parses the complete lines of NDJSON text (and, when `final`, a last line without a line break), numbering
 * them from `firstLine`. Blank lines are skipped, a trailing CR is dropped. Returns the offset of the unread
 * rest (a partial last line) and the number of the next line. Shared by the streaming reader and by `parse`'s
 * chunked pipeline, so both read a line the same way.
 */
export function scanNdjsonLines(data: string, firstLine: number, final: boolean, sink: NdjsonLineSink): { rest: number; line: number } {
  let from = 0;
  let lineNo = firstLine;
  for (;;) {
    const nl = data.indexOf('\n', from);
    if (nl === -1) break;
    scanLine(data, from, nl, lineNo++, sink);
    from = nl + 1;
  }
  if (final && from < data.length) {
    scanLine(data, from, data.length, lineNo++, sink);
    from = data.length;
  }
  return { rest: from, line: lineNo };
}

/** Bytes decoded at a time by scanNdjsonBytes: a string this size still lives in V8's young generation. */
const WINDOW = 64 * 1024;

/**
 * The same for NDJSON bytes: all lines are read, the last with or without its line break; returns the number
 * of the next line. Decodes windows of whole lines of about 64 KiB, never one string as big as the input: a
 * string over 128 KiB goes to V8's large-object space and stays there until a full collection.
 */
export function scanNdjsonBytes(data: Buffer, firstLine: number, sink: NdjsonLineSink): number {
  let lineNo = firstLine;
  for (let from = 0; from < data.length;) {
    let end = from + WINDOW >= data.length ? data.length : data.lastIndexOf(10, from + WINDOW) + 1;
    // A line longer than the window: decode it whole.
    if (end <= from) end = data.indexOf(10, from) + 1 || data.length;
    lineNo = scanNdjsonLines(data.toString('utf8', from, end), lineNo, true, sink).line;
    from = end;
  }
  return lineNo;
}

function scanLine(data: string, from: number, to: number, lineNo: number, sink: NdjsonLineSink): void {
  let end = to;
  if (end > from && data.charCodeAt(end - 1) === 13) end--;
  let s = from;
  while (s < end && isSpaceCode(data.charCodeAt(s))) s++;
  if (s === end) return;
  const text = data.slice(s, end);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const syntax = findJsonSyntaxError(text);
    if (!syntax) throw error;
    sink.malformed(lineNo, s - from + syntax.offset + 1, describeJsonError(syntax));
    return;
  }
  sink.value(value, lineNo);
}

/** What was found where JSON text stops being valid, as alert readers word it: `unexpected "}"`. */
export function describeJsonError(error: JsonSyntaxError): string {
  const c = error.found;
  if (c === undefined) return 'unexpected end of the input';
  return `unexpected ${c === '\n' ? 'line break' : JSON.stringify(c)}`;
}

/** The error for a bad NDJSON line (reading goes on with the next line). */
export function malformedLineError(file: string, line: number, column: number, detail: string): ConfigError {
  return new ConfigError(`malformed JSON on line ${line}: ${detail}; the line is skipped`, { file, line, column });
}

/** JSON whitespace, and a byte order mark starting a line (NDJSON files joined with `cat`). */
function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 0xfeff;
}
