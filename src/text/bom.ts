/**
 * The byte order mark. Editors on Windows save UTF-8 with one; JSON.parse rejects it and Java's
 * Properties.load keeps it as part of the first key, so every reader decides what to do with it here.
 */
export const BOM = '\uFEFF';

/** The text without a leading byte order mark (as decoded from UTF-8: one U+FEFF character). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 3 when the bytes start with the UTF-8 encoding of the byte order mark (EF BB BF), else 0. */
export function utf8BomLength(bytes: Uint8Array): 0 | 3 {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}
