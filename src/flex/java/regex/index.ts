/** java.util.regex emulation (work in progress: translation is being completed). */
import { JavaPatternError } from '../errors.js';

export function javaRegex(pattern: string, flags = ''): RegExp {
  try {
    return new RegExp(pattern, `g${flags}`);
  } catch (e) {
    throw new JavaPatternError((e as Error).message);
  }
}

export function javaMatches(re: RegExp, input: string): RegExpExecArray | null {
  const whole = new RegExp(`^(?:${re.source})$`, re.flags);
  return whole.exec(input);
}

export function javaFind(re: RegExp, input: string): RegExpExecArray | null {
  re.lastIndex = 0;
  return re.exec(input);
}

export function javaReplace(input: string, re: RegExp, replacement: string, all: boolean): string {
  void all;
  return input.replace(re, replacement);
}

export function javaSplit(input: string, re: RegExp, limit = 0): string[] {
  void limit;
  return input.split(re);
}
