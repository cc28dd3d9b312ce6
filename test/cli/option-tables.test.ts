import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { GLOBAL_OPTIONS, type Command } from '../../src/cli/command.js';
import { manifest } from '../../src/cli/manifest.js';
import { argvMismatch, camelCase } from '../../src/cli/options.js';
import { runCli } from '../support/cli.js';

async function load(name: string): Promise<Command> {
  const entry = manifest[name];
  if (!entry) throw new Error(`no command ${name}`);
  return (await entry.load()).default;
}

/** What yargs makes of `<name> ...args` with the command's builder, keyed as the option table is (camelCase). */
async function parseWithYargs(name: string, command: Command, args: readonly string[]): Promise<Record<string, unknown>> {
  let parsed: Record<string, unknown> = {};
  await yargs([name, ...args])
    .options(GLOBAL_OPTIONS)
    .strict()
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new Error(message);
    })
    .command(command.command, '', command.builder, (argv) => {
      parsed = argv;
    })
    .parseAsync();
  const keys = Object.keys({ ...GLOBAL_OPTIONS, ...command.options }).map(camelCase);
  return Object.fromEntries(keys.filter((k) => parsed[k] !== undefined).map((k) => [k, parsed[k]]));
}

describe('option tables: one table per command for yargs, --help and the fast path', () => {
  it.each(Object.keys(manifest))('%s --help lists every option of its table, and its positionals in the usage line', async (name) => {
    const command = await load(name);
    const r = await runCli([name, '--help']);
    expect(r.code).toBe(0);
    const usage = r.stdout.split('\n')[0] ?? '';
    expect(usage).toBe(`wdatp-arcsight ${command.command}`);
    for (const [option, spec] of Object.entries(command.options)) {
      if (spec.positional) {
        expect(usage, option).toMatch(new RegExp(`\\[${option}(\\.\\.)?\\]`));
        expect(r.stdout, option).toMatch(new RegExp(`^\\s+${option}\\s`, 'm'));
      } else {
        const listed = new RegExp(`^\\s+--${option}\\s`, 'm');
        if (spec.hidden) expect(r.stdout, option).not.toMatch(listed);
        else expect(r.stdout, option).toMatch(listed);
      }
      for (const choice of spec.choices ?? []) expect(r.stdout, `${option} ${choice}`).toContain(`"${choice}"`);
    }
  });

  // Each list must be read by the fast path (not declined), and read the same way by yargs.
  const accepted: Record<string, string[][]> = {
    validate: [
      [],
      ['a.properties', 'dir'],
      ['--format', 'json'],
      ['--fail-on=none', 'x', '--format=sarif'],
      ['--no-color', '--debug'],
      ['--color', 'a'],
      ['--events-url', 'https://x/api/alerts?a=b&sinceTimeUtc=$START_AT_TIME'],
      ['--output-file', 'out.sarif', '--format', 'sarif', 'a', 'b'],
    ],
    parse: [
      ['--parser', 'p'],
      ['--parser', 'p', '-'],
      ['--parser=p', 'a.json', 'b.json', '--jobs', '3', '--max-warnings', '0', '--timezone', 'Europe/Berlin'],
      ['--show-tokens', '--strict', '--parser', 'p', '--format', 'ndjson', '--no-color'],
      ['--parser', 'p', '--max-warnings=2.5', '--format=cef', '-', 'a'],
    ],
    demo: [[], ['--alerts', '3'], ['--seed', '0', '--api', 'siem', '--keep'], ['--alerts=1000', '--debug', '--no-color']],
  };

  it.each(Object.entries(accepted))('%s: the fast path and yargs parse the same argument lists the same way', async (name, lists) => {
    const command = await load(name);
    for (const args of lists) {
      const fast = command.parseFast?.(args);
      expect(fast, args.join(' ')).toBeDefined();
      expect(fast, args.join(' ')).toEqual(await parseWithYargs(name, command, args));
      expect(argvMismatch({ ...GLOBAL_OPTIONS, ...command.options }, fast ?? {}), args.join(' ')).toBeUndefined();
    }
  });

  // What the fast path leaves to yargs, so that yargs reports the mistake or reads the unusual form.
  const declined: Record<string, string[][]> = {
    validate: [
      ['--help'],
      ['--format', 'xml'],
      ['--format'],
      ['--format', 'json', '--format', 'text'],
      ['--unknown'],
      ['--', 'x'],
      ['-'],
      ['--output-file='],
      ['--debug', 'false'],
      ['--color=false'],
      ['-x'],
    ],
    parse: [
      [],
      ['a.json'],
      ['--parser'],
      ['--parser', '-x'],
      ['--parser', 'p', '--jobs', 'two'],
      ['--parser', 'p', '--strict', 'true'],
      ['--parser', 'p', '--no-strict'],
      ['--parser', 'p', '--max-warnings', ' '],
    ],
    demo: [['extra'], ['--api', 'other'], ['--alerts'], ['--no-keep'], ['--bogus'], ['--seed', '-1'], ['--alerts', '1', '--alerts', '2']],
  };

  it.each(Object.entries(declined))('%s: the fast path declines what yargs must read or report', async (name, lists) => {
    const command = await load(name);
    for (const args of lists) expect(command.parseFast?.(args), args.join(' ')).toBeUndefined();
  });

  it('only validate, parse and demo have a fast path', async () => {
    const fast = [];
    for (const name of Object.keys(manifest)) if ((await load(name)).parseFast) fast.push(name);
    expect(fast.sort()).toEqual(['demo', 'parse', 'validate']);
  });

  it('a repeated option that yargs reads as a list is a usage error naming the flag (exit 2)', async () => {
    const r = await runCli(['parse', '--parser', 'a.properties', '--parser', 'b.properties']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Error: --parser was given more than once\nFix: Run wdatp-arcsight parse --help.\n');
    const pull = await runCli(['pull', '--config', 'c', '--parser', 'p', '--events-url', 'https://x/', '--retries', '1', '--retries', '2']);
    expect(pull.code).toBe(2);
    expect(pull.stderr).toMatch(/^Error: --retries was given more than once\n/);
  });
});
