import { once } from 'node:events';
import { defineCommand } from '../command.js';
import type { CliContext } from '../context.js';

export default defineCommand({
  command: 'parse [inputs..]',
  options: {
    inputs: { positional: true, type: 'string', array: true, describe: 'Alert files (JSON array, object, NDJSON or {"value":[...]}); "-" or none = stdin' },
    parser: { type: 'string', demandOption: true, describe: 'The *.jsonparser.properties file to run' },
    format: { choices: ['table', 'json', 'ndjson', 'cef'], default: 'table', describe: 'Output format of the events' },
    timezone: { type: 'string', default: 'UTC', describe: "The connector's time zone (IANA id) for timestamps without a zone" },
    'show-tokens': { type: 'boolean', describe: 'table: show the tokens each field was made from, and every token value' },
    'max-warnings': { type: 'number', default: 100, describe: 'Print at most this many event warnings (all are counted); 0 = no limit' },
    jobs: {
      type: 'number',
      describe: 'Threads for NDJSON input with --format ndjson or cef (default: one per CPU up to 4, for files over 8 MiB; 1 = this thread only)',
    },
    strict: {
      type: 'boolean',
      describe: 'Stop before parsing when the parser file has any error (default: leave out what fails to load, run the rest, exit 1)',
    },
  },
  // parse replays big archives, where every 100 ms count: plain argument lists skip loading yargs.
  fast: { stdinDash: true },
  builder: (y) =>
    y
      // yargs drops a bare "-" from positionals; with this setting it keeps it (and unknown options land in
      // the inputs, where run() rejects them as yargs' strict mode would).
      .parserConfiguration({ 'unknown-options-as-args': true })
      .example('$0 parse --parser WDATP-Connector.jsonparser.properties alerts.json', 'What ArcSight would make of these alerts')
      .example('curl -s ... | $0 parse --parser X.jsonparser.properties --format cef -', 'Alerts from stdin, as CEF'),
  run: async (argv, ctx) => {
    const { readConnectorFile } = await import('../../properties/index.js');
    const { UsageError, ConfigError, printable, printableLines } = await import('../../errors/index.js');
    const flex = await import('../../flex/index.js');
    const run = await import('../../parse-run/index.js');
    const { createEventWriter } = await import('../render/events.js');
    const { formatFlexFinding } = await import('../render/flex-findings.js');

    const unknown = (argv.inputs ?? []).filter((i) => i.startsWith('-') && i !== '-');
    if (unknown.length > 0) {
      throw new UsageError(`Unknown argument${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}`, { hint: 'Run wdatp-arcsight parse --help.' });
    }
    if (!flex.isTimeZone(argv.timezone)) {
      throw new UsageError(`--timezone ${argv.timezone} is not a time zone`, { hint: 'Use an IANA zone id such as UTC, Europe/Berlin or America/New_York.' });
    }
    if (argv.jobs !== undefined && !(Number.isInteger(argv.jobs) && argv.jobs >= 1 && argv.jobs <= 64)) {
      throw new UsageError(`--jobs ${argv.jobs} is not a number of threads`, { hint: 'Give a whole number from 1 to 64 (1 = no worker threads).' });
    }
    let text: string;
    try {
      // Parser files are ISO-8859-1, as java.util.Properties reads them.
      text = (await readConnectorFile(argv.parser)).toString('latin1');
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError(`cannot read the parser file: ${(error as Error).message}`, { file: argv.parser, cause: error });
    }
    const { spec, findings } = flex.loadParserSpec(text, { file: argv.parser });
    for (const f of findings) ctx.log(formatFlexFinding(argv.parser, f, ctx.err));
    const errors = findings.filter((f) => f.severity === 'error');
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    // A mistake in one mapping costs that mapping; only a file no event can come from stops the run (or --strict).
    const fatal = errors.filter((f) => flex.FILE_LEVEL_CODES.has(f.code));
    if (fatal.length > 0 || (argv.strict === true && errors.length > 0)) {
      throw new ConfigError(`the parser file has ${plural(errors.length, 'error')} (listed above)`, {
        file: argv.parser,
        hint: fatal.length > 0 ? 'Fix the errors; no event can be produced until then.' : 'Fix the errors, or run without --strict to parse with what loads.',
      });
    }
    const parser = flex.compileParser(spec, { timeZone: argv.timezone });

    const inputs = argv.inputs && argv.inputs.length > 0 ? argv.inputs : ['-'];
    if (inputs.includes('-') && ctx.io.stdin.isTTY) {
      throw new UsageError('no alert input: name INPUT files or pipe alerts to stdin', {
        hint: 'e.g. wdatp-arcsight parse --parser X.jsonparser.properties alerts.json',
      });
    }
    const format = argv.format;
    const writer =
      format === 'table' || format === 'json'
        ? createEventWriter(format, { spec, showTokens: argv.showTokens === true, color: format === 'table' ? ctx.out : ctx.plain })
        : undefined;
    const maxWarnings = argv.maxWarnings !== undefined && argv.maxWarnings > 0 ? argv.maxWarnings : Infinity;
    const threads = argv.jobs ?? run.defaultThreads();
    const y = ctx.err.yellow;
    const summary = await run.runParse(
      inputs.map((input) => (input === '-' ? { source: ctx.io.stdin, name: '<stdin>' } : { source: input, name: input })),
      {
        parser,
        encode: writer ? (e, origin) => writer.event(e, origin) : (format as 'ndjson' | 'cef'),
        workers:
          threads > 1
            ? {
                threads,
                // Automatic: only inputs big enough to repay starting the threads. Asked for: every NDJSON input.
                minBytes: argv.jobs === undefined ? run.AUTO_WORKERS_MIN_BYTES : 0,
                parserText: text,
                parserFile: argv.parser,
                timeZone: argv.timezone,
              }
            : undefined,
        maxWarnings,
        signal: ctx.signal,
        // Only the whole document is the trigger's root when the trigger is not `/` (arrays are not unwrapped).
        documents: spec.triggerNode.split('/').some((s) => s !== ''),
        write: (chunks, written) => write(ctx, chunks, written),
        report: (d) => {
          const where = (source: string, line?: number) => `${source}${line !== undefined ? `:${line}` : ''}`;
          if (d.kind === 'input-error') ctx.log(`${ctx.err.red('error:')} ${printable(d.error.location ?? d.source)}: ${printableLines(d.error.message)}`);
          else if (d.kind === 'rejected') ctx.log(`${ctx.err.red('error:')} ${where(d.source, d.line)}: record ${d.record} skipped: ${d.reason}`);
          else if (d.kind === 'no-trigger')
            ctx.log(`${y('warning:')} ${where(d.source, d.line)}: record ${d.record} has no trigger node ${spec.triggerNode}; no event`);
          else ctx.log(`${y('warning:')} event ${d.event} (${where(d.source, d.line)}): ${d.message} [${d.code}]`);
        },
      },
    );
    const end = writer?.end(summary.events);
    if (end) await write(ctx, [Buffer.from(end, 'utf8')]);

    for (const id of summary.assumptions) {
      ctx.log(`${ctx.err.blue('info:')} emulation assumption (${id}): ${flex.ASSUMPTIONS[id]}; see docs/emulation.md [emulation-assumption]`);
    }
    if (summary.warnings > summary.reportedWarnings) {
      const codes = [...summary.byCode].map(([code, n]) => `${code} ${n}`).join(', ');
      ctx.log(`${y('warning:')} ${summary.warnings - summary.reportedWarnings} more warnings not shown (${codes}); raise --max-warnings to see them`);
    }
    ctx.log(
      `${plural(summary.events, 'event')} from ${plural(summary.records, 'record')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.skipped, 'input')} skipped`,
    );
    const written = summary.events > 0 ? '; the other events were written' : '';
    if (summary.malformed > 0) {
      throw new ConfigError(`${summary.malformed} input${summary.malformed === 1 ? ' was' : 's were'} not valid JSON (listed above)${written}`);
    }
    if (summary.rejected > 0) {
      throw new ConfigError(
        `${plural(summary.rejected, 'record')} could not be processed and ${summary.rejected === 1 ? 'was' : 'were'} skipped (listed above)${written}`,
      );
    }
    if (errors.length > 0) {
      // The events are written, but a CI job must still see that the parser file is wrong.
      ctx.log(`${ctx.err.red('error:')} the parser file has ${plural(errors.length, 'error')} (listed above); what failed to load was left out of every event`);
      return 1;
    }
    return 0;
  },
});

/** Writes to stdout, waiting when the pipe is full so memory stays bounded on big runs. */
async function write(ctx: CliContext, chunks: readonly Uint8Array[], written?: (chunk: Uint8Array) => void): Promise<void> {
  const out = ctx.io.stdout;
  for (const chunk of chunks) if (!out.write(chunk, written && (() => written(chunk)))) await once(out, 'drain');
}
