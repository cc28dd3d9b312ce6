/**
 * java.util.regex.Pattern syntax -> a JavaScript RegExp source (flag `v`) with the same matching behaviour.
 * The pattern is parsed into a small tree first, because some Java constructs need capture groups of their own
 * in JS (atomic groups and possessive quantifiers become `(?=(X))\k`), which renumbers groups; the tree lets the
 * translation map Java's group numbers to the JS ones.
 */
import { JavaPatternError } from '../errors.js';
import { predefined, propertySet, type SetText, V_SPACE } from './classes.js';

interface Flags {
  i: boolean; // CASE_INSENSITIVE (ASCII only unless u)
  d: boolean; // UNIX_LINES
  m: boolean; // MULTILINE
  s: boolean; // DOTALL
  u: boolean; // UNICODE_CASE
  x: boolean; // COMMENTS
  U: boolean; // UNICODE_CHARACTER_CLASS
}

type Node =
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; alts: Node[] }
  | { t: 'group'; kind: 'cap' | 'nc' | 'la' | 'nla' | 'lb' | 'nlb' | 'atomic'; name?: string; index?: number; body: Node }
  | { t: 'quant'; body: Node; min: number; max: number; mode: '' | '?' | '+' }
  | { t: 'raw'; src: string; width: 'zero' | 'one' }
  | { t: 'ref'; index: number }
  | { t: 'nref'; name: string };

export interface Translation {
  source: string;
  /** JS flags to add besides 'g' and 'v' (none today: case folding is spelled out in the source). */
  jsFlags: string;
  /** javaGroupToJs[n] = JS group number of Java group n (index 0 = 0). */
  javaGroupToJs: number[];
  groupCount: number;
  groupNames: Map<string, number>;
  /** True when JS numbering differs from Java's (internal groups were added). */
  renumbered: boolean;
}

const LINE_TERMINATORS = '\\n\\r\\x85\\u2028\\u2029';

function lit(cp: number): string {
  // Letters and digits are safe as themselves; everything else as \u{...}, valid in and out of `v` classes.
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) return String.fromCharCode(cp);
  return `\\u{${cp.toString(16)}}`;
}

const isAsciiLetter = (cp: number): boolean => (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);

/** Character.toUpperCase / toLowerCase of one code point (JS may map to several; Java keeps the char then). */
function upper(cp: number): number {
  const u = String.fromCodePoint(cp).toUpperCase();
  return [...u].length === 1 ? (u.codePointAt(0) as number) : cp;
}
function lower(cp: number): number {
  const l = String.fromCodePoint(cp).toLowerCase();
  return [...l].length === 1 ? (l.codePointAt(0) as number) : cp;
}

let casedCodePoints: number[] | undefined;
/** Code points whose upper or lower case differs from themselves (the only ones case folding can add). */
function cased(): number[] {
  if (casedCodePoints === undefined) {
    casedCodePoints = [];
    for (let cp = 0; cp <= 0x1ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (upper(cp) !== cp || lower(cp) !== cp) casedCodePoints.push(cp);
    }
  }
  return casedCodePoints;
}

/** Class contents of one literal under the flags: (?i) pairs ASCII letters; (?iu) folds like Java's SingleU. */
function charSet(cp: number, f: Flags): SetText {
  if (!f.i) return lit(cp);
  if (!f.u) return isAsciiLetter(cp) ? lit(cp | 0x20) + lit(cp & ~0x20) : lit(cp);
  const key = lower(upper(cp));
  let s = lit(cp);
  for (const c of cased()) if (c !== cp && lower(upper(c)) === key) s += lit(c);
  return s;
}

