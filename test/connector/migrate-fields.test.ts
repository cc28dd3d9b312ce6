/**
 * The v2 -> v3 change table `migrate` prints must speak of the v2 parser file as it is: every field v2 fills is
 * listed with its source, and every v2 source it names exists there.
 */
import { describe, expect, it } from 'vitest';
import { FIELD_CHANGES, renderParserFile } from '../../src/connector/index.js';
import { parseProperties } from '../../src/properties/index.js';

const v2 = parseProperties(renderParserFile('v2')).toMap();
const tokens = new Set([...v2].filter(([k]) => /^token\[\d+\]\.name$/.test(k)).map(([, v]) => v));
const mapped = new Map([...v2].filter(([k]) => k.startsWith('event.') && !k.endsWith('Label')).map(([k, v]) => [k.slice('event.'.length), v] as const));
const fieldOf = (f: string): string => f.replace(/\s*\(.*$/, '');
const sourcesOf = (v2Text: string): string[] =>
  v2Text
    .replace(/\s*\(.*?\)/g, '')
    .split(/,\s*/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

describe('FIELD_CHANGES against the v2 parser file', () => {
  it('lists every field v2 fills, with the token v2 fills it from', () => {
    for (const [field, expression] of mapped) {
      const change = FIELD_CHANGES.find((c) => fieldOf(c.field) === field);
      expect(change, `event.${field}`).toBeDefined();
      const source = sourcesOf(change!.v2 ?? '')[0]!;
      expect(expression, `event.${field}`).toContain(source.replace(/^"(.*)"$/, '$1'));
    }
  });

  it('names only fields v2 fills and tokens v2 reads; "additional data" ones are tokens no field uses', () => {
    const used = [...mapped.values()].join(' ');
    for (const change of FIELD_CHANGES.filter((c) => c.kind !== 'new')) {
      if (change.field === 'additional data') {
        for (const token of sourcesOf(change.v2!)) {
          expect(tokens.has(token), token).toBe(true);
          expect(used, token).not.toMatch(new RegExp(`\\b${token}\\b`));
        }
      } else {
        expect(mapped.has(fieldOf(change.field)), change.field).toBe(true);
      }
    }
  });

  it('new fields are ones v2 leaves empty', () => {
    for (const change of FIELD_CHANGES.filter((c) => c.kind === 'new')) {
      for (const field of change.field.replace(/\s*\(.*$/, '').split(' / ')) expect(mapped.has(field), field).toBe(false);
    }
  });
});
