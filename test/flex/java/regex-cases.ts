/** Generated and hand-written java.util.regex cases for the differential test. */
import { seededRandom, type Random } from '../../../src/sandbox/index.js';

export interface RegexCase {
  op: 'M' | 'F' | 'RA' | 'RF' | 'S';
  pattern: string;
  input: string;
  arg: string;
}

type R = Random;

const ATOMS = [
  'a',
  'b',
  'c',
  ' ',
  '-',
  '\\.',
  '.',
  '\\d',
  '\\D',
  '\\w',
  '\\W',
  '\\s',
  '\\S',
  '\\h',
  '\\v',
  '[abc]',
  '[^a]',
  '[a-c]',
  '[^a-c ]',
  '[\\w-]',
  '[a-z&&[^b]]',
  '\\p{Alpha}',
  '\\p{Punct}',
  '\\p{L}',
  '\\p{Lu}',
  '\\P{L}',
  '\\p{Digit}',
  '\\p{IsLatin}',
  '\\x41',
  '\\u00e9',
  'é',
  '1',
  '\\t',
  '\\n',
  '[.]',
  '\\Q.*\\E',
  '[\\Q-]\\E]',
  '\\p{javaLowerCase}',
  '[[a][c]]',
  '\\R',
  '\\b',
  '\\B',
  '^',
  '$',
  '\\A',
  '\\z',
  '\\Z',
  'A',
  'B',
  '\\e',
  '[]a]',
  '\\0101',
];
const QUANTS = ['', '', '', '*', '+', '?', '*?', '+?', '??', '*+', '++', '?+', '{2}', '{1,2}', '{0,}', '{1,3}?', '{2,}+'];

/**
 * Capturing groups are not generated inside look-arounds: which captures Java keeps from inside a look-around
 * (or from a failed attempt in it) is a documented gap.
 */
