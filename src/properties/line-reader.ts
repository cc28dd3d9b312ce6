/**
 * A port of the logical-line reader inside java.util.Properties (JDK 17 `Properties.LineReader.readLine`),
 * working on text already decoded one byte per character (ISO-8859-1), as `load(InputStream)` does.
 *
 * Instead of copying characters it records, for each character of the logical line, its offset in the text:
 * the characters of a logical line are always characters of the file (continuations only skip), so offsets are
 * enough to rebuild the raw key and value and to point at any of them. The control flow follows Java's line for
 * line on purpose: its corner cases (a continuation followed by a comment, CR-only endings, a backslash at end of
 * file) are what ArcSight sees, and a differential test against the JVM keeps it honest.
 */

const CR = 13;
const LF = 10;
const SPACE = 32;
const TAB = 9;
const FF = 12;
const HASH = 35;
const BANG = 33;
const BACKSLASH = 92;

export class LineReader {
  /** Offsets into the text of the characters of the current logical line; only the first `len` are valid. */
  readonly offsets: number[] = [];
  /** Offset of the first character appended to the current logical line (before a continuation may drop it). */
  firstOffset = 0;
  /** Offset where the current logical line's content ends: its terminating CR/LF, or the end of the text. */
  contentEnd = 0;
  /** Offset just after the terminator of the current logical line (equals contentEnd at end of text). */
  lineEnd = 0;
  /** True when the text ended inside a continuation (a backslash-newline or a lone backslash at the end). */
  endsInContinuation = false;

  private pos = 0;
  private skipLF = false;

  constructor(private readonly text: string) {}

  /** Reads the next logical line; resolves to its length, or -1 at the end of the text (like Java). */
  readLine(): number {
    const text = this.text;
    const limit = text.length;
    const offsets = this.offsets;
    let off = this.pos;
    // Already at the end: keep what the last line recorded about how the text ends.
    if (off >= limit) return -1;
    let len = 0;
    let skipWhiteSpace = true;
    let appendedLineBegin = false;
    let precedingBackslash = false;
    let started = false;

    for (;;) {
      if (off >= limit) {
        this.pos = off;
        this.contentEnd = limit;
        this.lineEnd = limit;
        this.endsInContinuation = precedingBackslash || appendedLineBegin;
        if (len === 0) return -1;
        return precedingBackslash ? len - 1 : len;
      }
      const c = text.charCodeAt(off++);

      if (this.skipLF) {
        this.skipLF = false;
        if (c === LF) continue;
      }
      if (skipWhiteSpace) {
        if (c === SPACE || c === TAB || c === FF) continue;
        if (!appendedLineBegin && (c === CR || c === LF)) continue;
        skipWhiteSpace = false;
        appendedLineBegin = false;
      }
      if (len === 0 && (c === HASH || c === BANG)) {
        // A comment line: skip to its end. Java answers "end of input" when the text ends inside it.
        let terminated = false;
        while (off < limit) {
          const b = text.charCodeAt(off++);
          if (b === CR || b === LF) {
            terminated = true;
            break;
          }
        }
        if (!terminated) {
          this.pos = off;
          this.contentEnd = limit;
          this.lineEnd = limit;
          this.endsInContinuation = false;
          return -1;
        }
        skipWhiteSpace = true;
        continue;
      }

      if (c !== LF && c !== CR) {
        if (!started) {
          started = true;
          this.firstOffset = off - 1;
        }
        offsets[len++] = off - 1;
        precedingBackslash = c === BACKSLASH ? !precedingBackslash : false;
      } else {
        // end of a physical line
        if (len === 0) {
          skipWhiteSpace = true;
          continue;
        }
        if (off >= limit) {
          this.pos = off;
          this.contentEnd = off - 1;
          this.lineEnd = off;
          this.endsInContinuation = precedingBackslash;
          return precedingBackslash ? len - 1 : len;
        }
        if (precedingBackslash) {
          // the backslash at the end of the line is not part of it; the next line's leading blanks are skipped
          len -= 1;
          skipWhiteSpace = true;
          appendedLineBegin = true;
          precedingBackslash = false;
          if (c === CR) this.skipLF = true;
        } else {
          this.pos = off;
          this.contentEnd = off - 1;
          this.lineEnd = c === CR && text.charCodeAt(off) === LF ? off + 1 : off;
          return len;
        }
      }
    }
  }
}
