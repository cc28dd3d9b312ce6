import { resolve } from 'node:path';
import { defineCommand } from '../command.js';
import type { CliContext } from '../context.js';
import type { ArgvOf, OptionTable } from '../options.js';

const options = {
  config: { type: 'string', demandOption: true, describe: 'The client properties file (WDATP-connector.properties)' },
  browser: {
    type: 'boolean',
    default: true,
    describe: 'Open a browser for the sign-in (--no-browser: print the URL and also accept the final redirect URL pasted on stdin)',
  },
  output: { type: 'string', describe: 'Write the refresh token to this file (mode 0600) instead of stdout' },
  force: { type: 'boolean', describe: 'Replace an existing --output file' },
  timeout: { type: 'number', default: 300, describe: 'Seconds to wait for the sign-in' },
  prompt: { type: 'string', choices: ['consent', 'login', 'select_account', 'admin_consent'], describe: 'Ask Azure AD to show this sign-in step' },
  cert: { type: 'string', describe: 'PEM certificate for an https redirect listener (default: generated for the run)' },
  key: { type: 'string', describe: 'PEM private key of --cert' },
  'ca-file': { type: 'string', describe: "Extra CA certificate(s) (PEM) to trust, e.g. a corporate proxy's, besides the system CAs" },
  'http-timeout': { type: 'number', default: 30, describe: 'Seconds each HTTP request may take' },
  'check-refresh': {
    type: 'boolean',
    conflicts: 'client-credentials',
    describe: 'Redeem a refresh token (from --refresh-token-env or stdin) and report whether it still works',
  },
  'refresh-token-env': { type: 'string', describe: 'Environment variable holding the refresh token for --check-refresh' },
  'print-rotated': { type: 'boolean', describe: 'With --check-refresh: print the new (rotated) refresh token' },
  'client-credentials': {
    type: 'boolean',
    describe: 'Check app id, secret and resource (Graph: https://<graph host>/.default) with the client-credentials grant (no sign-in)',
  },
  verify: { type: 'boolean', describe: 'Call the alert API once (limit=1; Graph: alerts_v2 with $top=1) with the access token and report the result' },
  'events-url': {
    type: 'string',
    describe:
      'Alert API URL for --verify, e.g. https://wdatp-alertexporter-eu.securitycenter.windows.com/api/alerts (Graph files default to https://<graph host>/v1.0/security/alerts_v2)',
  },
} as const satisfies OptionTable;

type TokenArgv = ArgvOf<typeof options>;