function rangeSet(a: number, b: number, f: Flags): SetText {
  let s = `${lit(a)}-${lit(b)}`;
  if (f.i && f.u) {
    // Java's CIRange with UNICODE_CASE: ch, its upper case, or the lower case of that, within the range.
    for (const c of cased()) {
      if (c >= a && c <= b) continue;
      const u = upper(c);
      const l = lower(u);
      if ((u >= a && u <= b) || (l >= a && l <= b)) s += lit(c);
    }
    return s;
  }
  if (f.i) {
    // Add the other case of the ASCII letters inside the range.
    for (const [lo, hi, delta] of [
      [0x41, 0x5a, 0x20],
      [0x61, 0x7a, -0x20],
    ] as const) {
      const x = Math.max(a, lo);
      const y = Math.min(b, hi);
      if (x <= y) s += `${lit(x + delta)}-${lit(y + delta)}`;
    }
  }
  return s;
}

class Parser {
  private i = 0;
  private groupCount = 0;
  private readonly names = new Map<string, number>();
  constructor(private readonly p: string) {}

  error(msg: string, at = this.i): never {
    // Java's message continues with the pattern and a caret line; one line reads better in findings.
    throw new JavaPatternError(`${msg} near index ${at}`, at);
  }

  get groups(): number {
    return this.groupCount;
  }
  get groupNames(): Map<string, number> {
    return this.names;
  }

  private cp(): number {
    return this.p.codePointAt(this.i) as number;
  }

