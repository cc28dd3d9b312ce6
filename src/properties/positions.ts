/**
 * Maps text offsets to 1-based line/column. Lines end at CRLF, CR or LF, the terminators Java's reader knows;
 * columns count characters (one per byte in an ISO-8859-1 file).
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    const starts = this.starts;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
  }

  /** Offset of the first character of the physical line holding `offset`. */
  lineStart(offset: number): number {
    return this.starts[this.lineOf(offset) - 1]!;
  }

  lineOf(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line, column: offset - this.starts[line - 1]! + 1 };
  }
}
