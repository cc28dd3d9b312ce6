import { ASSUMPTIONS, type AssumptionId } from './assumptions.js';
import {
  compileSimpleDateFormat,
  OPERATIONS,
  parseAddress,
  parseJavaInt,
  parseJavaLong,
  parseMac,
  toAddress,
  toDouble,
  toInteger,
  toLong,
  toMac,
  toStringValue,
  toTimestamp,
  type CompiledDateFormat,
} from './deps.js';
import { dataKey, fieldKey, JSON_TEXT, jsonValueText, quote, type AgentSeverity, type EventValue, type EventWarning, type ParsedEvent } from './event.js';
import type { ExprNode } from './expression.js';
import type { EvalContext, OperationImpl } from './operations/types.js';
import { member, namesReadBeside, otherMembers, parseLocation, selectFirst, type LocationStep } from './location.js';
import { jsonPreview, MAX_JSON_NESTING, nestedDeeperThan } from './json-text.js';
import { literalText, type OperationLookup } from './resolve.js';
import { EVENT_FIELDS, type EventFieldInfo } from './schema.js';
import type { ParserSpec, TokenSpec } from './spec.js';
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

/** Per-event state the compiled closures read. */
interface Frame {
  values: FlexValue[];
  /** __collection pseudo-tokens of this event (element key → element JSON text). */
  collections: Map<string, string> | null;
  warnings: EventWarning[];
  field: string | undefined;
}

type Expr = (f: Frame) => FlexValue;
type FieldSetter = (value: FlexValue, f: Frame) => EventValue | null;

const EMPTY_ARGS: FlexValue[] = [];

/**
 * Where an event's fields and additional data live: one slot per distinct field (and data name) of the parser
 * file, fixed at compile time. Events keep values in arrays indexed by slot, plus the order in which slots were
 * first set (the order a Map would keep), and build the public Maps only when someone asks for them.
 */
interface EventLayout {
  fieldNames: string[];
  /** `,"name":` per field slot, and `{"name":` for the first field. */
  fieldKeys: string[];
  firstFieldKeys: string[];
  /** Per slot, the last value written and its JSON text: a pure memo of `quote`. */
  lastField: Array<string | undefined>;
  lastFieldText: Array<string | undefined>;
  lastData: Array<string | undefined>;
  lastDataText: Array<string | undefined>;
  fieldIsDateTime: boolean[];
  dataNames: string[];
  /** `"additionaldata.name":` per data slot. */
  dataKeys: string[];
  tokenNames: readonly string[];
}

class FlexEvent implements ParsedEvent {
  agentSeverity?: AgentSeverity;
  warnings: EventWarning[];
  private fieldMap?: Map<string, EventValue>;
  private dataMap?: Map<string, string>;
  private tokenMap?: Map<string, unknown>;

  constructor(
    private readonly layout: EventLayout,
    private readonly values: FlexValue[],
    private readonly collections: Map<string, string> | null,
    warnings: EventWarning[],
    private readonly slots: Array<EventValue | undefined>,
    private readonly order: number[],
    private readonly data: Array<string | undefined>,
    private readonly dataOrder: number[],
  ) {
    this.warnings = warnings;
  }

  get fields(): Map<string, EventValue> {
    if (!this.fieldMap) {
      const m = new Map<string, EventValue>();
      for (const s of this.order) m.set(this.layout.fieldNames[s]!, this.slots[s]!);
      this.fieldMap = m;
    }
    return this.fieldMap;
  }
  set fields(m: Map<string, EventValue>) {
    this.fieldMap = m;
  }

  get additionalData(): Map<string, string> {
    if (!this.dataMap) {
      const m = new Map<string, string>();
      for (const s of this.dataOrder) m.set(this.layout.dataNames[s]!, this.data[s]!);
      this.dataMap = m;
    }
    return this.dataMap;
  }
  set additionalData(m: Map<string, string>) {
    this.dataMap = m;
  }

