/** Small URL facts the rules share: tenants, and where a path segment sits in a URL. */
import { isGuid } from '../connector/index.js';

export function parseUrl(text: string): URL | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** Why a tenant path segment cannot work, or undefined when it is a tenant id or a domain name. */
export function tenantProblem(tenant: string): string | undefined {
  if (tenant === '') return 'the tenant is missing from the path';
  if (/[<>{}]|%3C|%7B/i.test(tenant) || /^(tenant|tenantid|tenant_id|tenant-id|your[-_]?tenant.*|xxx+)$/i.test(tenant)) {
    return `"${tenant}" is a placeholder, not a tenant`;
  }
  if (isGuid(tenant)) return undefined;
  if (/^(common|organizations|consumers)$/i.test(tenant)) {
    return `"${tenant}" is not a tenant: the connector's app registration lives in your tenant, so name it`;
  }
  if (/^[0-9a-f-]{30,40}$/i.test(tenant)) return `"${tenant}" is not a well-formed tenant id (a GUID: 8-4-4-4-12 hex digits)`;
  if (/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(tenant)) return undefined;
  return `"${tenant}" is neither a tenant id (GUID) nor a domain name such as contoso.onmicrosoft.com`;
}

/**
 * Where the n-th path segment (0-based) of a URL starts in the URL's text, for pointing a caret at a tenant.
 * Works on the text as written (not URL.pathname, which normalises).
 */
export function pathSegmentRange(text: string, index: number): { start: number; end: number } | undefined {
  const afterScheme = text.indexOf('//');
  if (afterScheme < 0) return undefined;
  const hostEnd = text.slice(afterScheme + 2).search(/[/?#]/);
  if (hostEnd < 0 || text[afterScheme + 2 + hostEnd] !== '/') return undefined;
  const pathStart = afterScheme + 2 + hostEnd;
  const stop = text.slice(pathStart).search(/[?#]/);
  const path = stop < 0 ? text.slice(pathStart) : text.slice(pathStart, pathStart + stop);
  const parts = path.split('/');
  let offset = pathStart;
  for (let i = 0; i < parts.length; i++) {
    if (i === index + 1) return { start: offset, end: offset + parts[i]!.length };
    offset += parts[i]!.length + 1;
  }
  return undefined;
}

/** Where the host sits in a URL's text. */
export function hostRange(text: string): { start: number; end: number } | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(text);
  if (!m) return undefined;
  const start = m[0].length - m[1]!.length;
  return { start, end: m[0].length };
}

/** Where the value of a query parameter sits in a URL's text. */
export function queryParamRange(text: string, name: string): { start: number; end: number } | undefined {
  const q = text.indexOf('?');
  if (q < 0) return undefined;
  let offset = q + 1;
  for (const part of text.slice(q + 1).split(/[&#]/)) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (safeDecode(key) === name) return { start: offset + (eq < 0 ? 0 : eq + 1), end: offset + part.length };
    offset += part.length + 1;
  }
  return undefined;
}

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Case-insensitive edit distance suggestion among candidates, for did-you-mean. */
export function closest(name: string, candidates: Iterable<string>, maxDistance = 3): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const a = name.toLowerCase();
  for (const candidate of candidates) {
    const d = editDistance(a, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.min(maxDistance, Math.max(1, Math.floor(name.length / 3)));
  return bestDistance <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 5) return Math.abs(a.length - b.length);
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Which sign-in endpoints a login URL names: Azure AD v1 (`oauth2/authorize`, `oauth2/token`) or the identity platform v2 (`oauth2/v2.0/...`). */
export type EndpointVersion = 'v1' | 'v2';

export function endpointVersion(url: URL): EndpointVersion | undefined {
  const segments = url.pathname
    .toLowerCase()
    .split('/')
    .filter((s) => s !== '');
  if (segments[1] !== 'oauth2') return undefined;
  if (segments[2] === 'v2.0') return 'v2';
  return segments[2] === 'authorize' || segments[2] === 'token' ? 'v1' : undefined;
}

/** The fields alerts_v2 documents `$filter` support for (list alerts_v2, "Optional query parameters"). */
export const GRAPH_FILTER_FIELDS: readonly string[] = [
  'assignedTo',
  'classification',
  'determination',
  'createdDateTime',
  'lastUpdateDateTime',
  'severity',
  'serviceSource',
  'status',
];

const ODATA_WORDS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'and', 'or', 'not', 'has', 'in', 'add', 'sub', 'mul', 'div', 'mod', 'true', 'false', 'null']);

/**
 * The properties an OData `$filter` expression compares, in order of appearance (`lastUpdateDateTime ge X and
 * severity eq 'high'` gives both names). Literals, operators, function names and the variables of `any`/`all`
 * lambdas (`evidence/any(e: e/...)`, whose collection is reported as `evidence`) are not properties.
 */
export function filterProperties(filter: string): string[] {
  const out: string[] = [];
  const lambdaVars = new Set<string>();
  const token = /'(?:[^']|'')*'|\$?[A-Za-z_][\w.]*(?:\/[A-Za-z_$][\w.]*)*|[0-9][\w:.+-]*|\S/g;
  for (let m = token.exec(filter); m; m = token.exec(filter)) {
    const word = m[0];
    if (!/^[A-Za-z_]/.test(word)) continue;
    const next = filter.slice(token.lastIndex);
    if (next.startsWith("'")) continue; // a typed literal such as microsoft.graph.security.alertSeverity'high'
    const variable = /^\s*:/.test(next);
    if (variable) {
      lambdaVars.add(word);
      continue;
    }
    const segments = word.split('/');
    const last = segments.at(-1)!.toLowerCase();
    if (/^\s*\(/.test(next)) {
      // A function call; for a lambda (`evidence/any(`) the collection before it is a property.
      if ((last === 'any' || last === 'all') && segments.length > 1 && !lambdaVars.has(segments[0]!)) out.push(segments[0]!);
      continue;
    }
    if (ODATA_WORDS.has(word.toLowerCase()) || lambdaVars.has(segments[0]!)) continue;
    out.push(segments[0]!);
  }
  return out;
}
