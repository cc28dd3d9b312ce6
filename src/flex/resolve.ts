import type { ExprNode } from './expression.js';
import type { FlexFinding, FlexFindingCode } from './findings.js';
import { OperationCompileError, type OperationDef } from './operations/index.js';
import { suggest } from './suggest.js';
import { escapePropertyValue } from '../properties/index.js';

export type OperationLookup = Pick<ReadonlyMap<string, OperationDef>, 'get' | 'keys' | 'has'>;

/** Bare text as the resolver leaves it when it may name a `__collection` element (looked up per event). */
export interface ResolveContext {
  tokens: ReadonlySet<string>;
  operations: OperationLookup;
  /** True when the parser declares __collection tokens, whose element names are only known per event. */
  dynamicNames: boolean;
  /** Operations ArcSight has but the emulation cannot run (no public description): null, with a warning. */
  unemulated?: ReadonlySet<string>;
  /** Token names lost to a repeated token index (name → index): references to them say so. */
  lostTokens?: ReadonlyMap<string, number>;
  /** Tokens declared but not loaded (their declaration has an error), by name: their index. */
  unloadedTokens?: ReadonlyMap<string, number>;
  /** Operations already reported as unverified in this file (reported once per name). */
  unverifiedReported?: Set<string>;
  onToken(name: string): void;
  /** `end` (exclusive offset), when given, is where the reported text ends: a token name may contain spaces. */
  report(code: FlexFindingCode, offset: number, message: string, hint?: string, severity?: FlexFinding['severity'], end?: number): void;
}

const NUMBER_LIKE = /^[-+]?(\d+\.?\d*|\.\d+)$/;

/**
 * Decides what each bare word means (a declared token, else literal text), checks every call against the
 * operation registry (name, arity, literal arguments compile) and reports problems at their offsets.
 * Returns undefined when an error makes the expression unusable.
 */
export function resolveExpression(node: ExprNode, ctx: ResolveContext): ExprNode | undefined {
  const unverifiedReported = ctx.unverifiedReported ?? new Set<string>();
  let ok = true;
  const visit = (n: ExprNode, top: boolean): ExprNode => {
    switch (n.kind) {
      case 'bare': {
        if (ctx.tokens.has(n.text)) {
          ctx.onToken(n.text);
          return { kind: 'token', name: n.text, start: n.start, end: n.end };
        }
        const literal: ExprNode = { kind: 'literal', value: n.text, start: n.start, end: n.end };
        if (NUMBER_LIKE.test(n.text)) return literal;
        const lostAt = ctx.lostTokens?.get(n.text);
        if (lostAt !== undefined) {
          ctx.report(
            'undeclared-token',
            n.start,
            `"${n.text}" was token[${lostAt}] until token[${lostAt}] was declared again; it is used as literal text`,
            `Give ${n.text} its own token index.`,
            'warning',
            n.end,
          );
          return literal;
        }
        const unloadedAt = ctx.unloadedTokens?.get(n.text);
        if (unloadedAt !== undefined) {
          ctx.report(
            'undeclared-token',
            n.start,
            `"${n.text}" is token[${unloadedAt}], which did not load (see the error on its declaration); it is used as literal text`,
            `Correct token[${unloadedAt}].`,
            'warning',
            n.end,
          );
          return literal;
        }
        const near = suggest(n.text, ctx.tokens);
        if (ctx.dynamicNames && !near) {
          ctx.report(
            'collection-reference',
            n.start,
            `"${n.text}" is not a declared token; it is looked up among the __collection elements of each event, else used as literal text`,
            undefined,
            undefined,
            n.end,
          );
          return { ...literal, maybeToken: true };
        }
        ctx.report(
          'undeclared-token',
          n.start,
          `"${n.text}" is not a declared token, so it is used as literal text`,
          near ? `Did you mean the token ${near}?` : top ? `Write ${escapePropertyValue(`__stringConstant("${n.text}")`)} if the text is meant.` : undefined,
          near || top ? 'warning' : 'info',
          n.end,
        );
        return literal;
      }
      case 'group':
        ctx.report('positional-reference', n.start, `${n.ref} refers to a regex group of a sub-message; in a JSON parser it is always null`);
        return n;
      case 'call': {
        const args = n.args.map((a) => visit(a, false));
        const def = ctx.operations.get(n.name);
        if (!def && ctx.unemulated?.has(n.name)) {
          ctx.report(
            'unemulated-operation',
            n.start,
            `${n.name} exists in ArcSight but its behaviour is not publicly described; the emulation gives null here`,
          );
          return { ...n, args };
        }
        if (!def) {
          const s = suggest(n.name, ctx.operations.keys());
          ctx.report('unknown-operation', n.start, `unknown operation ${n.name}`, s ? `Did you mean ${s}?` : undefined, undefined, n.nameEnd);
          ok = false;
          return { ...n, args };
        }
        if (args.length < def.minArgs || args.length > def.maxArgs) {
          const want =
            def.minArgs === def.maxArgs ? `${def.minArgs}` : def.maxArgs === Infinity ? `at least ${def.minArgs}` : `${def.minArgs} to ${def.maxArgs}`;
          ctx.report('wrong-arity', n.start, `${n.name} takes ${want} argument${want === '1' ? '' : 's'}, not ${args.length}`, def.summary);
          ok = false;
          return { ...n, args };
        }
        if (def.unverified && !unverifiedReported.has(n.name)) {
          unverifiedReported.add(n.name);
          ctx.report(
            'unverified-operation',
            n.start,
            `${n.name}: the public record does not confirm its exact behaviour; the emulation's choice is in docs/emulation.md (assumed)`,
          );
        }
        const literals = args.map((a) => literalText(a));
        try {
          def.compile(literals, { timeZone: 'UTC' });
        } catch (error) {
          const at = error instanceof OperationCompileError ? (args[error.argIndex] ?? n) : n;
          const message = (error as Error).message;
          ctx.report(
            'invalid-operation-argument',
            at.start,
            message.startsWith(`${n.name}:`) ? message : `${n.name}: ${message}`,
            undefined,
            undefined,
            at.end,
          );
          ok = false;
        }
        return { ...n, args };
      }
      default:
        return n;
    }
  };
  const resolved = visit(node, true);
  return ok ? resolved : undefined;
}

/** The text of an argument known at load time (quoted or bare literal), else undefined. */
export function literalText(n: ExprNode): string | undefined {
  if (n.kind === 'string') return n.value;
  if (n.kind === 'literal' && !n.maybeToken) return n.value;
  return undefined;
}
