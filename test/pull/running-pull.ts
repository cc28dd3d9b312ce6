import { spawn, type ChildProcess } from 'node:child_process';
import { binPath } from '../support/cli.js';

/** A built-CLI `pull` running in the background, for the kill-and-resume tests. */
export interface RunningPull {
  child: ChildProcess;
  stderr: () => string;
  exit: Promise<number | null>;
}

export function startPull(args: string[]): RunningPull {
  const child = spawn(process.execPath, [binPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stderr: () => err, exit };
}

/** Waits until stderr matches; fails early when pull exits. `note` (e.g. ` (seed 42)`) goes into the failure. */
export async function waitForStderr(run: RunningPull, pattern: RegExp, timeoutMs: number, note = ''): Promise<void> {
  const started = Date.now();
  while (!pattern.test(run.stderr())) {
    if (run.child.exitCode !== null) throw new Error(`pull exited ${run.child.exitCode} early${note}:\n${run.stderr()}`);
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${pattern}${note}:\n${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits until `test` holds, polling; fails early when pull exits, and after `timeoutMs` naming `what`. */
export async function waitUntil(run: RunningPull, test: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await test())) {
    if (run.child.exitCode !== null) throw new Error(`pull exited ${run.child.exitCode}:\n${run.stderr()}`);
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}:\n${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