  /** Built on first use: only `--show-tokens` and tests look at it. */
  get tokens(): Map<string, unknown> {
    if (!this.tokenMap) {
      const m = new Map<string, unknown>();
      const names = this.layout.tokenNames;
      for (let i = 0; i < names.length; i++) m.set(names[i]!, this.values[i] ?? null);
      if (this.collections) for (const [k, v] of this.collections) if (!m.has(k)) m.set(k, v);
      this.tokenMap = m;
    }
    return this.tokenMap;
  }
  set tokens(m: Map<string, unknown>) {
    this.tokenMap = m;
  }

  /** eventToJsonText straight from the slots; once the maps were handed out (and maybe changed), they rule. */
  [JSON_TEXT](): string | undefined {
    if (this.fieldMap !== undefined || this.dataMap !== undefined) return undefined;
    const layout = this.layout;
    let out = '';
    const order = this.order;
    for (let i = 0; i < order.length; i++) {
      const s = order[i]!;
      const value = this.slots[s]!;
      out += i === 0 ? layout.firstFieldKeys[s]! : layout.fieldKeys[s]!;
      if (typeof value !== 'string') out += jsonValueText(value, layout.fieldIsDateTime[s]!);
      else if (value === layout.lastField[s]) out += layout.lastFieldText[s]!;
      else {
        // Constants and repeated values (severities, categories, titles) skip the escape check.
        const text = quote(value);
        layout.lastField[s] = value;
        layout.lastFieldText[s] = text;
        out += text;
      }
    }
    if (this.agentSeverity !== undefined) out += `${out === '' ? '{' : ','}"agentSeverity":${quote(this.agentSeverity)}`;
    const dataOrder = this.dataOrder;
    for (let i = 0; i < dataOrder.length; i++) {
      const s = dataOrder[i]!;
      const value = this.data[s]!;
      out += out === '' ? `{${layout.dataKeys[s]!}` : `,${layout.dataKeys[s]!}`;
      if (value === layout.lastData[s]) out += layout.lastDataText[s]!;
      else {
        const text = quote(value);
        layout.lastData[s] = value;
        layout.lastDataText[s] = text;
        out += text;
      }
    }
    return out === '' ? '{}' : `${out}}`;
  }
}

/**
 * Compiles a parser spec once into closures: token readers, typed converters, expressions with their
 * operations pre-compiled (regexes and date patterns built here, never per event), field setters.
 */
