import type { BufferPool } from './buffer-pool.js';

export interface LineChunkOptions {
  /** Chunks are cut once they hold at least this many bytes (and a line break). */
  size: number;
  /**
   * For live streams (`tail -f ... | parse -`): when no more bytes arrive within this many milliseconds, the
   * complete lines gathered so far are cut as a chunk at once instead of waiting for `size` bytes.
   */
  idleMs?: number;
}

const IDLE = Symbol('idle');

/**
 * Regroups a byte stream into chunks of whole lines (the last may lack its line break), in buffers from `pool`
 * (give each back once parsed). Each incoming piece is copied at once, so the source may reuse its buffer for
 * the next read. Each chunk's memory is its own, so it can be handed to a worker thread. Cutting just after a
 * line break (0x0A) never splits a UTF-8 character: the byte never occurs inside a multi-byte sequence.
 */
export async function* lineChunks(bytes: AsyncIterable<Buffer>, pool: BufferPool, options: LineChunkOptions): AsyncGenerator<Buffer> {
  const source = bytes[Symbol.asyncIterator]();
  let chunk = pool.take();
  let used = 0;
  /** Where the complete lines gathered so far end. */
  let lines = 0;
  const cut = (at: number): Buffer => {
    const next = pool.take(used - at);
    chunk.copy(next, 0, at, used);
    const whole = chunk.subarray(0, at);
    chunk = next;
    used -= at;
    lines = 0;
    return whole;
  };
  // Asked for only once the previous piece is copied (the source may reuse its buffer); kept across an idle cut.
  let pending: Promise<IteratorResult<Buffer>> | undefined;
  for (;;) {
    pending ??= source.next();
    const r = options.idleMs !== undefined && lines > 0 ? await soon(pending, options.idleMs) : await pending;
    if (r === IDLE) {
      yield cut(lines);
      continue;
    }
    pending = undefined;
    if (r.done) break;
    const b = r.value;
    if (used + b.length > chunk.length) {
      // A line longer than a pooled buffer: a bigger one just for it.
      const bigger = Buffer.allocUnsafeSlow(Math.max(used + b.length, chunk.length * 2));
      chunk.copy(bigger, 0, 0, used);
      pool.give(chunk.buffer);
      chunk = bigger;
    }
    b.copy(chunk, used);
    const last = b.lastIndexOf(10);
    if (last !== -1) lines = used + last + 1;
    used += b.length;
    if (used >= options.size && lines > 0) yield cut(lines);
  }
  if (used > 0) yield chunk.subarray(0, used);
  else pool.give(chunk.buffer);
}

/** The next piece, or IDLE when none comes within `ms` (the read stays pending, to be awaited again). */
async function soon<T>(next: Promise<T>, ms: number): Promise<T | typeof IDLE> {
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<typeof IDLE>((resolve) => (timer = setTimeout(resolve, ms, IDLE)));
  try {
    return await Promise.race([next, idle]);
  } finally {
    clearTimeout(timer);
  }
}