  /** In (?x) mode, whitespace and `#` comments up to the line end are not part of the pattern (in classes too). */
  private skipComments(f: Flags): void {
    if (!f.x) return;
    for (;;) {
      const c = this.p[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\x0B' || c === '\f' || c === '\r') this.i++;
      else if (c === '#') {
        while (this.i < this.p.length && !'\n\r\x85\u2028\u2029'.includes(this.p[this.i] as string)) this.i++;
      } else return;
    }
  }

  parseAlt(f: Flags, depth: number): Node {
    const alts: Node[] = [this.parseSeq(f, depth)];
    while (this.p[this.i] === '|') {
      this.i++;
      alts.push(this.parseSeq(f, depth));
    }
    return alts.length === 1 ? (alts[0] as Node) : { t: 'alt', alts };
  }

  private parseSeq(f: Flags, depth: number): Node {
    const items: Node[] = [];
    for (;;) {
      this.skipComments(f);
      if (this.i >= this.p.length) break;
      const c = this.p[this.i] as string;
      if (c === '|') break;
      if (c === ')') {
        if (depth === 0) this.error("Unmatched closing ')'", this.i - 1 < 0 ? 0 : this.i - 1);
        break;
      }
      let atom: Node | null;
      if (c === '(') {
        const r = this.parseGroup(f, depth);
        if (r === null) continue; // a flags-only group: (?i)
        atom = r;
      } else {
        atom = this.parseAtom(f);
      }
      if (atom === null) continue;
      if (atom.t === 'seq') {
        // \Q...\E: a following quantifier applies to the last quoted character only, as in Java.
        items.push(...atom.items.slice(0, -1));
        atom = atom.items[atom.items.length - 1] as Node;
      }
      items.push(this.parseQuantifiers(atom, f));
    }
    return items.length === 1 ? (items[0] as Node) : { t: 'seq', items };
  }

  private parseQuantifiers(atom: Node, f: Flags): Node {
    this.skipComments(f);
    const c = this.p[this.i];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.p.slice(this.i));
      if (!m) {
        if (/^\{\d+(,\d*)?$/.test(this.p.slice(this.i))) this.error('Unclosed counted closure', this.p.length);
        this.error('Illegal repetition');
      }
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (max < min) this.error('Illegal repetition range');
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    let mode: '' | '?' | '+' = '';
    this.skipComments(f); // in (?x) "a+ +" is "a++"
    if (this.p[this.i] === '?' || this.p[this.i] === '+') mode = this.p[this.i++] as '?' | '+';
    const next = this.p[this.i];
    this.skipComments(f);
    const after = this.p[this.i];
    if (after === '*' || after === '+' || after === '?') {
      this.error(`Dangling meta character '${after}'`);
    }
    if (next === '*' || next === '+' || next === '?') {
      this.error(`Dangling meta character '${next}'`);
    }
    return { t: 'quant', body: atom, min, max, mode };
  }

  /** `(` at this.i: a group, or null for a flags-only group that changed `f` in place. */
  private parseGroup(f: Flags, depth: number): Node | null {
    this.i++;
    let kind: 'cap' | 'nc' | 'la' | 'nla' | 'lb' | 'nlb' | 'atomic' = 'cap';
    let name: string | undefined;
    let inner = { ...f };
    if (this.p[this.i] === '?') {
      this.i++;
      const c = this.p[this.i];
      if (c === ':') {
        kind = 'nc';
        this.i++;
      } else if (c === '=') {
        kind = 'la';
        this.i++;
      } else if (c === '!') {
        kind = 'nla';
        this.i++;
      } else if (c === '>') {
        kind = 'atomic';
        this.i++;
      } else if (c === '<' && (this.p[this.i + 1] === '=' || this.p[this.i + 1] === '!')) {
        kind = this.p[this.i + 1] === '=' ? 'lb' : 'nlb';
        this.i += 2;
      } else if (c === '<') {
        const m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(this.p.slice(this.i));
        const groupName = m?.[1];
        if (m === null || groupName === undefined) this.error("named capturing group is missing trailing '>'");
        name = groupName;
        if (this.names.has(name)) this.error(`Named capturing group <${name}> is already defined`);
        this.i += m[0].length;
      } else {
        // Inline flags: (?idmsuxU-idmsuxU) or (?flags:X)
        let on = true;
        const nf = { ...f };
        for (;;) {
          const ch = this.p[this.i];
          if (ch === undefined) this.error('Unknown inline modifier');
          if (ch === '-') {
            on = false;
            this.i++;
            continue;
          }
          if (ch === ')' || ch === ':') break;
          if (!'idmsuxU'.includes(ch)) this.error('Unknown inline modifier');
          nf[ch as keyof Flags] = on;
          if (ch === 'U' && on) nf.u = true; // UNICODE_CHARACTER_CLASS implies UNICODE_CASE
          this.i++;
        }
        if (this.p[this.i] === ')') {
          this.i++;
          Object.assign(f, nf);
          return null;
        }
        this.i++;
        kind = 'nc';
        inner = nf;
      }
    }
    let index: number | undefined;
    if (kind === 'cap') {
      index = ++this.groupCount;
      if (name !== undefined) this.names.set(name, index);
    }
    const body = this.parseAlt(inner, depth + 1);
    if (this.p[this.i] !== ')') this.error('Unclosed group', this.p.length);
    this.i++;
    const g: Node = { t: 'group', kind, body };
    if (name !== undefined) g.name = name;
    if (index !== undefined) g.index = index;
    return g;
  }

  private parseAtom(f: Flags): Node | null {
    const c = this.p[this.i] as string;
    switch (c) {
      case '.':
        this.i++;
        return { t: 'raw', src: f.s ? '[\\s\\S]' : f.d ? '[^\\n]' : `[^${LINE_TERMINATORS}]`, width: 'one' };
      case '^':
        this.i++;
        return { t: 'raw', src: this.caret(f), width: 'zero' };
      case '$':
        this.i++;
        return { t: 'raw', src: this.dollar(f), width: 'zero' };
      case '[':
        return { t: 'raw', src: `[${this.parseClass(f)}]`, width: 'one' };
      case '\\':
        return this.parseEscape(f);
      case '*':
      case '+':
      case '?':
        this.error(`Dangling meta character '${c}'`);
        break;
      case '{':
        // Java reads a counted quantifier where an atom should be as quantifying an empty atom: "a{1}{2}".
        if (/^\{\d/.test(this.p.slice(this.i))) return { t: 'raw', src: '', width: 'zero' };
        this.error('Illegal repetition');
        break;
      default:
        break;
    }
    const cp = this.cp();
    this.i += cp > 0xffff ? 2 : 1;
    return { t: 'raw', src: this.literal(cp, f), width: 'one' };
  }

  private literal(cp: number, f: Flags): string {
    const set = charSet(cp, f);
    return set === lit(cp) ? set : `[${set}]`;
  }

  private terminators(f: Flags): string {
    return f.d ? '\\n' : LINE_TERMINATORS;
  }

  private caret(f: Flags): string {
    if (!f.m) return '(?<![\\s\\S])';
    // Not at the end of input; at the start or after a line terminator, but not between \r and \n.
    const t = this.terminators(f);
    return f.d ? `(?=[\\s\\S])(?<![^${t}])` : `(?=[\\s\\S])(?<![^${t}])(?!(?<=\\r)\\n)`;
  }

  private dollar(f: Flags): string {
    if (f.d) return f.m ? '(?=\\n|(?![\\s\\S]))' : '(?=\\n?(?![\\s\\S]))';
    const t = this.terminators(f);
    return f.m ? `(?=[${t}]|(?![\\s\\S]))(?!(?<=\\r)\\n)` : `(?=(?:\\r\\n|[${t}])?(?![\\s\\S]))(?!(?<=\\r)\\n)`;
  }

  /** After `\`: escapes outside classes. */
  private parseEscape(f: Flags): Node | null {
    const at = this.i;
    this.i++;
    const c = this.p[this.i];
    if (c === undefined) this.error('Unexpected internal error', this.p.length);
    // Back references
    if (c >= '1' && c <= '9') {
      let n = Number(c);
      this.i++;
      for (;;) {
        const d = this.p[this.i];
        if (d === undefined || d < '0' || d > '9') break;
        const m = n * 10 + Number(d);
        if (m > this.groupCount) break;
        n = m;
        this.i++;
      }
      return { t: 'ref', index: n };
    }
    if (c === 'k') {
      const m = /^k<([a-zA-Z][a-zA-Z0-9]*)>/.exec(this.p.slice(this.i));
      if (!m) this.error("\\k is not followed by '<' for named capturing group");
      if (!this.names.has(m[1] as string)) this.error(`named capturing group <${m[1]}> does not exist`);
      this.i += m[0].length;
      return { t: 'nref', name: m[1] as string };
    }
    if (c === 'Q') {
      this.i++;
      const end = this.p.indexOf('\\E', this.i);
      const text = end < 0 ? this.p.slice(this.i) : this.p.slice(this.i, end);
      this.i = end < 0 ? this.p.length : end + 2;
      const items: Node[] = [];
      for (const ch of text) items.push({ t: 'raw', src: this.literal(ch.codePointAt(0) as number, f), width: 'one' });
      if (items.length === 0) return null;
      return items.length === 1 ? (items[0] as Node) : { t: 'seq', items };
    }
    if (c === 'E') {
      // A stray \E is ignored by Java.
      this.i++;
      return null;
    }
    const zero = this.zeroWidthEscape(c, f);
    if (zero !== undefined) {
      this.i++;
      return { t: 'raw', src: zero, width: 'zero' };
    }
    if (c === 'R') {
      this.i++;
      return { t: 'group', kind: 'atomic', body: { t: 'raw', src: `(?:\\r\\n|[${V_SPACE}])`, width: 'one' } };
    }
    this.i = at;
    const set = this.classEscape(f);
    if (set !== undefined) return { t: 'raw', src: `[${set}]`, width: 'one' };
    const cp = this.charEscape();
    return { t: 'raw', src: this.literal(cp, f), width: 'one' };
  }

  private zeroWidthEscape(c: string, f: Flags): string | undefined {
    switch (c) {
      case 'A':
        return '(?<![\\s\\S])';
      case 'z':
        return '(?![\\s\\S])';
      case 'Z': {
        const t = this.terminators(f);
        return f.d ? '(?=\\n?(?![\\s\\S]))' : `(?=(?:\\r\\n|[${t}])?(?![\\s\\S]))(?!(?<=\\r)\\n)`;
      }
      case 'b':
      case 'B': {
        if (this.p[this.i + 1] === '{') this.error('\\b{g} is not supported');
        // Java's \b counts Unicode letters and digits (and _) as word characters, even without (?U).
        const w = f.U ? '[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]' : '[\\p{L}\\p{Nd}\\p{Mn}_]';
        const bound = `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`;
        return c === 'b' ? bound : `(?!${bound})`;
      }
      case 'G':
        this.error('\\G is not supported by wdatp-arcsight');
        break;
      default:
        return undefined;
    }
    return undefined;
  }

  /** A class escape at this.i (pointing at `\`): \d \D \w \W \s \S \h \H \v \V \p{..} \P{..}. */
  private classEscape(f: Flags): SetText | undefined {
    const c = this.p[this.i + 1] as string;
    const lower = c.toLowerCase();
    if ('dwshv'.includes(lower) && c.length === 1) {
      this.i += 2;
      const set = predefined(lower, f.U);
      return c === lower ? set : `[^${set}]`;
    }
    if (c === 'p' || c === 'P') {
      this.i += 2;
      let name: string;
      let negate = c === 'P';
      if (this.p[this.i] === '{') {
        const end = this.p.indexOf('}', this.i);
        if (end < 0) this.error('Unclosed character family');
        name = this.p.slice(this.i + 1, end);
        this.i = end + 1;
      } else {
        name = this.p[this.i] ?? '';
        if (name === '') this.error('Illegal character family');
        this.i++;
      }
      if (name.startsWith('^')) {
        name = name.slice(1);
        negate = !negate;
      }
      const set = propertySet(name, f.U, f.i);
      return negate ? `[^${set}]` : set;
    }
    return undefined;
  }

  /** A character escape at this.i (pointing at `\`); returns the code point. */
  private charEscape(): number {
    this.i++;
    const c = this.p[this.i] as string;
    this.i++;
    switch (c) {
      case 't':
        return 0x09;
      case 'n':
        return 0x0a;
      case 'r':
        return 0x0d;
      case 'f':
        return 0x0c;
      case 'a':
        return 0x07;
      case 'e':
        return 0x1b;
      case '0': {
        const m = /^(?:[0-3][0-7]{2}|[0-7]{1,2})/.exec(this.p.slice(this.i));
        if (!m) this.error('Illegal octal escape sequence');
        this.i += m[0].length;
        return parseInt(m[0], 8);
      }
      case 'x': {
        if (this.p[this.i] === '{') {
          const m = /^\{([0-9a-fA-F]+)\}/.exec(this.p.slice(this.i));
          if (!m || parseInt(m[1] as string, 16) > 0x10ffff) this.error('Illegal hexadecimal escape sequence');
          this.i += m[0].length;
          return parseInt(m[1] as string, 16);
        }
        const m = /^[0-9a-fA-F]{2}/.exec(this.p.slice(this.i));
        if (!m) this.error('Illegal hexadecimal escape sequence');
        this.i += 2;
        return parseInt(m[0], 16);
      }
      case 'u': {
        const m = /^[0-9a-fA-F]{4}/.exec(this.p.slice(this.i));
        if (!m) this.error('Illegal Unicode escape sequence');
        this.i += 4;
        let cp = parseInt(m[0], 16);
        // A surrogate pair written as two \u escapes is one code point.
        const lo = /^\\u(d[c-f][0-9a-f]{2})/i.exec(this.p.slice(this.i));
        if (cp >= 0xd800 && cp <= 0xdbff && lo) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (parseInt(lo[1] as string, 16) - 0xdc00);
          this.i += 6;
        }
        return cp;
      }
      case 'c': {
        const x = this.p.charCodeAt(this.i);
        if (Number.isNaN(x)) this.error('Illegal control escape sequence');
        this.i++;
        return x ^ 64;
      }
      default: {
        const cp = c.codePointAt(0) as number;
        if (isAsciiLetter(cp)) this.error('Illegal/unsupported escape sequence', this.i - 1);
        if (cp > 0xffff) this.i++;
        return cp;
      }
    }
  }

  /**
   * `[` at this.i: a Java class (union of items and nested classes, `&&` intersections, leading `^` negates the
   * whole class). Returns JS `v` class contents.
   */
  private parseClass(f: Flags): SetText {
    this.i++;
    let negate = false;
    if (this.p[this.i] === '^') {
      negate = true;
      this.i++;
    }
    const operands: string[] = [];
    let current = '';
    let first = true;
    for (;;) {
      this.skipComments(f);
      if (this.i >= this.p.length) this.error('Unclosed character class', this.p.length - 1);
      const c = this.p[this.i] as string;
      if (c === ']' && !first) {
        this.i++;
        break;
      }
      if (c === ']' && first) {
        // Java takes a ']' right after '[' or '[^' literally.
        this.i++;
        current += this.classRangeFrom(0x5d, f);
        first = false;
        continue;
      }
      first = false;
      if (c === '[') {
        current += `[${this.parseClass(f)}]`;
        continue;
      }
      if (c === '&' && this.p[this.i + 1] === '&') {
        this.i += 2;
        operands.push(current);
        current = '';
        continue;
      }
      if (c === '\\') {
        if (this.p[this.i + 1] === 'Q') {
          this.i += 2;
          const end = this.p.indexOf('\\E', this.i);
          const text = end < 0 ? this.p.slice(this.i) : this.p.slice(this.i, end);
          this.i = end < 0 ? this.p.length : end + 2;
          for (const ch of text) current += charSet(ch.codePointAt(0) as number, f);
          continue;
        }
        if (this.p[this.i + 1] === 'E') {
          this.i += 2;
          continue;
        }
        const set = this.classEscape(f);
        if (set !== undefined) {
          current += set.startsWith('[') || set.startsWith('\\p') || set.startsWith('\\P') ? set : `[${set}]`;
          continue;
        }
        const cp = this.charEscape();
        current += this.classRangeFrom(cp, f);
        continue;
      }
      const cp = this.cp();
      this.i += cp > 0xffff ? 2 : 1;
      current += this.classRangeFrom(cp, f);
    }
    operands.push(current);
    // Empty operands of && are ignored by Java ("[abc&&]" is "[abc]").
    const parts = operands.filter((o) => o !== '');
    let body: string;
    if (parts.length === 0) body = '';
    else if (parts.length === 1) body = parts[0] as string;
    else body = parts.map((o) => `[${o}]`).join('&&');
    if (negate) return parts.length === 0 ? '^' : `^${parts.length > 1 ? `[${body}]` : body}`;
    return body;
  }

  /** A literal class member that may start a range `a-z`. */
  private classRangeFrom(from: number, f: Flags): SetText {
    if (this.p[this.i] === '-' && this.p[this.i + 1] !== ']' && this.p[this.i + 1] !== undefined && this.p[this.i + 1] !== '[') {
      const save = this.i;
      this.i++;
      this.skipComments(f);
      let to: number;
      if (this.p[this.i] === '\\') {
        const peek = this.p[this.i + 1] as string;
        if ('dDwWsShHvVpP'.includes(peek)) this.error('Illegal character range');
        if (peek === 'Q') {
          this.i = save;
          return charSet(from, f);
        }
        to = this.charEscape();
      } else if (this.p[this.i] === '&' && this.p[this.i + 1] === '&') {
        this.i = save;
        return charSet(from, f);
      } else {
        to = this.cp();
        this.i += to > 0xffff ? 2 : 1;
      }
      if (to < from) this.error('Illegal character range');
      return rangeSet(from, to, f);
    }
    return charSet(from, f);
  }
}

/** Emit the tree as JS source; internal groups for atomic constructs are numbered as they are emitted. */
function emit(root: Node, groupCount: number): { source: string; javaGroupToJs: number[]; renumbered: boolean } {
  let js = 0;
  const map: number[] = [0];
  let renumbered = false;
  const REF = '\u0000';
  const walk = (n: Node): string => {
    switch (n.t) {
      case 'seq':
        return n.items.map(walk).join('');
      case 'alt':
        return n.alts.map(walk).join('|');
      case 'raw':
        return n.src;
      case 'ref':
        return `${REF}${n.index}${REF}`;
      case 'nref':
        return `\\k<${n.name}>`;
      case 'group': {
        if (n.kind === 'atomic') {
          const k = ++js;
          renumbered = true;
          const body = walk(n.body);
          return `(?:(?=(${body}))\\${k})`;
        }
        if (n.kind === 'cap') {
          map[n.index as number] = ++js;
          const body = walk(n.body);
          return n.name !== undefined ? `(?<${n.name}>${body})` : `(${body})`;
        }
        const open = { nc: '(?:', la: '(?=', nla: '(?!', lb: '(?<=', nlb: '(?<!' }[n.kind];
        return `${open}${walk(n.body)})`;
      }
      case 'quant': {
        const q =
          n.max === Infinity
            ? n.min === 0
              ? '*'
              : n.min === 1
                ? '+'
                : `{${n.min},}`
            : n.min === 0 && n.max === 1
              ? '?'
              : n.min === n.max
                ? `{${n.min}}`
                : `{${n.min},${n.max}}`;
        const zeroWidth =
          (n.body.t === 'raw' && n.body.width === 'zero') ||
          (n.body.t === 'group' && n.body.kind !== 'cap' && n.body.kind !== 'nc' && n.body.kind !== 'atomic');
        if (n.mode === '+') {
          const k = ++js;
          renumbered = true;
          const body = walk(n.body);
          const inner = n.min === 0 && n.max === 1 ? `(?:${body}|)` : `(?:${body})${q}`;
          return `(?:(?=(${inner}))\\${k})`;
        }
        const body = walk(n.body);
        // JS refuses quantified assertions; a non-capturing group around them means the same.
        // JS rejects an optional iteration that matched empty (so `(a*)?` leaves the group unset); Java keeps
        // it. An alternation with the empty string has no such check.
        const canBeGroup = n.body.t === 'group' || n.body.t === 'seq' || n.body.t === 'alt' || n.body.t === 'quant';
        if (n.min === 0 && n.max === 1 && canBeGroup) return n.mode === '?' ? `(?:|${body})` : `(?:${body}|)`;
        const atom = zeroWidth || n.body.t === 'seq' || n.body.t === 'alt' || n.body.t === 'quant' ? `(?:${body})` : body;
        return `${atom}${q}${n.mode === '?' ? '?' : ''}`;
      }
      default:
        return '';
    }
  };
  let source = walk(root);
  source = source.replace(/\u0000(\d+)\u0000/g, (_m, d: string) => {
    const n = Number(d);
    // Java fails a reference to a group the pattern does not have.
    if (n > groupCount) return '(?:(?!))';
    return `(?:\\${map[n]})`;
  });
  return { source, javaGroupToJs: map, renumbered };
}

export function translate(pattern: string, flags: string): Translation {
  const f: Flags = { i: false, d: false, m: false, s: false, u: false, x: false, U: false };
  for (const ch of flags) {
    if (!'idmsuxU'.includes(ch)) throw new JavaPatternError(`Unknown flag '${ch}'`);
    f[ch as keyof Flags] = true;
    if (ch === 'U') f.u = true;
  }
  const parser = new Parser(pattern);
  const root = parser.parseAlt(f, 0);
  const out = emit(root, parser.groups);
  return {
    source: out.source,
    jsFlags: '',
    javaGroupToJs: out.javaGroupToJs,
    groupCount: parser.groups,
    groupNames: parser.groupNames,
    renumbered: out.renumbered,
  };
}
