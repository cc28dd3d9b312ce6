import type { Argv } from 'yargs';
import { UsageError } from '../errors/index.js';
import type { CliContext } from './context.js';
import { parseFastArgs, type FastArgsOptions } from './fast-args.js';
import { argvMismatch, fitsTable, type ArgvOf, type OptionTable } from './options.js';

/** Options of the root that every command receives. */
export const GLOBAL_OPTIONS = {
  color: { type: 'boolean', describe: 'Force colour on or off (default: auto; honours NO_COLOR and FORCE_COLOR)' },
  debug: { type: 'boolean', describe: 'Print debug details and stack traces (never secrets)' },
} as const satisfies OptionTable;

export type GlobalOptions = ArgvOf<typeof GLOBAL_OPTIONS>;

/**
 * A sub-command as its module (src/cli/commands/<name>.ts) writes it. Only the module of the command being run is
 * imported, so start-up stays cheap; a module imports core code inside `run`, not at its top.
 */
export interface CommandDefinition<T extends OptionTable> {
  /** yargs command string with positionals, e.g. `validate [files..]` (each positional is in `options` too). */
  command: string;
  /** Every option and positional: yargs, --help, the fast path and the argv type of `run` all come from it. */
  options: T;
  /** What yargs needs beyond the options: examples, parser configuration. */
  builder?: (yargs: Argv<GlobalOptions>) => Argv<GlobalOptions>;
  /**
   * Start-up fast path (importing yargs costs more than `node -e 0` itself): plain argument lists are parsed from
   * the table with node:util parseArgs; yargs runs for --help and for anything unusual or invalid, so yargs keeps
   * producing the usage errors.
   */
  fast?: true | FastArgsOptions;
  /**
   * The interrupt signal (ctx.signal) is how this command normally ends (a server run until Ctrl+C): a clean
   * shutdown after it keeps the command's exit code. For every other command an interrupted run exits 130.
   */
  endsOnSignal?: boolean;
  /**
   * Does the work and resolves to the exit code: 0, or 1 when the thing checked is wrong (findings, failed
   * cases, drift). Everything else is a thrown typed error that the top-level catch maps to its exit code.
   */
  run: (argv: ArgvOf<T> & GlobalOptions, ctx: CliContext) => Promise<number | void>;
}

/** A command as main.ts uses it, its option types closed over: main only parses and hands the argv on. */
export interface Command {
  command: string;
  options: OptionTable;
  endsOnSignal: boolean;
  /** The yargs builder: the options and positionals of the table, then the definition's own builder. */
  builder: (yargs: Argv<GlobalOptions>) => Argv<GlobalOptions>;
  /** The fast path's reading of the arguments after the command name, or undefined to let yargs parse them. */
  parseFast?: (args: readonly string[]) => Record<string, unknown> | undefined;
  /** Checks a parsed argv (from yargs or the fast path) against the table, then runs the command. */
  run: (argv: Readonly<Record<string, unknown>>, ctx: CliContext) => Promise<number | void>;
}

export function defineCommand<const T extends OptionTable>(definition: CommandDefinition<T>): Command {
  const { command, options, fast } = definition;
  const all = { ...GLOBAL_OPTIONS, ...options };
  return {
    command,
    options,
    endsOnSignal: definition.endsOnSignal === true,
    builder: (yargs) => {
      let y = yargs;
      for (const [name, spec] of Object.entries(options)) y = spec.positional ? y.positional(name, spec) : y.option(name, spec);
      return definition.builder ? definition.builder(y) : y;
    },
    parseFast: fast ? (args) => parseFastArgs(all, args, fast === true ? {} : fast) : undefined,
    run: (argv, ctx) => {
      if (!fitsTable(options, argv) || !fitsTable(GLOBAL_OPTIONS, argv)) {
        throw new UsageError(argvMismatch(all, argv) ?? 'Invalid command line.', { hint: `Run wdatp-arcsight ${command.split(' ')[0]} --help.` });
      }
      return definition.run(argv, ctx);
    },
  };
}
