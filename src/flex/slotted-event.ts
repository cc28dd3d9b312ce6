import { dataKey, fieldKey, JSON_TEXT, jsonValueText, quote, type AgentSeverity, type EventValue, type EventWarning, type ParsedEvent } from './event.js';
import { EVENT_FIELDS } from './schema.js';
import type { FlexValue } from './value.js';

/**
 * Where an event's fields and additional data live: one slot per distinct field (and data name) of the parser
 * file, fixed at compile time. Events keep values in arrays indexed by slot, plus the order in which slots were
 * first set (the order a Map would keep), and build the public Maps only when someone asks for them.
 */
export interface EventLayout {
  readonly fieldNames: readonly string[];
  /** `,"name":` per field slot, and `{"name":` for the first field. */
  readonly fieldKeys: readonly string[];
  readonly firstFieldKeys: readonly string[];
  readonly fieldIsDateTime: readonly boolean[];
  readonly dataNames: readonly string[];
  /** `"additionaldata.name":` per data slot. */
  readonly dataKeys: readonly string[];
  readonly tokenNames: readonly string[];
  /** Per slot, the last value written and its JSON text: a pure memo of `quote`. */
  readonly lastField: Array<string | undefined>;
  readonly lastFieldText: Array<string | undefined>;
  readonly lastData: Array<string | undefined>;
  readonly lastDataText: Array<string | undefined>;
}

export function eventLayout(fieldNames: readonly string[], dataNames: readonly string[], tokenNames: readonly string[]): EventLayout {
  return {
    fieldNames,
    fieldKeys: fieldNames.map((name) => `,${fieldKey(name)}`),
    firstFieldKeys: fieldNames.map((name) => `{${fieldKey(name)}`),
    fieldIsDateTime: fieldNames.map((name) => EVENT_FIELDS.get(name)?.type === 'DateTime'),
    dataNames,
    dataKeys: dataNames.map(dataKey),
    tokenNames,
    lastField: new Array<string | undefined>(fieldNames.length),
    lastFieldText: new Array<string | undefined>(fieldNames.length),
    lastData: new Array<string | undefined>(dataNames.length),
    lastDataText: new Array<string | undefined>(dataNames.length),
  };
}

/** Values by slot, and the slots in the order they were first set (the order a Map keeps). */
export class SlotValues<T> {
  readonly values: Array<T | undefined>;
  readonly order: number[] = [];

  constructor(size: number) {
    this.values = new Array<T | undefined>(size);
  }

  set(slot: number, value: T): void {
    if (this.values[slot] === undefined) this.order.push(slot);
    this.values[slot] = value;
  }

  /** As Map.delete: a slot set again later moves to the end of the order. */
  unset(slot: number): void {
    if (this.values[slot] === undefined) return;
    this.values[slot] = undefined;
    this.order.splice(this.order.indexOf(slot), 1);
  }
}

/** The event a compiled parser produces: its slots, turned into the public Maps (or JSON text) on demand. */
export class SlottedEvent implements ParsedEvent {
  agentSeverity?: AgentSeverity;
  warnings: EventWarning[];
  private fieldMap?: Map<string, EventValue>;
  private dataMap?: Map<string, string>;
  private tokenMap?: Map<string, unknown>;

  constructor(
    private readonly layout: EventLayout,
    /** Token values by token index. */
    private readonly tokenValues: FlexValue[],
    private readonly collections: Map<string, string> | null,
    warnings: EventWarning[],
    private readonly fieldSlots: SlotValues<EventValue>,
    private readonly dataSlots: SlotValues<string>,
  ) {
    this.warnings = warnings;
  }

  get fields(): Map<string, EventValue> {
    this.fieldMap ??= slotMap(this.fieldSlots, this.layout.fieldNames);
    return this.fieldMap;
  }
  set fields(map: Map<string, EventValue>) {
    this.fieldMap = map;
  }

  get additionalData(): Map<string, string> {
    this.dataMap ??= slotMap(this.dataSlots, this.layout.dataNames);
    return this.dataMap;
  }
  set additionalData(map: Map<string, string>) {
    this.dataMap = map;
  }

  /** Built on first use: only `--show-tokens` and tests look at it. */
  get tokens(): Map<string, unknown> {
    if (!this.tokenMap) {
      const map = new Map<string, unknown>();
      const names = this.layout.tokenNames;
      for (let i = 0; i < names.length; i++) map.set(names[i]!, this.tokenValues[i] ?? null);
      if (this.collections) for (const [name, text] of this.collections) if (!map.has(name)) map.set(name, text);
      this.tokenMap = map;
    }
    return this.tokenMap;
  }
  set tokens(map: Map<string, unknown>) {
    this.tokenMap = map;
  }

  /** eventToJsonText straight from the slots; once the maps were handed out (and maybe changed), they rule. */
  [JSON_TEXT](): string | undefined {
    if (this.fieldMap !== undefined || this.dataMap !== undefined) return undefined;
    const layout = this.layout;
    let out = '';
    const { values: fields, order: fieldOrder } = this.fieldSlots;
    for (let i = 0; i < fieldOrder.length; i++) {
      const slot = fieldOrder[i]!;
      const value = fields[slot]!;
      out += i === 0 ? layout.firstFieldKeys[slot]! : layout.fieldKeys[slot]!;
      if (typeof value !== 'string') out += jsonValueText(value, layout.fieldIsDateTime[slot]!);
      else if (value === layout.lastField[slot]) out += layout.lastFieldText[slot]!;
      else {
        // Constants and repeated values (severities, categories, titles) skip the escape check.
        const text = quote(value);
        layout.lastField[slot] = value;
        layout.lastFieldText[slot] = text;
        out += text;
      }
    }
    if (this.agentSeverity !== undefined) out += `${out === '' ? '{' : ','}"agentSeverity":${quote(this.agentSeverity)}`;
    const { values: data, order: dataOrder } = this.dataSlots;
    for (let i = 0; i < dataOrder.length; i++) {
      const slot = dataOrder[i]!;
      const value = data[slot]!;
      out += out === '' ? `{${layout.dataKeys[slot]!}` : `,${layout.dataKeys[slot]!}`;
      if (value === layout.lastData[slot]) out += layout.lastDataText[slot]!;
      else {
        const text = quote(value);
        layout.lastData[slot] = value;
        layout.lastDataText[slot] = text;
        out += text;
      }
    }
    return out === '' ? '{}' : `${out}}`;
  }
}

function slotMap<T>(slots: SlotValues<T>, names: readonly string[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const slot of slots.order) map.set(names[slot]!, slots.values[slot]!);
  return map;
}
