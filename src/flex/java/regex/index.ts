/**
 * java.util.regex on top of JavaScript RegExp: javaRegex translates a Java pattern once (cache the result), and
 * the helpers reproduce Matcher.matches(), Matcher.find(), Matcher.replaceAll/replaceFirst (with Java's
 * replacement syntax) and String.split(regex, limit).
 */
import { JavaPatternError } from '../errors.js';
import { translate, type Translation } from './translate.js';

interface Meta {
  /** The Java pattern as written (for messages). */
  pattern: string;
  t: Translation;
  anchored?: RegExp;
}

const metas = new WeakMap<RegExp, Meta>();

/**
 * Pattern.compile(pattern) with optional flags given as Java inline-flag letters ("i", "s", "m", "x", "d", "u",
 * "U"), as if the pattern started with (?flags). Throws JavaPatternError where Java throws
 * PatternSyntaxException, and for the few constructs the translation does not support (named in the message).
 */
export function javaRegex(pattern: string, flags = ''): RegExp {
  const t = translate(pattern, flags);
  let re: RegExp;
  try {
    re = new RegExp(t.source, `gv${t.jsFlags}`);
  } catch (e) {
    throw new JavaPatternError(`Unsupported regular expression construct: ${(e as Error).message}`);
  }
  metas.set(re, { pattern, t });
  return re;
}

/** The Java pattern a RegExp from javaRegex was made from (its `source` is the translated JS form). */
export function javaRegexSource(re: RegExp): string {
  return metas.get(re)?.pattern ?? re.source;
}

function metaOf(re: RegExp): Meta {
  let m = metas.get(re);
  if (m === undefined) {
    // A RegExp not made by javaRegex: use it as it is.
    const count = new RegExp(`${re.source}|`, re.flags.replace(/[gy]/g, '')).exec('')?.length ?? 1;
    const map = Array.from({ length: count }, (_v, k) => k);
    m = { pattern: re.source, t: { source: re.source, jsFlags: '', javaGroupToJs: map, groupCount: count - 1, groupNames: new Map(), renumbered: false } };
    metas.set(re, m);
  }
  return m;
}

/** Drop the internal groups atomic constructs added, so indices are Java's group numbers. */
function javaView(m: RegExpExecArray, meta: Meta): RegExpExecArray {
  if (!meta.t.renumbered) return m;
  const map = meta.t.javaGroupToJs;
  const out = [m[0]] as unknown as RegExpExecArray;
  for (let k = 1; k <= meta.t.groupCount; k++) out.push(m[map[k] as number] as string);
  out.index = m.index;
  out.input = m.input;
  out.groups = m.groups;
  return out;
}

/** Matcher.matches(): the whole input must match. */
export function javaMatches(re: RegExp, input: string): RegExpExecArray | null {
  const meta = metaOf(re);
  if (meta.anchored === undefined) {
    const flags = re.flags.replace(/[gy]/g, '');
    meta.anchored = new RegExp(`(?<![\\s\\S])(?:${re.source})(?![\\s\\S])`, flags.includes('v') || flags.includes('u') ? flags : `${flags}`);
  }
  const m = meta.anchored.exec(input);
  return m === null ? null : javaView(m, meta);
}

/** Matcher.find() from the start of the input. */
export function javaFind(re: RegExp, input: string): RegExpExecArray | null {
  return findFrom(re, input, 0);
}

function findFrom(re: RegExp, input: string, from: number): RegExpExecArray | null {
  const meta = metaOf(re);
  if (!re.global && !re.sticky) {
    throw new JavaPatternError('javaFind/javaReplace/javaSplit need a RegExp made by javaRegex (or with the g flag)');
  }
  re.lastIndex = from;
  const m = re.exec(input);
  return m === null ? null : javaView(m, meta);
}

type Part = string | number | { name: string };
const templates = new Map<string, Part[] | JavaPatternError>();