export function compileParser(spec: ParserSpec, options: CompileOptions = {}): CompiledParser {
  const timeZone = options.timeZone ?? 'UTC';
  const operations = options.operations ?? OPERATIONS;
  const assumptions = new Map<AssumptionId, string>();
  const assume = (id: AssumptionId) => {
    if (!assumptions.has(id)) assumptions.set(id, ASSUMPTIONS[id]);
  };
  let frame: Frame = { values: [], collections: null, warnings: [], field: undefined };
  const ctx: EvalContext = {
    warn(code, message) {
      const w: EventWarning = { code, message };
      if (frame.field !== undefined) w.field = frame.field;
      frame.warnings.push(w);
    },
    timeZone,
    now: options.now ?? Date.now,
  };

  const tokens = spec.tokens;
  const tokenIndex = new Map<string, number>();
  tokens.forEach((t, i) => tokenIndex.set(t.name, i));
  const locations = tokens.map((t) => parseLocation(t.location));
  const readers = tokens.map((t, i) => compileTokenReader(t, locations[i]!, locations, timeZone, assume));
  const collectionTokens = tokens.map((t, i) => (t.collection ? i : -1)).filter((i) => i >= 0);
  const names = tokens.map((t) => t.name);

  const usedTokens = new Set<string>();
  const compileExpr = (node: ExprNode): Expr => {
    switch (node.kind) {
      case 'token': {
        const i = tokenIndex.get(node.name);
        usedTokens.add(node.name);
        return i === undefined ? () => null : (f) => f.values[i]!;
      }
      case 'literal': {
        const v = node.value;
        if (node.maybeToken) return (f) => f.collections?.get(v) ?? v;
        return () => v;
      }
      case 'string': {
        const v = node.value;
        return () => v;
      }
      case 'bare': {
        const i = tokenIndex.get(node.text);
        return i === undefined ? () => node.text : (f) => f.values[i]!;
      }
      case 'group':
      case 'empty':
        return () => null;
      case 'call': {
        const def = operations.get(node.name);
        if (!def) return () => null;
        let impl: OperationImpl;
        try {
          impl = def.compile(node.args.map(literalText), { timeZone });
        } catch {
          return () => null;
        }
        const args = node.args.map(compileExpr);
        const c = ctx;
        switch (args.length) {
          case 0:
            return () => impl(EMPTY_ARGS.slice(), c);
          case 1: {
            const [a] = args as [Expr];
            return (f) => impl([a(f)], c);
          }
          case 2: {
            const [a, b] = args as [Expr, Expr];
            return (f) => impl([a(f), b(f)], c);
          }
          case 3: {
            const [a, b, d] = args as [Expr, Expr, Expr];
            return (f) => impl([a(f), b(f), d(f)], c);
          }
          default:
            return (f) => {
              const values = new Array<FlexValue>(args.length);
              for (let i = 0; i < args.length; i++) values[i] = args[i]!(f);
              return impl(values, c);
            };
        }
      }
    }
  };

  // Field slots in order of first mention; conditional maps may add fields no event.* mapping sets.
  const fieldSlot = new Map<string, number>();
  const slotOf = (field: string): number => {
    let slot = fieldSlot.get(field);
    if (slot === undefined) fieldSlot.set(field, (slot = fieldSlot.size));
    return slot;
  };
  interface Assignment {
    field: string;
    slot: number;
    expr: Expr;
    set: FieldSetter;
    /** For the common `event.<String field>=<token>`: the token index, read without closures. */
    plainToken: number;
    maxLength: number;
  }
  const assignment = (field: string, node: ExprNode): Assignment => {
    const info = EVENT_FIELDS.get(field)!;
    const plainToken = node.kind === 'token' && info.type === 'String' ? (tokenIndex.get(node.name) ?? -1) : -1;
    return {
      field,
      slot: slotOf(field),
      expr: compileExpr(node),
      set: compileFieldSetter(info, timeZone, assume),
      plainToken,
      maxLength: info.maxLength ?? Infinity,
    };
  };
  const mappings = spec.mappings.map((m) => assignment(m.field, m.expr));
  const conditionals = spec.conditionalMaps.map((c) => {
    const lookup = new Map<string, Assignment[]>();
    for (const m of c.mappings) {
      const list = m.assignments.map((a) => assignment(a.field, a.expr));
      for (const v of m.values) if (!lookup.has(v)) lookup.set(v, list);
    }
    if (c.selector.kind === 'token') usedTokens.add(c.selector.name);
    return { selector: c.selector, lookup };
  });
  // Selectors that test a field no assignment sets always see it unset.
  const conditionalSelectors = conditionals.map(({ selector }) =>
    selector.kind === 'field' ? { slot: fieldSlot.get(selector.field) ?? -1, token: -1 } : { slot: -1, token: tokenIndex.get(selector.name) ?? -2 },
  );
  const severitySlot = fieldSlot.get('deviceSeverity') ?? -1;

  const dataSlot = new Map<string, number>();
  const dataSlotOf = (name: string): number => {
    let slot = dataSlot.get(name);
    if (slot === undefined) dataSlot.set(name, (slot = dataSlot.size));
    return slot;
  };
  const explicitData = spec.additionalData.map((a) => ({ name: a.name, slot: dataSlotOf(a.name), expr: compileExpr(a.expr) }));
  const implicitData = spec.additionalDataEnabled
    ? tokens.map((t, i) => ({ name: t.name, i })).filter((t) => !usedTokens.has(t.name)).map((t) => ({ ...t, slot: dataSlotOf(t.name) }))
    : [];
  const severity = new Map<string, AgentSeverity>();
  for (const rule of spec.severityMap) for (const v of rule.values) if (!severity.has(v)) severity.set(v, rule.level);
  const hasSeverityMap = severity.size > 0;

  const fieldNames = [...fieldSlot.keys()];
  const dataNames = [...dataSlot.keys()];
  const layout: EventLayout = {
    fieldNames,
    fieldKeys: fieldNames.map((n) => `,${fieldKey(n)}`),
    firstFieldKeys: fieldNames.map((n) => `{${fieldKey(n)}`),
    lastField: new Array<string | undefined>(fieldNames.length),
    lastFieldText: new Array<string | undefined>(fieldNames.length),
    lastData: new Array<string | undefined>(dataNames.length),
    lastDataText: new Array<string | undefined>(dataNames.length),
    fieldIsDateTime: fieldNames.map((n) => EVENT_FIELDS.get(n)?.type === 'DateTime'),
    dataNames,
    dataKeys: dataNames.map(dataKey),
    tokenNames: names,
  };
  const fieldCount = fieldNames.length;
  const dataCount = dataNames.length;
  const readAll = compileTokenReaders(tokens, locations, readers, timeZone, assume);

  /** Field values of the event being built: slot values and the order slots were first set (Map order). */
  const apply = (a: Assignment, f: Frame, slots: Array<EventValue | undefined>, order: number[], keepOnNull: boolean) => {
    f.field = a.field;
    let value: FlexValue;
    try {
      value = a.expr(f);
    } catch (error) {
      f.warnings.push({ code: 'operation-failed', field: a.field, message: `event.${a.field}: ${(error as Error).message}` });
      value = null;
    }
    const v = value === null ? null : a.set(value, f);
    const slot = a.slot;
    if (v !== null) {
      if (slots[slot] === undefined) order.push(slot);
      slots[slot] = v;
    } else if (!keepOnNull && slots[slot] !== undefined) {
      slots[slot] = undefined;
      order.splice(order.indexOf(slot), 1);
    }
  };

  const eventFor = (node: unknown): ParsedEvent => {
    const warnings: EventWarning[] = [];
    const values = new Array<FlexValue>(readers.length);
    const f: Frame = { values, collections: null, warnings, field: undefined };
    frame = f;
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      warnings.push({ code: 'trigger-node-not-object', message: `the trigger node is ${jsonPreview(node)}, not an object; every token is null` });
      values.fill(null);
    } else {
      readAll(node, values, f);
      for (const i of collectionTokens) f.collections = collectElements(tokens[i]!, locations[i]!, node, f.collections, assume);
    }
    const slots = new Array<EventValue | undefined>(fieldCount);
    const order: number[] = [];
    for (let m = 0; m < mappings.length; m++) {
      const a = mappings[m]!;
      // Hot path: a String token straight into a String field that fits needs no conversion.
      if (a.plainToken >= 0) {
        const v = values[a.plainToken];
        if (typeof v === 'string' && v.length <= a.maxLength) {
          if (v !== '') {
            if (slots[a.slot] === undefined) order.push(a.slot);
            slots[a.slot] = v;
          }
          continue;
        }
      }
      apply(a, f, slots, order, false);
    }
    for (let i = 0; i < conditionals.length; i++) {
      const sel = conditionalSelectors[i]!;
      let key: string | null;
      if (sel.token === -1) {
        const v = sel.slot >= 0 ? slots[sel.slot] : undefined;
        key = v === undefined ? null : String(v);
      } else key = sel.token >= 0 ? toStringValue(values[sel.token]!) : null;
      const list = key === null ? undefined : conditionals[i]!.lookup.get(key);
      if (list) for (const a of list) apply(a, f, slots, order, true);
    }
    f.field = undefined;
    const data = new Array<string | undefined>(dataCount);
    const dataOrder: number[] = [];
    for (const d of explicitData) {
      let v: FlexValue;
      try {
        v = d.expr(f);
      } catch (error) {
        warnings.push({ code: 'operation-failed', message: `additionaldata.${d.name}: ${(error as Error).message}` });
        v = null;
      }
      const s = toStringValue(v);
      if (s !== null) {
        if (data[d.slot] === undefined) dataOrder.push(d.slot);
        data[d.slot] = s;
      }
    }
    for (let k = 0; k < implicitData.length; k++) {
      const d = implicitData[k]!;
      if (data[d.slot] !== undefined) continue;
      const s = toStringValue(values[d.i]!);
      if (s !== null) {
        dataOrder.push(d.slot);
        data[d.slot] = s;
      }
    }
    const event = new FlexEvent(layout, values, f.collections, warnings, slots, order, data, dataOrder);
    if (hasSeverityMap) {
      const raw = severitySlot >= 0 ? slots[severitySlot] : undefined;
      const level = raw === undefined ? undefined : severity.get(String(raw));
      if (level !== undefined) event.agentSeverity = level;
      else if (raw !== undefined) assume('severity-unmatched');
    }
    return event;
  };

  const trigger = spec.triggerNode.split('/').filter((s) => s !== '');
  return {
    spec,
    assumptions,
    parse(root: unknown): ParsedEvent[] {
      const nodes = triggerNodes(root, trigger);
      const events = new Array<ParsedEvent>(nodes.length);
      for (let i = 0; i < nodes.length; i++) events[i] = eventFor(nodes[i]);
      return events;
    },
  };
}

