/**
 * Token locations: slash paths relative to the trigger node (`model/name`), as real parser files write them.
 *
 * One step form goes beyond what the FlexConnector documents: `name[member=value]` reads `name`, and when that is
 * an array, keeps its first element (an object) whose `member` equals `value` as text ("the first element of this
 * kind", e.g. `items[kind=disk]/size`). No public parser file or guide shows such a selector, so a file using it is
 * emulator-only: the loader reports `emulator-only-location` for it, and docs/emulation.md says so.
 */
export type LocationStep =
  | { kind: 'member'; name: string }
  | { kind: 'select'; name: string; member: string; value: string };

/**
 * `name[member=value]`, all of it one path segment. The member may not hold `=`, `[` or `]`, the value not `]`:
 * no quoting, so any other use of brackets stays a plain key, as before.
 */
const SELECT = /^([^[\]]+)\[([^=[\]]+)=([^\]]*)\]$/;

/** The steps of a location; a leading `/` and empty segments are ignored. */
export function parseLocation(location: string): LocationStep[] {
  const steps: LocationStep[] = [];
  for (const segment of location.split('/')) {
    if (segment === '') continue;
    const m = SELECT.exec(segment);
    steps.push(m ? { kind: 'select', name: m[1]!, member: m[2]!, value: m[3]! } : { kind: 'member', name: segment });
  }
  return steps;
}

/** True when the location uses a construct only the emulation defines (a `[member=value]` selector). */
export function isEmulatorOnlyLocation(location: string): boolean {
  return parseLocation(location).some((s) => s.kind === 'select');
}

const hasOwn = Object.prototype.hasOwnProperty;

/** An object member; guards names that live on Object.prototype (`constructor`, `__proto__`). */
export function member(node: unknown, key: string): unknown {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  if (key in Object.prototype && !hasOwn.call(node, key)) return undefined;
  return (node as Record<string, unknown>)[key];
}

/** A scalar's text as a selector compares it; objects, arrays and null never match. */
function scalarText(v: unknown): string | undefined {
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
