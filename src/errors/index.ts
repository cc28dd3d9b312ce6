/**
 * The few error classes every module throws. The CLI's top-level catch maps them to the exit codes of the
 * CLI contract (see DESIGN.md): usage/config 2, remote/IO/internal 3, interrupted 130. "The thing checked is
 * wrong" (exit 1) is not an error: commands report it as data and set the exit code themselves.
 */

/** Where in a file a problem is, 1-based, as editors and SARIF count. */
export interface SourcePosition {
  file?: string;
  line?: number;
  column?: number;
}

export interface ErrorDetails extends SourcePosition {
  /** One sentence saying how to fix it. */
  hint?: string;
  cause?: unknown;
}

export abstract class WdatpError extends Error {
  abstract readonly exitCode: number;
  readonly hint?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.hint = details.hint;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
  }

  /** `file:line:column` when known, for the start of the printed paragraph. */
  get location(): string | undefined {
    if (!this.file) return undefined;
    if (this.line === undefined) return this.file;
    return `${this.file}:${this.line}${this.column === undefined ? '' : `:${this.column}`}`;
  }
}

/** The call is wrong: a bad flag, a missing required value, conflicting options. */
export class UsageError extends WdatpError {
  readonly exitCode = 2;
}

/** An input file or value is wrong (unreadable, malformed, fails its schema). */
export class ConfigError extends WdatpError {
  readonly exitCode = 2;
}

export interface RemoteDetails extends ErrorDetails {
  status?: number;
  /** Azure AD `error` (e.g. invalid_grant). */
  error?: string;
  /** Azure AD `error_codes` (AADSTS numbers). */
  codes?: number[];
}

/** A remote party failed or refused: network, TLS, timeout, HTTP error, Azure AD error. */
export class RemoteError extends WdatpError {
  readonly exitCode = 3;
  readonly status?: number;
  readonly error?: string;
  readonly codes: number[];

  constructor(message: string, details: RemoteDetails = {}) {
    super(message, details);
    this.status = details.status;
    this.error = details.error;
    this.codes = details.codes ?? [];
  }
}

/** Local I/O failed (disk full, permission denied) or a bug: not the user's call, not the remote's. */
export class InternalError extends WdatpError {
  readonly exitCode = 3;
}

/** The user pressed Ctrl+C or closed a prompt. */
export class InterruptedError extends WdatpError {
  readonly exitCode = 130;
}

/** The exit code for anything thrown: typed errors carry theirs, everything else is internal (3). */
export function exitCodeOf(error: unknown): number {
  return error instanceof WdatpError ? error.exitCode : 3;
}

export { printable, printableLines } from './printable.js';
