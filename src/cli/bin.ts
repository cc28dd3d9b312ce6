#!/usr/bin/env node
import { main } from './main.js';

/** How long a command may take to stop cleanly after the first signal; a second signal ends it at once. */
const GRACE_MS = 5000;

// Ctrl+C or SIGTERM: one signal for every command (ctx.signal). The command stops at a safe point (pull finishes
// its write and checkpoint); the exit code is 130 (main() makes sure a later result does not replace it).
const interrupt = new AbortController();
const onSignal = (): void => {
  process.exitCode = 130;
  if (interrupt.signal.aborted) process.exit(130);
  interrupt.abort();
  setTimeout(() => process.exit(process.exitCode), GRACE_MS).unref();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// The reader of our output went away (`... | head`): nothing more can be delivered, and it is not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), undefined, interrupt.signal);
