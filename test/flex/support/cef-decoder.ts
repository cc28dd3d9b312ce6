/**
 * A CEF decoder written for tests straight from the escaping rules (header: `\\` and `\|`; extension values:
 * `\\`, `\=`, `\n`, `\r`; a value ends where the next ` key=` starts). It shares no code with the encoder, so
 * a round trip through both checks the encoder against the rules rather than against itself.
 */
export interface DecodedCef {
  version: string;
  header: [vendor: string, product: string, version: string, signature: string, name: string, severity: string];
  extensions: Array<[string, string]>;
}

const KEY_CHAR = /[A-Za-z0-9_.,[\]-]/;

export function decodeCef(line: string): DecodedCef {
  if (!line.startsWith('CEF:')) throw new Error('not CEF: no "CEF:" prefix');
  if (/[\r\n]/.test(line)) throw new Error('not CEF: raw line break');
  const parts: string[] = [];
  let current = '';
  let i = 4;
  while (parts.length < 7) {
    if (i >= line.length) throw new Error(`not CEF: ${parts.length} header fields`);
    const c = line[i]!;
    if (c === '\\') {
      const next = line[i + 1];
      if (next !== '\\' && next !== '|') throw new Error(`bad header escape \\${next} at ${i}`);
      current += next;
      i += 2;
    } else if (c === '|') {
      parts.push(current);
      current = '';
      i++;
    } else {
      current += c;
      i++;
    }
  }
  const [version, ...header] = parts as [string, ...string[]];
  return { version, header: header as DecodedCef['header'], extensions: decodeExtensions(line.slice(i)) };
}

function decodeExtensions(text: string): Array<[string, string]> {
  // Every unescaped '=' ends a key; the key is the run of key characters before it, after a space.
  const equals: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '=') equals.push(i);
  }
  const keyStart = (eq: number): number => {
    let s = eq;
    while (s > 0 && KEY_CHAR.test(text[s - 1]!)) s--;
    if (s === eq) throw new Error(`empty key before '=' at ${eq}`);
    if (s > 0 && text[s - 1] !== ' ') throw new Error(`key at ${s} not preceded by a space`);
    return s;
  };
  const out: Array<[string, string]> = [];
  for (let k = 0; k < equals.length; k++) {
    const eq = equals[k]!;
    const start = keyStart(eq);
    const end = k + 1 < equals.length ? keyStart(equals[k + 1]!) - 1 : text.length;
    out.push([text.slice(start, eq), unescapeValue(text.slice(eq + 1, end))]);
  }
  if (equals.length === 0 && text.trim() !== '') throw new Error('extension text without key=value');
  return out;
}

function unescapeValue(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = raw[++i];
    if (e === undefined) throw new Error('dangling backslash');
    out += e === 'n' ? '\n' : e === 'r' ? '\r' : e;
  }
  return out;
}
