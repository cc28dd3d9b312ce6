/**
 * Where `init` and `render` get the connector values from: flags, a values file, the environment (secret) and,
 * for `init` on a terminal, the wizard. Shared by both commands so they accept exactly the same inputs.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError, UsageError } from '../../errors/index.js';
import { JsonSyntaxError, parseJson } from '../../text/index.js';
import type { CliContext } from '../context.js';
import type { ArgvOf, OptionTable } from '../options.js';
import type { ConnectorValues, OutputTarget, ValueField, ValueProblem } from '../../connector/index.js';

/** The flag that sets each values key, for messages that must name what the user typed. */
export const FLAG_OF: Readonly<Record<ValueField, string>> = {
  api: '--api',
  tenant: '--tenant',
  cloud: '--cloud',
  region: '--region',
  clientId: '--client-id',
  resource: '--resource',
  redirectUri: '--redirect-uri',
  reauthenticate: '--reauthenticate',
  prefix: '--prefix',
  mapping: '--mapping',
};

/** The options `init` and `render` share: the connector values, the client secret and where the files go. */
export const CONNECTOR_OPTIONS = {
  values: {
    type: 'string',
    describe: 'JSON values file (keys: api, tenant, cloud, region, clientId, resource, redirectUri, reauthenticate, prefix, mapping); flags override it',
    group: 'Values:',
  },
  api: {
    type: 'string',
    choices: ['graph', 'siem'],
    describe: 'Source API: graph (Microsoft Graph alerts_v2; the default of init) or siem (the deprecated WDATP SIEM API; also a values file without api)',
    group: 'Values:',
  },
  tenant: { type: 'string', describe: 'Directory (tenant) ID GUID or verified domain, e.g. contoso.onmicrosoft.com', group: 'Values:' },
  cloud: { type: 'string', choices: ['commercial', 'gcc', 'gcc-high', 'dod'], describe: 'Microsoft cloud (default commercial)', group: 'Values:' },
  region: { type: 'string', choices: ['eu', 'us', 'uk'], describe: 'Defender data-centre region (SIEM API, commercial cloud only)', group: 'Values:' },
  'client-id': { type: 'string', describe: 'Application (client) ID of the Azure AD app (GUID)', group: 'Values:' },
  resource: {
    type: 'string',
    describe: 'Token resource of the SIEM API (default https://graph.windows.net; legacy https://WDATPAlertExport.Seville.onmicrosoft.com)',
    group: 'Values:',
  },
  'redirect-uri': { type: 'string', describe: 'Loopback reply URL with explicit port (default https://localhost:44300/wdatpconnector)', group: 'Values:' },
  reauthenticate: { type: 'boolean', describe: 'Write reauthenticate=true (default; --no-reauthenticate for false)', group: 'Values:' },
  prefix: { type: 'string', describe: 'Connector file prefix, the "Configuration File" of the form (default WDATP-connector)', group: 'Values:' },
  mapping: {
    type: 'string',
    choices: ['v3', 'v2', 'v1'],
    describe: 'Parser mapping profile: v3 with --api graph (its default); v2 (default) or v1 (legacy 1.0) with --api siem',
    group: 'Values:',
  },
  'client-secret-env': {
    type: 'string',
    conflicts: 'client-secret-stdin',
    describe: 'Read the client secret from this environment variable',
    group: 'Secret:',
  },
  'client-secret-stdin': { type: 'boolean', describe: 'Read the client secret from standard input', group: 'Secret:' },
  'client-secret': { type: 'string', hidden: true },
  out: { type: 'string', conflicts: 'arcsight-home', describe: 'Write the files into this folder', group: 'Output:' },
  'arcsight-home': {
    type: 'string',
    describe: 'Write into an ArcSight install: parser to current/user/agent/flexagent/, client file to the root',
    group: 'Output:',
  },
  force: { type: 'boolean', describe: 'Overwrite existing files that differ', group: 'Output:' },
} as const satisfies OptionTable;

type ConnectorFlags = ArgvOf<typeof CONNECTOR_OPTIONS>;

/** Refuses a secret on the command line: it would land in shell history and the process list. */
export function refuseSecretOnArgv(argv: ConnectorFlags): void {
  if (argv.clientSecret !== undefined) {
    throw new UsageError('The client secret is not accepted on the command line (it would be kept in shell history and be visible to other users).', {
      hint: 'Use --client-secret-env VAR (e.g. WDATP_CLIENT_SECRET), --client-secret-stdin, or the masked prompt of wdatp-arcsight init.',
    });
  }
}

