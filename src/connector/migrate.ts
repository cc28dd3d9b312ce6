/**
 * `migrate`: from a legacy SIEM API set-up (a values file, or the client file of a connector folder) to the
 * Graph alerts_v2 set-up of the same app registration, written beside it under another prefix. Returns data;
 * the CLI prints it. The legacy files are read, never written.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError, UsageError } from '../errors/index.js';
import { parseProperties, type PropertiesDocument, type PropertyEntry } from '../properties/index.js';
import { CLOUDS, CLOUD_IDS, cloudsForLoginHost, type Cloud } from './clouds.js';
import { FLEXAGENT_DIR, connectorPaths, planConnectorFiles, type OutputTarget, type PlannedFile } from './output.js';
import { parserFileName, valuesFileName } from './render.js';
import { apiOf, validateValues, type ConnectorValues } from './values.js';

export interface LegacySource {
  /** A values file already read (the CLI reads it, with line:column for bad JSON), or a connector folder. */
  values?: { path: string; data: Record<string, unknown> };
  dir?: string;
  /** The cloud, when the client file's login host serves two clouds with different Graph hosts. */
  cloud?: Cloud;
}

export interface MigrationOptions {
  /** Folder for the Graph set-up; default the legacy set-up's folder. */
  out?: string;
  /** Prefix of the Graph files; default `<legacy prefix>-graph`, so they never collide with the legacy ones. */
  prefix?: string;
}

/** What the Graph set-up takes over from the legacy one. */
type Carried = Pick<ConnectorValues, 'tenant' | 'cloud' | 'clientId' | 'prefix'> & Partial<Pick<ConnectorValues, 'redirectUri' | 'reauthenticate'>>;

export interface MigrationPlan {
  /** The file the legacy values were read from: the values file, or the client file. */
  legacySource: string;
  legacyPrefix: string;
  /** The legacy files found, which stay as they are. */
  legacyFiles: string[];
  graph: ConnectorValues;
  /** The secret carried over from the legacy client file, if it had one (never printed). */
  secret?: string;
  /** Where the secret came from, for the report; undefined when there was none. */
  secretFrom?: string;
  files: PlannedFile[];
  /** Where the Graph files go: a folder, or the ArcSight install the legacy client file sits in. */
  target: OutputTarget;
  /** Things the user should know about how the values were found (e.g. a cloud chosen between two). */
  notes: string[];
}

const SUFFIX = '-graph';

/** Reads a legacy set-up and plans the Graph one; writes nothing. */
export async function planMigration(source: LegacySource, options: MigrationOptions = {}): Promise<MigrationPlan> {
  const found = source.values ? await fromValuesFile(source.values) : await fromClientFolder(resolve(source.dir ?? '.'), source.cloud);
  const { carried, legacyFiles, secret, secretFrom, notes } = found;
  // An ArcSight install (current/user/agent/flexagent/ beside the client file) gets the Graph parser file there too.
  const target: OutputTarget =
    options.out !== undefined
      ? { kind: 'folder', dir: resolve(options.out) }
      : (await isDir(join(found.dir, FLEXAGENT_DIR)))
        ? { kind: 'arcsight-home', home: found.dir }
        : { kind: 'folder', dir: found.dir };
  const graph = validateValues({ api: 'graph', ...carried, prefix: options.prefix ?? `${carried.prefix}${SUFFIX}` }, found.source);
  const files = planConnectorFiles(graph, secret, target);
  // Not even --force may replace a legacy file: the legacy set-up is what the user falls back on.
  const clash = files.find((f) => legacyFiles.includes(f.path));
  if (clash) {
    throw new UsageError(`The Graph set-up would overwrite the legacy file ${clash.path}; migrate never changes the legacy set-up.`, {
      hint: 'Choose another --prefix or --out DIR.',
    });
  }
  return { legacySource: found.source, legacyPrefix: carried.prefix, legacyFiles, graph, secret, secretFrom, files, target, notes };
}

