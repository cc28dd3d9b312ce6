import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateLoopbackCertificate, type ClientConfig } from '../../src/oauth/index.js';
import { createIdentityProvider, type IdentityProvider } from '../../src/sandbox/identity/index.js';
import { createTempDir, removeTempDir } from '../support/temp.js';

export const TENANT = 'contoso.onmicrosoft.com';
export const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
export const CLIENT_SECRET = 'Sx8Q~test.secret-value_that-must-never-be-printed';
export const RESOURCE = 'https://graph.windows.net';
/** The scope of a Graph client file (commercial cloud), as the connector writes it. */
export const GRAPH_SCOPE = 'offline_access https://graph.microsoft.com/SecurityAlert.Read.All';

export function listen(server: Server | NetServer, host = '127.0.0.1', port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export function closeServer(server: Server | NetServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}

/** A port that was free a moment ago (for the redirect URI, which must be fixed before the listener starts). */
export async function freePort(): Promise<number> {
  const s = createHttpServer();
  const port = await listen(s);
  await closeServer(s);
  return port;
}

export interface TestIdp {
  idp: IdentityProvider;
  origin: string;
  /** PEM of the IdP's self-signed certificate, and a file holding it (for --ca-file). */
  ca: string;
  caFile: string;
  cfg: ClientConfig;
  /** The same app as a Graph client file: identity platform v2 endpoints and scope=, no resource. */
  v2cfg: ClientConfig;
  /** Every code and token the IdP issued: none may appear in captured output (except the printed refresh token). */
  issued: string[];
  requests: number;
  close(): Promise<void>;
}

/** The sandbox identity provider over https on 127.0.0.1 with a certificate generated for the test. */
export async function startIdp(options: { redirectUri?: string; host?: string; singleUseRefreshTokens?: boolean } = {}): Promise<TestIdp> {
  const redirectUri = options.redirectUri ?? `https://localhost:${await freePort()}/wdatpconnector`;
  const issued: string[] = [];
  const idp = createIdentityProvider({
    tenant: TENANT,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [redirectUri],
    resources: [RESOURCE, 'https://WDATPAlertExport.Seville.onmicrosoft.com'],
    singleUseRefreshTokens: options.singleUseRefreshTokens,
    onIssue: (_kind, value) => issued.push(value),
  });
  const cert = await generateLoopbackCertificate();
  const state = { requests: 0 };
  const server = createHttpsServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    state.requests += 1;
    const url = new URL(req.url ?? '/', `https://${req.headers.host}`);
    void idp.handle(req, res, url).then((served) => {
      if (!served) {
        res.writeHead(404);
        res.end();
      }
    });
  });
  const port = await listen(server, '127.0.0.1');
  const origin = `https://${options.host ?? '127.0.0.1'}:${port}`;
  const dir = createTempDir('idp');
  const caFile = join(dir, 'ca.pem');
  await writeFile(caFile, cert.cert);
  return {
    idp,
    origin,
    ca: cert.cert,
    caFile,
    issued,
    get requests() {
      return state.requests;
    },
    cfg: {
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      authUrl: `${origin}/${TENANT}/oauth2/authorize?resource=${encodeURIComponent(RESOURCE)}`,
      tokenUrl: `${origin}/${TENANT}/oauth2/token`,
      redirectUri,
      resource: RESOURCE,
      file: 'WDATP-connector.properties',
    },
    v2cfg: {
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      authUrl: `${origin}/${TENANT}/oauth2/v2.0/authorize`,
      tokenUrl: `${origin}/${TENANT}/oauth2/v2.0/token`,
      redirectUri,
      platform: 'v2',
      scope: GRAPH_SCOPE,
      file: 'Graph-connector.properties',
    },
    close: async () => {
      await closeServer(server);
      await removeTempDir(dir);
    },
  };
}

/** The client properties file for a test IdP, as Microsoft's sample file writes it (escaped colons, client_id). */
export function clientFileText(cfg: ClientConfig, overrides: Record<string, string | undefined> = {}): string {
  const values: Record<string, string | undefined> = {
    client_id: cfg.clientId,
    client_secret: cfg.clientSecret,
    auth_url: cfg.authUrl,
    token_url: cfg.tokenUrl,
    redirect_uri: cfg.redirectUri,
    scope: cfg.scope ?? '',
    reauthenticate: 'true',
    ...overrides,
  };
  return (
    Object.entries(values)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${(v as string).replace(/:/g, '\\:')}`)
      .join('\n') + '\n'
  );
}

/** A CONNECT proxy on loopback that counts tunnels, to prove HTTPS_PROXY is honoured. */
export async function startConnectProxy(): Promise<{ url: string; hits: number; close(): Promise<void> }> {
  const state = { hits: 0 };
  const sockets = new Set<Socket>();
  const server = createHttpServer((_req, res) => {
    res.writeHead(405);
    res.end();
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    state.hits += 1;
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream).add(client);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    get hits() {
      return state.hits;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await closeServer(server);
    },
  };
}

/** A tiny alert API: checks the bearer token with the IdP, or answers a forced status. */
export async function startAlertApi(idp: IdentityProvider): Promise<{ url: string; force(status?: number): void; seen: URL[]; close(): Promise<void> }> {
  let forced: number | undefined;
  const seen: URL[] = [];
  const server = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push(url);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const status = forced ?? (token && idp.validateAccessToken(token) === 'valid' ? 200 : 401);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(status === 200 ? JSON.stringify([{ AlertId: 'da637', Severity: 'High' }]) : JSON.stringify({ error: { code: 'Unauthorized' } }));
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}/api/alerts?sinceTimeUtc=$START_AT_TIME`, force: (s) => (forced = s), seen, close: () => closeServer(server) };
}

/**
 * A stand-in for Graph's alerts_v2 on loopback: it decides 401/403 with the identity provider's bearer check for
 * the audience https://graph.microsoft.com, and answers with Graph's error body shape.
 */
export async function startGraphApi(idp: IdentityProvider): Promise<{ url: string; seen: URL[]; close(): Promise<void> }> {
  const { grantsAlertsRead } = await import('../../src/sandbox/identity/index.js');
  const seen: URL[] = [];
  const server = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push(url);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const error = (status: number, code: string, message: string) =>
      send(status, {
        error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': '3f1c', 'client-request-id': '3f1c' } },
      });
    if (url.pathname !== '/v1.0/security/alerts_v2') return error(404, 'UnknownError', '');
    const check = idp.checkBearer(req.headers.authorization, 'https://graph.microsoft.com');
    if (!check.ok) return error(401, 'InvalidAuthenticationToken', check.message);
    if (!grantsAlertsRead(check.claims))
      return error(403, 'Forbidden', 'Missing role permissions on the request. API requires one of SecurityAlert.Read.All, SecurityAlert.ReadWrite.All.');
    send(200, {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2',
      value: [{ id: 'da637578995287051192_756343937', severity: 'medium', title: 'Suspicious execution of hidden file' }],
    });
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}/v1.0/security/alerts_v2`, seen, close: () => closeServer(server) };
}

/** Asserts none of the secrets occurs in the text. */
export function leakedSecrets(text: string, secrets: string[]): string[] {
  return secrets.filter((s) => s.length > 0 && text.includes(s));
}
