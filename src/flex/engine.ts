import { InternalError } from '../errors/index.js';
import { ASSUMPTIONS, type Assume, type AssumptionId } from './assumptions.js';
import { compileExpression, type CompiledExpression, type ExpressionScope, type Frame } from './compile-expression.js';
import type { AgentSeverity, EventValue, EventWarning, ParsedEvent } from './event.js';
import type { ExprNode } from './expression.js';
import { compileFieldSetter, type FieldSetter } from './field-setters.js';
import { jsonPreview } from './json-text.js';
import { isJsonObject, isList, member } from './location.js';
import { OPERATIONS, toStringValue, type EvalContext } from './operations/index.js';
import type { OperationLookup } from './resolve.js';
import { EVENT_FIELDS } from './schema.js';
import { eventLayout, SlottedEvent, SlotValues, type EventLayout } from './slotted-event.js';
import type { ParserSpec } from './spec.js';
import { compileTokenReaders, type TokenReaders } from './token-readers.js';
import type { FlexValue } from './value.js';

export interface CompileOptions {
  /** IANA zone of the connector, used for zone-less timestamps. Default UTC. */
  timeZone?: string;
  operations?: OperationLookup;
  /** Clock for __currentTimestampInSeconds and friends (epoch ms). */
  now?: () => number;
}

export interface CompiledParser {
  readonly spec: ParserSpec;
  /** One event per trigger node found under `root`. */
  parse(root: unknown): ParsedEvent[];
  /** The emulation guesses exercised so far (id → explanation), for a once-per-run notice. */
  readonly assumptions: ReadonlyMap<AssumptionId, string>;
}

/** One `event.<field>=<expression>` line, compiled. */
interface Assignment {
  field: string;
  slot: number;
  expression: CompiledExpression;
  store: FieldSetter;
  /** For the common `event.<String field>=<token>`: the token index, read without closures (else -1). */
  plainToken: number;
  maxLength: number;
}

/** A conditional map: the selector's value picks the assignments to apply. */
interface ConditionalAssignments {
  /** The field slot the selector reads (-1: a field no assignment sets, always unset), or -1 for a token selector. */
  fieldSlot: number;
  /** The token index the selector reads, or -1 for a field selector, or -2 for an undeclared token. */
  token: number;
  byValue: Map<string, Assignment[]>;
}

/** `additionaldata.<name>` from its expression. */
interface ExplicitData {
  name: string;
  slot: number;
  expression: CompiledExpression;
}

/** `additionaldata.<name>` from a token no expression reads (when additional data is enabled). */
interface ImplicitData {
  slot: number;
  token: number;
}

/** Everything an event needs from the parser file, compiled once. */
interface ParserPlan {
  readers: TokenReaders;
  tokenCount: number;
  mappings: Assignment[];
  conditionals: ConditionalAssignments[];
  explicitData: ExplicitData[];
  implicitData: ImplicitData[];
  /** deviceSeverity value → agent severity (severity.map); empty when the file has none. */
  severity: Map<string, AgentSeverity>;
  severitySlot: number;
  layout: EventLayout;
}

/** Slot numbers by name, given in order of first mention. */
class SlotNumbers {
  private readonly byName = new Map<string, number>();

  of(name: string): number {
    let slot = this.byName.get(name);
    if (slot === undefined) this.byName.set(name, (slot = this.byName.size));
    return slot;
  }

  find(name: string): number | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}

/**
 * Compiles a parser spec once into closures: token readers, typed converters, expressions with their
 * operations pre-compiled, field setters. Events then cost only the reads and conversions their values need.
 */
export function compileParser(spec: ParserSpec, options: CompileOptions = {}): CompiledParser {
  const timeZone = options.timeZone ?? 'UTC';
  const assumptions = new Map<AssumptionId, string>();
  const assume: Assume = (id) => {
    if (!assumptions.has(id)) assumptions.set(id, ASSUMPTIONS[id]);
  };
  // Operations warn through one context; it adds to the event being built, naming the field being computed.
  let frame: Frame = { values: [], collections: null, warnings: [], field: undefined };
  const context: EvalContext = {
    warn(code, message) {
      const warning: EventWarning = { code, message };
      if (frame.field !== undefined) warning.field = frame.field;
      frame.warnings.push(warning);
    },
    timeZone,
    now: options.now ?? Date.now,
  };
  const plan = compilePlan(spec, options.operations ?? OPERATIONS, context, assume);
  const trigger = spec.triggerNode.split('/').filter((segment) => segment !== '');
  return {
    spec,
    assumptions,
    parse(root: unknown): ParsedEvent[] {
      const nodes = triggerNodes(root, trigger);
      const events = new Array<ParsedEvent>(nodes.length);
      for (let i = 0; i < nodes.length; i++) {
        frame = { values: new Array<FlexValue>(plan.tokenCount), collections: null, warnings: [], field: undefined };
        events[i] = eventFor(plan, nodes[i], frame, assume);
      }
      return events;
    },
  };
}

