import { BACKSLASH, BANG, CR, FF, HASH, LF, SPACE, TAB } from './char-codes.js';

/**
 * A port of the logical-line reader inside java.util.Properties (JDK 17 `Properties.LineReader.readLine`),
 * working on text already decoded one byte per character (ISO-8859-1), as `load(InputStream)` does.
 *
 * Instead of copying characters it records the logical line as segments of the text: a logical line is always
 * made of runs of the file's own characters (a continuation only skips the backslash, the line end and the next
 * line's leading blanks), so segments are enough to rebuild the raw key and value and to point at any character.
 * Within a run it jumps from line end to line end with indexOf rather than stepping character by character:
 * parsing happens once per command, cold, and must stay cheap. The decisions follow Java's in the same order on
 * purpose (a continuation followed by a comment, CR-only endings, a backslash at end of text are what ArcSight
 * sees); a differential test against the JVM keeps it honest.
 */

export class LineReader {
  /**
   * Segments of the current logical line: [segStart[i], segEnd[i]) in the text; only the first segCount are valid.
   * Typed arrays, reused from line to line: a logical line continued over every line of the file has as many
   * segments as the file has lines.
   */
  segStart = new Uint32Array(16);
  segEnd = new Uint32Array(16);
  segCount = 0;
  /** Offset of the first character of the current logical line (even one a continuation then dropped). */
  firstOffset = 0;
  /** Offset where the current logical line's content ends: its terminating CR/LF, or the end of the text. */
  contentEnd = 0;
  /** Offset just after the terminator of the current logical line (equals contentEnd at end of text). */
  lineEnd = 0;
  /** True when the text ended inside a continuation (a backslash-newline or a lone backslash at the end). */
  endsInContinuation = false;

  private pos = 0;
  private skipLF = false;
  private nextLF = -1;
  private nextCR = -1;

  constructor(private readonly text: string) {}

  /** Offset of the first CR or LF at or after `from`, or the text length. */
  private lineBreakFrom(from: number): number {
    const text = this.text;
    if (this.nextLF !== -2 && this.nextLF < from) this.nextLF = text.indexOf('\n', from);
    if (this.nextCR !== -2 && this.nextCR < from) this.nextCR = text.indexOf('\r', from);
    // -1 from indexOf means "none left": remember it as -2 so we never search again
    if (this.nextLF === -1) this.nextLF = -2;
    if (this.nextCR === -1) this.nextCR = -2;
    const lf = this.nextLF < 0 ? text.length : this.nextLF;
    const cr = this.nextCR < 0 ? text.length : this.nextCR;
    return lf < cr ? lf : cr;
  }

  private finish(pos: number, contentEnd: number, lineEnd: number, endsInContinuation: boolean): void {
    this.pos = pos;
    this.contentEnd = contentEnd;
    this.lineEnd = lineEnd;
    this.endsInContinuation = endsInContinuation;
  }

  private push(from: number, to: number): void {
    if (to <= from) return;
    if (this.segCount === this.segStart.length) {
      const starts = new Uint32Array(this.segCount * 2);
      const ends = new Uint32Array(this.segCount * 2);
      starts.set(this.segStart);
      ends.set(this.segEnd);
      this.segStart = starts;
      this.segEnd = ends;
    }
    this.segStart[this.segCount] = from;
    this.segEnd[this.segCount] = to;
    this.segCount++;
  }

  /** Reads the next logical line; resolves to its length, or -1 at the end of the text (like Java). */
  readLine(): number {
    const text = this.text;
    const limit = text.length;
    let off = this.pos;
    // Already at the end: keep what the last line recorded about how the text ends.
    if (off >= limit) return -1;
    this.segCount = 0;
    let len = 0;
    let appendedLineBegin = false;
    let started = false;

    for (;;) {
      // Java's skipWhiteSpace phase: blanks, and (except right after a continuation) empty lines.
      if (off >= limit) {
        this.finish(off, limit, limit, appendedLineBegin);
        return len === 0 ? -1 : len;
      }
      const c = text.charCodeAt(off++);
      if (this.skipLF) {
        this.skipLF = false;
        if (c === LF) continue;
      }
      if (c === SPACE || c === TAB || c === FF) continue;
      if (!appendedLineBegin && (c === CR || c === LF)) continue;
      appendedLineBegin = false;

      if (len === 0 && (c === HASH || c === BANG)) {
        // A comment line: skip to its end. Java answers "end of input" when the text ends inside it.
        const eol = this.lineBreakFrom(off);
        if (eol >= limit) {
          this.finish(limit, limit, limit, false);
          return -1;
        }
        off = eol + 1;
        continue;
      }

      if (c === CR || c === LF) {
        // an empty or blank line right after a continuation
        if (len === 0) continue;
        this.finish(off, off - 1, c === CR && text.charCodeAt(off) === LF ? off + 1 : off, false);
        return len;
      }

      // A run of content up to the line end; an odd number of backslashes before it continues the line.
      const start = off - 1;
      if (!started) {
        started = true;
        this.firstOffset = start;
      }
      const eol = this.lineBreakFrom(off);
      let backslashes = 0;
      while (eol - 1 - backslashes >= start && text.charCodeAt(eol - 1 - backslashes) === BACKSLASH) backslashes++;
      const continues = (backslashes & 1) === 1;
      const end = continues ? eol - 1 : eol;
      this.push(start, end);
      len += end - start;

      if (eol >= limit) {
        this.finish(limit, limit, limit, continues);
        return len;
      }
      off = eol + 1;
      const terminator = text.charCodeAt(eol);
      if (off >= limit) {
        this.finish(off, eol, off, continues);
        return len;
      }
      if (!continues) {
        this.finish(off, eol, terminator === CR && text.charCodeAt(off) === LF ? off + 1 : off, false);
        return len;
      }
      // continuation: skip the next line's leading blanks, and the LF of a CRLF
      appendedLineBegin = true;
      if (terminator === CR) this.skipLF = true;
    }
  }

  /** Text offset of character `i` of the logical line (i may equal the length: just after the last character). */
  offsetAt(i: number): number {
    for (let s = 0; s < this.segCount; s++) {
      const n = this.segEnd[s]! - this.segStart[s]!;
      if (i < n) return this.segStart[s]! + i;
      i -= n;
    }
    return this.segCount > 0 ? this.segEnd[this.segCount - 1]! + i : this.firstOffset + i;
  }

  /** The characters [from, to) of the logical line. */
  slice(from: number, to: number): string {
    if (from >= to) return '';
    if (this.segCount === 1) return this.text.slice(this.segStart[0]! + from, this.segStart[0]! + to);
    let out = '';
    let at = 0;
    for (let s = 0; s < this.segCount && at < to; s++) {
      const a = this.segStart[s]!;
      const n = this.segEnd[s]! - a;
      const lo = Math.max(from - at, 0);
      const hi = Math.min(to - at, n);
      if (lo < hi) out += this.text.slice(a + lo, a + hi);
      at += n;
    }
    return out;
  }
}
