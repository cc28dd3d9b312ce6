import { InternalError } from '../errors/index.js';
import { escapePropertyKey, escapePropertyValue } from './escape.js';
import { scanProperties, type EntrySpan } from './parse.js';

export type PropertyEdit = { set: string; value: string } | { delete: string };

/** The line ending the file already uses (its first one), so inserted lines match. */
function lineEnding(text: string): string {
  const m = /\r\n|\r|\n/.exec(text);
  return m ? m[0] : '\n';
}

interface Splice {
  from: number;
  to: number;
  insert: string;
}

/**
 * Applies edits to .properties text in place. Only the edited lines change; comments, blank lines, order, line
 * endings and every other byte stay as they were.
 * - `set` of an existing key rewrites the value of its LAST occurrence (the one Java keeps), leaving the key as it
 *   was written; a new key is appended at the end, followed by a newline.
 * - `delete` removes every occurrence of the key (removing only the last would resurrect an earlier duplicate).
 * The result is re-read before it is returned: if it would not load in Java as the edits intend, that is a bug
 * here, reported as an InternalError rather than written.
 */
export function editProperties(text: string, edits: PropertyEdit[]): string {
  const doc = scanProperties(text);
  const lastIndex = new Map<string, number>();
  doc.entries.forEach((e, i) => lastIndex.set(e.key, i));

  // The last edit of a key decides what happens to it.
  const intent = new Map<string, { value: string } | 'delete'>();
  for (const edit of edits) {
    if ('delete' in edit) intent.set(edit.delete, 'delete');
    else intent.set(edit.set, { value: edit.value });
  }

  const expected = doc.toMap();
  const splices: Splice[] = [];
  const appended: Array<[string, string]> = [];
  for (const [key, what] of intent) {
    if (what === 'delete') {
      expected.delete(key);
      doc.entries.forEach((entry, i) => {
        const span = doc.spans[i]!;
        if (entry.key !== key) return;
        splices.push({ from: span.startOffset, to: span.lineEnd, insert: '' });
        // Lone continuation backslashes before the key would otherwise continue into whatever follows.
        if (span.leadOffset < span.startOffset) {
          const kept = text.slice(span.leadOffset, span.startOffset).match(/[^\r\n]*(?:\r\n|\r|\n)/g) ?? [];
          const insert = kept.filter((line) => !/^[ \t\f]*\\[\r\n]/.test(line)).join('');
          splices.push({ from: span.leadOffset, to: span.startOffset, insert });
        }
      });
      continue;
    }
    expected.set(key, what.value);
    const at = lastIndex.get(key);
    if (at === undefined) appended.push([key, what.value]);
    else splices.push(valueSplice(doc.spans[at]!, what.value));
  }

  // A lone backslash on the last line is read by Java as an entry with empty key and value; once a line follows
  // it, it would continue into that line instead. Writing its separator keeps the entry.
  const last = doc.entries.length - 1;
  if (appended.length > 0 && doc.endsInContinuation && last >= 0 && !intent.has(doc.entries[last]!.key)) {
    const span = doc.spans[last]!;
    if (doc.entries[last]!.rawKey === '' && !span.hasSeparator) splices.push({ from: span.keyEndOffset, to: span.keyEndOffset, insert: '=' });
  }

  let result = applySplices(text, splices);
  if (appended.length > 0) {
    const eol = lineEnding(text);
    let lines = '';
    for (const [key, value] of appended) lines += `${escapePropertyKey(key)}=${escapePropertyValue(value)}${eol}`;
    let glue = '';
    if (result !== '' && !/[\r\n]$/.test(result)) glue += eol;
    // A dangling continuation would swallow the first appended line; a line break after it ends it first.
    if (scanProperties(result).endsInContinuation) glue += eol;
    // After a final CR, a lone LF would pair with it into one CRLF line end instead of adding a line.
    if (glue.startsWith('\n') && result.endsWith('\r')) glue = `\r${glue}`;
    result += glue + lines;
  }

  verify(result, expected);
  return result;
}

/** Replaces the value as written (from its first character, or from the end of the separator when empty). */
function valueSplice(span: EntrySpan, value: string): Splice {
  const escaped = escapePropertyValue(value);
  if (!span.hasSeparator) return { from: span.keyEndOffset, to: span.contentEnd, insert: `=${escaped}` };
  return { from: span.valueOffset, to: span.contentEnd, insert: escaped };
}

function applySplices(text: string, splices: Splice[]): string {
  splices.sort((a, b) => a.from - b.from);
  let out = '';
  let at = 0;
  for (const s of splices) {
    out += text.slice(at, s.from) + s.insert;
    at = s.to;
  }
  return out + text.slice(at);
}

function verify(result: string, expected: Map<string, string>): void {
  const actual = scanProperties(result).toMap();
  const same = actual.size === expected.size && [...expected].every(([k, v]) => actual.get(k) === v);
  if (!same) {
    throw new InternalError('Editing the .properties text would not give the intended keys and values; nothing was changed', {
      hint: 'Please report this with the file; as a workaround, edit the file by hand.',
    });
  }
}
