import { once } from 'node:events';
import { defineCommand } from '../command.js';
import type { CliContext } from '../context.js';
import type { EventFormat } from '../render/events.js';

export interface ParseArgv {
  parser: string;
  inputs?: string[];
  format: EventFormat;
  timezone: string;
  showTokens?: boolean;
  maxWarnings: number;
}

export default defineCommand<ParseArgv>({
  command: 'parse [inputs..]',
  builder: (y) =>
    y
      // yargs drops a bare "-" from positionals; with this setting it keeps it (and unknown options land in
      // the inputs, where run() rejects them as yargs' strict mode would).
      .parserConfiguration({ 'unknown-options-as-args': true })
      .positional('inputs', { type: 'string', array: true, describe: 'Alert files (JSON array, object, NDJSON or {"value":[...]}); "-" or none = stdin' })
      .option('parser', { type: 'string', demandOption: true, describe: 'The *.jsonparser.properties file to run' })
      .option('format', { choices: ['table', 'json', 'ndjson', 'cef'] as const, default: 'table' as const, describe: 'Output format of the events' })
      .option('timezone', { type: 'string', default: 'UTC', describe: "The connector's time zone (IANA id) for timestamps without a zone" })
      .option('show-tokens', { type: 'boolean', describe: 'table: show the tokens each field was made from, and every token value' })
      .option('max-warnings', { type: 'number', default: 100, describe: 'Print at most this many event warnings (all are counted); 0 = no limit' })
      .example('$0 parse --parser WDATP-Connector.jsonparser.properties alerts.json', 'What ArcSight would make of these alerts')
      .example('curl -s ... | $0 parse --parser X.jsonparser.properties --format cef -', 'Alerts from stdin, as CEF') as never,
  run: async (argv, ctx) => {
    const { readFile } = await import('node:fs/promises');
    const { UsageError, ConfigError } = await import('../../errors/index.js');
    const flex = await import('../../flex/index.js');
    const { readAlertBatches } = await import('../../alerts/index.js');
    const { createEventWriter } = await import('../render/events.js');
    const { EncodedOutput } = await import('../render/events-output.js');
    const { formatFlexFinding } = await import('../render/flex-findings.js');

    const unknown = (argv.inputs ?? []).filter((i) => i.startsWith('-') && i !== '-');
    if (unknown.length > 0) {
      throw new UsageError(`Unknown argument${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}`, { hint: 'Run wdatp-arcsight parse --help.' });
    }
    if (!isTimeZone(argv.timezone)) {
      throw new UsageError(`--timezone ${argv.timezone} is not a time zone`, { hint: 'Use an IANA zone id such as UTC, Europe/Berlin or America/New_York.' });
    }
    let text: string;
    try {
      // Parser files are ISO-8859-1, as java.util.Properties reads them.
      text = await readFile(argv.parser, 'latin1');
    } catch (error) {
      throw new ConfigError(`cannot read the parser file: ${(error as Error).message}`, { file: argv.parser, cause: error });
    }
    const { spec, findings } = flex.loadParserSpec(text, { file: argv.parser });
    for (const f of findings) ctx.log(formatFlexFinding(argv.parser, f, ctx.err));
    const errors = findings.filter((f) => f.severity === 'error').length;
    if (errors > 0) {
      throw new ConfigError(`the parser file has ${errors} error${errors === 1 ? '' : 's'} (listed above)`, {
        file: argv.parser,
        hint: 'Fix the errors; warnings alone do not stop parse.',
      });
    }
    const parser = flex.compileParser(spec, { timeZone: argv.timezone });

    const inputs = argv.inputs && argv.inputs.length > 0 ? argv.inputs : ['-'];
    if (inputs.includes('-') && ctx.io.stdin.isTTY) {
      throw new UsageError('no alert input: name INPUT files or pipe alerts to stdin', { hint: 'e.g. wdatp-arcsight parse --parser X.jsonparser.properties alerts.json' });
    }
    const writer = createEventWriter(argv.format, {
      spec,
      showTokens: argv.showTokens === true,
      color: argv.format === 'table' ? ctx.out : ctx.plain,
    });
    const output = new EncodedOutput();
    const stats = { records: 0, events: 0, warnings: 0, printedWarnings: 0, skipped: 0, malformed: 0 };
    const byCode = new Map<string, number>();
    const maxWarnings = argv.maxWarnings !== undefined && argv.maxWarnings > 0 ? argv.maxWarnings : Infinity;
    // Only the whole document is the trigger's root when the trigger is not `/` (arrays are not unwrapped).
    const documents = spec.triggerNode.split('/').some((s) => s !== '');

    for (const input of inputs) {
      const source = input === '-' ? ctx.io.stdin : input;
      const name = input === '-' ? '<stdin>' : input;
      try {
        for await (const batch of readAlertBatches(source, {
          name,
          documents,
          onError: (e) => {
            stats.skipped++;
            stats.malformed++;
            ctx.log(`${ctx.err.red('error:')} ${e.location}: ${e.message}`);
          },
        })) {
          for (const record of batch) {
            stats.records++;
            const events = parser.parse(record.value);
            if (events.length === 0) {
              stats.skipped++;
              const where = `${record.source}${record.line !== undefined ? `:${record.line}` : ''}`;
              ctx.log(`${ctx.err.yellow('warning:')} ${where}: record ${record.index + 1} has no trigger node ${spec.triggerNode}; no event`);
              continue;
            }
            for (const e of events) {
              const origin = { number: ++stats.events, source: record.source, record: record.index, line: record.line };
              output.add(writer.event(e, origin));
              for (const w of e.warnings) {
                stats.warnings++;
                byCode.set(w.code, (byCode.get(w.code) ?? 0) + 1);
                if (stats.printedWarnings < maxWarnings) {
                  stats.printedWarnings++;
                  const where = `${record.source}${record.line !== undefined ? `:${record.line}` : ''}`;
                  ctx.log(`${ctx.err.yellow('warning:')} event ${origin.number} (${where}): ${w.message} [${w.code}]`);
                }
              }
            }
          }
          await write(ctx, output.take());
        }
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        stats.skipped++;
        stats.malformed++;
        ctx.log(`${ctx.err.red('error:')} ${error.location ?? name}: ${error.message}`);
      }
    }
    const end = writer.end(stats.events);
    if (end) output.add(end);
    await write(ctx, output.take());

    for (const [id, text] of parser.assumptions) {
      ctx.log(`${ctx.err.blue('info:')} emulation assumption (${id}): ${text}; see docs/emulation.md [emulation-assumption]`);
    }
    if (stats.warnings > stats.printedWarnings) {
      const codes = [...byCode].map(([code, n]) => `${code} ${n}`).join(', ');
      ctx.log(`${ctx.err.yellow('warning:')} ${stats.warnings - stats.printedWarnings} more warnings not shown (${codes}); raise --max-warnings to see them`);
    }
    ctx.log(
      `${stats.events} event${stats.events === 1 ? '' : 's'} from ${stats.records} record${stats.records === 1 ? '' : 's'}, ` +
        `${stats.warnings} warning${stats.warnings === 1 ? '' : 's'}, ${stats.skipped} input${stats.skipped === 1 ? '' : 's'} skipped`,
    );
    if (stats.malformed > 0) {
      throw new ConfigError(`${stats.malformed} input${stats.malformed === 1 ? ' was' : 's were'} not valid JSON (listed above); the other events were written`);
    }
    return 0;
  },
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Writes to stdout, waiting when the pipe is full so memory stays bounded on big runs. */
async function write(ctx: CliContext, chunks: readonly Buffer[]): Promise<void> {
  const out = ctx.io.stdout;
  for (const chunk of chunks) if (!out.write(chunk)) await once(out, 'drain');
}