/** The values given as flags, and which keys they are. */
export function flagValues(argv: ConnectorFlags): Partial<Record<ValueField, unknown>> {
  const out: Partial<Record<ValueField, unknown>> = {};
  for (const field of Object.keys(FLAG_OF) as ValueField[]) {
    const value = argv[field];
    if (value !== undefined) out[field] = typeof value === 'string' ? value.trim() : value;
  }
  return out;
}

/** Reads a values file as a JSON object (ConfigError with line:column for malformed JSON). */
export async function readValuesFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(`Cannot read the values file: ${(cause as Error).message}`, { file: path, cause, hint: 'Check the --values path.' });
  }
  let data: unknown;
  try {
    data = parseJson(text);
  } catch (error) {
    // Never V8's message: it can quote the text around the error, a clientSecret stored there included.
    if (error instanceof JsonSyntaxError)
      throw new ConfigError(`The values file is not valid JSON: ${error.message}.`, { file: path, line: error.line, column: error.column });
    throw new ConfigError('The values file is not valid JSON.', { file: path });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError('The values file must hold one JSON object, e.g. {"tenant": "contoso.onmicrosoft.com", "region": "eu", "clientId": "…"}.', {
      file: path,
      line: 1,
      column: 1,
    });
  }
  return data as Record<string, unknown>;
}

export interface GatheredValues {
  /** Flags over the values file; not yet validated as a whole. */
  values: Partial<Record<ValueField, unknown>>;
  /** Keys that came from flags (the wizard does not ask them again). */
  fromFlags: Set<ValueField>;
  valuesFile?: string;
}

export async function gatherValues(argv: ConnectorFlags, ctx: CliContext): Promise<GatheredValues> {
  const valuesFile = argv.values === undefined ? undefined : resolve(ctx.io.cwd, argv.values);
  const fileValues = valuesFile ? await readValuesFile(valuesFile) : {};
  const flags = flagValues(argv);
  const values = { ...fileValues, ...flags } as Partial<Record<ValueField, unknown>>;
  // A government cloud chosen by flag over a values file that names a region: the flag wins, the region goes.
  if (flags.cloud !== undefined && flags.cloud !== 'commercial' && flags.region === undefined) delete values.region;
  // The same for --api over a values file of the other API: what only applies to the other one goes.
  if (flags.api === 'graph') {
    if (flags.region === undefined) delete values.region;
    if (flags.resource === undefined) delete values.resource;
    if (flags.mapping === undefined && values.mapping !== 'v3') delete values.mapping;
  } else if (flags.api === 'siem' && flags.mapping === undefined && values.mapping === 'v3') delete values.mapping;
  return { values, fromFlags: new Set(Object.keys(flags) as ValueField[]), valuesFile };
}

/** Turns schema problems into one error naming the flag or the values file each bad value came from. */
export function problemsError(problems: ValueProblem[], gathered: GatheredValues): UsageError | ConfigError {
  const fromFlag = (p: ValueProblem): boolean => p.field !== undefined && gathered.fromFlags.has(p.field as ValueField);
  const lines = problems.map((p) => {
    if (fromFlag(p)) return `  - ${FLAG_OF[p.field as ValueField]}: ${p.message}`;
    return `  - ${gathered.valuesFile ? `${gathered.valuesFile}: ` : ''}${p.message}`;
  });
  const message = `Invalid connector values:\n${lines.join('\n')}`;
  const hint = 'fixtures/values/example.json is a complete example; wdatp-arcsight init --help lists the flags.';
  return problems.some(fromFlag) || !gathered.valuesFile ? new UsageError(message, { hint }) : new ConfigError(message, { hint, file: gathered.valuesFile });
}

/**
 * Validates gathered values for a run without prompts. A missing required value is a usage error naming its
 * flag (exit 2); a bad one names the flag or the file it came from.
 */
export async function requireCompleteValues(gathered: GatheredValues, command: string): Promise<ConnectorValues> {
  const { checkValues, validateValues } = await import('../../connector/index.js');
  const v = gathered.values;
  const regionNeeded = v.api !== 'graph' && (v.cloud ?? 'commercial') === 'commercial';
  const required: ValueField[] = ['tenant', ...(regionNeeded ? (['region'] as const) : []), 'clientId'];
  const missing = required.filter((f) => v[f] === undefined || v[f] === '');
  if (missing.length > 0) {
    const named = missing.map((f) => `${FLAG_OF[f]} (or "${f}" in --values FILE)`).join(', ');
    throw new UsageError(`${command} needs ${named} when it cannot prompt.`, {
      hint: `Pass ${missing.map((f) => FLAG_OF[f]).join(' and ')}, or a values file with --values FILE (see fixtures/values/example.json); prompts only run on a terminal without CI set.`,
    });
  }
  const problems = checkValues(v);
  if (problems.length > 0) throw problemsError(problems, gathered);
  return validateValues(v, gathered.valuesFile);
}

