import { EVENT_FIELDS } from './schema.js';

/** ArcSight's normalised (agent) severity, set by `severity.map`. */
export type AgentSeverity = 'Low' | 'Medium' | 'High' | 'Very-High' | 'Unknown';

/** A field value: DateTime fields hold epoch ms (number), Long fields bigint, addresses their canonical text. */
export type EventValue = string | number | bigint | boolean;

/** Something that went wrong while producing one event; the event is still produced. */
export interface EventWarning {
  code: string;
  message: string;
  token?: string;
  field?: string;
}

export interface ParsedEvent {
  /** Field full name → value, in the order the parser file sets them. Unset fields are absent. */
  fields: Map<string, EventValue>;
  agentSeverity?: AgentSeverity;
  additionalData: Map<string, string>;
  warnings: EventWarning[];
  /** Token name → the token's value (null when absent or unconvertible), for `--show-tokens`. */
  tokens: Map<string, unknown>;
}

const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);
const SAFE_MIN = -SAFE_MAX;

/** The JSON form of one field value: DateTime as ISO-8601 UTC with ms, Long beyond 2^53 (and non-finite numbers) as a string. */
export function jsonValueOf(field: string, value: EventValue): string | number {
  return jsonValue(value, EVENT_FIELDS.get(field)?.type === 'DateTime');
}

function jsonValue(value: EventValue, dateTime: boolean): string | number {
  if (typeof value === 'bigint') return value > SAFE_MAX || value < SAFE_MIN ? value.toString() : Number(value);
  if (typeof value === 'number') {
    // JSON has no Infinity or NaN: write them as text, as Java's Double.toString spells them.
    if (!Number.isFinite(value)) return String(value);
    if (dateTime) {
      const d = new Date(value);
      return Number.isNaN(d.getTime()) ? value : d.toISOString();
    }
    return value;
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}

/**
 * The stable JSON form used by `parse --format json|ndjson` and conformance cases: every set field under its full
 * name, then `agentSeverity` when severity.map matched, then additional data as `additionaldata.<name>`.
 */
export function eventToJson(e: ParsedEvent): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [name, value] of e.fields) out[name] = jsonValueOf(name, value);
  if (e.agentSeverity !== undefined) out.agentSeverity = e.agentSeverity;
  for (const [name, value] of e.additionalData) out[`additionaldata.${name}`] = value;
  return out;
}

const fieldKeys = new Map<string, string>();
const dataKeys = new Map<string, string>();
/** `"name":` for a field, built once per name. */
export function fieldKey(name: string): string {
  let k = fieldKeys.get(name);
  if (k === undefined) fieldKeys.set(name, (k = `${JSON.stringify(name)}:`));
  return k;
}
/** `"additionaldata.name":`, built once per name. */
export function dataKey(name: string): string {
  let k = dataKeys.get(name);
  if (k === undefined) dataKeys.set(name, (k = `${JSON.stringify(`additionaldata.${name}`)}:`));
  return k;
}

/** Characters JSON.stringify escapes in a string (surrogates: it escapes lone ones; leave all to it). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/** `JSON.stringify(s)`, cheaper for the usual string that needs no escape. */
export function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/** The JSON text of a field value (after its `"name":`), as `JSON.stringify(jsonValueOf(name, value))`. */
export function jsonValueText(value: EventValue, dateTime: boolean): string {
  if (typeof value === 'string') return quote(value);
  const v = jsonValue(value, dateTime);
  return typeof v === 'string' ? quote(v) : String(v);
}

/**
 * Implemented by events that can write their JSON text faster than through their maps (the engine's events,
 * which keep fields in arrays until someone asks for the maps). Returns undefined when it cannot.
 */
export const JSON_TEXT: unique symbol = Symbol('wdatp-arcsight.jsonText');
interface FastJsonText {
  [JSON_TEXT]?: () => string | undefined;
}

/**
 * `JSON.stringify(eventToJson(e))` without the intermediate object: the NDJSON hot path of `parse`, where
 * output formatting costs about as much as reading the input.
 */
export function eventToJsonText(e: ParsedEvent): string {
  const fast = (e as ParsedEvent & FastJsonText)[JSON_TEXT]?.();
  if (fast !== undefined) return fast;
  let out = '';
  e.fields.forEach((value, name) => {
    const text = typeof value === 'string' ? quote(value) : jsonValueText(value, EVENT_FIELDS.get(name)?.type === 'DateTime');
    out += `${out === '' ? '{' : ','}${fieldKey(name)}${text}`;
  });
  if (e.agentSeverity !== undefined) out += `${out === '' ? '{' : ','}"agentSeverity":${quote(e.agentSeverity)}`;
  e.additionalData.forEach((value, name) => {
    out += `${out === '' ? '{' : ','}${dataKey(name)}${quote(value)}`;
  });
  return out === '' ? '{}' : `${out}}`;
}
