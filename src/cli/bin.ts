#!/usr/bin/env node
import { main } from './main.js';

// Ctrl+C: let the running command clean up through its own handlers; the exit code is 130 by convention.
process.once('SIGINT', () => {
  process.exitCode = 130;
  setTimeout(() => process.exit(130), 2000).unref();
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
