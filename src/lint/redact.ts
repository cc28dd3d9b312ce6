import type { ClientContext } from './rules/client/context.js';
import { isSensitiveKey } from './rules/client/context.js';
import type { ValuesContext } from './rules/values/context.js';
import type { SourceLines } from './properties-source.js';
import type { DisplayLines } from './types.js';
import { escapePointerSegment } from '../text/index.js';

/**
 * Secrets must never reach the output, in any format. Renderers only ever see `displayLines` (the file's lines
 * with secret values replaced by asterisks, same length so carets still line up) and messages passed through
 * `redactText`. What counts as secret: values of secret-like keys (client_secret, *token*, *password*), those
 * values wherever else they occur, and text shaped like a token or an Azure AD client secret.
 */
const TOKEN_SHAPES: RegExp[] = [
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?/g, // JWT (access tokens)
  /\b(?:0\.A[A-Za-z0-9_-]|AQAB)[A-Za-z0-9_.*-]{60,}/g, // Azure AD refresh tokens
  /[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,}/g, // Azure AD client secret values (…Q~…)
  // base64-like secrets (older Azure AD secret values): 32+ characters mixing upper case, lower case and digits
  /(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*\d)[A-Za-z0-9+/]{32,}={0,2}/g,
];

/**
 * Where a secret value sits: from column `from` of `line` to the end of that line, and all of every following line
 * up to `endLine` (a value continued over lines). One span per value, however many lines it runs over.
 */
export interface SecretSpan {
  line: number;
  from: number;
  endLine?: number;
}

/**
 * Column (1-based) where a secret starts on a line, or undefined when none does. Built once per file, answers in
 * O(log spans): a file may hold a secret-like key on every line and a finding on every line too.
 */
function secretColumns(spans: readonly SecretSpan[]): (n: number) => number | undefined {
  const first = new Map<number, number>();
  for (const s of spans) first.set(s.line, Math.min(first.get(s.line) ?? s.from, s.from));
  // Whole lines inside continued values, as sorted [from, to] ranges (each starts after its span's first line).
  const whole = spans
    .filter((s) => (s.endLine ?? s.line) > s.line)
    .map((s) => [s.line + 1, s.endLine!] as const)
    .sort((a, b) => a[0] - b[0]);
  // reach[i]: the furthest line any of the ranges 0..i covers
  const reach: number[] = [];
  for (const [, to] of whole) reach.push(Math.max(to, reach.at(-1) ?? 0));
  return (n) => {
    let lo = 0;
    let hi = whole.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (whole[mid]![0] <= n) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return at >= 0 && reach[at]! >= n ? 1 : first.get(n);
  };
}

export interface Redactor {
  /** The file's lines with every secret masked (lazily). */
  maskLines(lines: SourceLines, spans?: readonly SecretSpan[]): DisplayLines;
  /** Text (a message, a hint) with every secret masked. */
  text(s: string): string;
}

export function createRedactor(secretValues: Iterable<string>): Redactor {
  const secrets = [...new Set([...secretValues].flatMap((s) => [s, s.trim()]).filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  const maskKnown = (s: string, fill: (m: string) => string): string => {
    let out = s;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(fill(secret));
    for (const shape of TOKEN_SHAPES) out = out.replace(shape, fill);
    return out;
  };
  const stars = (m: string): string => '*'.repeat(m.length);
  return {
    maskLines(lines, spans = []) {
      const masked = new Map<number, string>();
      const secretColumn = secretColumns(spans);
      return {
        count: lines.length,
        get materialised() {
          return masked.size;
        },
        get(n) {
          const cached = masked.get(n);
          if (cached !== undefined) return cached;
          let text = lines.line(n);
          if (text === undefined) return undefined;
          const from = secretColumn(n);
          if (from !== undefined) {
            const start = Math.max(0, from - 1);
            text = text.slice(0, start) + stars(text.slice(start));
          }
          text = maskKnown(text, stars);
          masked.set(n, text);
          return text;
        },
      };
    },
    text: (s) => maskKnown(s, () => '********'),
  };
}

/** Secret values held by the client files (decoded and as written) and by values files (which should hold none). */
export function secretValuesOf(clients: readonly ClientContext[], values: readonly ValuesContext[]): string[] {
  const out: string[] = [];
  for (const c of clients) {
    for (const e of c.doc.entries) {
      if (isSensitiveKey(e.key) && e.value.trim() !== '') out.push(e.value, e.rawValue);
    }
  }
  for (const v of values) {
    const data = v.document?.value;
    if (typeof data !== 'object' || data === null) continue;
    for (const [k, val] of Object.entries(data))
      if (isSensitiveKey(k) && typeof val === 'string' && val.trim() !== '') out.push(val, JSON.stringify(val).slice(1, -1));
  }
  return out;
}

/** Where secret values sit in a client file: from the value's start to the end of each of its lines. */
export function secretSpans(client: ClientContext): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const e of client.doc.entries) {
    if (!isSensitiveKey(e.key)) continue;
    spans.push({ line: e.valueLine, from: e.valueColumn, endLine: e.endLine });
  }
  return spans;
}

/** Where secret values sit in a values file (a clientSecret someone stored there). */
export function valuesSecretSpans(v: ValuesContext): SecretSpan[] {
  const spans: SecretSpan[] = [];
  if (!v.document) return rawSecretMembers(v.lines);
  const data = v.document.value;
  if (typeof data !== 'object' || data === null) return spans;
  for (const k of Object.keys(data)) {
    if (!isSensitiveKey(k)) continue;
    const range = v.document.ranges.get(`/${escapePointerSegment(k)}`);
    if (range) spans.push({ line: range.start.line, from: range.start.column, endLine: range.end.line });
  }
  return spans;
}

/** A `"key": "value` member in JSON text, found line by line (the key's text and where its value starts). */
const MEMBER = /"((?:[^"\\]|\\.)*)"\s*:\s*(?=")/g;

/**
 * Secret-like members of JSON text that does not parse (so has no positions): from the value's start to the end
 * of its line, so a code frame of the syntax error never shows the value.
 */
function rawSecretMembers(lines: readonly string[]): SecretSpan[] {
  const spans: SecretSpan[] = [];
  lines.forEach((text, i) => {
    for (const m of text.matchAll(MEMBER)) {
      let key = m[1]!;
      try {
        key = JSON.parse(`"${key}"`) as string;
      } catch {
        // As written: still compared by name.
      }
      if (isSensitiveKey(key)) {
        spans.push({ line: i + 1, from: m.index + m[0].length + 1 });
        break;
      }
    }
  });
  return spans;
}
