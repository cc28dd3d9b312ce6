import type { FlexType, FlexValue } from '../value.js';
import type { CompileEnv, EvalContext, OperationDef, OperationImpl } from './types.js';
import { OperationCompileError } from './types.js';

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
export function withCompile(
  meta: Meta,
  compile: (literals: ReadonlyArray<string | undefined>, env: CompileEnv) => OperationImpl,
): OperationSpec {
  return { ...meta, unverified: meta.source === 'unverified' ? true : undefined, compile };
}

/** args[i] or null when the call site gave fewer arguments than the operation reads. */
export function arg(args: readonly FlexValue[], i: number): FlexValue {
  return args[i] ?? null;
}

/** A small per-call-site cache for patterns that only arrive at run time (a token used as a regex or format). */
export function runtimeCache<T>(build: (key: string) => T, limit = 64): (key: string) => T {
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

export function compileError(message: string, argIndex: number): OperationCompileError {
  return new OperationCompileError(message, argIndex);
}
