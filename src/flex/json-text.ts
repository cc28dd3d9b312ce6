/**
 * JSON text of a parsed JSON value without recursion. JSON.stringify recurses once per nesting level and throws
 * a RangeError ("Maximum call stack size exceeded") on a value a few thousand levels deep, which one hostile
 * record can carry in a few kilobytes; this walks with an explicit stack, so depth costs heap, not stack. The
 * text is JSON.stringify's for anything JSON.parse produced.
 */
export function* jsonTextPieces(value: unknown, stringLimit = Infinity): Generator<string> {
  const str = (s: string) => JSON.stringify(s.length > stringLimit ? s.slice(0, stringLimit) : s);
  interface Open {
    readonly close: string;
    readonly source: unknown;
    readonly keys: readonly string[] | undefined;
    i: number;
  }
  const open: Open[] = [];
  let next: unknown = value;
  let pending = true;
  for (;;) {
    if (pending) {
      pending = false;
      const v = next;
      if (v !== null && typeof v === 'object') {
        if (Array.isArray(v)) {
          yield '[';
          open.push({ close: ']', source: v, keys: undefined, i: 0 });
        } else {
          yield '{';
          open.push({ close: '}', source: v, keys: Object.keys(v), i: 0 });
        }
      } else {
        yield typeof v === 'string' ? str(v) : (JSON.stringify(v) ?? 'null');
      }
      continue;
    }
    const top = open[open.length - 1];
    if (!top) return;
    const length = top.keys ? top.keys.length : (top.source as unknown[]).length;
    if (top.i === length) {
      open.pop();
      yield top.close;
      continue;
    }
    const separator = top.i > 0 ? ',' : '';
    if (top.keys) {
      const key = top.keys[top.i]!;
      yield `${separator}${str(key)}:`;
      next = (top.source as Record<string, unknown>)[key];
    } else {
      if (separator) yield separator;
      next = (top.source as unknown[])[top.i];
    }
    top.i++;
    pending = true;
  }
}

/** JSON.stringify, or the same text built without recursion when the value is nested too deeply for it. */
export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch (error) {
    if (!(error instanceof RangeError) || !/call stack/i.test(error.message)) throw error;
    let text = '';
    for (const piece of jsonTextPieces(value)) text += piece;
    return text;
  }
}

/** At most `max` characters of a value's JSON text (ending in `...` when cut), whatever its depth or size. */
export function jsonPreview(value: unknown, max = 80): string {
  if (value === undefined) return 'missing';
  let text = '';
  // Strings are cut before they are escaped: a 100 MB member costs no 100 MB copy.
  for (const piece of jsonTextPieces(value, max + 1)) {
    text += piece;
    if (text.length > max) return `${text.slice(0, max - 3)}...`;
  }
  return text;
}

/** Arrays and objects in one another that a JSON value may hold before the engine drops it (as Jackson's default limit). */
export const MAX_JSON_NESTING = 1000;

/** True when arrays and objects are nested more than `limit` deep in the value (found without recursion). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const open: { items: unknown[]; i: number }[] = [];
  let next = value;
  for (;;) {
    if (next !== null && typeof next === 'object') {
      if (open.length === limit) return true;
      open.push({ items: Array.isArray(next) ? next : Object.values(next), i: 0 });
    }
    let top = open[open.length - 1];
    while (top && top.i === top.items.length) {
      open.pop();
      top = open[open.length - 1];
    }
    if (!top) return false;
    next = top.items[top.i++];
  }
}