/** Problems with values already given (flags or file), ignoring keys that are still missing: checked before prompting. */
export async function checkGivenValues(gathered: GatheredValues): Promise<void> {
  const { apiOf, checkValues, defaultsFor } = await import('../../connector/index.js');
  const api = apiOf(gathered.values);
  const placeholders = { tenant: 'contoso.onmicrosoft.com', clientId: '00000000-0000-0000-0000-000000000001', ...(api === 'siem' ? { region: 'eu' } : {}) };
  const candidate = { ...placeholders, ...defaultsFor(api), ...gathered.values };
  if (candidate.cloud !== 'commercial' && gathered.values.region === undefined) delete (candidate as Record<string, unknown>).region;
  const problems = checkValues(candidate);
  if (problems.length > 0) throw problemsError(problems, gathered);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

export interface SecretInput {
  secret?: string;
  /** How the secret was given, for the summary; never the secret itself. */
  source?: string;
}

/** The client secret from --client-secret-env or --client-secret-stdin, if either is used. */
export async function secretFromFlags(argv: ConnectorFlags, ctx: CliContext): Promise<SecretInput> {
  if (argv.clientSecretEnv !== undefined) {
    const name = argv.clientSecretEnv;
    const value = ctx.io.env[name];
    if (value === undefined || value === '') {
      throw new UsageError(`--client-secret-env ${name}: the environment variable ${name} is not set or empty.`, {
        hint: `Export ${name} with the client secret before running, or use --client-secret-stdin.`,
      });
    }
    return { secret: value, source: `environment variable ${name}` };
  }
  if (argv.clientSecretStdin) {
    const text = (await readAll(ctx.io.stdin)).replace(/\r?\n$/, '');
    if (text === '') {
      throw new UsageError('--client-secret-stdin: standard input was empty.', { hint: 'Pipe the secret in, e.g. printf %s "$SECRET" | wdatp-arcsight ...' });
    }
    return { secret: text, source: 'standard input' };
  }
  return {};
}

/**
 * Refuses a client secret that is a GUID (the secret ID or the client id, never a secret value) before it is
 * written into a file that `validate` would then reject (WDA107). `source` names where it came from.
 */
export async function refuseSecretId(secret: string | undefined, clientId: unknown, source: string): Promise<void> {
  if (secret === undefined) return;
  const { SECRET_ID_FIX, SECRET_ID_MESSAGES, secretIdMistake } = await import('../../connector/index.js');
  const mistake = secretIdMistake(secret, typeof clientId === 'string' ? clientId : undefined);
  if (mistake) throw new UsageError(`The client secret from ${source} is not usable: ${SECRET_ID_MESSAGES[mistake]}`, { hint: SECRET_ID_FIX });
}

/** --out / --arcsight-home, relative to the working folder; `fallbackDir` when neither is given. */
export function outputTarget(argv: ConnectorFlags, ctx: CliContext, fallbackDir: string): OutputTarget {
  if (argv.arcsightHome !== undefined) return { kind: 'arcsight-home', home: resolve(ctx.io.cwd, argv.arcsightHome) };
  return { kind: 'folder', dir: resolve(ctx.io.cwd, argv.out ?? fallbackDir) };
}

export function valuesFileDir(gathered: GatheredValues, ctx: CliContext): string {
  return gathered.valuesFile ? dirname(gathered.valuesFile) : ctx.io.cwd;
}

/**
 * The start `init` and `render` share: their modules, the values (flags over --values) checked as the command
 * needs (`check`, before the secret is read: a wrong call fails before stdin is consumed), and the client secret
 * from its flags. A secret on argv and a secret that is a GUID are refused.
 */
export async function startConnectorCommand<V>(argv: ConnectorFlags, ctx: CliContext, check: (gathered: GatheredValues) => Promise<V>) {
  const [connector, report] = await Promise.all([import('../../connector/index.js'), import('./connector-report.js')]);
  refuseSecretOnArgv(argv);
  const gathered = await gatherValues(argv, ctx);
  const checked = await check(gathered);
  const { secret, source } = await secretFromFlags(argv, ctx);
  await refuseSecretId(secret, gathered.values.clientId, source ?? 'a flag');
  return { connector, report, gathered, checked, secret, source };
}
