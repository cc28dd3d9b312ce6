import type { EventWarning } from './event.js';
import type { ExprNode } from './expression.js';
import type { EvalContext, OperationImpl } from './operations/index.js';
import { literalText, type OperationLookup } from './resolve.js';
import type { FlexValue } from './value.js';

/** Per-event state the compiled expressions read. */
export interface Frame {
  /** Token values by token index. */
  values: FlexValue[];
  /** __collection pseudo-tokens of this event (element key → element JSON text). */
  collections: Map<string, string> | null;
  warnings: EventWarning[];
  /** The field being computed, named by warnings from operations. */
  field: string | undefined;
}

export type CompiledExpression = (frame: Frame) => FlexValue;

export interface ExpressionScope {
  tokenIndex: ReadonlyMap<string, number>;
  operations: OperationLookup;
  /** Handed to every operation call; it warns into the event being built. */
  context: EvalContext;
  /** Filled while compiling: tokens referred to by name (the others become implicit additional data). */
  usedTokens: Set<string>;
}

/**
 * An expression as a closure, its operations compiled once per call site (regexes and date patterns built here,
 * never per event). An unknown operation, or one whose literal arguments do not compile, gives null: the loader
 * has already reported it.
 */
export function compileExpression(node: ExprNode, scope: ExpressionScope): CompiledExpression {
  switch (node.kind) {
    case 'token': {
      const index = scope.tokenIndex.get(node.name);
      scope.usedTokens.add(node.name);
      return index === undefined ? () => null : (frame) => frame.values[index]!;
    }
    case 'literal': {
      const value = node.value;
      // Bare text that may name a __collection element of the event.
      if (node.maybeToken) return (frame) => frame.collections?.get(value) ?? value;
      return () => value;
    }
    case 'string': {
      const value = node.value;
      return () => value;
    }
    case 'bare': {
      const index = scope.tokenIndex.get(node.text);
      const text = node.text;
      return index === undefined ? () => text : (frame) => frame.values[index]!;
    }
    case 'group':
    case 'empty':
      return () => null;
    case 'call': {
      const definition = scope.operations.get(node.name);
      if (!definition) return () => null;
      let impl: OperationImpl;
      try {
        impl = definition.compile(node.args.map(literalText), { timeZone: scope.context.timeZone });
      } catch {
        return () => null;
      }
      return callWithArguments(
        impl,
        node.args.map((arg) => compileExpression(arg, scope)),
        scope.context,
      );
    }
  }
}

/** The common arities unrolled: no argument loop, and a fixed-size array per call. */
function callWithArguments(impl: OperationImpl, args: readonly CompiledExpression[], context: EvalContext): CompiledExpression {
  const [first, second, third] = args;
  if (args.length === 0) return () => impl([], context);
  if (args.length === 1 && first) return (frame) => impl([first(frame)], context);
  if (args.length === 2 && first && second) return (frame) => impl([first(frame), second(frame)], context);
  if (args.length === 3 && first && second && third) return (frame) => impl([first(frame), second(frame), third(frame)], context);
  return (frame) => {
    const values = new Array<FlexValue>(args.length);
    for (let i = 0; i < args.length; i++) values[i] = args[i]!(frame);
    return impl(values, context);
  };
}
