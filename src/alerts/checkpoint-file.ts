import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors/index.js';

/** A checkpoint file's text; undefined when it does not exist (a first run). Any other read failure is a ConfigError. */
export async function readCheckpointText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`Cannot read the checkpoint ${path}: ${(error as Error).message}`, { file: path, cause: error });
  }
}
