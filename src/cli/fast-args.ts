import type { GlobalOptions } from './command.js';

/** One option of a command, as its yargs builder declares it. */
export type FastOption =
  | { type: 'string'; nonEmpty?: boolean }
  | { type: 'number' }
  | { type: 'boolean' }
  | { type: 'choice'; choices: readonly string[] };

export interface FastArgsSpec {
  /** The argv key the positional arguments go to (an array). */
  positional: string;
  /** Whether a bare `-` (stdin) is a positional argument. */
  dash?: boolean;
  /** Options by their command-line name (`fail-on`); the argv key is its camelCase form (`failOn`). */
  options: Record<string, FastOption>;
  defaults: Record<string, unknown>;
  /** Options without which yargs must run (and report them missing). */
  required?: readonly string[];
}

/**
 * Parses a command's arguments without yargs (loading yargs costs more than starting Node.js: see
 * CommandModule.parseFast). Understands positionals, `--name value`, `--name=value`, boolean flags and the global
 * --color/--no-color/--debug. Returns undefined for everything else (--help, an unknown or repeated option, a
 * missing or invalid value, `--`), so that yargs parses those and reports usage errors as for every command.
 */
export function parseFastArgs(args: readonly string[], spec: FastArgsSpec): Record<string, unknown> & GlobalOptions | undefined {
  const argv: Record<string, unknown> & GlobalOptions = { ...spec.defaults, [spec.positional]: [] };
  const positionals = argv[spec.positional] as string[];
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || (arg === '-' && spec.dash)) {
      positionals.push(arg);
      continue;
    }
    if (arg === '--color' || arg === '--no-color') {
      argv.color = arg === '--color';
      continue;
    }
    if (arg === '--debug') {
      argv.debug = true;
      continue;
    }
    const m = /^--([a-z][a-z-]*)(?:=(.*))?$/s.exec(arg);
    const name = m?.[1];
    const option = name === undefined ? undefined : spec.options[name];
    if (!option || seen.has(name!)) return undefined;
    seen.add(name!);
    const key = name!.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (option.type === 'boolean') {
      // `--flag=x` and `--flag false`: yargs' reading of those is the reference.
      if (m![2] !== undefined || args[i + 1] === 'true' || args[i + 1] === 'false') return undefined;
      argv[key] = true;
      continue;
    }
    let value = m![2];
    if (value === undefined) {
      value = args[i + 1];
      if (value === undefined || value.startsWith('-')) return undefined;
      i += 1;
    }
    if (option.type === 'choice' && !option.choices.includes(value)) return undefined;
    if (option.type === 'string' && option.nonEmpty && value === '') return undefined;
    if (option.type === 'number') {
      if (value.trim() === '' || !Number.isFinite(Number(value))) return undefined;
      argv[key] = Number(value);
    } else argv[key] = value;
  }
  for (const name of spec.required ?? []) if (!seen.has(name)) return undefined;
  return argv;
}
