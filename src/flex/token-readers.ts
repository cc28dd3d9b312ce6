import type { Assume } from './assumptions.js';
import type { EventWarning } from './event.js';
import { compileSimpleDateFormat, parseJavaInt, parseJavaLong, type CompiledDateFormat } from './java/index.js';
import { jsonPreview, MAX_JSON_NESTING, nestedDeeperThan } from './json-text.js';
import { isJsonObject, member, namesReadBeside, scalarText, otherMembers, parseLocation, selectFirst, type LocationStep } from './location.js';
import { parseAddress, parseMac } from './operations/index.js';
import type { TokenSpec } from './spec.js';
import type { FlexValue } from './value.js';

/** Reads the tokens of one trigger node; failed conversions warn into `warnings` and leave the token null. */
export interface TokenReaders {
  /** Every declared token into `values`, by token index. */
  readTokens(node: Record<string, unknown>, values: FlexValue[], warnings: EventWarning[]): void;
  /** The `__collection` pseudo-tokens of the node (element key → element text), or null when there are none. */
  readCollections(node: Record<string, unknown>): Map<string, string> | null;
}

/** JSON value → token value. */
type TokenConverter = (raw: unknown, warnings: EventWarning[]) => FlexValue;
type TokenReader = (node: Record<string, unknown>, warnings: EventWarning[]) => FlexValue;
type ReadTokens = TokenReaders['readTokens'];

/** Compiles the readers of a parser's tokens once: location walks, typed converters, date patterns. */
export function compileTokenReaders(tokens: readonly TokenSpec[], timeZone: string, assume: Assume): TokenReaders {
  const locations = tokens.map((token) => parseLocation(token.location));
  const converters = tokens.map((token) => compileTokenConverter(token, timeZone, assume));
  const readers = tokens.map((_, i) => compileTokenReader(locations[i]!, locations, converters[i]!, assume));
  const collections = tokens.flatMap((token, i) => (token.collection ? [{ keyField: token.collection.keyField, steps: locations[i]! }] : []));
  return {
    readTokens: generateReadTokens(tokens, locations, readers, converters),
    readCollections(node) {
      let found: Map<string, string> | null = null;
      for (const { keyField, steps } of collections) found = collectElements(keyField, steps, node, found, assume);
      return found;
    },
  };
}

/**
 * All token readers of a parser as one generated function. A String token read from one key of the trigger
 * node (most tokens of real files) becomes a load with a constant property name, which V8 caches per call site;
 * in a reader closure shared by every token the key varies, so each read was a slow megamorphic lookup. Any
 * other value, and every other token, goes through the token's reader. Keys enter the code only as JSON string
 * literals.
 */
function generateReadTokens(
  tokens: readonly TokenSpec[],
  locations: ReadonlyArray<readonly LocationStep[]>,
  readers: readonly TokenReader[],
  converters: readonly TokenConverter[],
): ReadTokens {
  const lines = tokens.map((token, i) => {
    const key = plainKey(locations[i]!);
    if (token.type !== 'String' || key === undefined) return `values[${i}] = readers[${i}](node, warnings);`;
    return `v = node[${JSON.stringify(key)}]; values[${i}] = typeof v === 'string' && v !== '' ? v : converters[${i}](v, warnings);`;
  });
  const body = `return function readTokens(node, values, warnings) {\n  let v;\n  ${lines.join('\n  ')}\n};`;
  // The generated function has exactly this signature; Function's result is untyped.
  const makeReadTokens = new Function('readers', 'converters', body) as (r: typeof readers, c: typeof converters) => ReadTokens;
  return makeReadTokens(readers, converters);
}

