import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editProperties, formatProperties, parseProperties } from '../../src/properties/index.js';
import { pair, rawPropertiesText, trickyString } from './arbitraries.js';
import { JavaPropsServer, latin1 } from './java-oracle.js';

// Every generated file is loaded by the real JVM (one long-lived process) and must give back exactly the
// keys and values we wrote. numRuns is 2,000 per property; each run writes 1-6 pairs.
const NUM_RUNS = Number(process.env.PROPS_NUM_RUNS ?? 2000);

let java: JavaPropsServer;
beforeAll(() => {
  java = new JavaPropsServer();
});
afterAll(async () => {
  await java.close();
});

function lastWins(pairs: Array<{ key: string; value: string }>): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of pairs) map.set(p.key, p.value);
  return map;
}

/** Physical lines that Java reads as comments: starting with # or ! and not part of an entry's lines. */
function commentLines(text: string): string[] {
  const inEntry = new Set<number>();
  for (const e of parseProperties(text).entries) for (let l = e.line; l <= e.endLine; l++) inEntry.add(l);
  return text.split(/\r\n|\r|\n/).filter((l, i) => !inEntry.has(i + 1) && /^[ \t\f]*[#!]/.test(l));
}

function sorted(map: Map<string, string>): Array<[string, string]> {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('formatProperties round trip through java.util.Properties.load', () => {
  it('Java reads back every generated key and value unchanged', async () => {
    let pairs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(pair, { minLength: 1, maxLength: 6 }), fc.boolean(), async (items, withComment) => {
        pairs += items.length;
        const text = formatProperties([
          ...(withComment ? [{ comment: 'generated\nby the test' }] : []),
          ...items.slice(0, 3),
          { blank: true as const },
          ...items.slice(3),
        ]);
        // pure ASCII, so ISO-8859-1 and UTF-8 readers agree
        expect(/^[\t\n\x20-\x7e]*$/.test(text)).toBe(true);
        const expected = sorted(lastWins(items));
        const loaded = await java.load(latin1(text));
        expect(loaded.ok).toBe(true);
        if (loaded.ok) expect(sorted(loaded.map)).toEqual(expected);
        expect(sorted(parseProperties(text).toMap())).toEqual(expected);
      }),
      { numRuns: NUM_RUNS },
    );
    expect(pairs).toBeGreaterThanOrEqual(NUM_RUNS);
  }, 240_000);
});

/** Files to edit: written by us, and hand-written ones with odd layout, comments, duplicates and continuations. */
const HAND_WRITTEN = [
  '',
  '# only a comment',
  'a=1',
  'a=1\n',
  '# head\r\na = 1\r\nb:2\r\n\r\n! bang\r\na=3\r\n',
  'x=1\ry=2\r',
  '  indented   value with spaces  \nkey\\ with\\ space = v\\\n    continued\n',
  'dangling=1\\',
  'dangling=1\\\n',
  'dangling=1\\\n   ',
  'empty=\nnokey\n=novalue\n:colon\n',
  'k:=v\nk2 = = v\n\tk3\t\tv3\f\n',
  '#c\\\nstill=entry\n',
  '\u00ef\u00bb\u00bfbom=1\n',
  '\\\n#c\nkey=v\n',
  'a=\\\r   b\rc\\\r\n\r\n',
  'key\nkey2\\\n',
  'dup=1\ndup=2\n# between\ndup=3',
  'k\\\n\\\n\\\n=v\n',
  'a\\\\=b\\\\\\\ncontinued\n',
];

const edit = (keys: string[]) =>
  fc.oneof(
    fc.record({ set: keys.length ? fc.oneof(fc.constantFrom(...keys), trickyString) : trickyString, value: trickyString }),
    fc.record({ delete: keys.length ? fc.oneof(fc.constantFrom(...keys), trickyString) : trickyString }),
  );

const baseFile = fc.oneof(
  fc.constantFrom(...HAND_WRITTEN),
  rawPropertiesText,
  fc.array(pair, { maxLength: 5 }).map((items) => formatProperties([{ comment: 'kept' }, ...items])),
);

describe('editProperties through java.util.Properties.load', () => {
  it('Java reads the edited file as the original with the edits applied', async () => {
    await fc.assert(
      fc.asyncProperty(
        baseFile.chain((base) => {
          const keys = [...parseProperties(base).toMap().keys()];
          return fc.tuple(fc.constant(base), fc.array(edit(keys), { minLength: 1, maxLength: 4 }));
        }),
        async ([base, edits]) => {
          const before = await java.load(latin1(base));
          // random text may hold a malformed \u escape, which Java refuses to load at all
          fc.pre(before.ok);
          if (!before.ok) return;
          const expected = new Map(before.map);
          for (const e of edits) {
            if ('delete' in e) expected.delete(e.delete);
            else expected.set(e.set, e.value);
          }
          const edited = editProperties(base, edits);
          const after = await java.load(latin1(edited));
          expect(after.ok).toBe(true);
          if (after.ok) expect(sorted(after.map)).toEqual(sorted(expected));
          // comments survive, in order
          expect(commentLines(edited)).toEqual(commentLines(base));
        },
      ),
      { numRuns: NUM_RUNS },
    );
  }, 240_000);
});
