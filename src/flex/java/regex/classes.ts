/**
 * Character sets for the Java regex translation, written as JS `v`-mode class contents. Java's predefined
 * classes are ASCII unless UNICODE_CHARACTER_CLASS ((?U)) is on; JS's \s and \b are Unicode-aware, so every
 * predefined class is spelled out rather than passed through.
 */
import { JavaPatternError } from '../errors.js';

/** Class contents (no brackets) in JS `v` syntax. */
export type SetText = string;

const ASCII = {
  d: '0-9',
  w: 'a-zA-Z_0-9',
  s: ' \\t\\n\\x0B\\f\\r',
};
const UNICODE = {
  d: '\\p{Nd}',
  w: '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}',
  s: '\\p{White_Space}',
};
export const H_SPACE = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';
export const V_SPACE = '\\n\\x0B\\f\\r\\x85\\u2028\\u2029';

/** \d \w \s \h \v (lower case; upper case is the complement, handled by the caller). */
export function predefined(letter: string, unicode: boolean): SetText {
  switch (letter) {
    case 'd':
    case 'w':
    case 's':
      return (unicode ? UNICODE : ASCII)[letter];
    case 'h':
      return H_SPACE;
    case 'v':
      return V_SPACE;
    default:
      throw new JavaPatternError(`Illegal/unsupported escape sequence \\${letter}`);
  }
}

