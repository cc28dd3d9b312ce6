/**
 * Java semantics the FlexConnector emulation has to match, because ArcSight itself is Java:
 * java.text.SimpleDateFormat parsing, java.util.regex, and Integer/Long/Double parsing.
 * Each behaviour here is checked against the real JVM by the differential tests in test/flex/java.
 */
export { JavaPatternError } from './errors.js';
export { checkDateFormat, compileSimpleDateFormat } from './date/compile.js';
export { isNumericDateField, tokenizeDatePattern, type DatePatternPiece } from './date/pattern.js';
export type { CompiledDateFormat, DateParseOptions } from './date/compile.js';
export { isJavaTimeZoneId, isTimeZone, javaTimeZoneOffset } from './date/zone.js';
export { javaRegex, javaRegexSource, javaMatches, javaFind, javaReplace, javaSplit } from './regex/index.js';
export { parseJavaInt, parseJavaLong, parseJavaDouble, INT_MIN, INT_MAX, LONG_MIN, LONG_MAX } from './numbers.js';
