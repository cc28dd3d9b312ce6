import type { ChalkInstance } from 'chalk';
import { chalkFor, type ColorFlag } from './color.js';

/**
 * Everything a command touches outside its arguments: streams, environment, TTY and CI state. Commands take it
 * as a parameter so tests can drive them with fake streams (one seam, as Prettier's CLI does).
 */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface CliContext {
  io: CliIO;
  /** Colour for results on stdout (off for machine formats: pass `plain`). */
  out: ChalkInstance;
  /** Colour for messages on stderr. */
  err: ChalkInstance;
  /** A chalk that never colours, for machine formats. */
  plain: ChalkInstance;
  debug: boolean;
  /**
   * Aborted on SIGINT or SIGTERM (one mechanism for every command): a command stops what it is doing at a safe
   * point and throws InterruptedError, or, when the signal is its normal end (a server), shuts down cleanly.
   */
  signal: AbortSignal;
  /** True when prompting is not allowed: stdin is not a TTY, or CI is set. */
  nonInteractive: boolean;
  /** Write a line to stderr (progress, notices, warnings). */
  log: (line?: string) => void;
  /** Write a debug line to stderr when --debug is on. Never pass secrets. */
  trace: (line: string) => void;
  /** Write to stdout (results). */
  print: (text: string) => void;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}

export function createContext(io: CliIO, options: { color?: ColorFlag; debug?: boolean; signal?: AbortSignal }): CliContext {
  const err = chalkFor(io.stderr, options.color, io.env);
  const debug = options.debug === true;
  return {
    io,
    out: chalkFor(io.stdout, options.color, io.env),
    err,
    plain: chalkFor(io.stdout, false, io.env),
    debug,
    signal: options.signal ?? new AbortController().signal,
    nonInteractive: !io.stdin.isTTY || Boolean(io.env.CI),
    log: (line = '') => void io.stderr.write(`${line}\n`),
    trace: (line) => {
      if (debug) io.stderr.write(`${err.dim(`debug: ${line}`)}\n`);
    },
    print: (text) => void io.stdout.write(text),
  };
}
