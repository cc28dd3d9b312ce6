import { JavaPatternError } from '../errors.js';

/** DateFormatSymbols.patternChars: the letters SimpleDateFormat knows (the index is its field tag). */
export const PATTERN_CHARS = 'GyMdkHmsSEDFwWahKzZYuXL';

/**
 * One piece of a SimpleDateFormat pattern: a run of one pattern letter (`yyyy`), or literal text (a character
 * outside quotes, a quoted section without its quotes, or `''` for one quote). `start` is the offset in the
 * pattern where the piece is written (the opening quote for quoted text).
 */
export type DatePatternPiece = { kind: 'field'; letter: string; count: number; start: number } | { kind: 'literal'; text: string; start: number };

const isAsciiLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/**
 * SimpleDateFormat.compile's scan of a pattern into pieces, throwing JavaPatternError with Java's message where the
 * constructor throws, and in the same order: an illegal letter as soon as it is read, a four-letter ISO zone (XXXX)
 * when its run ends, an unterminated quote at the end.
 */
export function tokenizeDatePattern(pattern: string): DatePatternPiece[] {
  const pieces: DatePatternPiece[] = [];
  let quoteStart = -1;
  let quoted = '';
  let runStart = -1;
  const endRun = (end: number): void => {
    if (runStart < 0) return;
    const letter = pattern.charAt(runStart);
    const count = end - runStart;
    if (letter === 'X' && count >= 4) throw new JavaPatternError(`invalid ISO 8601 format: length=${count}`);
    pieces.push({ kind: 'field', letter, count, start: runStart });
    runStart = -1;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === "'") {
      // '' is one quote, inside a quoted section or not.
      if (pattern[i + 1] === "'") {
        endRun(i);
        if (quoteStart >= 0) quoted += "'";
        else pieces.push({ kind: 'literal', text: "'", start: i });
        i++;
      } else if (quoteStart < 0) {
        endRun(i);
        quoteStart = i;
        quoted = '';
      } else {
        pieces.push({ kind: 'literal', text: quoted, start: quoteStart });
        quoteStart = -1;
      }
      continue;
    }
    if (quoteStart >= 0) {
      quoted += c;
      continue;
    }
    if (!isAsciiLetter(c)) {
      endRun(i);
      pieces.push({ kind: 'literal', text: c, start: i });
      continue;
    }
    // Java checks the letter before it ends the run before it: `XXXXb` fails on the b.
    if (!PATTERN_CHARS.includes(c)) throw new JavaPatternError(`Illegal pattern character '${c}'`, i);
    if (runStart >= 0 && pattern[runStart] !== c) endRun(i);
    if (runStart < 0) runStart = i;
  }
  if (quoteStart >= 0) throw new JavaPatternError('Unterminated quote', pattern.length);
  endRun(pattern.length);
  return pieces;
}

/**
 * The fields SimpleDateFormat reads as numbers (MMM, EEE, a, z and the like are text): a numeric field directly
 * followed by another numeric field reads exactly its letter count of digits (SimpleDateFormat.shouldObeyCount).
 */
export function isNumericDateField(field: { letter: string; count: number }): boolean {
  if (field.letter === 'M' || field.letter === 'L') return field.count <= 2;
  return 'yYdHhKkmsSDFwWu'.includes(field.letter);
}
