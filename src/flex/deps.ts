// What the engine uses from its sibling areas (Java semantics, the operation registry and its conversions), in
// one place, so the engine's own modules import nothing else from those folders.
export { OPERATIONS, UNEMULATED_OPERATIONS, toAddress, toDouble, toInteger, toLong, toMac, toStringValue, toTimestamp, parseAddress, parseMac } from './operations/index.js';
export { compileSimpleDateFormat, parseJavaInt, parseJavaLong, type CompiledDateFormat } from './java/index.js';
import { compileSimpleDateFormat } from './java/index.js';

/** Why a SimpleDateFormat pattern is invalid (Java's IllegalArgumentException message), or undefined if valid. */
export function checkDateFormat(pattern: string): string | undefined {
  try {
    compileSimpleDateFormat(pattern);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