export default defineCommand({
  command: 'token',
  options,
  builder: (y) =>
    y
      .example('$0 token --config WDATP-connector.properties', 'Sign in and print the refresh token for the connector form')
      .example('$0 token --config WDATP-connector.properties --no-browser --output rt.txt', 'Over SSH: paste the final URL; token saved with mode 0600')
      .example(
        'WDATP_RT=... $0 token --config WDATP-connector.properties --check-refresh --refresh-token-env WDATP_RT --verify --events-url https://wdatp-alertexporter-eu.securitycenter.windows.com/api/alerts',
        'Is the refresh token still good, and does the alert API answer?',
      )
      .example('$0 token --config WDATP-connector.properties --client-credentials', 'Check app id, secret and resource without signing in')
      .example(
        '$0 token --config Graph-connector.properties --client-credentials --verify',
        'Graph: does the app hold SecurityAlert.Read.All, and does alerts_v2 answer?',
      ),
  run: async (argv, ctx) => {
    const oauth = await import('../../oauth/index.js');
    const errors = await import('../../errors/index.js');
    const { UsageError, RemoteError } = errors;

    if (argv.printRotated && !argv.checkRefresh) throw new UsageError('--print-rotated only goes with --check-refresh.');
    if (argv.refreshTokenEnv && !argv.checkRefresh) throw new UsageError('--refresh-token-env only goes with --check-refresh.');
    if (Boolean(argv.cert) !== Boolean(argv.key)) throw new UsageError('--cert and --key go together.');
    for (const [flag, v] of [
      ['--timeout', argv.timeout],
      ['--http-timeout', argv.httpTimeout],
    ] as const) {
      if (!(Number.isFinite(v) && v > 0)) throw new UsageError(`${flag} must be a positive number of seconds.`);
    }
    const configPath = resolve(ctx.io.cwd, argv.config);
    await lintClientFile(configPath, argv.config, ctx);
    const { config, notices } = await oauth.loadClientConfig(configPath);
    const cfg = { ...config, file: argv.config };
    // validate's findings above already cover these; they stay available under --debug.
    for (const n of notices) ctx.trace(`${n.line ? `${argv.config}:${n.line}:${n.column}: ` : ''}${n.message}`);

    const http = {
      caFile: argv.caFile ? resolve(ctx.io.cwd, argv.caFile) : undefined,
      timeoutMs: argv.httpTimeout * 1000,
      env: ctx.io.env,
    };
    if (http.caFile) await oauth.readCaFile(http.caFile); // a bad CA file is a usage problem: say so before signing in
    const v2 = cfg.platform === 'v2';
    const eventsUrl = argv.verify ? await eventsUrlFor(argv, cfg.tokenUrl) : undefined;
    const outputPath = argv.output ? resolve(ctx.io.cwd, argv.output) : undefined;
    if (outputPath && !argv.force && (await exists(outputPath))) {
      throw new UsageError(`${argv.output} already exists.`, { hint: 'Pass --force to replace it, or choose another --output file.' });
    }
    if (ctx.debug) {
      const probe = await oauth.createHttpClient(http);
      const proxy = probe.proxyFor(cfg.tokenUrl);
      ctx.trace(proxy ? `token requests go through the proxy ${oauth.redactProxy(proxy)}` : 'token requests go direct (no proxy applies)');
      await probe.close();
    }

    /** Check modes: Azure AD or the API refusing the thing checked is a failed check (exit 1), not a crash. */
    const failedCheck = (error: unknown): number => {
      if (error instanceof oauth.AzureAdError || (error instanceof RemoteError && error.status !== undefined && error.status < 500)) {
        ctx.log(`${ctx.err.red.bold('Check failed:')} ${error.message}`);
        if (error.hint) ctx.log(`${ctx.err.dim('Fix:')} ${error.hint}`);
        return 1;
      }
      throw error;
    };

    if (argv.clientCredentials) {
      let tokens;
      try {
        tokens = await oauth.clientCredentials(cfg, http);
      } catch (error) {
        return failedCheck(error);
      }
      const audience = v2 ? `the scope ${oauth.defaultScopeOf(cfg)}` : `the resource ${tokens.resource ?? cfg.resource ?? ''}`;
      ctx.log(
        `${ctx.err.green('OK:')} app ${cfg.clientId}, its secret and ${audience} work: Azure AD granted an access token valid until ${when(tokens.expiresOn)}.${permissions(tokens.accessToken)}`,
      );
      return eventsUrl ? verify(eventsUrl, tokens.accessToken) : 0;
    }

    if (argv.checkRefresh) {
      const refreshToken = await readRefreshToken(argv, ctx, UsageError);
      let tokens;
      try {
        tokens = await oauth.refreshTokens(cfg, refreshToken, http);
      } catch (error) {
        return failedCheck(error);
      }
      ctx.log(`${ctx.err.green('OK:')} the refresh token still works. The new access token is valid until ${when(tokens.expiresOn)}.`);
      if (tokens.refreshToken && tokens.refreshToken !== refreshToken) {
        ctx.log(
          argv.printRotated
            ? 'Azure AD returned a new (rotated) refresh token; it follows.'
            : 'Azure AD also returned a new (rotated) refresh token; it is not shown (--print-rotated shows it).',
        );
        if (argv.printRotated) await deliver(tokens.refreshToken);
      } else if (argv.printRotated) {
        ctx.log('Azure AD returned no new refresh token; keep using the current one.');
      }
      return eventsUrl ? verify(eventsUrl, tokens.accessToken) : 0;
    }

    const certificate = argv.cert && argv.key ? await oauth.readCertificatePair(resolve(ctx.io.cwd, argv.cert), resolve(ctx.io.cwd, argv.key)) : undefined;
    const noBrowser = argv.browser === false ? '--no-browser was given' : oauth.noBrowserReason(ctx.io.env);
    if (argv.browser !== false && noBrowser) ctx.log(`Not opening a browser: ${noBrowser}.`);
    let tokens;
    try {
      tokens = await oauth.authorizationCodeFlow(cfg, {
        ...http,
        openBrowser: noBrowser ? undefined : oauth.systemBrowser((line) => ctx.log(line)),
        stdinPaste: noBrowser || ctx.io.stdin.isTTY ? ctx.io.stdin : undefined,
        timeoutSeconds: argv.timeout,
        prompt: argv.prompt,
        cert: certificate,
        log: (line) => ctx.log(line),
        signal: ctx.signal,
      });
    } finally {
      // Nothing more will be read; a TTY stdin would otherwise keep the process alive.
      if (ctx.io.stdin === process.stdin) process.stdin.destroy();
    }
    if (!tokens.refreshToken) {
      // A Graph file without offline_access in scope is stopped by the client-file rules (WDA133) before sign-in.
      throw new RemoteError('Azure AD granted an access token but no refresh token.', {
        hint: v2
          ? `The v2 token endpoint returns one only for offline_access: keep it in scope of ${argv.config}, and check that the app is a confidential web app and that no policy blocks offline_access.`
          : 'The app must be a confidential web app using the authorization-code flow; check that the resource in auth_url is right.',
      });
    }
    ctx.log(`${ctx.err.green('Signed in.')} Access token valid until ${when(tokens.expiresOn)}.${permissions(tokens.accessToken)}`);
    await deliver(tokens.refreshToken);
    return eventsUrl ? verify(eventsUrl, tokens.accessToken) : 0;

    async function deliver(refreshToken: string): Promise<void> {
      if (outputPath) {
        const { writeFileAtomic } = await import('../../fsio/index.js');
        // Checked again as it is written: a file created while the sign-in was pending is not replaced.
        await writeFileAtomic(outputPath, `${refreshToken}\n`, { mode: 0o600, noClobber: !argv.force });
        ctx.log(`Refresh token written to ${argv.output} (mode 0600). Paste it into the connector's Refresh Token field.`);
      } else {
        ctx.print(`${refreshToken}\n`);
        if (ctx.io.stdout.isTTY)
          ctx.log("The line above is the refresh token: paste it into the connector's Refresh Token field. It stops working after 90 days without use.");
      }
    }

    /** The permissions an access token carries (not secret), for the success lines of v2 files. */
    function permissions(accessToken: string): string {
      const claims = v2 ? oauth.readAccessTokenClaims(accessToken) : undefined;
      if (!claims) return '';
      const { kind, list } = oauth.grantedPermissions(claims);
      return ` Its ${kind} permissions: ${list}.`;
    }

    async function verify(url: string, accessToken: string): Promise<number> {
      try {
        const result = v2 ? await oauth.verifyGraphAlerts(url, accessToken, cfg, http) : await oauth.verifyAlertApi(url, accessToken, http);
        const window = v2 ? '$top=1' : 'limit=1, last 2 hours';
        ctx.log(`${ctx.err.green('Alert API OK:')} HTTP ${result.status} from ${new URL(result.url).host}; ${result.count} alert(s) came back (${window}).`);
        return 0;
      } catch (error) {
        return failedCheck(error);
      }
    }

    async function eventsUrlFor(a: TokenArgv, tokenUrl: string): Promise<string> {
      if (a.eventsUrl) {
        (v2 ? oauth.graphVerificationUrl : oauth.verificationUrl)(a.eventsUrl); // fails early (exit 2) on a malformed URL
        return a.eventsUrl;
      }
      if (v2) {
        const alerts = oauth.graphAlertsUrlOf(cfg);
        if (alerts) return alerts;
        throw new UsageError('--verify needs --events-url: the Graph host cannot be told from scope or the login host.', {
          hint: 'Pass --events-url https://<graph host>/v1.0/security/alerts_v2.',
        });
      }
      const { CLOUDS, cloudsForLoginHost } = await import('../../connector/index.js');
      const clouds = cloudsForLoginHost(new URL(tokenUrl).hostname);
      const hosts = [
        ...new Set(clouds.flatMap((c) => (CLOUDS[c].regions.length ? CLOUDS[c].regions.map((r) => CLOUDS[c].eventsHost(r)) : [CLOUDS[c].eventsHost()]))),
      ];
      if (hosts.length === 1) return `https://${hosts[0]}/api/alerts`;
      throw new UsageError('--verify needs --events-url: the region of the alert API cannot be told from the login host.', {
        hint: hosts.length
          ? `Pass --events-url https://<host>/api/alerts with one of: ${hosts.join(', ')}.`
          : 'Pass --events-url with the alert API URL (the Events URL of the connector).',
      });
    }
  },
});

