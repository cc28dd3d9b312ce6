import type { FlexType, FlexValue } from '../value.js';

/** What an operation may use while it runs: where to send warnings, the connector's time zone, the clock. */
export interface EvalContext {
  /** Adds a warning to the event being produced (the event is still produced). */
  warn(code: string, message: string): void;
  /** IANA zone the connector runs in (for zone-less timestamps); default 'UTC'. */
  readonly timeZone: string;
  /** Current time in epoch ms (injectable for tests). */
  now(): number;
}

/** What an operation may use at compile time. */
export interface CompileEnv {
  readonly timeZone: string;
}

/** An operation compiled for one call site; args are the already-evaluated argument values. */
export type OperationImpl = (args: FlexValue[], ctx: EvalContext) => FlexValue;

/**
 * One `__operation` of the FlexConnector mapping language. Compiled once per call site: `literals[i]` is the
 * argument's text when it is a literal (quoted or bare) known at load time, else undefined, so regexes and date
 * patterns are compiled once, never per event.
 */
export interface OperationDef {
  name: string;
  minArgs: number;
  /** Infinity for variadic operations. */
  maxArgs: number;
  returns: FlexType;
  /** One line for docs and did-you-mean help. */
  summary: string;
  /** True when the reference marks the semantics as unverified: docs/emulation.md explains the choice. */
  unverified?: boolean;
  /** May throw OperationCompileError for a bad literal (an invalid regex, an invalid date pattern). */
  compile(literals: ReadonlyArray<string | undefined>, env: CompileEnv): OperationImpl;
}

/** A literal argument that cannot work (bad regex, bad pattern): the loader reports it at the call site. */
export class OperationCompileError extends Error {
  constructor(
    message: string,
    /** Which argument (0-based) is at fault. */
    readonly argIndex: number,
  ) {
    super(message);
    this.name = 'OperationCompileError';
  }
}
