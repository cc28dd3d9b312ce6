import { describe, expect, it } from 'vitest';
import { findingsOf, withRule } from './helpers.js';

const syntax = (text: string) => withRule(findingsOf('values-json', text), 'WDA401');

describe('WDA401 points at the character JSON.parse rejects', () => {
  it.each([
    // [text, line, column, message]
    ['{"tenant": tru}', 1, 15, 'Not valid JSON: Expected true (found "}").'],
    ['{\n  "tenant": "x\\q"\n}', 2, 16, 'Not valid JSON: Invalid escape in string (found "q").'],
    ['{\n  "port": 1.\n}', 2, 13, 'Not valid JSON: Invalid number (found "\\n").'],
    ['{"tenant": "x', 1, 14, 'Not valid JSON: Unterminated string (the text ends here).'],
    ['\ufeff{"tenant" "x"}', 1, 12, 'Not valid JSON: Expected ":" after the property name (found "\\"").'],
  ])('%j at %i:%i', (text, line, column, message) => {
    const [hit, ...more] = syntax(text);
    expect(more).toEqual([]);
    expect(hit).toMatchObject({ line, column, endLine: line, endColumn: column + 1, message });
  });
});