/** Matcher.appendReplacement's syntax: $n (greedy while the group exists), ${name}, \x escapes. */
function parseReplacement(replacement: string, meta: Meta): Part[] {
  const key = `${meta.t.groupCount}\u0000${[...meta.t.groupNames.keys()].join(',')}\u0000${replacement}`;
  const cached = templates.get(key);
  if (cached instanceof JavaPatternError) throw cached;
  if (cached !== undefined) return cached;
  let parts: Part[];
  try {
    parts = compileReplacement(replacement, meta);
  } catch (e) {
    if (e instanceof JavaPatternError) {
      templates.set(key, e);
    }
    throw e;
  }
  if (templates.size > 1000) templates.clear();
  templates.set(key, parts);
  return parts;
}

function compileReplacement(r: string, meta: Meta): Part[] {
  const parts: Part[] = [];
  let text = '';
  const groupCount = meta.t.groupCount;
  for (let i = 0; i < r.length;) {
    const c = r[i] as string;
    if (c === '\\') {
      i++;
      if (i >= r.length) throw new JavaPatternError('character to be escaped is missing');
      text += r[i];
      i++;
    } else if (c === '$') {
      i++;
      if (i >= r.length) throw new JavaPatternError('Illegal group reference: group index is missing');
      let ref: Part;
      if (r[i] === '{') {
        i++;
        let name = '';
        while (i < r.length && /[a-zA-Z0-9]/.test(r[i] as string)) name += r[i++];
        if (name.length === 0) throw new JavaPatternError('named capturing group has 0 length name');
        if (r[i] !== '}') throw new JavaPatternError("named capturing group is missing trailing '}'");
        i++;
        if (/^[0-9]/.test(name)) throw new JavaPatternError('capturing group name {' + name + '} starts with digit character');
        if (!meta.t.groupNames.has(name)) throw new JavaPatternError(`No group with name {${name}}`);
        ref = { name };
      } else {
        let n = r.charCodeAt(i) - 0x30;
        if (n < 0 || n > 9) throw new JavaPatternError('Illegal group reference');
        i++;
        for (;;) {
          if (i >= r.length) break;
          const d = r.charCodeAt(i) - 0x30;
          if (d < 0 || d > 9) break;
          const m = n * 10 + d;
          if (groupCount < m) break;
          n = m;
          i++;
        }
        if (n > groupCount) throw new JavaPatternError(`No group ${n}`);
        ref = n;
      }
      if (text !== '') parts.push(text);
      text = '';
      parts.push(ref);
    } else {
      text += c;
      i++;
    }
  }
  if (text !== '') parts.push(text);
  return parts;
}

/** Matcher.replaceAll / replaceFirst. The replacement is only checked once something matched, as in Java. */
export function javaReplace(input: string, re: RegExp, replacement: string, all: boolean): string {
  const meta = metaOf(re);
  let m = findFrom(re, input, 0);
  if (m === null) return input;
  const parts = parseReplacement(replacement, meta);
  let out = '';
  let last = 0;
  while (m !== null) {
    out += input.slice(last, m.index);
    for (const p of parts) {
      if (typeof p === 'string') out += p;
      else if (typeof p === 'number') out += m[p] ?? '';
      else out += m.groups?.[p.name] ?? '';
    }
    const end = m.index + m[0].length;
    last = end;
    if (!all) break;
    // After an empty match Java's find() starts one character further on.
    const next = m[0].length === 0 ? end + 1 : end;
    if (next > input.length) break;
    m = findFrom(re, input, next);
  }
  return out + input.slice(last);
}

/** String.split(regex, limit) (Java 8+: no leading empty string for a zero-width match at index 0). */
export function javaSplit(input: string, re: RegExp, limit = 0): string[] {
  const list: string[] = [];
  let index = 0;
  let searchFrom = 0;
  const limited = limit > 0;
  for (;;) {
    if (searchFrom > input.length) break;
    const m = findFrom(re, input, searchFrom);
    if (m === null) break;
    const start = m.index;
    const end = start + m[0].length;
    searchFrom = end === start ? end + 1 : end;
    if (!limited || list.length < limit - 1) {
      if (index === 0 && start === 0 && end === 0) continue;
      list.push(input.slice(index, start));
      index = end;
    } else if (list.length === limit - 1) {
      list.push(input.slice(index));
      index = end;
      break;
    }
  }
  if (index === 0) return [input];
  if (!limited || list.length < limit) list.push(input.slice(index));
  let size = list.length;
  if (limit === 0) while (size > 0 && list[size - 1] === '') size--;
  return list.slice(0, size);
}
