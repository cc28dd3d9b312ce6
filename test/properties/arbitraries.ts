import fc from 'fast-check';

/** The characters that make .properties escaping hard, weighted up so most runs hit several of them. */
const TRICKY = [
  '\\',
  '=',
  ':',
  '#',
  '!',
  ' ',
  ' ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\f',
  '\u000b',
  '\u0000',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u00e9',
  '\u00ff',
  '\u0100',
  '\u20ac',
  '\ufeff',
  '\u2028',
  '\ud800',
  '\udfff',
  '\u{1f600}',
  '\u{10ffff}',
  'u',
  '\\u',
  '\\u00',
  'a',
  'b',
  'Z',
  '0',
  'f',
];

const unit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

/** Keys and values: empty strings, leading/trailing blanks, every escape-relevant character, astral characters. */
export const trickyString = fc.string({ unit, maxLength: 12 });

export const pair = fc.record({ key: trickyString, value: trickyString });

/**
 * Random .properties text built from the characters the grammar cares about (separators, blanks, backslashes,
 * line ends, comment starts, \u escapes whole and broken, characters Java does not treat as blanks, a BOM).
 */
const piece = fc.constantFrom(
  'a',
  'k',
  'v',
  '=',
  ':',
  ' ',
  '\t',
  '\f',
  '\\',
  '\\',
  '\n',
  '\r',
  '\r\n',
  '#',
  '!',
  'u',
  '0',
  '4',
  '1',
  'g',
  '\\u0041',
  '\\u00',
  '\u00a0',
  '\u000b',
  '\u00e9',
  '\u00ef\u00bb\u00bf',
);
export const rawPropertiesText = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
