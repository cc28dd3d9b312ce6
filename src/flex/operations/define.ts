import type { FlexType, FlexValue } from '../value.js';
import type { CompileEnv, EvalContext, OperationDef, OperationImpl } from './types.js';
import { OperationCompileError } from './types.js';
import { describe, toStringValue, type WarnSink } from './coerce.js';

/**
 * Where an operation's semantics come from:
 * - documented: the reference gives the behaviour (vendor-guide text, tested examples, FlexEngine);
 * - inferred: the behaviour follows from the name and the documented neighbours;
 * - unverified: no public source; the choice is ours and docs/operations.md says why.
 */
export type Provenance = 'documented' | 'inferred' | 'unverified';

export interface OperationSpec extends OperationDef {
  source: Provenance;
  /** Other names that reach the same operation (each is its own key in OPERATIONS). */
  aliases?: readonly string[];
  /** The longer explanation for docs/operations.md (edge cases, the choice made where sources are silent). */
  details?: string;
}

interface Meta {
  name: string;
  minArgs: number;
  maxArgs: number;
  returns: FlexType;
  summary: string;
  source: Provenance;
  aliases?: readonly string[];
  details?: string;
}

/** An operation whose work does not depend on its literal arguments. */
export function simple(meta: Meta, run: (args: FlexValue[], ctx: EvalContext) => FlexValue): OperationSpec {
  return withCompile(meta, () => run);
}

/** An operation that prepares something from its literal arguments once per call site. */
export function withCompile(meta: Meta, compile: (literals: ReadonlyArray<string | undefined>, env: CompileEnv) => OperationImpl): OperationSpec {
  return { ...meta, unverified: meta.source === 'unverified' ? true : undefined, compile };
}

/** args[i] or null when the call site gave fewer arguments than the operation reads. */
export function arg(args: readonly FlexValue[], i: number): FlexValue {
  return args[i] ?? null;
}

/** A small per-call-site cache for patterns that only arrive at run time (a token used as a regex or format). */
/** A small first-in-first-out cache, for values compiled from run-time arguments. */
function runtimeCache<T>(build: (key: string) => T, limit = 64): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let hit = cache.get(key);
    if (hit === undefined && !cache.has(key)) {
      hit = build(key);
      if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
      cache.set(key, hit);
    }
    return hit as T;
  };
}

type Compiled<T> = { value: T } | { error: string };

function attempt<T>(compile: (source: string) => T): (source: string) => Compiled<T> {
  return (source) => {
    try {
      return { value: compile(source) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  };
}

/**
 * An argument that must be compiled (a regex, a date pattern): once at load time when it is a literal (a bad
 * literal is a load-time error at the call site), otherwise per distinct run-time value through a small cache
 * (a bad value is a warning). The accessor gives the compiled value, `null` when the argument is null, or
 * `undefined` when it is invalid (the warning is already given).
 */
export function compiledArg<T>(
  literals: ReadonlyArray<string | undefined>,
  index: number,
  op: string,
  what: string,
  compile: (source: string) => T,
): (args: FlexValue[], ctx: WarnSink) => T | null | undefined {
  const tryCompile = attempt(compile);
  const literal = literals[index];
  if (literal !== undefined) {
    const c = tryCompile(literal);
    if ('error' in c) throw compileError(`${op}: invalid ${what} ${JSON.stringify(literal)}: ${c.error}`, index);
    return () => c.value;
  }
  const cached = runtimeCache(tryCompile);
  return (args, ctx) => {
    const source = toStringValue(arg(args, index));
    if (source === null) return null;
    const c = cached(source);
    if ('error' in c) {
      ctx.warn('invalid-argument', `${op}: invalid ${what} ${describe(source)}: ${c.error}`);
      return undefined;
    }
    return c.value;
  };
}

export function compileError(message: string, argIndex: number): OperationCompileError {
  return new OperationCompileError(message, argIndex);
}