/** A reader for one token: walk the location path, then convert the JSON value to the token type. */
function compileTokenReader(
  steps: readonly LocationStep[],
  allLocations: ReadonlyArray<readonly LocationStep[]>,
  convert: TokenConverter,
  assume: Assume,
): TokenReader {
  const key = plainKey(steps);
  if (key !== undefined) return (node, warnings) => convert(node[key], warnings);
  if (steps[steps.length - 1]?.kind === 'others') {
    const prefix = steps.slice(0, -1);
    const skip = namesReadBeside(steps, allLocations);
    return (node, warnings) => {
      const others = otherMembers(prefix.length === 0 ? node : walk(node, prefix, 0, assume), skip);
      if (others !== undefined) assume('other-members');
      return convert(others, warnings);
    };
  }
  return (node, warnings) => convert(walk(node, steps, 0, assume), warnings);
}

/** The key of a one-step plain location that can be read straight off the object, else undefined. */
function plainKey(steps: readonly LocationStep[]): string | undefined {
  const only = steps.length === 1 ? steps[0] : undefined;
  return only?.kind === 'member' && !(only.name in Object.prototype) ? only.name : undefined;
}

/**
 * Follows a location. Through an array, a numeric step indexes it; any other step collects that member from every
 * element (the result is the list of found values; nested arrays count as their elements, flattened without
 * recursion so hostile nesting cannot exhaust the stack). A `name[member=value]` step keeps the first element of
 * the array `name` whose member equals the value.
 */
function walk(node: unknown, steps: readonly LocationStep[], from: number, assume: Assume): unknown {
  let current = node;
  for (let i = from; i < steps.length; i++) {
    const step = steps[i]!;
    if (step.kind === 'others') return undefined; // read by its own token reader, never walked
    if (Array.isArray(current)) {
      if (step.kind === 'member' && /^\d+$/.test(step.name)) {
        assume('array-index-path');
        current = current[Number(step.name)];
        continue;
      }
      assume('path-through-array');
      const found: unknown[] = [];
      for (const element of flatten(current)) {
        const value = walk(element, steps, i, assume);
        if (value !== undefined && value !== null) found.push(value);
      }
      return found.length ? found : undefined;
    }
    current = member(current, step.name);
    if (current === undefined) return undefined;
    if (step.kind === 'select') {
      assume('first-element-selector');
      current = selectFirst(current, step);
      if (current === undefined) return undefined;
    }
  }
  return current;
}

/** The elements of an array with nested arrays replaced by their elements, in order (iterative). */
function flatten(list: unknown[]): unknown[] {
  if (!list.some((element) => Array.isArray(element))) return list;
  const out: unknown[] = [];
  const stack: Array<{ items: unknown[]; next: number }> = [{ items: list, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next >= top.items.length) {
      stack.pop();
      continue;
    }
    const element: unknown = top.items[top.next++];
    if (Array.isArray(element)) stack.push({ items: element, next: 0 });
    else out.push(element);
  }
  return out;
}

/** null, "" and a missing member all leave a token absent. */
function isAbsent(raw: unknown): boolean {
  return raw === undefined || raw === null || raw === '';
}