/**
 * The `validate` rules for the client file come first: an error stops token with exit 2 before any sign-in;
 * warnings and notes (such as "loopback login host: a test server") are shown and the run goes on.
 */
async function lintClientFile(path: string, shownAs: string, ctx: CliContext): Promise<void> {
  const { readConnectorFile } = await import('../../properties/index.js');
  const { ConfigError } = await import('../../errors/index.js');
  let bytes: Buffer;
  try {
    bytes = await readConnectorFile(path, shownAs);
  } catch (cause) {
    if (cause instanceof ConfigError) throw cause;
    throw new ConfigError(`Cannot read ${shownAs}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, {
      file: shownAs,
      hint: 'Pass --config with the path of WDATP-connector.properties.',
      cause,
    });
  }
  const lint = await import('../../lint/index.js');
  const { FINDINGS_RENDERERS } = await import('../render/findings/index.js');
  const { version } = await import('../version.js');
  const result = lint.lintSources([{ file: shownAs, kind: 'client-properties', bytes }]);
  if (result.findings.length === 0) return;
  ctx.log(FINDINGS_RENDERERS.text(result, { chalk: ctx.err, tool: { name: 'wdatp-arcsight', version } }).trimEnd());
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  if (errors > 0) {
    throw new ConfigError(`${errors} error(s) in the client file; token stops before signing in.`, {
      file: shownAs,
      hint: 'Fix the errors above (wdatp-arcsight validate shows the same findings), then run token again.',
    });
  }
}

function when(date: Date): string {
  const minutes = Math.round((date.getTime() - Date.now()) / 60_000);
  return `${date.toISOString()} (in ${minutes} min)`;
}

async function exists(path: string): Promise<boolean> {
  const { stat } = await import('node:fs/promises');
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The refresh token for --check-refresh: from the named variable, else stdin (piped, or typed with masking). */
async function readRefreshToken(argv: TokenArgv, ctx: CliContext, UsageError: typeof import('../../errors/index.js').UsageError): Promise<string> {
  const name = argv.refreshTokenEnv;
  if (name) {
    const value = ctx.io.env[name]?.trim();
    if (!value) throw new UsageError(`The environment variable ${name} (--refresh-token-env) is empty or unset.`);
    return value;
  }
  if (ctx.io.stdin.isTTY && !ctx.io.env.CI) {
    const { password } = await import('@inquirer/prompts');
    const value = (await password({ message: 'Refresh token', mask: '*' }, { input: ctx.io.stdin, output: ctx.io.stderr })).trim();
    if (!value) throw new UsageError('No refresh token was entered.');
    return value;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.io.stdin) chunks.push(Buffer.from(chunk as Buffer));
  const value = Buffer.concat(chunks)
    .toString('utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find(Boolean);
  if (!value) {
    throw new UsageError('--check-refresh needs a refresh token: none on stdin.', {
      hint: 'Pipe it in, or pass --refresh-token-env VAR naming an environment variable that holds it.',
    });
  }
  return value;
}