/** The parser file's parts, compiled: token readers, field assignments with their slots, additional data, severity map. */
function compilePlan(spec: ParserSpec, operations: OperationLookup, context: EvalContext, assume: Assume): ParserPlan {
  const timeZone = context.timeZone;
  const tokens = spec.tokens;
  const tokenIndex = new Map<string, number>();
  tokens.forEach((token, i) => tokenIndex.set(token.name, i));
  // Readers first: compiling them may record assumptions, which are reported in the order first recorded.
  const readers = compileTokenReaders(tokens, timeZone, assume);
  const scope: ExpressionScope = { tokenIndex, operations, context, usedTokens: new Set() };

  // Field slots in order of first mention; conditional maps may add fields no event.* mapping sets.
  const fieldSlots = new SlotNumbers();
  const assignment = (field: string, node: ExprNode): Assignment => {
    const info = EVENT_FIELDS.get(field);
    if (!info) throw new InternalError(`the parser spec maps the unknown field event.${field}`);
    return {
      field,
      slot: fieldSlots.of(field),
      expression: compileExpression(node, scope),
      store: compileFieldSetter(info, timeZone, assume),
      plainToken: node.kind === 'token' && info.type === 'String' ? (tokenIndex.get(node.name) ?? -1) : -1,
      maxLength: info.maxLength ?? Infinity,
    };
  };
  const mappings = spec.mappings.map((mapping) => assignment(mapping.field, mapping.expr));
  const compiledMaps = spec.conditionalMaps.map(({ selector, mappings: cases }) => {
    const byValue = new Map<string, Assignment[]>();
    for (const { values, assignments } of cases) {
      const compiled = assignments.map((a) => assignment(a.field, a.expr));
      for (const value of values) if (!byValue.has(value)) byValue.set(value, compiled);
    }
    if (selector.kind === 'token') scope.usedTokens.add(selector.name);
    return { selector, byValue };
  });
  // Only now are all field slots known: a selector may test a field that only a later conditional map sets.
  const conditionals = compiledMaps.map(({ selector, byValue }) =>
    selector.kind === 'field'
      ? { fieldSlot: fieldSlots.find(selector.field) ?? -1, token: -1, byValue }
      : { fieldSlot: -1, token: tokenIndex.get(selector.name) ?? -2, byValue },
  );

  const dataSlots = new SlotNumbers();
  const explicitData = spec.additionalData.map((data) => ({ name: data.name, slot: dataSlots.of(data.name), expression: compileExpression(data.expr, scope) }));
  // Tokens no expression reads go to additional data; the expressions are all compiled by now.
  const implicitData = spec.additionalDataEnabled
    ? tokens.flatMap((token, i) => (scope.usedTokens.has(token.name) ? [] : [{ token: i, slot: dataSlots.of(token.name) }]))
    : [];
  const severity = new Map<string, AgentSeverity>();
  for (const rule of spec.severityMap) for (const value of rule.values) if (!severity.has(value)) severity.set(value, rule.level);

  return {
    readers,
    tokenCount: tokens.length,
    mappings,
    conditionals,
    explicitData,
    implicitData,
    severity,
    severitySlot: fieldSlots.find('deviceSeverity') ?? -1,
    layout: eventLayout(
      fieldSlots.names(),
      dataSlots.names(),
      tokens.map((token) => token.name),
    ),
  };
}