interface Found {
  carried: Carried;
  source: string;
  dir: string;
  legacyFiles: string[];
  secret?: string;
  secretFrom?: string;
  notes: string[];
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function isDir(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function fromValuesFile(file: { path: string; data: Record<string, unknown> }): Promise<Found> {
  if (apiOf(file.data) === 'graph') {
    throw new UsageError(`${file.path} is already a Graph set-up (api "graph"); there is nothing to migrate.`, {
      hint: 'Run wdatp-arcsight render --values FILE to re-render it.',
    });
  }
  const legacy = validateValues(file.data, file.path);
  const { tenant, cloud, clientId, prefix, redirectUri, reauthenticate } = legacy;
  const dir = dirname(resolve(file.path));
  const paths = connectorPaths({ kind: 'folder', dir }, legacy.prefix);
  const legacyFiles = [resolve(file.path)];
  for (const path of [paths.client, paths.parser, join(dir, FLEXAGENT_DIR, parserFileName(legacy.prefix))]) if (await exists(path)) legacyFiles.push(path);
  let secret: string | undefined;
  let secretFrom: string | undefined;
  if (legacyFiles.includes(paths.client)) {
    const value = parseProperties((await readFile(paths.client)).toString('latin1')).get('client_secret')?.value;
    if (value) [secret, secretFrom] = [value, paths.client];
  }
  const carried = { tenant, cloud, clientId, prefix, redirectUri, reauthenticate };
  return { carried, source: resolve(file.path), dir, legacyFiles, secret, secretFrom, notes: [] };
}

const V2_PATH = /\/oauth2\/v2\.0\//;

/** A file name from a folder listing, safe to show on a terminal: control characters as \u escapes. */
function shown(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The one legacy client file of a connector folder: a .properties file (not a parser file) with client_id and a
 * v1 token_url or auth_url. Graph client files (v2 endpoints, e.g. of an earlier migrate) are passed over.
 */
async function findClientFile(dir: string): Promise<{ file: string; doc: PropertiesDocument }> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (cause) {
    throw new UsageError(`Cannot read the folder ${dir}: ${(cause as Error).message}`, {
      cause,
      hint: 'Name the folder of the legacy connector files, or use --values FILE.',
    });
  }
  const legacy: Array<{ file: string; doc: PropertiesDocument }> = [];
  const graph: string[] = [];
  for (const name of names.sort()) {
    if (!name.endsWith('.properties') || name.endsWith('.jsonparser.properties')) continue;
    const doc = parseProperties((await readFile(join(dir, name))).toString('latin1'));
    const url = (doc.get('token_url') ?? doc.get('auth_url'))?.value;
    if (!doc.get('client_id') || url === undefined) continue;
    if (V2_PATH.test(url)) graph.push(join(dir, name));
    else legacy.push({ file: join(dir, name), doc });
  }
  if (legacy.length === 0) {
    throw new ConfigError(
      graph.length > 0
        ? `${dir} holds only Graph client files (${graph.map((g) => shown(basename(g))).join(', ')}); there is nothing to migrate.`
        : `No OAuth 2 client properties file (with client_id and token_url) in ${dir}.`,
      { hint: 'Name the folder that holds <prefix>.properties of the legacy connector, or use --values FILE.' },
    );
  }
  if (legacy.length > 1) {
    throw new UsageError(
      `${dir} holds ${legacy.length} legacy client properties files (${legacy.map((c) => shown(basename(c.file))).join(', ')}); migrate one set-up at a time.`,
      {
        hint: 'Use --values <prefix>.values.json of the one to migrate, or a folder with one client file.',
      },
    );
  }
  return legacy[0]!;
}

function fileError(file: string, entry: PropertyEntry | undefined, message: string, hint: string): ConfigError {
  return new ConfigError(message, { file, line: entry?.valueLine, column: entry?.valueColumn, hint });
}

async function fromClientFolder(dir: string, cloudFlag: Cloud | undefined): Promise<Found> {
  const { file: clientFile, doc } = await findClientFile(dir);
  const entry = doc.get('token_url') ?? doc.get('auth_url')!;
  let url: URL;
  try {
    url = new URL(entry.value.trim());
  } catch {
    throw fileError(
      clientFile,
      entry,
      `${entry.key} is not a URL, so the tenant and cloud cannot be read from it.`,
      'Fix the URL, or migrate from the values file with --values FILE.',
    );
  }
  const tenant = decodeURIComponent(url.pathname.split('/')[1] ?? '');
  const clouds = cloudsForLoginHost(url.hostname);
  if (clouds.length === 0) {
    const hosts = [...new Set(CLOUD_IDS.map((c) => CLOUDS[c].loginHost))].join(' or ');
    throw fileError(
      clientFile,
      entry,
      `${url.hostname} is not a Microsoft login host, so the cloud is unknown.`,
      `The login host is ${hosts}; fix the URL, or migrate from the values file with --values FILE.`,
    );
  }
  const notes: string[] = [];
  let cloud: Cloud;
  if (cloudFlag !== undefined) {
    if (!clouds.includes(cloudFlag)) {
      throw new UsageError(
        `--cloud ${cloudFlag} does not sign in on ${url.hostname} (the login host of ${shown(basename(clientFile))}), which serves ${clouds.join(' and ')}.`,
      );
    }
    cloud = cloudFlag;
  } else if (clouds.length === 1 || clouds.every((c) => c === 'commercial' || c === 'gcc')) {
    // Commercial and GCC share the login host and the Graph host: the files are the same for either.
    cloud = clouds[0]!;
    if (clouds.length > 1)
      notes.push(
        `${url.hostname} serves both the commercial cloud and GCC, which use the same Graph host; the values say cloud "${cloud}" (pass --cloud gcc to record GCC).`,
      );
  } else {
    throw new UsageError(
      `${url.hostname} (in ${shown(basename(clientFile))}) serves both GCC High and DoD, whose Microsoft Graph hosts differ (graph.microsoft.us, dod-graph.microsoft.us).`,
      {
        hint: 'Pass --cloud gcc-high or --cloud dod.',
      },
    );
  }
  const prefix = basename(clientFile).slice(0, -'.properties'.length);
  const reauth = doc.get('reauthenticate')?.value.trim().toLowerCase();
  const carried: Carried = { tenant, cloud, clientId: doc.get('client_id')!.value.trim(), prefix };
  const redirectUri = doc.get('redirect_uri')?.value.trim();
  if (redirectUri) carried.redirectUri = redirectUri;
  if (reauth === 'true' || reauth === 'false') carried.reauthenticate = reauth === 'true';
  const legacyFiles = [clientFile];
  const beside = [join(dir, parserFileName(prefix)), join(dir, FLEXAGENT_DIR, parserFileName(prefix)), join(dir, valuesFileName(prefix))];
  for (const path of beside) if (await exists(path)) legacyFiles.push(path);
  const secret = doc.get('client_secret')?.value || undefined;
  return { carried, source: clientFile, dir, legacyFiles, secret, secretFrom: secret === undefined ? undefined : clientFile, notes };
}
