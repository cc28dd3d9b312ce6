import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defineCommand } from '../command.js';
import type { ArgvOf, OptionTable } from '../options.js';

const options = {
  config: { type: 'string', demandOption: true, describe: 'The client properties file (WDATP-connector.properties)' },
  parser: { type: 'string', demandOption: true, describe: 'The parser file (*.jsonparser.properties)' },
  'events-url': {
    type: 'string',
    demandOption: true,
    describe:
      'The Events URL: https://graph.microsoft.com/v1.0/security/alerts_v2 (Graph) or https://wdatp-alertexporter-eu.windows.com/api/alerts?sinceTimeUtc=$START_AT_TIME (SIEM API)',
  },
  api: { choices: ['graph', 'siem'], describe: 'Source API (default: graph when the Events URL is .../security/alerts_v2, else siem)' },
  'client-credentials': {
    type: 'boolean',
    conflicts: ['refresh-token-env', 'refresh-token-file'],
    describe: 'Graph: app-only tokens (client secret, https://<graph>/.default) instead of a refresh token',
  },
  overlap: { type: 'string', describe: 'Graph: how far each poll re-reads behind its cursor, an ISO-8601 duration (default PT15M)' },
  'requests-per-minute': { type: 'number', describe: "Graph: requests per rolling minute at most (default 150, Graph's limit)" },
  'refresh-token-env': { type: 'string', conflicts: 'refresh-token-file', describe: 'Environment variable holding the refresh token' },
  'refresh-token-file': { type: 'string', describe: 'File holding the refresh token; rotated tokens are written back (mode 0600)' },
  once: { type: 'boolean', conflicts: 'interval', describe: 'Poll once and exit' },
  interval: { type: 'number', describe: 'Seconds between polls (default 60)' },
  checkpoint: { type: 'string', describe: 'Checkpoint file (default with a file --output: <output>.checkpoint.json; name one for a syslog --output)' },
  format: { choices: ['cef', 'ndjson', 'table'], default: 'cef', describe: 'Event format' },
  output: {
    type: 'string',
    describe:
      'Where events go instead of stdout: a FILE (appended, exactly once across crashes), or a syslog receiver: tcp://HOST:PORT or tls://HOST:PORT ' +
      '(at least once: events in flight at a crash or a lost connection may arrive twice, with the same externalId), udp://HOST:PORT (at most once: datagrams can be lost)',
  },
  'syslog-format': { choices: ['rfc5424', 'rfc3164'], describe: 'Syslog header for tcp/tls/udp outputs (default rfc5424; rfc3164 for old receivers)' },
  framing: { choices: ['octet-counting', 'lf'], describe: 'Message framing for tcp/tls outputs (RFC 6587; default octet-counting)' },
  cert: { type: 'string', describe: 'Client certificate (PEM) for mutual TLS with a tls:// output' },
  key: { type: 'string', describe: 'Private key (PEM) of --cert' },
  'health-file': { type: 'string', describe: 'JSON status file rewritten after each poll: last successful poll, cursor, counts, last error' },
  timezone: { type: 'string', describe: 'Time zone for parser time formats without one (default UTC)' },
  'ca-file': {
    type: 'string',
    describe: "Extra CA certificate(s) (PEM) to trust for the alert API (e.g. a corporate proxy's or the sandbox's) and for a tls:// output",
  },
  since: { type: 'string', describe: 'First run only: start at this UTC time, or this ISO-8601 duration ago (default PT2H)' },
  retries: { type: 'number', default: 5, describe: 'Retries of a failed request (5xx, 429, malformed JSON, network)' },
  backoff: {
    type: 'number',
    default: 1,
    describe: 'First retry wait in seconds; doubles per retry, with jitter (also the first wait before reconnecting to a syslog receiver)',
  },
  'http-timeout': { type: 'number', default: 60, describe: 'Seconds each HTTP request may take' },
} as const satisfies OptionTable;

type PullArgv = ArgvOf<typeof options>;

