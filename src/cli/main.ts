import type { Argv } from 'yargs';
import { exitCodeOf, InterruptedError, printable, printableLines, UsageError, WdatpError } from '../errors/index.js';
import { chalkFor } from './color.js';
import { GLOBAL_OPTIONS, type Command, type GlobalOptions } from './command.js';
import { createContext, processIO, type CliContext, type CliIO } from './context.js';
import { fitsTable } from './options.js';
import { manifest } from './manifest.js';
import { version } from './version.js';

/** The sub-command named on the command line, if any: the first argument that is not a flag. */
function requestedCommand(args: readonly string[]): string | undefined {
  const first = args.find((a) => !a.startsWith('-'));
  return first !== undefined && first in manifest ? first : undefined;
}

function colorFlag(args: readonly string[]): boolean | undefined {
  let flag: boolean | undefined;
  for (const a of args) {
    if (a === '--color') flag = true;
    else if (a === '--no-color' || a === '--color=false') flag = false;
  }
  return flag;
}

/**
 * Runs the CLI and resolves to the exit code. Never calls process.exit, so output always flushes. `signal` is
 * aborted by the caller on SIGINT/SIGTERM (see bin.ts); once it is, the run's exit code is 130 whatever the
 * command resolved to (a command that reads stdin would otherwise finish with 0 when the input closes).
 */
export async function main(args: readonly string[], io: CliIO = processIO(), signal: AbortSignal = new AbortController().signal): Promise<number> {
  let endsOnSignal = false;
  const code = await run(args, io, signal, (loaded) => (endsOnSignal = loaded.endsOnSignal));
  return signal.aborted && !endsOnSignal ? INTERRUPTED : code;
}

const INTERRUPTED = new InterruptedError('').exitCode;

async function run(args: readonly string[], io: CliIO, signal: AbortSignal, loadedCommand: (m: Command) => void): Promise<number> {
  const debug = args.includes('--debug');
  const wanted = requestedCommand(args);
  let exitCode = 0;
  try {
    const loaded = wanted ? (await manifest[wanted]!.load()).default : undefined;
    if (loaded) loadedCommand(loaded);
    // Commands that must start fast (validate in CI) parse plain argument lists themselves; yargs is loaded only
    // when they decline (help, unusual or invalid input) and for every other command.
    const fast = loaded?.parseFast?.(args.filter((_, i) => i !== args.indexOf(wanted ?? '')));
    if (loaded && fast) return (await loaded.run(fast, contextFor(fast, io, signal))) ?? 0;
    const { default: yargs } = await import('yargs');
    let parser: Argv<GlobalOptions> = yargs([...args])
      .scriptName('wdatp-arcsight')
      .usage(
        '$0 <command> [options]\n\nSet up, validate, dry-run and test the ArcSight FlexConnector REST connector for Microsoft Defender for Endpoint alerts.',
      )
      .options(GLOBAL_OPTIONS)
      .version(version)
      .help()
      .alias('help', 'h')
      .strict()
      .demandCommand(1, 'Name a command; see --help.')
      .recommendCommands()
      .exitProcess(false)
      .wrap(Math.min(110, (io.stdout as { columns?: number }).columns ?? 100))
      .epilogue('Exit codes: 0 ok; 1 findings or failed checks; 2 usage or configuration error; 3 runtime failure; 130 interrupted.')
      .fail((message, error) => {
        if (error) throw error;
        // yargs' recommendation alone ("Did you mean validate?") does not say what was wrong.
        const first = args.find((a) => !a.startsWith('-'));
        const text = message?.startsWith('Did you mean') && first ? `Unknown command "${first}". ${message}` : message;
        throw new UsageError(text ?? 'Invalid command line.', { hint: 'Run wdatp-arcsight --help.' });
      });
    for (const [name, entry] of Object.entries(manifest)) {
      if (loaded && name === wanted) {
        parser = parser.command(loaded.command, entry.describe, loaded.builder, async (argv) => {
          exitCode = (await loaded.run(argv, contextFor(argv, io, signal))) ?? 0;
        });
      } else {
        parser = parser.command(name, entry.describe);
      }
    }
    let helpOutput = '';
    await parser.parseAsync([...args], {}, (err, _argv, output) => {
      if (!err && output) helpOutput = output;
    });
    if (helpOutput) io.stdout.write(`${helpOutput}\n`);
  } catch (error) {
    // Output closed by its reader (`... | head`): stop quietly, as Unix tools do.
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return 0;
    exitCode = exitCodeOf(error);
    reportError(error, io, colorFlag(args), debug);
  }
  return exitCode;
}

/** The context of a run from its parsed global options (an argv that does not fit is reported by Command.run). */
function contextFor(argv: Readonly<Record<string, unknown>>, io: CliIO, signal: AbortSignal): CliContext {
  const globals: GlobalOptions = fitsTable(GLOBAL_OPTIONS, argv) ? argv : {};
  return createContext(io, { color: globals.color, debug: globals.debug === true, signal });
}

function reportError(error: unknown, io: CliIO, color: boolean | undefined, debug: boolean): void {
  const c = chalkFor(io.stderr, color, io.env);
  if (error instanceof WdatpError) {
    // Messages quote inputs and remote answers: their control characters are shown escaped.
    const where = error.location ? `${printable(error.location)}: ` : '';
    const label = error instanceof InterruptedError ? 'Interrupted' : 'Error';
    io.stderr.write(`${c.red.bold(`${label}:`)} ${where}${printableLines(error.message)}\n`);
    if (error.hint) io.stderr.write(`${c.dim('Fix:')} ${printableLines(error.hint)}\n`);
    if (debug && error.stack) io.stderr.write(`${c.dim(error.stack)}\n`);
  } else {
    const e = error as Error;
    io.stderr.write(`${c.red.bold('Internal error:')} ${printableLines(e?.message ?? String(error))}\n`);
    io.stderr.write(debug && e?.stack ? `${c.dim(e.stack)}\n` : `${c.dim('Run again with --debug for details.')}\n`);
  }
}
