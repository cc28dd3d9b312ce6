/**
 * Maps text offsets to 1-based line/column. Lines end at CRLF, CR or LF, the terminators Java's reader knows;
 * columns count characters (one per byte in an ISO-8859-1 file).
 *
 * The reader asks for offsets in nearly increasing order, so lookups walk forward from the previous answer
 * (binary search only when going back): parsing runs once per command, cold, so it must be cheap unoptimised.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  private last = 0;

  constructor(text: string) {
    const starts = this.starts;
    // native indexOf instead of a per-character loop: fast even before the JIT warms up
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf !== -1 || cr !== -1) {
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
      } else {
        next = lf + 1;
      }
      starts.push(next);
      if (lf !== -1 && lf < next) lf = text.indexOf('\n', next);
      if (cr !== -1 && cr < next) cr = text.indexOf('\r', next);
    }
  }

  /** Offset of the first character of the physical line holding `offset`. */
  lineStart(offset: number): number {
    return this.starts[this.lineOf(offset) - 1]!;
  }

  lineOf(offset: number): number {
    const starts = this.starts;
    let i = this.last;
    if (starts[i]! <= offset) {
      while (i + 1 < starts.length && starts[i + 1]! <= offset) i++;
    } else {
      let lo = 0;
      let hi = i;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      i = lo;
    }
    this.last = i;
    return i + 1;
  }

  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line, column: offset - this.starts[line - 1]! + 1 };
  }
}
