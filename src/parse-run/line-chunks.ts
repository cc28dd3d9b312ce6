/**
 * Regroups a byte stream into chunks of whole lines of at least `size` bytes (the last may be shorter and
 * lack its line break). Each chunk is a fresh buffer owning its memory, so it can be handed to a worker
 * thread without copying. Cutting just after a line break (0x0A) never splits a UTF-8 character: the byte
 * never occurs inside a multi-byte sequence.
 */
export async function* lineChunks(bytes: AsyncIterable<Buffer>, size = 1 << 20): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let total = 0;
  for await (const b of bytes) {
    parts.push(b);
    total += b.length;
    if (total < size) continue;
    const last = b.lastIndexOf(10);
    // A line longer than the chunk so far: keep gathering until it ends.
    if (last === -1) continue;
    const tail = b.length - last - 1;
    yield join(parts, total - tail);
    parts = tail > 0 ? [b.subarray(last + 1)] : [];
    total = tail;
  }
  if (total > 0) yield join(parts, total);
}

function join(parts: readonly Buffer[], length: number): Buffer {
  const out = Buffer.allocUnsafeSlow(length);
  let at = 0;
  for (const p of parts) {
    at += p.copy(out, at, 0, Math.min(p.length, length - at));
    if (at === length) break;
  }
  return out;
}