function atom(r: R, depth: number, noCapture = false): string {
  const roll = r.next();
  if (depth < 3 && roll < 0.25) {
    const kinds = ['(', '(', '(?:', '(?=', '(?!', '(?<=', '(?<!', '(?>', '(?i:', '(?<g' + depth + r.int(0, 9) + '>'];
    const kind = r.pick(noCapture ? kinds.filter((k) => k.startsWith('(?') && !/^\(\?<g/.test(k)) : kinds);
    const inner = seq(r, depth + 1, noCapture || /^\(\?[=!]/.test(kind));
    const body = inner;
    // Java needs an obvious maximum length inside look-behind.
    const lb = kind === '(?<=' || kind === '(?<!';
    return `${kind}${lb ? r.pick(['a', 'b|c', '[ab]{1,2}', '\\d', ' ']) : body}${r.chance(0.2) && !lb ? '|' + seq(r, depth + 1, noCapture || /^\(\?[=!]/.test(kind)) : ''})`;
  }
  // Back references are generated only in the hand cases: a reference to a group that did not take part in the
  // match is a documented gap (JS matches it as empty, Java fails).
  return r.pick(ATOMS);
}

function seq(r: R, depth: number, noCapture = false): string {
  let s = '';
  const n = r.int(1, 4);
  for (let k = 0; k < n; k++) {
    const a = atom(r, depth, noCapture);
    const zeroWidth = /^(\^|\$|\\[AzZbB]|\(\?[=!<])/.test(a);
    s += a + (zeroWidth ? '' : r.pick(QUANTS));
  }
  return s;
}

const INPUT_CHARS = ['a', 'b', 'c', 'A', ' ', '-', '.', '1', '9', '\n', '\r', '\t', 'é', 'É', '\u0085', '\u2028', '_', ',', 'x'];

function input(r: R): string {
  let s = '';
  const n = r.int(0, 8);
  for (let k = 0; k < n; k++) s += r.pick(INPUT_CHARS);
  return s;
}

const REPLACEMENTS = ['X', '', '$0', '<$1>', '$2$1', '\\$', '\\\\', '$10', '${g01}', '$', '$a', '\\', 'a$1b'];

export function generateRegexCases(seed: number, count: number): RegexCase[] {
  const r = seededRandom(seed);
  const out: RegexCase[] = [];
  for (let k = 0; k < count; k++) {
    let pattern = seq(r, 0);
    if (r.chance(0.15)) pattern = r.pick(['(?i)', '(?s)', '(?m)', '(?x)', '(?d)', '(?-i)', '(?is)', '(?U)']) + pattern;
    if (r.chance(0.2)) pattern = `${pattern}|${seq(r, 1)}`;
    const op = r.pick(['M', 'M', 'F', 'F', 'RA', 'RF', 'S'] as const);
    const arg = op === 'RA' || op === 'RF' ? r.pick(REPLACEMENTS) : op === 'S' ? String(r.pick([0, 0, -1, 1, 2, 3])) : '';
    out.push({ op, pattern, input: input(r), arg });
  }
  return out;
}

/** Patterns as real parser files use them, with inputs that exercise them. */
export const HAND_REGEX: RegexCase[] = [
  { op: 'M', pattern: '.*#modelbreach\\/(.*)', input: 'https://darktrace.example/#modelbreach/12345', arg: '' },
  { op: 'M', pattern: '.*#modelbreach\\/(.*)', input: 'https://x/#modelbreach/1\n2', arg: '' },
  { op: 'M', pattern: '(\\S+) \\S+:.* (id=.*)', input: 'host1 proc: message text id=42', arg: '' },
  { op: 'M', pattern: '(\\S+) \\S+:.* (id=.*)', input: 'host1\u00a0proc: x id=1', arg: '' },
  { op: 'M', pattern: '(?i)^(critical|high)$', input: 'HIGH', arg: '' },
  { op: 'M', pattern: '(?i)é', input: 'É', arg: '' },
  { op: 'M', pattern: '(?iu)é', input: 'É', arg: '' },
  { op: 'M', pattern: '([^\\\\]+)\\\\(.+)', input: 'CONTOSO\\alice', arg: '' },
  { op: 'M', pattern: '(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})', input: '10.0.0.1', arg: '' },
  { op: 'M', pattern: 'abc$', input: 'abc\n', arg: '' },
  { op: 'F', pattern: 'abc$', input: 'abc\n', arg: '' },
  { op: 'F', pattern: 'abc$', input: 'abc\r\n', arg: '' },
  { op: 'F', pattern: '(?m)^b', input: 'a\r\nb', arg: '' },
  { op: 'F', pattern: '(?m)^', input: '', arg: '' },
  { op: 'F', pattern: '.', input: '\u0085', arg: '' },
  { op: 'F', pattern: '\\bé', input: 'aé', arg: '' },
  { op: 'M', pattern: '\\p{InGreek}', input: 'α', arg: '' },
  { op: 'S', pattern: ',', input: 'a,b,,c,,', arg: '0' },
  { op: 'S', pattern: ',', input: 'a,b,,c,,', arg: '-1' },
  { op: 'S', pattern: ',', input: 'a,b,,c,,', arg: '2' },
  { op: 'S', pattern: '', input: 'abc', arg: '0' },
  { op: 'S', pattern: '\\|', input: 'a|b|c', arg: '0' },
  { op: 'S', pattern: ',', input: '', arg: '0' },
  { op: 'S', pattern: ',', input: ',', arg: '0' },
  { op: 'S', pattern: '(?=b)', input: 'abab', arg: '0' },
  { op: 'S', pattern: '\\s*;\\s*', input: ' a ; b;c ;', arg: '0' },
  { op: 'RA', pattern: '(\\w+)@(\\w+)', input: 'alice@contoso bob@fabrikam', arg: '$2\\\\$1' },
  { op: 'RA', pattern: 'a*', input: 'baaac', arg: 'X' },
  { op: 'RA', pattern: '(a)', input: 'aaa', arg: '$1$11' },
  { op: 'RA', pattern: 'a', input: 'bbb', arg: '$9' },
  { op: 'RA', pattern: 'a', input: 'aaa', arg: '$9' },
  { op: 'RA', pattern: '(?<word>\\w+)', input: 'hi there', arg: '[${word}]' },
  { op: 'RF', pattern: '\\s+', input: '  lead and more', arg: '' },
  { op: 'M', pattern: 'a++a', input: 'aaa', arg: '' },
  { op: 'M', pattern: '(?>a|ab)c', input: 'abc', arg: '' },
  { op: 'M', pattern: '(a*+)(b)', input: 'aab', arg: '' },
  { op: 'M', pattern: '[a-z&&[^aeiou]]+', input: 'bcd', arg: '' },
  { op: 'M', pattern: '[^a-z&&[^x]]', input: 'x', arg: '' },
  { op: 'M', pattern: '(?x) a b # comment\n c', input: 'abc', arg: '' },
  { op: 'M', pattern: '\\Qa.b\\E+', input: 'a.bb', arg: '' },
  { op: 'M', pattern: '\\x{1F600}.', input: '\u{1F600}\u{1F601}', arg: '' },
  { op: 'M', pattern: '[\\d-z]+', input: '1-z', arg: '' },
  { op: 'M', pattern: 'x{,5}', input: 'x', arg: '' },
  { op: 'M', pattern: '(unclosed', input: 'x', arg: '' },
  { op: 'M', pattern: '[a-\\d]', input: 'a', arg: '' },
  { op: 'M', pattern: '*a', input: 'a', arg: '' },
  { op: 'M', pattern: '\\y', input: 'y', arg: '' },
  { op: 'M', pattern: '\\p{Punct}+', input: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~', arg: '' },
  { op: 'M', pattern: '\\p{Punct}', input: '§', arg: '' },
  { op: 'M', pattern: '(?U)\\w+', input: 'héllo', arg: '' },
  { op: 'M', pattern: '\\w+', input: 'héllo', arg: '' },
  { op: 'M', pattern: '\\s', input: '\u00a0', arg: '' },
  { op: 'M', pattern: '(?s).+', input: 'a\nb', arg: '' },
  { op: 'M', pattern: '.+', input: 'a\u2028b', arg: '' },
  { op: 'M', pattern: '(?d).+', input: 'a\rb', arg: '' },
];
