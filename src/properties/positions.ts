/**
 * Maps text offsets to 1-based line/column. Lines end at CRLF, CR or LF, the terminators Java's reader knows;
 * columns count characters (one per byte in an ISO-8859-1 file).
 *
 * The reader asks for offsets in nearly increasing order, so lookups walk forward from the previous answer
 * (binary search only when going back): parsing runs once per command, cold, so it must be cheap unoptimised.
 * Line starts live in a typed array (four bytes a line, no per-line object): a hostile file may hold a line
 * break every other character.
 */
export class LineIndex {
  private starts = new Uint32Array(64);
  /** Number of physical lines (at least 1: an empty text is one empty line). */
  count = 1;
  private last = 0;

  constructor(private readonly text: string) {
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
      this.push(next);
      if (lf !== -1 && lf < next) lf = text.indexOf('\n', next);
      if (cr !== -1 && cr < next) cr = text.indexOf('\r', next);
    }
  }

  private push(start: number): void {
    if (this.count === this.starts.length) {
      const grown = new Uint32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[this.count++] = start;
  }

  /** Physical line n (1-based) without its terminator, or undefined outside the text. */
  line(n: number): string | undefined {
    if (!(n >= 1 && n <= this.count)) return undefined;
    const start = this.starts[n - 1]!;
    if (n === this.count) return this.text.slice(start);
    const next = this.starts[n]!;
    // the terminator is CRLF, CR or LF
    const end = next >= 2 && this.text.charCodeAt(next - 2) === 13 && this.text.charCodeAt(next - 1) === 10 ? next - 2 : next - 1;
    return this.text.slice(start, end);
  }

  /** Offset of the first character of the physical line holding `offset`. */
  lineStart(offset: number): number {
    return this.starts[this.lineOf(offset) - 1]!;
  }

  lineOf(offset: number): number {
    const starts = this.starts;
    let i = this.last;
    if (starts[i]! <= offset) {
      while (i + 1 < this.count && starts[i + 1]! <= offset) i++;
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