/** The nodes that start one event each: the path from the root, where arrays contribute each element. */
function triggerNodes(root: unknown, path: readonly string[]): unknown[] {
  let current: unknown[] = [root];
  for (const segment of path) {
    const next: unknown[] = [];
    for (const node of current) {
      if (Array.isArray(node)) {
        for (const el of node) {
          const v = member(el, segment);
          if (v !== undefined) next.push(v);
        }
      } else {
        const v = member(node, segment);
        if (v !== undefined) next.push(v);
      }
    }
    current = next;
  }
  const out: unknown[] = [];
  for (const node of current) {
    if (Array.isArray(node)) out.push(...node);
    else if (node !== undefined) out.push(node);
  }
  return out;
}

type Assume = (id: AssumptionId) => void;

/** A reader for one token: walk the location path, then convert the JSON value to the token type. */
function compileTokenReader(
  token: TokenSpec,
  steps: readonly LocationStep[],
  all: ReadonlyArray<readonly LocationStep[]>,
  timeZone: string,
  assume: Assume,
): TokenReader {
  const convert = compileTokenConverter(token, timeZone, assume);
  const key = plainKey(steps);
  if (key !== undefined) return (node, f) => convert((node as Record<string, unknown>)[key], f);
  if (steps[steps.length - 1]?.kind === 'others') {
    const prefix = steps.slice(0, -1);
    const skip = namesReadBeside(steps, all);
    return (node, f) => {
      const others = otherMembers(prefix.length === 0 ? node : walk(node, prefix, 0, assume), skip);
      if (others !== undefined) assume('other-members');
      return convert(others, f);
    };
  }
  return (node, f) => convert(walk(node, steps, 0, assume), f);
}

