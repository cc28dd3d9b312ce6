/**
 * A command's option table: one entry per option (and positional), keyed by its command-line name (`fail-on`).
 * The same table is handed to yargs (builder and --help), read by the fast path (fast-args.ts), and gives the argv
 * type (ArgvOf, keyed in camelCase: `failOn`), so the three cannot drift apart.
 *
 * The fields are a subset of yargs' own option fields with the same meaning, so an entry is passed to yargs as it
 * is. This module imports nothing at run time: the fast path loads it without yargs.
 */
export interface OptionSpec {
  /** Without `type`, an option with `choices` takes one of those strings (yargs shows no type then). */
  readonly type?: 'string' | 'number' | 'boolean';
  readonly describe?: string;
  readonly default?: string | number | boolean;
  readonly choices?: readonly string[];
  /** Given as `--name a b` (options), or `[name..]` in the command string (positionals). */
  readonly array?: boolean;
  readonly demandOption?: boolean;
  /** Option names (command-line form) that must not be given with this one. */
  readonly conflicts?: string | readonly string[];
  readonly hidden?: boolean;
  /** Heading of --help this option is listed under. */
  readonly group?: string;
  /** A positional argument of the command string, not a `--flag`. */
  readonly positional?: boolean;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** `fail-on` -> `failOn`, as yargs' camel-case expansion names the key. */
export type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

export function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

type Scalar<O extends OptionSpec> = O extends { readonly choices: readonly (infer C)[] }
  ? C
  : O extends { readonly type: 'number' }
    ? number
    : O extends { readonly type: 'boolean' }
      ? boolean
      : string;

type ValueOf<O extends OptionSpec> = O extends { readonly array: true } ? Scalar<O>[] : Scalar<O>;

/** Options that always have a value after parsing: those with a default, and required ones. */
type AlwaysSet<O extends OptionSpec> = O extends { readonly default: string | number | boolean }
  ? true
  : O extends { readonly demandOption: true }
    ? true
    : false;

type Flatten<T> = { [K in keyof T]: T[K] };

/** The parsed options of a table, keyed in camelCase; options without a default or demandOption are optional. */
export type ArgvOf<T extends OptionTable> = Flatten<
  { [K in keyof T & string as AlwaysSet<T[K]> extends true ? CamelCase<K> : never]: ValueOf<T[K]> } & {
    [K in keyof T & string as AlwaysSet<T[K]> extends true ? never : CamelCase<K>]?: ValueOf<T[K]>;
  }
>;

/** The flag as a user writes it, for messages. */
export function flagName(name: string, spec: OptionSpec): string {
  return spec.positional ? name : `--${name}`;
}

/**
 * Why a parsed argv does not fit the table, or undefined when it does: what the argv type promises is checked at run
 * time, so a surprise from the parser (yargs turns a repeated option into an array) is a usage error naming the flag.
 */
export function argvMismatch(table: OptionTable, argv: Readonly<Record<string, unknown>>): string | undefined {
  for (const [name, spec] of Object.entries(table)) {
    const value = argv[camelCase(name)];
    const flag = flagName(name, spec);
    if (value === undefined) {
      if (spec.default !== undefined || spec.demandOption) return `${flag} is missing`;
      continue;
    }
    if (spec.array) {
      if (!Array.isArray(value) || !value.every((v) => fitsScalar(spec, v))) return `${flag} takes ${expected(spec)} values`;
    } else if (Array.isArray(value)) {
      return `${flag} was given more than once`;
    } else if (!fitsScalar(spec, value)) {
      return `${flag} takes ${expected(spec)}`;
    }
  }
  return undefined;
}

/** Type guard over argvMismatch: the argv has every option of the table, with the type the table gives it. */
export function fitsTable<T extends OptionTable>(table: T, argv: Readonly<Record<string, unknown>>): argv is Readonly<Record<string, unknown>> & ArgvOf<T> {
  return argvMismatch(table, argv) === undefined;
}

function fitsScalar(spec: OptionSpec, value: unknown): boolean {
  if (spec.choices) return typeof value === 'string' && spec.choices.includes(value);
  return typeof value === (spec.type ?? 'string');
}

function expected(spec: OptionSpec): string {
  if (spec.choices) return `one of ${spec.choices.join(', ')}`;
  return spec.type === 'boolean' ? 'no value' : `a ${spec.type ?? 'string'}`;
}
