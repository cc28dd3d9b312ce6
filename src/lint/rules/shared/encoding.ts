import type { PropertiesSource } from '../../properties-source.js';
import type { Issue } from '../../types.js';
import { utf8BomLength } from '../../../text/index.js';

/**
 * Finds characters a .properties file holds as UTF-8 bytes. Java's Properties.load(InputStream) reads
 * ISO-8859-1, so each such character reaches the connector as two to four wrong ones (é becomes Ã©). Works on the
 * raw bytes: the decoded text cannot tell a UTF-8 sequence from two Latin-1 characters.
 *
 * @param showText whether the message may quote the character (not on lines holding secrets)
 */
export function* utf8Issues(source: PropertiesSource, showText: (line: number) => boolean): Iterable<Issue> {
  const { bytes } = source;
  const start = utf8BomLength(bytes);
  if (start > 0) {
    yield {
      message: 'The file starts with a UTF-8 byte order mark, which Java reads as part of the first key.',
      hint: 'Save the file without a byte order mark (as ISO-8859-1 or plain ASCII).',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 4,
    };
  }
  const content = contentLines(source);
  let line = 1;
  let lineStart = 0;
  let reported = -1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a || b === 0x0d) {
      if (b === 0x0d && bytes[i + 1] === 0x0a) i += 1;
      line += 1;
      lineStart = i + 1;
      continue;
    }
    if (i < start || b < 0x80) continue;
    const length = utf8SequenceLength(bytes, i);
    if (length === 0 || reported === line || content[line] !== 1) {
      i += Math.max(length, 1) - 1;
      continue;
    }
    reported = line;
    const column = i - lineStart + 1;
    const char = Buffer.from(bytes.subarray(i, i + length)).toString('utf8');
    const seen = Buffer.from(bytes.subarray(i, i + length)).toString('latin1');
    const escape = [...char].map((c) => toJavaEscape(c)).join('');
    const quoted = showText(line) ? ` "${char}" (read as "${seen}")` : '';
    yield {
      message: `Line ${line} holds the UTF-8 encoded character${quoted}; Java reads .properties files as ISO-8859-1, so the connector sees other characters.`,
      hint: showText(line)
        ? `Write it as ${escape}, or save the file as ISO-8859-1.`
        : 'Write non-ASCII characters as \\uXXXX escapes, or save the file as ISO-8859-1.',
      line,
      column,
      endLine: line,
      endColumn: column + length,
    };
    i += length - 1;
  }
}

function toJavaEscape(c: string): string {
  const code = c.codePointAt(0)!;
  if (code > 0xffff) {
    return [...c.split('')].map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  }
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Length of a well-formed UTF-8 multi-byte sequence starting at i, or 0. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const need = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (need === 0 || i + need > bytes.length) return 0;
  for (let k = 1; k < need; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  if (b === 0xe0 && bytes[i + 1]! < 0xa0) return 0;
  if (b === 0xed && bytes[i + 1]! > 0x9f) return 0;
  if (b === 0xf0 && bytes[i + 1]! < 0x90) return 0;
  if (b === 0xf4 && bytes[i + 1]! > 0x8f) return 0;
  return need;
}

/**
 * Lines that belong to a key or value (not comments or blank lines), where wrong characters matter: content[n] is
 * 1 for such a line n. One byte a line, not a set entry: a file of continuation lines has hundreds of thousands.
 */
function contentLines(source: PropertiesSource): Uint8Array {
  const lines = new Uint8Array(source.lines.length + 2);
  for (const e of source.doc.entries) lines.fill(1, e.line, Math.min(Math.max(e.line, e.endLine), source.lines.length + 1) + 1);
  return lines;
}

/** The properties reader's diagnostics (a malformed \u escape makes Java's load throw) as issues. */
export function* syntaxIssues(source: PropertiesSource): Iterable<Issue> {
  for (const d of source.doc.diagnostics) {
    const text = source.lines.line(d.line) ?? '';
    const column = Math.min(Math.max(d.column, 1), text.length + 1);
    yield { message: d.message, severity: d.severity, line: Math.min(Math.max(d.line, 1), source.lines.length), column };
  }
}
