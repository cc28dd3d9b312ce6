import { escapeKey, escapeValue } from 'properties-file/escape';

/**
 * Escapes a key so java.util.Properties.load reads it back unchanged: backslash, every whitespace, `=`, `:`,
 * `#`, `!` are escaped, and every character outside printable ASCII (controls, Latin-1, the rest of Unicode,
 * each half of an astral character) becomes `\uXXXX`, so the file is pure ASCII and survives ISO-8859-1 reading.
 */
export function escapePropertyKey(key: string): string {
  return escapeKey(key, true);
}

/**
 * Escapes a value the same way, except that only a leading space needs escaping (Java skips leading blanks of a
 * value but keeps inner and trailing ones).
 */
export function escapePropertyValue(value: string): string {
  return escapeValue(value, true);
}

/** Escapes comment text: comments are not unescaped by Java, but characters beyond Latin-1 would not survive ISO-8859-1. */
function escapeCommentText(text: string): string {
  return text.replace(/[^\t\u0020-\u007e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export type FormatItem = { key: string; value: string } | { comment: string } | { blank: true };

/** A whole file: `key=value` lines, `# comment` lines (one per line of the comment) and blank lines; '\n' endings, final newline. */
export function formatProperties(items: FormatItem[]): string {
  let out = '';
  for (const item of items) {
    if ('key' in item) out += `${escapePropertyKey(item.key)}=${escapePropertyValue(item.value)}\n`;
    else if ('comment' in item) {
      for (const line of item.comment.split(/\r\n|\r|\n/)) out += line === '' ? '#\n' : `# ${escapeCommentText(line)}\n`;
    } else out += '\n';
  }
  return out;
}