/** The key of a one-step plain location that can be read straight off the object, else undefined. */
function plainKey(steps: readonly LocationStep[]): string | undefined {
  const only = steps.length === 1 ? steps[0]! : undefined;
  return only?.kind === 'member' && !(only.name in Object.prototype) ? only.name : undefined;
}

type TokenReader = (node: object, f: Frame) => FlexValue;

/**
 * All token readers of a parser as one generated function. A String token read from one key of the trigger
 * node (most tokens of real files) becomes a load with a constant property name, which V8 caches per call site;
 * in a reader closure shared by every token the key varies, so each read was a slow megamorphic lookup. Any
 * other value, and every other token, goes through the token's reader as before. Keys enter the code only as
 * JSON string literals.
 */
function compileTokenReaders(
  tokens: readonly TokenSpec[],
  locations: ReadonlyArray<readonly LocationStep[]>,
  readers: readonly TokenReader[],
  timeZone: string,
  assume: Assume,
): (node: object, values: FlexValue[], f: Frame) => void {
  const converters: Array<(raw: unknown, f: Frame) => FlexValue> = [];
  const lines = tokens.map((t, i) => {
    const key = plainKey(locations[i]!);
    if (t.type !== 'String' || key === undefined) return `values[${i}] = readers[${i}](node, f);`;
    const c = converters.push(compileTokenConverter(t, timeZone, assume)) - 1;
    return `v = node[${JSON.stringify(key)}]; values[${i}] = typeof v === 'string' && v !== '' ? v : converters[${c}](v, f);`;
  });
  const body = `return function readTokens(node, values, f) {\n  let v;\n  ${lines.join('\n  ')}\n};`;
  return new Function('readers', 'converters', body)(readers, converters) as (node: object, values: FlexValue[], f: Frame) => void;
}

