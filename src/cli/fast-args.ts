import { parseArgs, type ParseArgsConfig } from 'node:util';
import { camelCase, type OptionTable } from './options.js';

export interface FastArgsOptions {
  /** A bare `-` (stdin) is a positional argument (yargs keeps it only with 'unknown-options-as-args'). */
  stdinDash?: boolean;
}

/**
 * Parses a command's arguments with node:util parseArgs from its option table (and the global table), without
 * loading yargs (see CommandDefinition.fast). Returns the options keyed in camelCase, with the table's defaults, or
 * undefined for anything yargs reads differently or reports: --help, an unknown, repeated or negated option, a
 * missing, empty or invalid value, `--`, `--flag true|false`, a missing required option, conflicting options, a
 * positional the command does not take. yargs then parses the arguments and its messages name the flag.
 */
export function parseFastArgs(table: OptionTable, args: readonly string[], options: FastArgsOptions = {}): Record<string, unknown> | undefined {
  const config: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(table)) {
    // Numbers and choices arrive as strings and are checked below; arrays of flags are not needed on this path.
    if (!spec.positional && !spec.array) config[name] = { type: spec.type === 'boolean' ? 'boolean' : 'string' };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: config, strict: true, allowPositionals: true, allowNegative: true, tokens: true });
  } catch {
    return undefined;
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind === 'option-terminator') return undefined;
    if (token.kind !== 'option') continue;
    const spec = table[token.name];
    // --no-color is a global flag of its own; other negations and repeats are yargs' to read.
    if (!spec || seen.has(token.name) || (token.rawName.startsWith('--no-') && token.name !== 'color')) return undefined;
    seen.add(token.name);
    const next = args[token.index + 1];
    if (spec.type === 'boolean' && (next === 'true' || next === 'false')) return undefined;
  }

  const argv: Record<string, unknown> = {};
  const positional = Object.entries(table).find(([, spec]) => spec.positional);
  const positionals = parsed.positionals;
  if (positionals.includes('-') && !options.stdinDash) return undefined;
  if (positional) argv[camelCase(positional[0])] = positionals;
  else if (positionals.length > 0) return undefined;

  for (const [name, spec] of Object.entries(table)) {
    if (spec.positional) continue;
    const value = parsed.values[name];
    if (value === undefined) {
      if (spec.demandOption) return undefined;
      if (spec.default !== undefined) argv[camelCase(name)] = spec.default;
      continue;
    }
    const conflicts = typeof spec.conflicts === 'string' ? [spec.conflicts] : (spec.conflicts ?? []);
    if (conflicts.some((other) => parsed.values[other] !== undefined)) return undefined;
    if (typeof value === 'string') {
      if (value === '' || value.startsWith('-') || (spec.choices && !spec.choices.includes(value))) return undefined;
      if (spec.type === 'number') {
        const number = Number(value);
        if (value.trim() === '' || !Number.isFinite(number)) return undefined;
        argv[camelCase(name)] = number;
        continue;
      }
    }
    argv[camelCase(name)] = value;
  }
  return argv;
}
