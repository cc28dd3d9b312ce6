import { OPERATIONS, type EvalContext } from '../../../src/flex/operations/index.js';
import type { FlexValue } from '../../../src/flex/value.js';

export interface Warning {
  code: string;
  message: string;
}

export interface CallOptions {
  /** Which arguments are literals in the parser file (default: every string argument, as in the documented examples). */
  literal?: boolean[];
  timeZone?: string;
  now?: number;
}

export interface CallResult {
  value: FlexValue;
  warnings: Warning[];
}

export function context(warnings: Warning[], timeZone = 'UTC', now = Date.UTC(2024, 5, 15, 12, 0, 0)): EvalContext {
  return { warn: (code, message) => warnings.push({ code, message }), timeZone, now: () => now };
}

/** Compiles the operation for one call site and evaluates it once, as the engine would. */
export function call(name: string, args: FlexValue[], options: CallOptions = {}): CallResult {
  const op = OPERATIONS.get(name);
  if (!op) throw new Error(`no operation ${name}`);
  const literals = args.map((a, i) => ((options.literal?.[i] ?? typeof a === 'string') && typeof a === 'string' ? a : undefined));
  const impl = op.compile(literals, { timeZone: options.timeZone ?? 'UTC' });
  const warnings: Warning[] = [];
  const value = impl(args, context(warnings, options.timeZone, options.now));
  return { value, warnings };
}

/** The value only. */
export function run(name: string, ...args: FlexValue[]): FlexValue {
  return call(name, args).value;
}

/** The same call with every argument coming from a token (nothing known at load time). */
export function runTokens(name: string, ...args: FlexValue[]): FlexValue {
  return call(name, args, { literal: args.map(() => false) }).value;
}
