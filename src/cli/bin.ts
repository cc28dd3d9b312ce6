#!/usr/bin/env node
import { main } from './main.js';

// Ctrl+C: let the running command clean up through its own handlers; the exit code is 130 by convention.
process.once('SIGINT', () => {
  process.exitCode = 130;
  setTimeout(() => process.exit(130), 2000).unref();
});

// The reader of our output went away (`... | head`): nothing more can be delivered, and it is not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
