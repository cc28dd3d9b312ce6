import { describe, expect, it } from 'vitest';
import { colorLevel } from '../../src/cli/color.js';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('colour policy', () => {
  it.each([
    ['flag on beats NO_COLOR', pipe, true, { NO_COLOR: '1' }, 1],
    ['flag off beats FORCE_COLOR', tty, false, { FORCE_COLOR: '3' }, 0],
    ['NO_COLOR turns a TTY off', tty, undefined, { NO_COLOR: '1' }, 0],
    ['empty NO_COLOR is ignored', tty, undefined, { NO_COLOR: '' }, 1],
    ['NO_COLOR beats FORCE_COLOR', pipe, undefined, { NO_COLOR: '1', FORCE_COLOR: '1' }, 0],
    ['FORCE_COLOR colours a pipe', pipe, undefined, { FORCE_COLOR: '1' }, 1],
    ['FORCE_COLOR=0 turns a TTY off', tty, undefined, { FORCE_COLOR: '0' }, 0],
    ['FORCE_COLOR=false turns a TTY off', tty, undefined, { FORCE_COLOR: 'false' }, 0],
    ['FORCE_COLOR=3 keeps its level', pipe, undefined, { FORCE_COLOR: '3' }, 3],
    ['a pipe is plain', pipe, undefined, {}, 0],
    ['a TTY is coloured', tty, undefined, {}, 1],
    ['TERM=dumb is plain', tty, undefined, { TERM: 'dumb' }, 0],
  ] as const)('%s', (_name, stream, flag, env, level) => {
    expect(colorLevel(stream, flag, env as NodeJS.ProcessEnv)).toBe(level);
  });
});