const POSIX_ASCII: Record<string, SetText> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`\\{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
};
const POSIX_UNICODE: Record<string, SetText> = {
  Lower: '\\p{Lowercase}',
  Upper: '\\p{Uppercase}',
  ASCII: '\\x00-\\x7F',
  Alpha: '\\p{Alphabetic}',
  Digit: '\\p{Nd}',
  Alnum: '\\p{Alphabetic}\\p{Nd}',
  Punct: '\\p{P}',
  Graph: '[^\\p{White_Space}\\p{Cc}\\p{Cs}\\p{Cn}]',
  Print: '[[^\\p{White_Space}\\p{Cc}\\p{Cs}\\p{Cn}]\\p{Zs}]',
  Blank: '\\t\\p{Zs}',
  Cntrl: '\\p{Cc}',
  XDigit: '\\p{Nd}\\p{Hex_Digit}',
  Space: '\\p{White_Space}',
};
const JAVA_CHARACTER: Record<string, SetText> = {
  javaLowerCase: '\\p{Lowercase}',
  javaUpperCase: '\\p{Uppercase}',
  javaAlphabetic: '\\p{Alphabetic}',
  javaIdeographic: '\\p{Ideographic}',
  javaTitleCase: '\\p{Lt}',
  javaDigit: '\\p{Nd}',
  javaDefined: '\\P{Cn}',
  javaLetter: '\\p{L}',
  javaLetterOrDigit: '\\p{L}\\p{Nd}',
  javaSpaceChar: '\\p{Zs}\\p{Zl}\\p{Zp}',
  javaWhitespace: '\\t\\n\\x0B\\f\\r\\x1C-\\x1F[\\p{Zs}\\p{Zl}\\p{Zp}--[\\xA0\\u2007\\u202F]]',
  javaISOControl: '\\x00-\\x1F\\x7F-\\x9F',
  javaMirrored: '\\p{Bidi_Mirrored}',
};
/** Unicode binary properties Java accepts after "Is", mapped to the JS names. */
const BINARY: Record<string, string> = {
  alphabetic: 'Alphabetic',
  ideographic: 'Ideographic',
  letter: 'L',
  lowercase: 'Lowercase',
  uppercase: 'Uppercase',
  titlecase: 'Lt',
  punctuation: 'P',
  control: 'Cc',
  white_space: 'White_Space',
  whitespace: 'White_Space',
  digit: 'Nd',
  hex_digit: 'Hex_Digit',
  hexdigit: 'Hex_Digit',
  join_control: 'Join_Control',
  joincontrol: 'Join_Control',
  noncharacter_code_point: 'Noncharacter_Code_Point',
  noncharactercodepoint: 'Noncharacter_Code_Point',
  assigned: 'Assigned',
  emoji: 'Emoji',
  emoji_presentation: 'Emoji_Presentation',
  emoji_modifier: 'Emoji_Modifier',
  emoji_modifier_base: 'Emoji_Modifier_Base',
  emoji_component: 'Emoji_Component',
  extended_pictographic: 'Extended_Pictographic',
};
const CATEGORIES = new Set([
  'L',
  'Lu',
  'Ll',
  'Lt',
  'Lm',
  'Lo',
  'LC',
  'M',
  'Mn',
  'Mc',
  'Me',
  'N',
  'Nd',
  'Nl',
  'No',
  'P',
  'Pc',
  'Pd',
  'Ps',
  'Pe',
  'Pi',
  'Pf',
  'Po',
  'S',
  'Sm',
  'Sc',
  'Sk',
  'So',
  'Z',
  'Zs',
  'Zl',
  'Zp',
  'C',
  'Cc',
  'Cf',
  'Cs',
  'Co',
  'Cn',
]);

function scriptSet(name: string): SetText {
  const s = `\\p{Script=${name}}`;
  try {
    new RegExp(s, 'v');
  } catch {
    throw new JavaPatternError(`Unknown character script name {${name}}`);
  }
  return s;
}

const CASED = '\\p{Lu}\\p{Ll}\\p{Lt}';
const CASED_PROPS = '\\p{Lowercase}\\p{Uppercase}\\p{Lt}';
/** With CASE_INSENSITIVE, Java widens the case properties to every cased letter. */
function caseInsensitiveProperty(name: string, unicodeClasses: boolean): SetText | undefined {
  const bare = name.startsWith('Is') ? name.slice(2) : name;
  if (['Lu', 'Ll', 'Lt'].includes(bare)) return CASED;
  if (name === 'Lower' || name === 'Upper') return unicodeClasses ? CASED_PROPS : 'a-zA-Z';
  if (['lowercase', 'uppercase', 'titlecase'].includes(bare.toLowerCase()) && name.startsWith('Is')) return CASED_PROPS;
  if (['javaLowerCase', 'javaUpperCase', 'javaTitleCase'].includes(name)) return CASED_PROPS;
  return undefined;
}

/** The contents of \p{name} (positive form). */
export function propertySet(name: string, unicodeClasses: boolean, caseInsensitive = false): SetText {
  if (caseInsensitive) {
    const ci = caseInsensitiveProperty(name, unicodeClasses);
    if (ci !== undefined) return ci;
  }
  if (name.length === 1 || CATEGORIES.has(name)) {
    if (CATEGORIES.has(name)) return `\\p{${name === 'LC' ? 'LC' : name}}`;
  }
  const posix = (unicodeClasses ? POSIX_UNICODE : POSIX_ASCII)[name];
  if (posix !== undefined) return posix;
  const javaChar = JAVA_CHARACTER[name];
  if (javaChar !== undefined) return javaChar;
  const eq = name.indexOf('=');
  if (eq > 0) {
    const key = name.slice(0, eq).toLowerCase();
    const value = name.slice(eq + 1);
    if (key === 'script' || key === 'sc') return scriptSet(value);
    if (key === 'general_category' || key === 'gc') {
      if (CATEGORIES.has(value)) return `\\p{${value}}`;
      throw new JavaPatternError(`Unknown Unicode property {name=<${key}>, value=<${value}>}`);
    }
    if (key === 'block' || key === 'blk') throw new JavaPatternError(`Unicode blocks are not supported by wdatp-arcsight: \\p{${name}}`);
    throw new JavaPatternError(`Unknown Unicode property {name=<${key}>, value=<${value}>}`);
  }
  if (name.startsWith('In')) throw new JavaPatternError(`Unicode blocks are not supported by wdatp-arcsight: \\p{${name}}`);
  if (name.startsWith('Is')) {
    const rest = name.slice(2);
    if (CATEGORIES.has(rest)) return `\\p{${rest}}`;
    const binary = BINARY[rest.toLowerCase()];
    if (binary !== undefined) return `\\p{${binary}}`;
    return scriptSet(rest);
  }
  throw new JavaPatternError(`Unknown character property name {${name}}`);
}
