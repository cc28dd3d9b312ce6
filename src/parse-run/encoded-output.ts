import type { BufferPool } from './buffer-pool.js';

const NONE = Buffer.alloc(0);

/**
 * Output text encoded to UTF-8 as it is produced, into 64 KiB buffers. Writing one big concatenated string
 * per batch made V8 flatten a rope of thousands of small pieces and then encode it again: about a quarter
 * of `parse --format ndjson` time. Encoding each event's (small) text straight into a buffer costs a
 * fraction of that. The bytes are exactly those of `Buffer.from(text, 'utf8')` (lone surrogates become U+FFFD,
 * as a string written to a stream would). Each buffer handed out owns its memory, so it can be transferred to
 * another thread.
 */
export class EncodedOutput {
  private buffer: Buffer = NONE;
  private used = 0;
  private sealed: Buffer[] = [];

  /** Buffers come from `pool`: give them back once written. */
  constructor(private readonly pool: BufferPool) {}

  add(text: string): void {
    // A UTF-16 code unit needs at most 3 UTF-8 bytes.
    const worst = text.length * 3;
    if (this.used + worst > this.buffer.length) {
      this.seal();
      if (worst > this.pool.size) {
        // Bigger than a buffer: its own, of its exact size.
        this.sealed.push(Buffer.from(text, 'utf8'));
        return;
      }
      // A buffer handed out belongs to its reader until written: start another one.
      this.buffer = this.pool.take();
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
    if (this.used > 0) this.sealed.push(this.buffer.subarray(0, this.used));
    else if (this.buffer !== NONE) this.pool.give(this.buffer.buffer);
    this.buffer = NONE;
    this.used = 0;
  }
}
