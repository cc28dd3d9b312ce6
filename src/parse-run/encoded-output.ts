/**
 * Output text encoded to UTF-8 as it is produced, into 64 KiB buffers. Writing one big concatenated string
 * per batch made V8 flatten a rope of thousands of small pieces and then encode it again: about a quarter
 * of `parse --format ndjson` time. Encoding each event's (small) text straight into a buffer costs a
 * fraction of that. The bytes are exactly those of `Buffer.from(text, 'utf8')` (lone surrogates become U+FFFD,
 * as a string written to a stream would).
 */
export class EncodedOutput {
  private buffer: Buffer;
  private used = 0;
  private sealed: Buffer[] = [];

  constructor(private readonly size = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  add(text: string): void {
    // A UTF-16 code unit needs at most 3 UTF-8 bytes.
    const worst = text.length * 3;
    if (this.used + worst > this.buffer.length) {
      this.seal();
      if (worst > this.size) {
        this.sealed.push(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** Everything added so far, in order, as buffers ready to write; the output is empty afterwards. */
  take(): Buffer[] {
    this.seal();
    const out = this.sealed;
    this.sealed = [];
    return out;
  }

  private seal(): void {
    if (this.used === 0) return;
    this.sealed.push(this.buffer.subarray(0, this.used));
    // A buffer handed to a stream belongs to it until written: start a fresh one.
    this.buffer = Buffer.allocUnsafe(this.size);
    this.used = 0;
  }
}
