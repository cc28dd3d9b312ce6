import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InternalError } from '../errors/index.js';

export interface AtomicWriteOptions {
  /** File mode, e.g. 0o600 for files that hold secrets. */
  mode?: number;
}

/**
 * Writes through a temporary file in the same folder, fsyncs it, then renames it over the target, so a reader
 * (or a crash) sees either the old file or the new one, never half of either.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = options.mode ?? 0o644;
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // open() applies the umask; chmod makes the requested mode exact (0600 must really be 0600).
    await chmod(temp, mode);
    await rename(temp, path);
  } catch (cause) {
    await rm(temp, { force: true });
    throw new InternalError(`Could not write ${path}: ${(cause as Error).message}`, { cause, file: path });
  }
}
