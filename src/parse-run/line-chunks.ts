import type { BufferPool } from './buffer-pool.js';

/**
 * Regroups a byte stream into chunks of whole lines of at least `size` bytes (the last may be shorter and lack
 * its line break), in buffers from `pool` (give each back once parsed). Each incoming piece is copied at once,
 * so the source may reuse its buffer for the next read. Each chunk's memory is its own, so it can be handed to
 * a worker thread. Cutting just after a line break (0x0A) never splits a UTF-8 character: the byte never
 * occurs inside a multi-byte sequence.
 */
export async function* lineChunks(bytes: AsyncIterable<Buffer>, pool: BufferPool, size: number): AsyncGenerator<Buffer> {
  let chunk = pool.take();
  let used = 0;
  for await (const b of bytes) {
    if (used + b.length > chunk.length) {
      // A line longer than a pooled buffer: a bigger one just for it.
      const bigger = Buffer.allocUnsafeSlow(Math.max(used + b.length, chunk.length * 2));
      chunk.copy(bigger, 0, 0, used);
      pool.give(chunk.buffer);
      chunk = bigger;
    }
    b.copy(chunk, used);
    used += b.length;
    if (used < size) continue;
    const lastInPiece = b.lastIndexOf(10);
    // No line break in this piece: the line goes on (a long one); keep gathering.
    if (lastInPiece === -1) continue;
    const cut = used - b.length + lastInPiece + 1;
    const next = pool.take(used - cut);
    chunk.copy(next, 0, cut, used);
    yield chunk.subarray(0, cut);
    chunk = next;
    used -= cut;
  }
  if (used > 0) yield chunk.subarray(0, used);
  else pool.give(chunk.buffer);
}