/**
 * Follows a location. Through an array, a numeric step indexes it; any other step collects that member from every
 * element (the result is the list of found values; nested arrays count as their elements, flattened without
 * recursion so hostile nesting cannot exhaust the stack). A `name[member=value]` step keeps the first element of
 * the array `name` whose member equals the value.
 */
function walk(node: unknown, steps: readonly LocationStep[], from: number, assume: Assume): unknown {
  let cur = node;
  for (let i = from; i < steps.length; i++) {
    const step = steps[i]!;
    if (step.kind === 'others') return undefined; // read by its own token reader, never walked
    if (Array.isArray(cur)) {
      if (step.kind === 'member' && /^\d+$/.test(step.name)) {
        assume('array-index-path');
        cur = cur[Number(step.name)];
        continue;
      }
      assume('path-through-array');
      const found: unknown[] = [];
      for (const el of flatten(cur)) {
        const v = walk(el, steps, i, assume);
        if (v !== undefined && v !== null) found.push(v);
      }
      return found.length ? found : undefined;
    }
    cur = member(cur, step.name);
    if (cur === undefined) return undefined;
    if (step.kind === 'select') {
      assume('first-element-selector');
      cur = selectFirst(cur, step);
      if (cur === undefined) return undefined;
    }
  }
  return cur;
}

/** The elements of an array with nested arrays replaced by their elements, in order (iterative). */
function flatten(list: unknown[]): unknown[] {
  if (!list.some((el) => Array.isArray(el))) return list;
  const out: unknown[] = [];
  const stack: Array<{ items: unknown[]; next: number }> = [{ items: list, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next >= top.items.length) {
      stack.pop();
      continue;
    }
    const el: unknown = top.items[top.next++];
    if (Array.isArray(el)) stack.push({ items: el, next: 0 });
    else out.push(el);
  }
  return out;
}

