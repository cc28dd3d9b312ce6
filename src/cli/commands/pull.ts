import { resolve } from 'node:path';
import { defineCommand } from '../command.js';

interface PullArgv {
  config: string;
  parser: string;
  'events-url': string;
  'refresh-token-env'?: string;
  'refresh-token-file'?: string;
  once?: boolean;
  interval?: number;
  checkpoint?: string;
  format: 'cef' | 'ndjson' | 'table';
  output?: string;
  timezone?: string;
  'ca-file'?: string;
  since?: string;
  retries: number;
  backoff: number;
  'http-timeout': number;
}

export default defineCommand<PullArgv>({
  command: 'pull',
  builder: (y) =>
    y
      .option('config', { type: 'string', demandOption: true, describe: 'The client properties file (WDATP-connector.properties)' })
      .option('parser', { type: 'string', demandOption: true, describe: 'The parser file (*.jsonparser.properties)' })
      .option('events-url', { type: 'string', demandOption: true, describe: 'The Events URL, e.g. https://wdatp-alertexporter-eu.windows.com/api/alerts?sinceTimeUtc=$START_AT_TIME' })
      .option('refresh-token-env', { type: 'string', describe: 'Environment variable holding the refresh token' })
      .option('refresh-token-file', { type: 'string', describe: 'File holding the refresh token; rotated tokens are written back (mode 0600)' })
      .option('once', { type: 'boolean', describe: 'Poll once and exit' })
      .option('interval', { type: 'number', describe: 'Seconds between polls (default 60)' })
      .option('checkpoint', { type: 'string', describe: 'Checkpoint file (default with --output: <output>.checkpoint.json)' })
      .option('format', { choices: ['cef', 'ndjson', 'table'] as const, default: 'cef' as const, describe: 'Event format' })
      .option('output', { type: 'string', describe: 'Append events to this file (exactly once across crashes) instead of stdout' })
      .option('timezone', { type: 'string', describe: 'Time zone for parser time formats without one (default UTC)' })
      .option('ca-file', { type: 'string', describe: 'Extra CA certificate(s) (PEM) to trust, e.g. a corporate proxy\'s or the sandbox\'s' })
      .option('since', { type: 'string', describe: 'First run only: start at this UTC time, or this ISO-8601 duration ago (default PT2H)' })
      .option('retries', { type: 'number', default: 5, describe: 'Retries of a failed request (5xx, 429, malformed JSON, network)' })
      .option('backoff', { type: 'number', default: 1, describe: 'First retry wait in seconds; doubles per retry, with jitter' })
      .option('http-timeout', { type: 'number', default: 60, describe: 'Seconds each HTTP request may take' })
      .conflicts('once', 'interval')
      .conflicts('refresh-token-env', 'refresh-token-file')
      .example(
        '$0 pull --config WDATP-connector.properties --parser WDATP-connector.jsonparser.properties --events-url "https://wdatp-alertexporter-eu.windows.com/api/alerts?sinceTimeUtc=\\$START_AT_TIME" --refresh-token-file rt.txt --output events.cef',
        'Poll every minute; events appended to events.cef exactly once',
      )
      .example('$0 pull ... --once --format table', 'One poll, shown as a table') as never,
  run: async (argv, ctx) => {
    const { UsageError, ConfigError, printable } = await import('../../errors/index.js');
    const alerts = await import('../../alerts/index.js');
    const oauth = await import('../../oauth/index.js');
    const flex = await import('../../flex/index.js');
    const { readConnectorFile } = await import('../../properties/index.js');

    const cwd = ctx.io.cwd;
    const positive = (flag: 'interval' | 'backoff' | 'http-timeout', value: number | undefined): void => {
      if (value !== undefined && !(Number.isFinite(value) && value > 0)) throw new UsageError(`--${flag} must be a positive number of seconds.`);
    };
    positive('interval', argv.interval);
    positive('backoff', argv.backoff);
    positive('http-timeout', argv['http-timeout']);
    if (!Number.isInteger(argv.retries) || argv.retries < 0) throw new UsageError('--retries must be a whole number >= 0.');
    if (!argv['refresh-token-env'] && !argv['refresh-token-file']) {
      throw new UsageError('Name the refresh token: --refresh-token-file FILE or --refresh-token-env VAR.', {
        hint: 'Get one with wdatp-arcsight token --config <client file> --output rt.txt',
      });
    }
    let eventsUrl: URL;
    try {
      eventsUrl = new URL(argv['events-url']);
    } catch {
      throw new UsageError(`--events-url ${argv['events-url']} is not a URL.`);
    }
    if (eventsUrl.protocol !== 'https:' && eventsUrl.protocol !== 'http:') throw new UsageError('--events-url must be an https URL.');

    // Parser: errors in the file are the call's problem (exit 2), with file:line:column.
    const parserPath = resolve(cwd, argv.parser);
    let parserText: string;
    try {
      parserText = (await readConnectorFile(parserPath, argv.parser)).toString('latin1');
    } catch (cause) {
      if (cause instanceof ConfigError) throw cause;
      throw new ConfigError(`Cannot read the parser file ${argv.parser}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, { file: argv.parser, cause });
    }
    const { spec, findings } = flex.loadParserSpec(parserText, { file: argv.parser });
    const errors = findings.filter((f) => f.severity === 'error');
    for (const f of findings.filter((x) => x.severity === 'warning')) ctx.log(`${ctx.err.yellow('Warning:')} ${argv.parser}:${f.line}:${f.column}: ${f.message}`);
    if (errors.length > 0) {
      const first = errors[0]!;
      throw new ConfigError(`${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more errors)` : ''}`, {
        file: argv.parser,
        line: first.line,
        column: first.column,
        hint: first.hint ?? `Run wdatp-arcsight validate ${argv.parser} for every problem.`,
      });
    }
    const parser = flex.compileParser(spec, { timeZone: argv.timezone ?? 'UTC' });

    const client = { ...(await oauth.readClientConfig(resolve(cwd, argv.config))), file: argv.config };
    const refreshToken = argv['refresh-token-file']
      ? await alerts.readRefreshTokenFile(resolve(cwd, argv['refresh-token-file']))
      : alerts.refreshTokenFromEnv(argv['refresh-token-env']!, ctx.io.env);
    const caFile = argv['ca-file'] ? resolve(cwd, argv['ca-file']) : undefined;
    if (caFile) await oauth.readCaFile(caFile);

    const output = argv.output ? resolve(cwd, argv.output) : undefined;
    const checkpointFile = argv.checkpoint ? resolve(cwd, argv.checkpoint) : output ? `${output}.checkpoint.json` : undefined;
    if (checkpointFile && !argv.checkpoint) ctx.log(`Checkpoint: ${argv.output}.checkpoint.json`);
    if (!checkpointFile && !argv.once) ctx.log('No --checkpoint: the position is kept in memory only; a restart begins again at --since.');
    const startAt = startTime(argv.since, alerts, UsageError);
    if (argv.since && checkpointFile && (await alerts.readCheckpoint(checkpointFile))) ctx.log('--since is ignored: the checkpoint says where to continue.');

    const onSignal = (): void => ctx.log('Stopping: the current poll is finished or abandoned, the checkpoint stays consistent…');
    ctx.signal.addEventListener('abort', onSignal, { once: true });
    try {
      await alerts.runPull({
        client,
        refreshToken,
        eventsUrl: argv['events-url'],
        parser,
        serialize: (events) => alerts.serializeEvents(argv.format, events),
        header: argv.format === 'table' ? alerts.tableHeader() : undefined,
        output: output ? { file: output } : { stream: ctx.io.stdout },
        checkpointFile,
        startAt,
        once: argv.once === true,
        intervalMs: (argv.interval ?? 60) * 1000,
        retry: { ...alerts.DEFAULT_RETRY, retries: argv.retries, baseMs: argv.backoff * 1000 },
        http: { caFile, timeoutMs: argv['http-timeout'] * 1000, env: ctx.io.env },
        signal: ctx.signal,
        // Log lines quote alert ids and remote answers.
        log: (line) => ctx.log(printable(line)),
      });
    } finally {
      ctx.signal.removeEventListener('abort', onSignal);
    }
    return 0;
  },
});

/** --since: a UTC timestamp, or an ISO-8601 duration back from now; default the API's own window, 2 hours. */
function startTime(since: string | undefined, alerts: typeof import('../../alerts/index.js'), UsageError: typeof import('../../errors/index.js').UsageError): bigint {
  const text = since ?? 'PT2H';
  const duration = alerts.parseIsoDuration(text);
  if (duration !== undefined) return alerts.ticksFromMs(Date.now() - duration);
  const ticks = alerts.parseUtcTimestamp(text);
  if (ticks === undefined) throw new UsageError(`--since ${text} is neither a UTC time (2024-05-01T10:00:00Z) nor a duration (PT2H, P1D).`);
  return ticks;
}