export default defineCommand({
  command: 'pull',
  options,
  builder: (y) =>
    y
      .example(
        '$0 pull --config WDATP-connector.properties --parser WDATP-connector.jsonparser.properties --events-url "https://wdatp-alertexporter-eu.windows.com/api/alerts?sinceTimeUtc=\\$START_AT_TIME" --refresh-token-file rt.txt --output events.cef',
        'Poll every minute; events appended to events.cef exactly once',
      )
      .example(
        '$0 pull --config WDATP-connector.properties --parser WDATP-connector.jsonparser.properties --events-url https://graph.microsoft.com/v1.0/security/alerts_v2 --client-credentials --output events.cef',
        'Graph alerts_v2 with app-only tokens; every alert version appended exactly once',
      )
      .example('$0 pull ... --once --format table', 'One poll, shown as a table')
      .example(
        '$0 pull ... --output tls://arcsight-syslog.example.com:6514 --ca-file corp-ca.pem --checkpoint /var/lib/wdatp/pull.checkpoint.json',
        'CEF over TLS syslog to an ArcSight Syslog SmartConnector',
      ),
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
    positive('http-timeout', argv.httpTimeout);
    if (!Number.isInteger(argv.retries) || argv.retries < 0) throw new UsageError('--retries must be a whole number >= 0.');
    const graph = argv.api === 'graph' || (argv.api === undefined && alerts.isGraphAlertsUrl(argv.eventsUrl));
    const graphOnly = { 'client-credentials': argv.clientCredentials, overlap: argv.overlap, 'requests-per-minute': argv.requestsPerMinute };
    for (const [flag, value] of Object.entries(graphOnly)) {
      if (!graph && value !== undefined)
        throw new UsageError(`--${flag} is for Graph alerts_v2 (an Events URL ending in /security/alerts_v2, or --api graph).`);
    }
    const rpm = argv.requestsPerMinute;
    if (rpm !== undefined && !(Number.isInteger(rpm) && rpm >= 1)) throw new UsageError('--requests-per-minute must be a whole number >= 1.');
    const overlapMs = argv.overlap === undefined ? undefined : alerts.parseIsoDuration(argv.overlap);
    if (argv.overlap !== undefined && !(overlapMs !== undefined && overlapMs > 0))
      throw new UsageError(`--overlap ${argv.overlap} is not a positive ISO-8601 duration such as PT15M.`);
    if (!argv.clientCredentials && !argv.refreshTokenEnv && !argv.refreshTokenFile) {
      throw new UsageError('Name the refresh token: --refresh-token-file FILE or --refresh-token-env VAR.', {
        hint: `Get one with wdatp-arcsight token --config <client file> --output rt.txt${graph ? ', or use --client-credentials (app-only)' : ''}.`,
      });
    }
    let eventsUrl: URL;
    try {
      eventsUrl = new URL(argv.eventsUrl);
    } catch {
      throw new UsageError(`--events-url ${argv.eventsUrl} is not a URL.`);
    }
    if (eventsUrl.protocol !== 'https:' && eventsUrl.protocol !== 'http:') throw new UsageError('--events-url must be an https URL.');
    const syslog = argv.output ? alerts.parseOutputTarget(argv.output) : undefined;
    const syslogOptions = await syslogFlags(argv, cwd, syslog, UsageError, ConfigError);

    // Parser: errors in the file are the call's problem (exit 2), with file:line:column.
    const parserPath = resolve(cwd, argv.parser);
    let parserText: string;
    try {
      parserText = (await readConnectorFile(parserPath, argv.parser)).toString('latin1');
    } catch (cause) {
      if (cause instanceof ConfigError) throw cause;
      throw new ConfigError(`Cannot read the parser file ${argv.parser}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, {
        file: argv.parser,
        cause,
      });
    }
    const { spec, findings } = flex.loadParserSpec(parserText, { file: argv.parser });
    const errors = findings.filter((f) => f.severity === 'error');
    for (const f of findings.filter((x) => x.severity === 'warning'))
      ctx.log(`${ctx.err.yellow('Warning:')} ${argv.parser}:${f.line}:${f.column}: ${f.message}`);
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
    const refreshToken = argv.clientCredentials
      ? undefined
      : argv.refreshTokenFile
        ? await alerts.readRefreshTokenFile(resolve(cwd, argv.refreshTokenFile))
        : alerts.refreshTokenFromEnv(argv.refreshTokenEnv!, ctx.io.env);
    const caFile = argv.caFile ? resolve(cwd, argv.caFile) : undefined;
    // Read now so that a bad file is exit 2 before anything starts; the text also serves a tls:// output.
    const caText = caFile ? await oauth.readCaFile(caFile) : undefined;

    const output = argv.output && !syslog ? resolve(cwd, argv.output) : undefined;
    const checkpointFile = argv.checkpoint ? resolve(cwd, argv.checkpoint) : output ? `${output}.checkpoint.json` : undefined;
    if (checkpointFile && !argv.checkpoint) ctx.log(`Checkpoint: ${argv.output}.checkpoint.json`);
    if (!checkpointFile && !argv.once) ctx.log('No --checkpoint: the position is kept in memory only; a restart begins again at --since.');
    const startAt = startTime(argv.since, alerts, UsageError);
    const readCheckpoint = graph ? alerts.readGraphCheckpoint : alerts.readCheckpoint;
    if (argv.since && checkpointFile && (await readCheckpoint(checkpointFile))) ctx.log('--since is ignored: the checkpoint says where to continue.');

    const onSignal = (): void => ctx.log('Stopping: the current poll is finished or abandoned, the checkpoint stays consistent…');
    ctx.signal.addEventListener('abort', onSignal, { once: true });
    const health = argv.healthFile
      ? new alerts.HealthFile(resolve(cwd, argv.healthFile), syslog?.url ?? output ?? 'stdout', (line) => ctx.log(line))
      : undefined;
    const trouble = (message: string): void => void health?.error(message);
    try {
      const common = {
        client,
        eventsUrl: argv.eventsUrl,
        parser,
        serialize: (events: import('../../flex/index.js').ParsedEvent[]) => alerts.serializeEvents(argv.format, events),
        header: argv.format === 'table' ? alerts.tableHeader() : undefined,
        output: syslog
          ? {
              syslog: {
                ...syslogOptions,
                target: syslog,
                tls: { ...syslogOptions.tls, ca: caText ? [caText] : undefined },
                backoff: { baseMs: argv.backoff * 1000, maxMs: alerts.DEFAULT_RETRY.maxMs },
                signal: ctx.signal,
                log: (line: string) => ctx.log(line),
                onTrouble: trouble,
              },
            }
          : output
            ? { file: output }
            : { stream: ctx.io.stdout },
        checkpointFile,
        startAt,
        once: argv.once === true,
        intervalMs: (argv.interval ?? 60) * 1000,
        retry: { ...alerts.DEFAULT_RETRY, retries: argv.retries, baseMs: argv.backoff * 1000 },
        http: { caFile, timeoutMs: argv.httpTimeout * 1000, env: ctx.io.env },
        signal: ctx.signal,
        // Log lines quote alert ids and remote answers.
        log: (line: string) => ctx.log(printable(line)),
        onTrouble: trouble,
      };
      const where = syslog?.url ?? argv.output ?? 'stdout';
      if (graph) {
        const summary = await alerts.runGraphPull({
          ...common,
          auth: refreshToken ? { refreshToken } : 'client-credentials',
          overlapMs,
          requestsPerMinute: rpm,
          onPoll: (r) => void health?.poll({ ...r, mark: r.cursor, older: 0, eventWarnings: 0, skipped: r.poisoned }),
        });
        ctx.log(
          `Done: ${summary.polls} polls, ${summary.delivered} alert versions, ${summary.events} events written to ${where}${summary.poisoned ? `, ${summary.poisoned} unreadable alerts skipped` : ''}; cursor ${summary.cursor}.`,
        );
      } else {
        const summary = await alerts.runPull({ ...common, refreshToken: refreshToken!, onPoll: (result) => void health?.poll(result) });
        ctx.log(`Done: ${summary.polls} polls, ${summary.delivered} alerts, ${summary.events} events written to ${where}; next start ${summary.mark}.`);
      }
      await health?.end();
    } catch (error) {
      await health?.end({ message: (error as Error).message, interrupted: (error as Error).name === 'InterruptedError' });
      throw error;
    } finally {
      ctx.signal.removeEventListener('abort', onSignal);
    }
  },
});

/**
 * The syslog flags, checked against the kind of --output: each one only where it means something, so a flag that
 * would be ignored is an error rather than a surprise. Certificate files are read here (exit 2 naming the file).
 */
async function syslogFlags(
  argv: PullArgv,
  cwd: string,
  target: import('../../alerts/index.js').SyslogTarget | undefined,
  UsageError: typeof import('../../errors/index.js').UsageError,
  ConfigError: typeof import('../../errors/index.js').ConfigError,
): Promise<{ format: 'rfc5424' | 'rfc3164'; framing: 'octet-counting' | 'lf'; tls: { cert?: string; key?: string } }> {
  const syslogOnly = { 'syslog-format': argv.syslogFormat, framing: argv.framing, cert: argv.cert, key: argv.key };
  const given = Object.entries(syslogOnly)
    .filter(([, value]) => value !== undefined)
    .map(([flag]) => flag);
  if (!target) {
    if (given.length > 0) throw new UsageError(`--${given[0]} applies only to a syslog --output (tcp://, tls:// or udp://).`);
    return { format: 'rfc5424', framing: 'octet-counting', tls: {} };
  }
  if (argv.format === 'table') throw new UsageError('--format table is for reading, not for a syslog --output: use --format cef (or ndjson).');
  if (argv.framing !== undefined && target.protocol === 'udp')
    throw new UsageError('--framing applies to tcp:// and tls:// outputs: over UDP each event is one datagram.');
  if ((argv.cert !== undefined || argv.key !== undefined) && target.protocol !== 'tls')
    throw new UsageError(`--${argv.cert !== undefined ? 'cert' : 'key'} needs a tls:// --output.`);
  if ((argv.cert === undefined) !== (argv.key === undefined))
    throw new UsageError(`--${argv.cert === undefined ? 'cert' : 'key'} is missing: mutual TLS needs both --cert and --key.`);
  const read = async (flag: 'cert' | 'key', marker: RegExp): Promise<string | undefined> => {
    const file = argv[flag];
    if (file === undefined) return undefined;
    let text: string;
    try {
      text = await readFile(resolve(cwd, file), 'utf8');
    } catch (cause) {
      throw new ConfigError(`Cannot read --${flag} ${file}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, { file, cause });
    }
    if (!marker.test(text)) throw new ConfigError(`--${flag} ${file} holds no PEM ${flag === 'cert' ? 'certificate' : 'private key'}.`, { file });
    return text;
  };
  return {
    format: argv.syslogFormat ?? 'rfc5424',
    framing: argv.framing ?? 'octet-counting',
    tls: { cert: await read('cert', /-----BEGIN CERTIFICATE-----/), key: await read('key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/) },
  };
}

/** --since: a UTC timestamp, or an ISO-8601 duration back from now; default the API's own window, 2 hours. */
function startTime(
  since: string | undefined,
  alerts: typeof import('../../alerts/index.js'),
  UsageError: typeof import('../../errors/index.js').UsageError,
): bigint {
  const text = since ?? 'PT2H';
  const duration = alerts.parseIsoDuration(text);
  if (duration !== undefined) return alerts.ticksFromMs(Date.now() - duration);
  const ticks = alerts.parseUtcTimestamp(text);
  if (ticks === undefined) throw new UsageError(`--since ${text} is neither a UTC time (2024-05-01T10:00:00Z) nor a duration (PT2H, P1D).`);
  return ticks;
}
