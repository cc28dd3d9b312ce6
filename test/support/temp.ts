import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

/** Every folder the tests make starts with this, so a leftover is easy to recognise (and to count). */
export const TEMP_PREFIX = 'wdatp-test-';

const live = new Set<string>();

function removeAllNow(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
}

/**
 * Makes `<os.tmpdir()>/wdatp-test-<label>-XXXXXX` that its caller removes with `removeTempDir` (for fixtures with
 * their own close()). Whatever is still there when the test process exits is removed then, so a fixture whose
 * close() never ran (a suite skipped by a filter, a hook that threw) does not leave it behind.
 */
export function createTempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${label}-`));
  if (live.size === 0) process.once('exit', removeAllNow);
  live.add(dir);
  return dir;
}

export async function removeTempDir(dir: string): Promise<void> {
  live.delete(dir);
  if (live.size === 0) process.removeListener('exit', removeAllNow);
  await rm(dir, { recursive: true, force: true });
}

/** A fresh folder for the running test (call it inside a test or a beforeEach hook), removed when the test ends, pass or fail. */
export function tempDir(label: string): string {
  const dir = createTempDir(label);
  onTestFinished(() => removeTempDir(dir));
  return dir;
}

/**
 * A folder shared by the tests of a file or describe block (call it at module or describe level, not in a hook),
 * removed after them, pass or fail.
 */
export function suiteTempDir(label: string): string {
  const dir = createTempDir(label);
  afterAll(() => removeTempDir(dir));
  return dir;
}
