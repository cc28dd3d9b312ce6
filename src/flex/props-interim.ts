/**
 * INTERIM: a minimal java.util.Properties reader with positions, used only until src/properties publishes
 * parseProperties (same contract). Delete this file and import '../properties/index.js' then.
 */
export interface PropertyEntry {
  key: string;
  value: string;
  line: number;
  column: number;
  valueLine: number;
  valueColumn: number;
  endLine: number;
  endColumn: number;
  rawKey: string;
  rawValue: string;
}
export interface PropertiesDiagnostic {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  line: number;
  column: number;
}
export interface PropertiesDocument {
  entries: PropertyEntry[];
  diagnostics: PropertiesDiagnostic[];
}

function unescape(raw: string, diagnostics: PropertiesDiagnostic[], line: number, column: number): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\' || i + 1 >= raw.length) {
      if (c !== '\\') out += c;
      continue;
    }
    const e = raw[++i]!;
    if (e === 'u') {
      const hex = raw.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        diagnostics.push({ severity: 'error', code: 'malformed-unicode-escape', message: 'Malformed \\uxxxx encoding.', line, column: column + i - 1 });
        continue;
      }
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else out += e === 't' ? '\t' : e === 'n' ? '\n' : e === 'r' ? '\r' : e === 'f' ? '\f' : e;
  }
  return out;
}

export function parseProperties(text: string): PropertiesDocument {
  const lines = text.split(/\r\n|\r|\n/);
  const entries: PropertyEntry[] = [];
  const diagnostics: PropertiesDiagnostic[] = [];
  const isWs = (c: string | undefined) => c === ' ' || c === '\t' || c === '\f';
  for (let n = 0; n < lines.length; n++) {
    const first = lines[n]!;
    let s = 0;
    while (isWs(first[s])) s++;
    if (s >= first.length || first[s] === '#' || first[s] === '!') continue;
    const startLine = n + 1;
    // Join continuation lines (an odd number of trailing backslashes).
    let logical = first.slice(s);
    let endLine = startLine;
    let last = first;
    const trailing = (l: string) => {
      let k = 0;
      while (k < l.length && l[l.length - 1 - k] === '\\') k++;
      return k % 2 === 1;
    };
    while (trailing(logical) && n + 1 < lines.length) {
      logical = logical.slice(0, -1);
      n++;
      last = lines[n]!;
      endLine = n + 1;
      logical += last.replace(/^[ \t\f]*/, '');
    }
    if (trailing(logical)) logical = logical.slice(0, -1);
    let i = 0;
    while (i < logical.length) {
      const c = logical[i]!;
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '=' || c === ':' || isWs(c)) break;
      i++;
    }
    const rawKey = logical.slice(0, Math.min(i, logical.length));
    let v = i;
    while (isWs(logical[v])) v++;
    if (logical[v] === '=' || logical[v] === ':') {
      v++;
      while (isWs(logical[v])) v++;
    }
    const rawValue = logical.slice(v);
    const column = s + 1;
    entries.push({
      key: unescape(rawKey, diagnostics, startLine, column),
      value: unescape(rawValue, diagnostics, startLine, column + v),
      line: startLine,
      column,
      valueLine: startLine,
      valueColumn: column + v,
      endLine,
      endColumn: last.length + 1,
      rawKey,
      rawValue,
    });
  }
  return { entries, diagnostics };
}
