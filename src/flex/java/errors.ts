/**
 * Raised where Java would throw at pattern-compile time: `IllegalArgumentException` from `new SimpleDateFormat(p)`
 * and `PatternSyntaxException` from `Pattern.compile(p)`, and `IllegalArgumentException`/`IndexOutOfBoundsException`
 * from a replacement string that refers to a group the pattern lacks. The message mirrors Java's first line.
 */
export class JavaPatternError extends Error {
  /** Index into the pattern (or replacement) where Java reports the problem, when it reports one. */
  index?: number;

  constructor(message: string, index?: number) {
    super(message);
    this.name = 'JavaPatternError';
    if (index !== undefined) this.index = index;
  }
}
