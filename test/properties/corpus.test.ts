import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getProperties } from 'properties-file';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseProperties } from '../../src/properties/index.js';
import { javaLoadAll, type JavaLoad } from './java-oracle.js';

const corpusDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'properties-corpus');
const files = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.properties'))
  .sort();
const javaErrors = JSON.parse(readFileSync(join(corpusDir, 'java-errors.json'), 'utf8')) as Record<string, number>;

function sorted(map: Map<string, string>): Array<[string, string]> {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

let java: Map<string, JavaLoad>;
beforeAll(async () => {
  const bytes = files.map((f) => readFileSync(join(corpusDir, f)));
  const results = await javaLoadAll(bytes);
  java = new Map(files.map((f, i) => [f, results[i]!]));
}, 120_000);

describe('reader corpus against java.util.Properties.load(InputStream)', () => {
  it('has at least 40 files, each described in the README', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    const readme = readFileSync(join(corpusDir, 'README.md'), 'utf8');
    for (const f of files) expect(readme).toContain(`\`${f}\``);
  });

  it.each(files)('%s', (file) => {
    const text = readFileSync(join(corpusDir, file)).toString('latin1');
    const doc = parseProperties(text);
    const expected = java.get(file)!;
    const errors = doc.diagnostics.filter((d) => d.severity === 'error');
    if (expected.ok) {
      expect(file in javaErrors, `${file} is listed in java-errors.json but Java loads it`).toBe(false);
      expect(sorted(doc.toMap())).toEqual(sorted(expected.map));
      expect(errors).toEqual([]);
    } else {
      expect(expected.error).toMatch(/IllegalArgumentException: Malformed \\uxxxx encoding/);
      expect(javaErrors[file], `${file}: Java throws; add the line to java-errors.json`).toBeTypeOf('number');
      expect(errors[0]).toMatchObject({ code: 'malformed-unicode-escape', line: javaErrors[file] });
    }
  });

  it('flags the byte order mark Java keeps in the first key', () => {
    for (const file of ['bom.properties', 'bom-then-comment.properties']) {
      const doc = parseProperties(readFileSync(join(corpusDir, file)).toString('latin1'));
      expect(doc.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'bom', line: 1, column: 1 }));
      expect(doc.entries[0]!.key.startsWith('\u00ef\u00bb\u00bf')).toBe(true);
    }
  });

  // properties-file (where our escaping and decoding come from) must agree with our scanner too, except where it
  // departs from Java: it strips a byte order mark (on purpose), and it reads a comment line after a lone
  // continuation backslash as an entry (Java, and we, keep it a comment; the file's test above proves Java's view).
  const differsFromJava = new Set(['bom.properties', 'bom-then-comment.properties', 'continuation-lone-backslash-then-comment.properties']);
  it.each(files.filter((f) => !(f in javaErrors) && !differsFromJava.has(f)))('properties-file agrees on %s', (file) => {
    const text = readFileSync(join(corpusDir, file)).toString('latin1');
    const theirs = new Map(Object.entries(getProperties(text)));
    expect(sorted(parseProperties(text).toMap())).toEqual(sorted(theirs));
  });
});
