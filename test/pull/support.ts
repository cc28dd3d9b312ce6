import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { readRefreshTokenFile, ticksFromMs, serializeEvents, type PullOptions } from '../../src/alerts/index.js';
import { compileParser, loadParserSpec, type ParsedEvent } from '../../src/flex/index.js';
import { authorizationCodeFlow, followRedirectsBrowser, readClientConfig } from '../../src/oauth/index.js';
import { sandboxConnectorFiles, startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { createTempDir, removeTempDir } from '../support/temp.js';

export interface PullFixture {
  sandbox: Sandbox;
  dir: string;
  clientFile: string;
  parserFile: string;
  refreshFile: string;
  caFile?: string;
  output: string;
  checkpoint: string;
  close(): Promise<void>;
}

/** The arguments every pull run of these tests starts with: the fixture's connector files, Events URL and refresh token. */
export function pullBaseArgs(f: PullFixture): string[] {
  return ['pull', '--config', f.clientFile, '--parser', f.parserFile, '--events-url', f.sandbox.eventsUrl, '--refresh-token-file', f.refreshFile];
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A sandbox, the connector files for it (rendered as init does, URLs pointed at the sandbox), and a refresh
 * token obtained through the real authorization-code flow, all in a temporary folder.
 */
export async function pullFixture(options: SandboxOptions = {}): Promise<PullFixture> {
  const redirectUri = `http://localhost:${await freePort()}/wdatpconnector`;
  const sandbox = await startSandbox({ ...options, redirectUris: [redirectUri] });
  const dir = createTempDir('pull');
  const files = sandboxConnectorFiles(sandbox, { redirectUri });
  const clientFile = join(dir, files.clientFileName);
  const parserFile = join(dir, files.parserFileName);
  await writeFile(clientFile, files.clientProperties, { encoding: 'latin1', mode: 0o600 });
  await writeFile(parserFile, files.parserProperties, 'latin1');
  let caFile: string | undefined;
  if (sandbox.ca) {
    caFile = join(dir, 'ca.pem');
    await writeFile(caFile, sandbox.ca);
  }
  const refreshFile = join(dir, 'rt.txt');
  await writeFile(refreshFile, `${await signIn(sandbox, clientFile)}\n`, { mode: 0o600 });
  return {
    sandbox,
    dir,
    clientFile,
    parserFile,
    refreshFile,
    caFile,
    output: join(dir, 'events.out'),
    checkpoint: join(dir, 'events.out.checkpoint.json'),
    close: async () => {
      await sandbox.close();
      await removeTempDir(dir);
    },
  };
}

export async function signIn(sandbox: Sandbox, clientFile: string): Promise<string> {
  const http = { ca: sandbox.ca, timeoutMs: 10_000 };
  const tokens = await authorizationCodeFlow(await readClientConfig(clientFile), { ...http, openBrowser: followRedirectsBrowser(http), timeoutSeconds: 10 });
  if (!tokens.refreshToken) throw new Error('no refresh token');
  return tokens.refreshToken;
}

/** runPull options for the fixture: NDJSON to the output file, checkpointed, quick retries. */
export async function pullOptions(f: PullFixture, over: Partial<PullOptions> = {}): Promise<PullOptions & { logs: string[] }> {
  const { spec } = loadParserSpec(await readFile(f.parserFile, 'latin1'), { file: f.parserFile });
  return {
    client: { ...(await readClientConfig(f.clientFile)), file: f.clientFile },
    refreshToken: await readRefreshTokenFile(f.refreshFile),
    eventsUrl: f.sandbox.eventsUrl,
    parser: compileParser(spec),
    startAt: ticksFromMs(Date.parse('2000-01-01T00:00:00Z')),
    ...deliveryOptions(f, 3),
    ...over,
  };
}

/**
 * What the SIEM API and Graph loops' test options share: NDJSON to the fixture's output file, checkpointed, one
 * poll, quick retries (`retries` of them), the sandbox's CA, log lines kept in `logs`.
 */
export function deliveryOptions(f: PullFixture, retries: number) {
  const logs: string[] = [];
  return {
    serialize: (events: ParsedEvent[]) => serializeEvents('ndjson', events),
    output: { file: f.output },
    checkpointFile: f.checkpoint,
    once: true,
    intervalMs: 10,
    retry: { retries, baseMs: 20, maxMs: 100, maxRetryAfterMs: 5000 },
    http: { ca: f.sandbox.ca, timeoutMs: 5000 },
    log: (line: string) => logs.push(line),
    logs,
  };
}

/** The FullIds in an NDJSON output of the v2 parser (FullId travels as additional data). */
export async function deliveredIds(output: string): Promise<string[]> {
  const text = await readFile(output, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as Record<string, string>)['additionaldata.FullId']!);
}

export function fullIds(sandbox: Sandbox): string[] {
  return sandbox.alerts().map((a) => (a as { FullId: string }).FullId);
}
