import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { defineCommand } from '../command.js';

export default defineCommand({
  command: 'sandbox',
  endsOnSignal: true,
  options: {
    port: { type: 'number', describe: 'Port on 127.0.0.1 (default: a free one)' },
    https: { type: 'boolean', describe: 'Serve https with a certificate generated for this run (its CA file is written to --dir)' },
    alerts: { type: 'string', conflicts: 'generate', describe: 'Serve the alerts of this file (JSON array or object, NDJSON, or {"value": [...]})' },
    generate: { type: 'number', describe: 'Serve N generated alerts (default 25), arriving over time' },
    seed: { type: 'number', default: 1, describe: 'Seed of the generator and of the tenant and client ids' },
    dir: { type: 'string', describe: 'Write the connector files (and the CA file) here (default: a temporary folder removed on exit)' },
    'redirect-uri': { type: 'string', describe: 'Reply URL to register and to write into the client file (default https://localhost:44300/wdatpconnector)' },
    quiet: { type: 'boolean', describe: 'Do not log each request on stderr' },
    api: {
      choices: ['siem', 'graph'],
      default: 'siem',
      describe: 'Which set-up to print and write files for: the SIEM API (Azure AD v1) or Graph alerts_v2 (identity platform v2); both APIs are served',
    },
    churn: {
      type: 'number',
      describe: 'Graph: changes (new alerts, updates) applied before every alerts_v2 answer, so pages shift while a client reads them (default 0)',
    },
    lag: { type: 'string', describe: 'Graph: a change becomes visible up to this long after its lastUpdateDateTime, an ISO-8601 duration (default PT0S)' },
    'change-every': { type: 'string', describe: 'Graph: one change every this long once the generated span is over, an ISO-8601 duration (default PT30S)' },
    'requests-per-minute': {
      type: 'number',
      describe: 'Graph: alerts_v2 answers 429 with Retry-After beyond this many requests a minute (default 150; 0: no limit)',
    },
  },
  builder: (y) =>
    y
      .example('$0 sandbox --https', 'Start it; the values and commands to use are printed')
      .example('$0 sandbox --alerts fixtures/alerts/sample.json --port 8443', 'Serve your own alert records')
      .example('$0 sandbox --api graph --https --churn 1 --lag PT2M', 'Graph alerts_v2 whose alerts change while pull pages through them'),
  run: async (argv, ctx) => {
    const { UsageError } = await import('../../errors/index.js');
    if (argv.port !== undefined && !(Number.isInteger(argv.port) && argv.port >= 0 && argv.port <= 65535)) throw new UsageError('--port must be 0-65535.');
    if (argv.generate !== undefined && !(Number.isInteger(argv.generate) && argv.generate >= 0))
      throw new UsageError('--generate must be a whole number >= 0.');
    if (!Number.isInteger(argv.seed)) throw new UsageError('--seed must be a whole number.');
    const count = (flag: string, value: number | undefined): number | undefined => {
      if (value !== undefined && !(Number.isInteger(value) && value >= 0)) throw new UsageError(`${flag} must be a whole number >= 0.`);
      return value;
    };
    const alertsModule = await import('../../alerts/index.js');
    const duration = (flag: string, text: string | undefined, fallback: number): number => {
      if (text === undefined) return fallback;
      const ms = alertsModule.parseIsoDuration(text);
      if (ms === undefined) throw new UsageError(`${flag} ${text} is not an ISO-8601 duration such as PT2M.`);
      return ms;
    };
    const graphOptions = {
      churnPerRequest: count('--churn', argv.churn),
      requestsPerMinute: count('--requests-per-minute', argv.requestsPerMinute),
      lagMs: duration('--lag', argv.lag, 0),
      changeEveryMs: duration('--change-every', argv.changeEvery, 30_000),
    };
    const graphOnly = { '--churn': argv.churn, '--lag': argv.lag, '--change-every': argv.changeEvery, '--requests-per-minute': argv.requestsPerMinute };
    for (const [flag, value] of Object.entries(graphOnly)) {
      if (argv.api !== 'graph' && value !== undefined) throw new UsageError(`${flag} shapes the Graph alerts_v2 data: add --api graph.`);
    }
    if (argv.api === 'graph' && argv.alerts)
      throw new UsageError('--alerts serves SIEM API records; with --api graph the sandbox generates alerts_v2 alerts (--generate N).');
    const sandboxes = await import('../../sandbox/index.js');

    let records: unknown[] | undefined;
    if (argv.alerts) {
      records = [];
      for await (const record of alertsModule.readAlerts(resolve(ctx.io.cwd, argv.alerts), { name: argv.alerts })) records.push(record.value);
    }
    const redirect = argv.redirectUri ?? 'https://localhost:44300/wdatpconnector';
    const redirectUris = [...new Set([redirect, redirect.replace(/^https:/, 'http:'), 'https://localhost:44300/wdatpconnector'])];
    const sandbox = await sandboxes.startSandbox({
      port: argv.port,
      https: argv.https,
      alerts: records,
      generate: argv.generate,
      seed: argv.seed,
      redirectUris,
      graph: graphOptions,
      onRequest: argv.quiet
        ? undefined
        : (r) =>
            ctx.log(`${new Date(r.at).toISOString()}  ${r.method} ${r.path}${r.search}  → ${r.status || 'closed'}${r.fault ? ` (fault: ${r.fault})` : ''}`),
    });

    const temporary = argv.dir === undefined;
    const dir = argv.dir === undefined ? await mkdtemp(join(tmpdir(), 'wdatp-arcsight-sandbox-')) : resolve(ctx.io.cwd, argv.dir);
    try {
      await mkdir(dir, { recursive: true });
      const caFile = sandbox.ca ? join(dir, 'sandbox-ca.pem') : undefined;
      if (caFile) await writeFile(caFile, sandbox.ca!);
      const show = (p: string): string => {
        const r = relative(ctx.io.cwd, p);
        return r.startsWith('..') || r === '' ? p : r;
      };
      const ca = caFile ? ` --ca-file ${quote(show(caFile))}` : '';
      const rt = show(join(dir, 'refresh-token.txt'));
      const files = sandboxes.sandboxConnectorFiles(sandbox, { api: argv.api, redirectUri: redirect });
      const clientFile = join(dir, files.clientFileName);
      const parserFile = join(dir, files.parserFileName);
      await writeFile(clientFile, files.clientProperties, { encoding: 'latin1', mode: 0o600 });
      await writeFile(parserFile, files.parserProperties, 'latin1');
      // The same for both APIs: who signs in, and the files this run wrote.
      const credentials = [
        `  tenant          ${sandbox.tenant}`,
        `  client id       ${sandbox.clientId}`,
        `  client secret   ${sandbox.clientSecret}`,
        "                  (a throwaway secret that exists only while this sandbox runs; printing it is this command's job)",
      ];
      const written = [
        ...(caFile ? [`  CA certificate  ${show(caFile)}`] : []),
        `  client file     ${show(clientFile)}`,
        `  parser file     ${show(parserFile)}`,
      ];
      let lines: string[];
      if (argv.api === 'graph') {
        const visible = sandbox.graph.current().length;
        lines = [
          `wdatp-arcsight sandbox: an offline identity platform v2 and Graph alerts_v2 at ${sandbox.url} (loopback only)`,
          '',
          ...credentials,
          `  auth_url        ${sandbox.graphAuthUrl}`,
          `  token_url       ${sandbox.graphTokenUrl}`,
          `  scope           ${sandbox.graphScope}`,
          `  redirect URIs   ${sandbox.redirectUris.join(', ')}`,
          `  Events URL      ${sandbox.graphAlertsUrl}`,
          ...written,
          `  alerts          ${visible} visible now (generated, seed ${argv.seed}); more are created and updated over time${graphOptions.churnPerRequest ? `, ${graphOptions.churnPerRequest} changes before every answer` : ''}${graphOptions.lagMs ? `, visible up to ${graphOptions.lagMs / 1000} s after their lastUpdateDateTime` : ''}`,
          `  limits          $top 1-2000 (default 2000), ${graphOptions.requestsPerMinute === 0 ? 'no request limit' : `${graphOptions.requestsPerMinute ?? 150} requests a minute, then 429 with Retry-After`}`,
          `  control         ${sandbox.url}/_sandbox  (faults, clock, alerts_v2 changes; see docs/pull.md)`,
          '',
          'Try it (in another terminal):',
          `  wdatp-arcsight validate ${quote(show(clientFile))} ${quote(show(parserFile))}`,
          `  wdatp-arcsight token --config ${quote(show(clientFile))}${ca} --output ${quote(rt)}`,
          `  wdatp-arcsight pull --config ${quote(show(clientFile))} --parser ${quote(show(parserFile))} --events-url ${sandbox.graphAlertsUrl} --refresh-token-file ${quote(rt)}${ca} --once --format table`,
          `  curl${caFile ? ` --cacert ${quote(show(caFile))}` : ''} -X POST -d '{"count":5}' ${sandbox.url}/_sandbox/alerts_v2/changes`,
        ];
      } else {
        const all = sandbox.alerts();
        const arrived = all.filter((a) => {
          const time = (a as Record<string, unknown>).LastProcessedTimeUtc;
          const t = typeof time === 'string' ? alertsModule.parseUtcTimestamp(time) : undefined;
          return t === undefined || alertsModule.msFromTicks(t) <= sandbox.clock.now();
        }).length;
        lines = [
          `wdatp-arcsight sandbox: an offline Azure AD v1 and alert API at ${sandbox.url} (loopback only)`,
          '',
          ...credentials,
          `  resource        ${sandbox.resource}`,
          `  auth_url        ${sandbox.authUrl}`,
          `  token_url       ${sandbox.tokenUrl}`,
          `  redirect URIs   ${sandbox.redirectUris.join(', ')}`,
          `  Events URL      ${sandbox.eventsUrl}`,
          ...written,
          `  alerts          ${all.length} (${records ? `from ${argv.alerts}` : `generated, seed ${argv.seed}`}); ${arrived} arrived, the rest arrive as their LastProcessedTimeUtc comes`,
          `  control         ${sandbox.url}/_sandbox  (faults, clock; see docs/pull.md)`,
          '',
          'Try it (in another terminal):',
          `  wdatp-arcsight validate ${quote(show(clientFile))} ${quote(show(parserFile))}`,
          `  wdatp-arcsight token --config ${quote(show(clientFile))}${ca} --output ${quote(rt)}`,
          `  wdatp-arcsight pull --config ${quote(show(clientFile))} --parser ${quote(show(parserFile))} --events-url '${sandbox.eventsUrl}' --refresh-token-file ${quote(rt)}${ca} --once --format table`,
          `  curl${caFile ? ` --cacert ${quote(show(caFile))}` : ''} -X POST -d '{"kind":"status","status":500}' ${sandbox.url}/_sandbox/faults`,
          '',
          'The files above are what init writes, with auth_url and token_url pointed here. To make them with init yourself:',
          `  WDATP_CLIENT_SECRET='${sandbox.clientSecret}' wdatp-arcsight init --non-interactive --tenant ${sandbox.tenant} --region eu --client-id ${sandbox.clientId} --redirect-uri ${redirect} --client-secret-env WDATP_CLIENT_SECRET --out sandbox-connector`,
          "  then set auth_url and token_url in sandbox-connector/WDATP-connector.properties to the values above (init only knows Microsoft's login hosts).",
        ];
      }
      // Ctrl+C is how this command ends: a clean shutdown on SIGINT/SIGTERM exits 0 (see docs/pull.md). The
      // listener goes in before "Ready" is announced, so a signal sent on seeing it is always handled.
      const stopped = ctx.signal.aborted ? Promise.resolve() : once(ctx.signal, 'abort');
      ctx.print(`${lines.join('\n')}\n`);
      ctx.log(`Ready. ${temporary ? 'The folder is removed on exit. ' : ''}Press Ctrl+C to stop.`);
      await stopped;
      ctx.log('Stopping the sandbox.');
    } finally {
      await sandbox.close();
      if (temporary) await rm(dir, { recursive: true, force: true });
    }
    return 0;
  },
});

function quote(text: string): string {
  return /^[\w./:=@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
