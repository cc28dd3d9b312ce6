/**
 * Spare buffers of one size, handed back after use instead of left to the garbage collector. V8 collects an
 * ArrayBuffer only in a full collection, which it starts once ~64 MiB of them are garbage: streaming a gigabyte
 * through fresh buffers kept that much dead memory around (and paid for the collections). Recycled through a
 * pool (and through worker threads and back, by transfer), the same few buffers carry the whole run.
 */
export class BufferPool {
  private readonly free: ArrayBuffer[] = [];

  constructor(
    readonly size: number,
    private readonly keep: number,
  ) {}

  /** A buffer of `size` bytes (a spare when there is one), or a fresh one of `minBytes` when that is more. */
  take(minBytes = 0): Buffer {
    if (minBytes > this.size) return Buffer.allocUnsafeSlow(minBytes);
    const spare = this.free.pop();
    return spare ? Buffer.from(spare) : Buffer.allocUnsafeSlow(this.size);
  }

  /** Takes back a buffer whose contents are no longer needed (other sizes, and detached ones, are left to the GC). */
  give(memory: ArrayBufferLike): void {
    if (memory.byteLength === this.size && this.free.length < this.keep && memory instanceof ArrayBuffer) this.free.push(memory);
  }

  /** Up to `n` spares, removed from the pool (to hand to a worker thread). */
  spares(n: number): ArrayBuffer[] {
    return this.free.splice(Math.max(0, this.free.length - n));
  }
}