/** JSON value → token value. null, "" and missing are all absent; a failed conversion warns and gives null. */
function compileTokenConverter(token: TokenSpec, timeZone: string, assume: Assume): (raw: unknown, f: Frame) => FlexValue {
  const name = token.name;
  const failed = (f: Frame, raw: unknown, reason: string): null => {
    f.warnings.push({ code: 'token-conversion-failed', token: name, message: `token ${name} (${token.type}): cannot convert ${jsonPreview(raw)}: ${reason}; the token is null` });
    return null;
  };
  const text = (raw: unknown): string | undefined => {
    if (typeof raw === 'string') return raw;
    if (typeof raw === 'number') return String(raw);
    return undefined;
  };
  switch (token.type) {
    case 'String':
      return (raw, f) => {
        if (raw === undefined || raw === null || raw === '') return null;
        if (typeof raw === 'string') return raw;
        if (typeof raw === 'number') return String(raw);
        if (typeof raw === 'boolean') {
          assume('boolean-as-string');
          return raw ? 'true' : 'false';
        }
        assume('container-as-json');
        // A hostile record costs this token only: too deep for JSON text (and for the connector's own parser).
        if (nestedDeeperThan(raw, MAX_JSON_NESTING)) return failed(f, raw, `nested more than ${MAX_JSON_NESTING} levels deep`);
        return JSON.stringify(raw);
      };
    case 'Integer':
      return (raw, f) => {
        if (raw === undefined || raw === null || raw === '') return null;
        if (typeof raw === 'number') {
          if (raw === (raw | 0)) return raw;
          return failed(f, raw, Number.isInteger(raw) ? 'outside the Integer range' : 'not a whole number');
        }
        if (typeof raw === 'string') return parseJavaInt(raw) ?? failed(f, raw, 'not an Integer (Integer.parseInt fails)');
        return failed(f, raw, 'not a number');
      };
    case 'Long':
      return (raw, f) => {
        if (raw === undefined || raw === null || raw === '') return null;
        if (typeof raw === 'number') {
          if (!Number.isInteger(raw)) return failed(f, raw, 'not a whole number');
          if (!Number.isSafeInteger(raw)) {
            f.warnings.push({ code: 'token-precision-lost', token: name, message: `token ${name}: ${raw} is beyond 2^53; digits may have been lost reading the JSON` });
            if (Math.abs(raw) >= 2 ** 63) return failed(f, raw, 'outside the Long range');
          }
          return BigInt(raw);
        }
        if (typeof raw === 'string') return parseJavaLong(raw) ?? failed(f, raw, 'not a Long (Long.parseLong fails)');
        return failed(f, raw, 'not a number');
      };
    case 'IPAddress':
    case 'IPv6Address':
      return (raw, f) => {
        if (raw === undefined || raw === null || raw === '') return null;
        if (typeof raw !== 'string') return failed(f, raw, 'not an address string');
        return parseAddress(raw) ?? failed(f, raw, 'not an IPv4 or IPv6 address');
      };
    case 'MacAddress':
      return (raw, f) => {
        if (raw === undefined || raw === null || raw === '') return null;
        if (typeof raw !== 'string') return failed(f, raw, 'not a MAC address string');
        return parseMac(raw) ?? failed(f, raw, 'not a MAC address');
      };
    case 'TimeStamp':
    case 'Date':
    case 'Time': {
      let pattern = token.format;
      if (pattern === undefined) {
        assume('date-default-format');
        pattern = token.type === 'Time' ? 'HH:mm:ss' : 'yyyy-MM-dd';
      }
      let format: CompiledDateFormat;
      try {
        format = compileSimpleDateFormat(pattern);
      } catch (error) {
        const message = (error as Error).message;
        return (raw, f) => (raw === undefined || raw === null || raw === '' ? null : failed(f, raw, `invalid date pattern: ${message}`));
      }
      return (raw, f) => {
        if (raw === undefined || raw === null || raw === '') return null;
        const t = text(raw);
        if (t === undefined) return failed(f, raw, 'not a date string');
        const ms = format.parse(t, timeZone);
        return ms === null ? failed(f, raw, `does not match the date pattern "${pattern}"`) : new Date(ms);
      };
    }
  }
}

/**
 * `__collection(key,…)`: each element object of the array becomes a pseudo-token named by its key member, valued
 * with its LAST member (other than the key), read as a String token reads a value (containers as compact JSON).
 * An assumption (docs/emulation.md, collection-elements): the one real file using __collection (Darktrace
 * triggeredFilters, `{"filterType":"URI",…,"trigger":{"value":"/gate.php"}}`) extracts its values with
 * `.*\{.value.:.(.*).\}.*`, which gives clean values only on text shaped `{"value":"…"}`, the element's last
 * member; on the whole element it leaves a trailing quote.
 */
