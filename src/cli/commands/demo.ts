import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineCommand } from '../command.js';

const STEPS = 6;

export default defineCommand({
  command: 'demo',
  options: {
    alerts: { type: 'number', default: 8, describe: 'How many alerts the sandbox generates' },
    seed: { type: 'number', default: 7, describe: 'Seed of the generated alerts' },
    keep: { type: 'boolean', describe: 'Keep the temporary folder (connector files, events, checkpoint) and print its path' },
    api: {
      choices: ['graph', 'siem'],
      default: 'graph',
      describe: 'Graph alerts_v2 (identity platform v2, mapping v3) or the legacy SIEM API (Azure AD v1, mapping v2)',
    },
  },
  // The demo's promise is speed: plain argument lists skip loading yargs (a stray positional goes to yargs, which
  // reports it).
  fast: true,
  builder: (y) =>
    y
      .example('$0 demo', 'The whole pipeline offline: sandbox, connector files, validate, token, pull, CEF')
      .example('$0 demo --api siem', 'The same with the legacy SIEM API set-up'),
  run: async (argv, ctx) => {
    const { UsageError } = await import('../../errors/index.js');
    if (!Number.isInteger(argv.alerts) || argv.alerts < 1 || argv.alerts > 1000) throw new UsageError('--alerts must be 1-1000.');
    if (!Number.isInteger(argv.seed)) throw new UsageError('--seed must be a whole number.');
    const graph = argv.api === 'graph';
    const [sandboxes, alerts, oauth, flex, lint, connector] = await Promise.all([
      import('../../sandbox/index.js'),
      import('../../alerts/index.js'),
      import('../../oauth/index.js'),
      import('../../flex/index.js'),
      import('../../lint/index.js'),
      import('../../connector/index.js'),
    ]);
    const step = (n: number, text: string): void => ctx.log(`${ctx.err.bold(`[${n}/${STEPS}]`)} ${text}`);
    const detail = (text: string): void => ctx.log(`      ${ctx.err.dim(text)}`);

    // The sign-in's loopback listener needs a port that the sandbox registers as reply URL before it starts.
    const redirectUri = `http://localhost:${await freePort()}/wdatpconnector`;
    const now = Date.now();
    const sandbox = await sandboxes.startSandbox({
      https: true,
      generate: argv.alerts,
      seed: argv.seed,
      redirectUris: [redirectUri],
      // Every alert has arrived already, within the 2 hours a first pull looks back.
      generateFrom: now - 60 * 60_000,
      generateSpanMs: 55 * 60_000,
      // alerts_v2: the same count of alerts, some updated since; nothing changes while the demo reads them.
      graph: { changeEveryMs: 0 },
    });
    const dir = await mkdtemp(join(tmpdir(), 'wdatp-arcsight-demo-'));
    let events: Array<import('../../flex/index.js').ParsedEvent> = [];
    try {
      step(
        1,
        graph
          ? `Sandbox: identity platform v2 and Graph alerts_v2 at ${sandbox.url}, https with a certificate generated for this run.`
          : `Sandbox: Azure AD v1 and the alert API at ${sandbox.url}, https with a certificate generated for this run.`,
      );
      detail(
        `demo tenant ${sandbox.tenant}, client id ${sandbox.clientId}, ${graph ? sandbox.graph.current().length : sandbox.alerts().length} generated alerts (seed ${argv.seed})`,
      );

      const files = sandboxes.sandboxConnectorFiles(sandbox, { api: argv.api, redirectUri });
      const clientFile = join(dir, files.clientFileName);
      const parserFile = join(dir, files.parserFileName);
      const caFile = join(dir, 'sandbox-ca.pem');
      await writeFile(clientFile, files.clientProperties, { encoding: 'latin1', mode: 0o600 });
      await writeFile(parserFile, files.parserProperties, 'latin1');
      await writeFile(caFile, sandbox.ca!);
      step(
        2,
        `Connector files rendered as init would (${graph ? 'Graph alerts_v2, ' : ''}mapping ${files.values.mapping}) into ${dir}, auth_url and token_url pointed at the sandbox:`,
      );
      detail(`${files.clientFileName} (mode 0600, holds the sandbox's client secret), ${files.parserFileName}`);

      // The Events URL as init prints it for each API, on the sandbox's host (pull takes the host, path and $top
      // of the Graph one and writes its own query).
      const eventsUrl = graph ? connector.graphEventsUrl('commercial').replace(/^https:\/\/[^/]+/, sandbox.url) : sandbox.eventsUrl;
      const linted = await lint.lintPaths([clientFile, parserFile], { cwd: dir, eventsUrl });
      const summary = lint.summarize(linted);
      step(3, `validate: ${summary.errors} errors, ${summary.warnings} warnings, ${summary.infos} notes.`);
      for (const f of linted.findings) detail(`${f.severity} ${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message}`);

      const client = { ...(await oauth.readClientConfig(clientFile)), file: files.clientFileName };
      const http = { ca: sandbox.ca, timeoutMs: 10_000 };
      const tokens = await oauth.authorizationCodeFlow(client, {
        ...http,
        openBrowser: oauth.followRedirectsBrowser(http),
        timeoutSeconds: 10,
        signal: ctx.signal,
        log: (line) => ctx.trace(line),
      });
      if (!tokens.refreshToken) throw new Error('The sandbox granted no refresh token.');
      const refreshFile = join(dir, 'refresh-token.txt');
      await writeFile(refreshFile, `${tokens.refreshToken}\n`, { mode: 0o600 });
      step(4, 'token: signed in with the authorization-code flow (PKCE, loopback redirect; the sandbox consents by itself).');
      detail('refresh token stored with mode 0600 for pull (not shown)');

      const { spec } = flex.loadParserSpec(await readFile(parserFile, 'latin1'), { file: files.parserFileName });
      const parser = flex.compileParser(spec, { timeZone: 'UTC' });
      const output = join(dir, 'events.cef');
      const common = {
        client,
        eventsUrl,
        parser,
        serialize: (parsed: import('../../flex/index.js').ParsedEvent[]) => {
          events = events.concat(parsed);
          return alerts.serializeEvents('cef', parsed);
        },
        output: { file: output },
        checkpointFile: join(dir, 'events.cef.checkpoint.json'),
        startAt: alerts.ticksFromMs(now - 2 * 60 * 60_000),
        once: true,
        intervalMs: 0,
        http,
        signal: ctx.signal,
        log: (line: string) => ctx.trace(line),
      };
      const refreshToken = await alerts.readRefreshTokenFile(refreshFile);
      if (graph) {
        const pulled = await alerts.runGraphPull({ ...common, auth: { refreshToken } });
        step(
          5,
          `pull --once: GET ${sandbox.graphAlertsUrl} ($filter on lastUpdateDateTime, following @odata.nextLink) → ${pulled.delivered} alert versions → ${pulled.events} events; cursor ${pulled.cursor}.`,
        );
      } else {
        const pulled = await alerts.runPull({ ...common, refreshToken });
        step(
          5,
          `pull --once: GET ${eventsUrl.replace('$START_AT_TIME', '…')} → ${pulled.delivered} alerts → ${pulled.events} events; checkpoint at ${pulled.mark}.`,
        );
      }

      const cef = await readFile(output, 'utf8');
      ctx.print(`Events (${events.length}), a few fields each:\n\n`);
      ctx.print(alerts.tableHeader() + events.map((e) => alerts.tableRow(e)).join(''));
      ctx.print(`\nCEF lines ArcSight would receive (${events.length}):\n\n${cef}`);
    } finally {
      await sandbox.close();
      if (argv.keep) ctx.log(`Kept ${dir}`);
      else await rm(dir, { recursive: true, force: true });
    }
    step(6, `Cleaned up: sandbox closed${argv.keep ? '' : ', temporary folder removed'}.`);
    ctx.log('Next: wdatp-arcsight init for your tenant, or wdatp-arcsight sandbox to try token and pull by hand.');
    return 0;
  },
});

/** A free loopback port (the OS picks one; it is released at once for the sign-in listener to take). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
