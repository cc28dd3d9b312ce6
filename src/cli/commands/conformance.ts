import { resolve } from 'node:path';
import { defineCommand } from '../command.js';

/** The suite folder used when no DIR is given. */
const DEFAULT_DIR = 'conformance';

export default defineCommand({
  command: 'conformance [dirs..]',
  options: {
    dirs: {
      positional: true,
      type: 'string',
      array: true,
      describe: `Folders of cases (or case files); default ./${DEFAULT_DIR}, else the suite shipped with wdatp-arcsight`,
    },
    parser: {
      type: 'string',
      describe:
        'Parser file for cases that name neither a parser nor a profile (default: the shipped v2 template); with the shipped suite, the file runs the cases of its profile (v3 for a Graph file, v2 or v1 for a SIEM API one) in place of that template',
    },
    format: { choices: ['text', 'json', 'junit'], default: 'text', describe: 'Report format (stdout)' },
    update: { type: 'boolean', describe: 'Snapshot mode: write the produced events into failing cases as their new expectation' },
    filter: { type: 'string', describe: 'Run only cases whose id contains this text (* matches anything)' },
    timezone: { type: 'string', default: 'UTC', describe: "The connector's time zone for cases that name none (IANA id)" },
  },
  builder: (y) =>
    y
      .example(
        '$0 conformance --parser WDATP-connector.jsonparser.properties',
        'Check the parser file init wrote (or an edited one) against the shipped cases of its profile',
      )
      .example('$0 conformance fixtures/conformance', 'Run a copy of the shipped suite')
      .example('$0 conformance my-cases --parser WDATP-connector.jsonparser.properties --format junit > conformance.xml', 'Prove your own parser file in CI')
      .example('$0 conformance my-cases --filter severity --update', 'Accept the current output of the severity cases'),
  run: async (argv, ctx) => {
    const { existsSync } = await import('node:fs');
    const { UsageError, ConfigError } = await import('../../errors/index.js');
    const conf = await import('../../conformance/index.js');
    const { isTimeZone } = await import('../../flex/index.js');

    if (!isTimeZone(argv.timezone)) {
      throw new UsageError(`--timezone ${argv.timezone} is not a time zone`, { hint: 'Use an IANA zone id such as UTC, Europe/Berlin or America/New_York.' });
    }
    const parser = argv.parser === undefined ? undefined : resolve(ctx.io.cwd, argv.parser);
    if (parser !== undefined && !existsSync(parser)) throw new UsageError(`--parser ${argv.parser}: no such file`);
    let dirs = argv.dirs ?? [];
    // No folder and no ./conformance: the suite shipped in the package. With --parser, an edited copy of a shipped
    // parser file is checked against the cases of its profile (packagedProfileFor).
    const packaged = dirs.length === 0 && !existsSync(resolve(ctx.io.cwd, DEFAULT_DIR));
    if (packaged) {
      if (argv.update === true)
        throw new UsageError('--update needs a folder of your own cases; the shipped suite is read-only', {
          hint: 'Copy the suite (see docs/conformance.md) and name its folder.',
        });
      const { readFile } = await import('node:fs/promises');
      const profile = parser === undefined ? undefined : conf.packagedProfileFor(await readFile(parser, 'latin1'));
      dirs = [profile === undefined ? conf.PACKAGED_SUITE : resolve(conf.PACKAGED_SUITE, profile)];
      ctx.log(
        `running the conformance suite shipped with wdatp-arcsight${profile === undefined ? '' : ` (its ${profile} cases, with ${argv.parser} in place of the ${profile} template)`}`,
      );
    } else if (dirs.length === 0) dirs = [DEFAULT_DIR];
    const roots = dirs.map((d) => resolve(ctx.io.cwd, d));
    const options = { parser, timeZone: argv.timezone, filter: argv.filter, parserReplacesProfile: packaged };
    const display = (file: string): string => relativeTo(ctx.io.cwd, file);

    let discovery = await conf.discoverCases(roots, options);
    reportInvalid(discovery.invalid);
    if (discovery.cases.length === 0) {
      throw new UsageError(argv.filter !== undefined ? `no case matches --filter ${argv.filter}` : `no conformance cases found in ${dirs.join(', ')}`, {
        hint: `A case is a *${conf.CASE_SUFFIX} file, or a folder holding ${conf.FOLDER_CASE_FILE}; see docs/conformance.md.`,
      });
    }
    const cache = new conf.ParserCache();
    let summary = await conf.runCases(discovery.cases, { cache });
    if (argv.update === true) {
      const outcome = await conf.updateCases(discovery.cases, summary.results);
      for (const file of outcome.changed) ctx.log(`updated ${display(file)}`);
      for (const file of outcome.conflicting) {
        ctx.log(`${ctx.err.yellow('warning:')} ${display(file)}: not updated: its time zones produce different events; split it into one case per zone`);
      }
      ctx.log(`${outcome.changed.length} case${outcome.changed.length === 1 ? '' : 's'} changed`);
      // Report what the suite says now, against the new expectations.
      discovery = await conf.discoverCases(roots, options);
      reportInvalid(discovery.invalid);
      summary = await conf.runCases(discovery.cases, { cache });
    }
    const shown = {
      ...summary,
      results: summary.results.map((r) => ({ ...r, file: display(r.file), parser: r.parser.startsWith('profile:') ? r.parser : display(r.parser) })),
    };
    if (argv.format === 'json') ctx.print(`${JSON.stringify(conf.jsonReport(shown), null, 2)}\n`);
    else if (argv.format === 'junit') ctx.print(conf.junitReport(shown));
    else ctx.print(conf.textReport(shown, { pass: (t) => ctx.out.green(t), fail: (t) => ctx.out.red.bold(t), dim: (t) => ctx.out.dim(t) }));
    return summary.failed > 0 ? 1 : 0;

    function reportInvalid(invalid: typeof discovery.invalid): void {
      if (invalid.length === 0) return;
      for (const f of invalid) {
        const where = `${display(f.file)}${f.line !== undefined ? `:${f.line}:${f.column ?? 1}` : ''}`;
        for (const e of f.errors) ctx.log(`${ctx.err.red('error:')} ${where}: ${e}`);
      }
      throw new ConfigError(`${invalid.length} invalid conformance case file${invalid.length === 1 ? '' : 's'} (listed above); no case was run`, {
        hint: 'Fix the case files: the schema is schemas/conformance-case.schema.json (see docs/conformance.md).',
      });
    }
  },
});

/** A path relative to the working folder when it is below it (reports stay short and machine-independent). */
function relativeTo(cwd: string, file: string): string {
  const prefix = cwd.endsWith('/') || cwd.endsWith('\\') ? cwd : `${cwd}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}