/** JSON value → token value. Absent values give null; a failed conversion warns and gives null. */
function compileTokenConverter(token: TokenSpec, timeZone: string, assume: Assume): TokenConverter {
  const name = token.name;
  const failed = (warnings: EventWarning[], raw: unknown, reason: string): null => {
    warnings.push({
      code: 'token-conversion-failed',
      token: name,
      message: `token ${name} (${token.type}): cannot convert ${jsonPreview(raw)}: ${reason}; the token is null`,
    });
    return null;
  };
  switch (token.type) {
    case 'String':
      return (raw, warnings) => {
        if (isAbsent(raw)) return null;
        if (typeof raw === 'string') return raw;
        if (typeof raw === 'number') return String(raw);
        if (typeof raw === 'boolean') {
          assume('boolean-as-string');
          return raw ? 'true' : 'false';
        }
        assume('container-as-json');
        // A hostile record costs this token only: too deep for JSON text (and for the connector's own parser).
        if (nestedDeeperThan(raw, MAX_JSON_NESTING)) return failed(warnings, raw, `nested more than ${MAX_JSON_NESTING} levels deep`);
        return JSON.stringify(raw);
      };
    case 'Integer':
      return (raw, warnings) => {
        if (isAbsent(raw)) return null;
        if (typeof raw === 'number') {
          if (raw === (raw | 0)) return raw;
          return failed(warnings, raw, Number.isInteger(raw) ? 'outside the Integer range' : 'not a whole number');
        }
        if (typeof raw === 'string') return parseJavaInt(raw) ?? failed(warnings, raw, 'not an Integer (Integer.parseInt fails)');
        return failed(warnings, raw, 'not a number');
      };
    case 'Long':
      return (raw, warnings) => {
        if (isAbsent(raw)) return null;
        if (typeof raw === 'number') {
          if (!Number.isInteger(raw)) return failed(warnings, raw, 'not a whole number');
          if (!Number.isSafeInteger(raw)) {
            warnings.push({
              code: 'token-precision-lost',
              token: name,
              message: `token ${name}: ${raw} is beyond 2^53; digits may have been lost reading the JSON`,
            });
            if (Math.abs(raw) >= 2 ** 63) return failed(warnings, raw, 'outside the Long range');
          }
          return BigInt(raw);
        }
        if (typeof raw === 'string') return parseJavaLong(raw) ?? failed(warnings, raw, 'not a Long (Long.parseLong fails)');
        return failed(warnings, raw, 'not a number');
      };
    case 'IPAddress':
    case 'IPv6Address':
      return (raw, warnings) => {
        if (isAbsent(raw)) return null;
        if (typeof raw !== 'string') return failed(warnings, raw, 'not an address string');
        return parseAddress(raw) ?? failed(warnings, raw, 'not an IPv4 or IPv6 address');
      };
    case 'MacAddress':
      return (raw, warnings) => {
        if (isAbsent(raw)) return null;
        if (typeof raw !== 'string') return failed(warnings, raw, 'not a MAC address string');
        return parseMac(raw) ?? failed(warnings, raw, 'not a MAC address');
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
        // The loader rejects bad patterns; a spec built by hand still gets one warning per event, not a crash.
        const message = error instanceof Error ? error.message : String(error);
        return (raw, warnings) => (isAbsent(raw) ? null : failed(warnings, raw, `invalid date pattern: ${message}`));
      }
      return (raw, warnings) => {
        if (isAbsent(raw)) return null;
        const text = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : undefined;
        if (text === undefined) return failed(warnings, raw, 'not a date string');
        const ms = format.parse(text, timeZone);
        return ms === null ? failed(warnings, raw, `does not match the date pattern "${pattern}"`) : new Date(ms);
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
function collectElements(
  keyField: string,
  steps: readonly LocationStep[],
  node: Record<string, unknown>,
  into: Map<string, string> | null,
  assume: Assume,
): Map<string, string> | null {
  const list = walk(node, steps, 0, assume);
  if (!Array.isArray(list)) return into;
  assume('collection-elements');
  let found = into;
  for (const element of list) {
    const pseudoToken = scalarText(member(element, keyField));
    if (!isJsonObject(element) || pseudoToken === undefined) continue;
    if (found?.has(pseudoToken)) continue;
    const members = Object.keys(element).filter((key) => key !== keyField);
    const last = members[members.length - 1];
    const value = last === undefined ? undefined : element[last];
    if (value === undefined || value === null || value === '') continue;
    // Containers as compact JSON; one nested too deeply to write costs its pseudo-token only.
    if (typeof value === 'object' && nestedDeeperThan(value, MAX_JSON_NESTING)) continue;
    const text = typeof value === 'object' ? JSON.stringify(value) : scalarText(value);
    if (text === undefined) continue;
    found ??= new Map();
    found.set(pseudoToken, text);
  }
  return found;
}
