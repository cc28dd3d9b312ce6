import type { Argv } from 'yargs';
import type { CliContext } from './context.js';

/** Options every command receives from the root. */
export interface GlobalOptions {
  color?: boolean;
  debug?: boolean;
}

/**
 * A sub-command module (src/cli/commands/<name>.ts). Only the module of the command being run is imported, so
 * start-up stays cheap; a module imports core code inside `run`, not at its top.
 */
export interface CommandModule<O = Record<string, unknown>> {
  /** yargs command string with positionals, e.g. `validate [files..]`. */
  command: string;
  builder: (yargs: Argv<GlobalOptions>) => Argv<O>;
  /**
   * Does the work and resolves to the exit code: 0, or 1 when the thing checked is wrong (findings, failed
   * cases, drift). Everything else is a thrown typed error that the top-level catch maps to its exit code.
   */
  run: (argv: O & GlobalOptions, ctx: CliContext) => Promise<number | void>;
  /**
   * Optional start-up fast path (importing yargs costs more than `node -e 0` itself): parses the arguments
   * other than the command name without yargs and returns the options, or undefined to fall back to yargs
   * (for --help and for anything unusual or invalid, so yargs keeps producing the usage errors).
   */
  parseFast?: (args: readonly string[]) => (O & GlobalOptions) | undefined;
  /**
   * The interrupt signal (ctx.signal) is how this command normally ends (a server run until Ctrl+C): a clean
   * shutdown after it keeps the command's exit code. For every other command an interrupted run exits 130.
   */
  endsOnSignal?: boolean;
}

export function defineCommand<O>(module: CommandModule<O>): CommandModule<O> {
  return module;
}
