/**
 * Token locations: slash paths relative to the trigger node (`model/name`), as real parser files write them.
 *
 * Two step forms go beyond what the FlexConnector documents, and a file using either is emulator-only (the loader
 * reports `emulator-only-location`; docs/emulation.md explains both):
 * - `name[member=value]` reads `name`, and when that is an array, keeps its first element (an object) whose `member`
 *   equals `value` as text ("the first element of this kind", e.g. `items[kind=disk]/size`);
 * - `*` as the last step: the members of the object reached so far that no other token of the file reads (the
 *   first step after the same path in another token's location), as one object, so members a source adds later
 *   are not lost. Nothing left gives no value.
 */
export type LocationStep = { kind: 'member'; name: string } | { kind: 'select'; name: string; member: string; value: string } | { kind: 'others' };

/**
 * `name[member=value]`, all of it one path segment. The member may not hold `=`, `[` or `]`, the value not `]`:
 * no quoting, so any other use of brackets stays a plain key, as before.
 */
const SELECT = /^([^[\]]+)\[([^=[\]]+)=([^\]]*)\]$/;

/** The steps of a location; a leading `/` and empty segments are ignored. */
export function parseLocation(location: string): LocationStep[] {
  const steps: LocationStep[] = [];
  const segments = location.split('/').filter((s) => s !== '');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    // Only a last step; elsewhere `*` stays a plain key, as it always was.
    if (segment === '*' && i === segments.length - 1) {
      steps.push({ kind: 'others' });
      continue;
    }
    const m = SELECT.exec(segment);
    steps.push(m ? { kind: 'select', name: m[1]!, member: m[2]!, value: m[3]! } : { kind: 'member', name: segment });
  }
  return steps;
}

/** True when the location uses a construct only the emulation defines (a `[member=value]` selector or `*`). */
export function isEmulatorOnlyLocation(location: string): boolean {
  return parseLocation(location).some((s) => s.kind !== 'member');
}

/**
 * For a location ending in `*`: the member names other locations read right after the same path (plain member or
 * selector steps), which the `*` token leaves out.
 */
export function namesReadBeside(steps: readonly LocationStep[], others: ReadonlyArray<readonly LocationStep[]>): Set<string> {
  const prefix = steps.slice(0, -1);
  const names = new Set<string>();
  for (const other of others) {
    if (other === steps || other.length <= prefix.length) continue;
    if (!prefix.every((s, i) => sameStep(s, other[i]!))) continue;
    const next = other[prefix.length]!;
    if (next.kind !== 'others') names.add(next.name);
  }
  return names;
}

function sameStep(a: LocationStep, b: LocationStep): boolean {
  if (a.kind === 'others' || b.kind === 'others') return a.kind === b.kind;
  if (a.kind === 'member' || b.kind === 'member') return a.kind === b.kind && a.name === b.name;
  return a.name === b.name && a.member === b.member && a.value === b.value;
}

/** The own members of an object whose names are not in `skip`, as a new object; undefined when none is left. */
export function otherMembers(node: unknown, skip: ReadonlySet<string>): Record<string, unknown> | undefined {
  if (!isJsonObject(node)) return undefined;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(node)) {
    if (skip.has(key)) continue;
    // defineProperty: a member named __proto__ stays an ordinary member of the copy.
    out ??= {};
    Object.defineProperty(out, key, { value: node[key], enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A JSON object: not null, not an array (what JSON.parse gives for `{…}`). */
export function isJsonObject(node: unknown): node is Record<string, unknown> {
  return node !== null && typeof node === 'object' && !Array.isArray(node);
}

/** Array.isArray typed for JSON: its elements are unknown, not any. */
export const isList: (node: unknown) => node is unknown[] = Array.isArray;

/** An object member; guards names that live on Object.prototype (`constructor`, `__proto__`). */
export function member(node: unknown, key: string): unknown {
  if (!isJsonObject(node)) return undefined;
  if (key in Object.prototype && !Object.hasOwn(node, key)) return undefined;
  return node[key];
}

/** A scalar's text as a selector compares it; objects, arrays and null never match. */
export function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/**
 * The first element of `list` whose `member` equals `value` as text. Stops at the first match, so a huge array
 * costs one pass at most; elements that are not objects are skipped. A single object is treated as a list of one.
 */
export function selectFirst(list: unknown, step: { member: string; value: string }): unknown {
  if (!Array.isArray(list)) return scalarText(member(list, step.member)) === step.value ? list : undefined;
  for (let i = 0; i < list.length; i++) {
    const el: unknown = list[i];
    if (scalarText(member(el, step.member)) === step.value) return el;
  }
  return undefined;
}