/** One event from one trigger node; `frame` is fresh, and the one the operations' context warns into. */
function eventFor(plan: ParserPlan, node: unknown, frame: Frame, assume: Assume): ParsedEvent {
  const { values, warnings } = frame;
  if (isJsonObject(node)) {
    plan.readers.readTokens(node, values, warnings);
    frame.collections = plan.readers.readCollections(node);
  } else {
    warnings.push({ code: 'trigger-node-not-object', message: `the trigger node is ${jsonPreview(node)}, not an object; every token is null` });
    values.fill(null);
  }
  const fields = new SlotValues<EventValue>(plan.layout.fieldNames.length);
  applyMappings(plan.mappings, frame, fields);
  applyConditionals(plan.conditionals, frame, fields);
  frame.field = undefined;
  const data = collectData(plan, frame);
  const event = new SlottedEvent(plan.layout, values, frame.collections, warnings, fields, data);
  if (plan.severity.size > 0) {
    const raw = plan.severitySlot >= 0 ? fields.values[plan.severitySlot] : undefined;
    const level = raw === undefined ? undefined : plan.severity.get(String(raw));
    if (level !== undefined) event.agentSeverity = level;
    else if (raw !== undefined) assume('severity-unmatched');
  }
  return event;
}

function applyMappings(mappings: readonly Assignment[], frame: Frame, fields: SlotValues<EventValue>): void {
  const values = frame.values;
  for (let m = 0; m < mappings.length; m++) {
    const a = mappings[m]!;
    // Hot path: a String token straight into a String field that fits needs no conversion.
    if (a.plainToken >= 0) {
      const value = values[a.plainToken];
      if (typeof value === 'string' && value.length <= a.maxLength) {
        if (value !== '') fields.set(a.slot, value);
        continue;
      }
    }
    apply(a, frame, fields, false);
  }
}

function applyConditionals(conditionals: readonly ConditionalAssignments[], frame: Frame, fields: SlotValues<EventValue>): void {
  for (let i = 0; i < conditionals.length; i++) {
    const conditional = conditionals[i]!;
    let selected: string | null;
    if (conditional.token === -1) {
      const value = conditional.fieldSlot >= 0 ? fields.values[conditional.fieldSlot] : undefined;
      selected = value === undefined ? null : String(value);
    } else selected = conditional.token >= 0 ? toStringValue(frame.values[conditional.token]!) : null;
    const list = selected === null ? undefined : conditional.byValue.get(selected);
    if (list) for (const a of list) apply(a, frame, fields, true);
  }
}

/** Computes and stores one field; a null result unsets it, except in conditional maps (`keepOnNull`). */
function apply(a: Assignment, frame: Frame, fields: SlotValues<EventValue>, keepOnNull: boolean): void {
  frame.field = a.field;
  let value: FlexValue;
  try {
    value = a.expression(frame);
  } catch (error) {
    frame.warnings.push({ code: 'operation-failed', field: a.field, message: `event.${a.field}: ${errorMessage(error)}` });
    value = null;
  }
  const stored = value === null ? null : a.store(value, frame.warnings);
  if (stored !== null) fields.set(a.slot, stored);
  else if (!keepOnNull) fields.unset(a.slot);
}

/** Explicit additional data first; implicit data fills only names still unset. */
function collectData(plan: ParserPlan, frame: Frame): SlotValues<string> {
  const data = new SlotValues<string>(plan.layout.dataNames.length);
  for (const d of plan.explicitData) {
    let value: FlexValue;
    try {
      value = d.expression(frame);
    } catch (error) {
      frame.warnings.push({ code: 'operation-failed', message: `additionaldata.${d.name}: ${errorMessage(error)}` });
      value = null;
    }
    const text = toStringValue(value);
    if (text !== null) data.set(d.slot, text);
  }
  const implicitData = plan.implicitData;
  for (let k = 0; k < implicitData.length; k++) {
    const d = implicitData[k]!;
    if (data.values[d.slot] !== undefined) continue;
    const text = toStringValue(frame.values[d.token]!);
    if (text !== null) data.set(d.slot, text);
  }
  return data;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The nodes that start one event each: the path from the root, where arrays contribute each element. */
function triggerNodes(root: unknown, path: readonly string[]): unknown[] {
  let current: unknown[] = [root];
  for (const segment of path) {
    const next: unknown[] = [];
    for (const node of current) {
      if (Array.isArray(node)) {
        for (const element of node) {
          const value = member(element, segment);
          if (value !== undefined) next.push(value);
        }
      } else {
        const value = member(node, segment);
        if (value !== undefined) next.push(value);
      }
    }
    current = next;
  }
  const out: unknown[] = [];
  for (const node of current) {
    if (isList(node)) out.push(...node);
    else if (node !== undefined) out.push(node);
  }
  return out;
}
