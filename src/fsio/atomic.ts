import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, copyFile, link, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ConfigError, InternalError } from '../errors/index.js';

export interface AtomicWriteOptions {
  /** File mode, e.g. 0o600 for files that hold secrets. */
  mode?: number;
  /**
   * Never replace an existing file, checked at the moment of writing (the file is linked into place, which fails
   * when the name exists): a file created meanwhile, even after the caller looked, is kept and this throws
   * ExistsError.
   */
  noClobber?: boolean;
}

/** The target of a `noClobber` write exists. */
export class ExistsError extends ConfigError {}

/**
 * Writes through a temporary file in the same folder, fsyncs it, then renames it over the target, so a reader
 * (or a crash) sees either the old file or the new one, never half of either.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
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
    if (options.noClobber) {
      // link fails with EEXIST when the name exists; where a file system has no hard links, an exclusive copy.
      await link(temp, path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EPERM' || error.code === 'ENOTSUP' || error.code === 'ENOSYS') return copyFile(temp, path, constants.COPYFILE_EXCL);
        throw error;
      });
      await rm(temp, { force: true });
    } else {
      await rename(temp, path);
    }
  } catch (cause) {
    await rm(temp, { force: true });
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST' && options.noClobber) {
      throw new ExistsError(`${path} already exists (it appeared while this command ran); it was left as it is.`, { file: path, cause });
    }
    throw new InternalError(`Could not write ${path}: ${(cause as Error).message}`, { cause, file: path });
  }
}