function collectElements(token: TokenSpec, steps: readonly LocationStep[], node: object, into: Map<string, string> | null, assume: Assume): Map<string, string> | null {
  const arr = walk(node, steps, 0, assume);
  if (!Array.isArray(arr)) return into;
  assume('collection-elements');
  const key = token.collection!.keyField;
  let map = into;
  for (const el of arr) {
    const name = member(el, key);
    if (name === undefined || name === null || typeof name === 'object') continue;
    const n = String(name);
    if (map?.has(n)) continue;
    const members = Object.keys(el as object).filter((k) => k !== key);
    const value = members.length ? (el as Record<string, unknown>)[members[members.length - 1]!] : undefined;
    if (value === undefined || value === null || value === '') continue;
    // Containers as compact JSON; one nested too deeply to write costs its pseudo-token only.
    if (typeof value === 'object' && nestedDeeperThan(value, MAX_JSON_NESTING)) continue;
    const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    map ??= new Map();
    map.set(n, text);
  }
  return map;
}

/** Value → the field's type; failures warn and give null (field unset); long strings are truncated. */
function compileFieldSetter(info: EventFieldInfo, timeZone: string, assume: Assume): FieldSetter {
  const field = info.name;
  const failed = (f: Frame, value: FlexValue, reason: string): null => {
    const shown = typeof value === 'string' ? JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value) : String(toStringValue(value));
    f.warnings.push({ code: 'field-conversion-failed', field, message: `event.${field} (${info.type}): cannot store ${shown}: ${reason}; the field is left unset` });
    return null;
  };
  const inRange = (n: number, f: Frame): number | null => {
    if (!info.range || (n >= info.range[0] && n <= info.range[1])) return n;
    f.warnings.push({ code: 'field-out-of-range', field, message: `event.${field}: ${n} is outside ${info.range[0]}..${info.range[1]}; the field is left unset` });
    return null;
  };
  switch (info.type) {
    case 'String': {
      const max = info.maxLength ?? Infinity;
      return (value, f) => {
        const s = typeof value === 'string' ? value : toStringValue(value);
        if (s === null || s === '') return null;
        if (s.length <= max) return s;
        assume('string-truncated');
        f.warnings.push({ code: 'field-truncated', field, message: `event.${field}: ${s.length} characters truncated to ${max}` });
        return s.slice(0, max);
      };
    }
    case 'Integer':
    case 'Enum':
      return (value, f) => {
        if (typeof value === 'number' && value === (value | 0)) return inRange(value, f);
        const n = toInteger(typeof value === 'string' ? value.trim() : value);
        return n === null ? failed(f, value, 'not an Integer') : inRange(n, f);
      };
    case 'Long':
      return (value, f) => {
        const n = toLong(typeof value === 'string' ? value.trim() : value);
        return n === null ? failed(f, value, 'not a Long') : n;
      };
    case 'Double':
      return (value, f) => toDouble(value) ?? failed(f, value, 'not a number');
    case 'IPAddress':
      return (value, f) => {
        const a = toAddress(typeof value === 'string' ? value.trim() : value);
        return a === null ? failed(f, value, 'not an IPv4 or IPv6 address') : a.text;
      };
    case 'IPv6Address':
      return (value, f) => {
        const a = toAddress(typeof value === 'string' ? value.trim() : value);
        if (a === null) return failed(f, value, 'not an IPv6 address');
        return a.version === 6 ? a.text : failed(f, value, 'an IPv4 address in an IPv6 field');
      };
    case 'MacAddress':
      return (value, f) => {
        const m = toMac(typeof value === 'string' ? value.trim() : value);
        return m === null ? failed(f, value, 'not a MAC address') : m.text;
      };
    case 'DateTime':
      return (value, f) => {
        if (value instanceof Date) {
          const t = value.getTime();
          return Number.isNaN(t) ? failed(f, value, 'an invalid date') : t;
        }
        assume(typeof value === 'string' ? 'datetime-from-text' : 'datetime-from-number');
        const d = toTimestamp(value, { warn() {}, timeZone });
        return d === null ? failed(f, value, 'not a TimeStamp (declare the token as TimeStamp with a format, or use __createOptionalTimeStampFromString)') : d.getTime();
      };
  }
}
