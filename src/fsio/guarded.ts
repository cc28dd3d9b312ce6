import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { ConfigError } from '../errors/index.js';
import { writeFileAtomic, type AtomicWriteOptions } from './atomic.js';

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

export interface GuardedWriteOptions extends AtomicWriteOptions {
  /** Overwrite a different existing file. Without it, a difference is an error that shows the diff. */
  force?: boolean;
  /** Replace text in the diff shown on refusal (to mask secrets). */
  redact?: (text: string) => string;
}

/** Reads a file as bytes, or undefined when it does not exist. */
export async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const require = createRequire(import.meta.url);

/** A unified diff of two texts, for "what would change" messages and drift reports. */
export function unifiedDiff(oldText: string, newText: string, oldLabel: string, newLabel: string): string {
  // Loaded on first use: modules that only read files (validate) should not pay for the diff library at start-up.
  const { createTwoFilesPatch } = require('diff') as typeof import('diff');
  const lines = createTwoFilesPatch(oldLabel, newLabel, oldText, newText, undefined, undefined, { context: 2 }).split('\n');
  // drop the "===" separator (and an "Index:" line if present); keep ---/+++ and hunks
  return lines
    .slice(
      Math.max(
        0,
        lines.findIndex((l) => l.startsWith('--- ')),
      ),
    )
    .join('\n')
    .trimEnd();
}

/**
 * Writes a file atomically, but never replaces a different existing file unless `force` is set: the user's
 * hand edits are data too. Identical content is left alone (and its mtime kept).
 */
export async function writeFileGuarded(path: string, data: string, encoding: BufferEncoding, options: GuardedWriteOptions = {}): Promise<WriteOutcome> {
  const next = Buffer.from(data, encoding);
  const existing = await readIfExists(path);
  if (existing && existing.equals(next)) return 'unchanged';
  if (existing && !options.force) {
    const redact = options.redact ?? ((text: string) => text);
    const diff = unifiedDiff(redact(existing.toString(encoding)), redact(data), `${path} (on disk)`, `${path} (would be written)`);
    throw new ConfigError(`${path} already exists and differs from what would be written:\n${diff}`, {
      file: path,
      hint: 'Pass --force to overwrite it, or choose another output folder.',
    });
  }
  await writeFileAtomic(path, next, options);
  return existing ? 'updated' : 'created';
}
