import { unescapeContent } from 'properties-file/unescape';

/** A `\u` escape Java's `loadConvert` would reject, as an index into the raw text. */
export interface MalformedEscape {
  index: number;
  text: string;
}

/**
 * Resolves escapes the way java.util.Properties does: `\t \n \r \f`, `\uXXXX`, and any other `\x` is `x`.
 * properties-file's decoder does exactly that for well-formed text; where it (and Java) reject a malformed `\u`,
 * we decode again ourselves, keep the malformed sequence as written and report where it is, so callers get a
 * diagnostic instead of an exception.
 */
export function decodeEscapes(raw: string, malformed: MalformedEscape[]): string {
  if (raw.indexOf('\\') === -1) return raw;
  try {
    return unescapeContent(raw);
  } catch {
    return decodeReporting(raw, malformed);
  }
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

function decodeReporting(raw: string, malformed: MalformedEscape[]): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      i += 1;
      continue;
    }
    const next = raw[i + 1]!;
    if (next === 'u') {
      let value = 0;
      let ok = i + 6 <= raw.length;
      for (let k = 2; ok && k < 6; k++) {
        const d = hexDigit(raw.charCodeAt(i + k));
        if (d < 0) ok = false;
        else value = (value << 4) | d;
      }
      if (ok) {
        out += String.fromCharCode(value);
        i += 6;
      } else {
        malformed.push({ index: i, text: raw.slice(i, Math.min(raw.length, i + 6)) });
        out += '\\u';
        i += 2;
      }
      continue;
    }
    out += next === 't' ? '\t' : next === 'n' ? '\n' : next === 'r' ? '\r' : next === 'f' ? '\f' : next;
    i += 2;
  }
  return out;
}

/**
 * Decodes a raw value the way java.util.Properties does (\uXXXX, \t \n \r \f, and any other \x is x) while
 * remembering where each character came from, so a finding inside a value points at the right column even when
 * the file escapes `:` as `\:` or continues the value on the next line.
 */
export function decodeWithMap(raw: string): { decoded: string; map: number[] } {
  let decoded = '';
  const map: number[] = [];
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c !== '\\' || i + 1 >= raw.length) {
      map.push(i);
      decoded += c;
      i += 1;
      continue;
    }
    const next = raw[i + 1]!;
    map.push(i);
    if (next === 'u') {
      const hex = raw.slice(i + 2, i + 6);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) {
        decoded += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else {
        // Java's load would throw here; the properties reader reports it and keeps the text as written, so a
        // decoded offset means the same character here as in the entry's value.
        decoded += '\\';
        i += 1;
      }
      continue;
    }
    decoded += next === 't' ? '\t' : next === 'n' ? '\n' : next === 'r' ? '\r' : next === 'f' ? '\f' : next;
    i += 2;
  }
  map.push(raw.length);
  return { decoded, map };
}
