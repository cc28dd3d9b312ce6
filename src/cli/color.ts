import { Chalk, type ChalkInstance } from 'chalk';

export type ColorFlag = boolean | undefined;

/**
 * The one place that decides whether a stream gets colour: `--color`/`--no-color` first, then `NO_COLOR`
 * (non-empty: off), then `FORCE_COLOR`, then whether the stream is a TTY. chalk ignores NO_COLOR, so chalk
 * only receives the level decided here.
 */
export function colorLevel(stream: { isTTY?: boolean }, flag: ColorFlag, env: NodeJS.ProcessEnv): 0 | 1 | 2 | 3 {
  if (flag === false) return 0;
  if (flag === true) return 1;
  if (env.NO_COLOR) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') {
    if (force === '0' || force === 'false') return 0;
    const n = Number(force);
    return n === 2 || n === 3 ? n : 1;
  }
  return stream.isTTY && env.TERM !== 'dumb' ? 1 : 0;
}

export function chalkFor(stream: { isTTY?: boolean }, flag: ColorFlag, env: NodeJS.ProcessEnv): ChalkInstance {
  return new Chalk({ level: colorLevel(stream, flag, env) });
}
