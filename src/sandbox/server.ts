import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ticksFromMs } from '../alerts/index.js';
import { GRAPH_ALERTS_PATH, GRAPH_REQUESTS_PER_MINUTE, graphEndpoints } from '../connector/index.js';
import { ALERTS_PATH, sendJson, serveAlerts } from './alert-api.js';
import { AlertStore } from './alert-store.js';
import { createClock, type SandboxClock } from './clock.js';
import { CONTROL_PREFIX, serveControl } from './control-api.js';
import { FaultQueue, type AlertFault, type AlertFaultKind } from './faults.js';
import { generateAlerts } from './generate.js';
import { GRAPH_PATH, RequestLimiter, serveGraphAlerts, type GraphTokenVerdict } from './graph-api.js';
import { GraphAlertStore, type GraphScenarioOptions } from './graph-store.js';
import { createIdentityProvider, grantsAlertsRead, type IdentityOptions, type IdentityProvider } from './identity/index.js';
import { seededRandom } from './random.js';
import { makeLoopbackCertificate } from './tls.js';

export interface SandboxOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  /** Serve https with a certificate generated at start-up (its PEM is `Sandbox.ca`). */
  https?: boolean;
  /** Alert records to serve (e.g. read from a file). */
  alerts?: unknown[];
  /** Generate this many alerts instead (default 25 when `alerts` is not given). */
  generate?: number;
  /** Seed of the generator and of the tenant and client ids (default 1). */
  seed?: number;
  /** Loopback only: the sandbox never listens on another interface. */
  host?: '127.0.0.1';
  /** The sandbox's time; default: wall time. Tests pass a frozen clock and advance it. */
  clock?: SandboxClock;
  /**
   * Generated alerts' LastProcessedTimeUtc spread over [generateFrom, generateFrom + generateSpanMs]; default:
   * from 90 minutes ago over 2 hours, so most have arrived and the rest arrive over the next 30 minutes.
   */
  generateFrom?: number;
  generateSpanMs?: number;
  tenant?: string;
  clientId?: string;
  /** Default: random per start. */
  clientSecret?: string;
  /** Registered reply URLs (default: the connector's https://localhost:44300/wdatpconnector and its http twin). */
  redirectUris?: string[];
  /** The resource tokens are issued for (default https://graph.windows.net; the legacy App ID URI is known too). */
  resource?: string;
  accessTtlMs?: number;
  refreshTtlMs?: number;
  codeTtlMs?: number;
  /** Refresh tokens work once (default true, see IdentityOptions); false keeps redeemed ones usable. */
  singleUseRefreshTokens?: boolean;
  /** Called with every code and token the identity provider issues (tests use it to act at that moment). */
  onIssue?: IdentityOptions['onIssue'];
  /** Whether the Graph alerts permission is consented (default both); withheld, Graph tokens lack it (403). */
  alertsPermission?: IdentityOptions['alertsPermission'];
  /** Called after each answered request (the sandbox command logs them). */
  onRequest?: (record: RequestRecord) => void;
  /** The Graph alerts_v2 side (served on every sandbox; these options shape its data and limits). */
  graph?: GraphSandboxOptions;
}

/**
 * The alerts_v2 data and limits. Alerts are created over [generateFrom, generateFrom + generateSpanMs] like the
 * SIEM API's (count `generate`, same seed), then updated and created over time.
 */
export interface GraphSandboxOptions extends Pick<GraphScenarioOptions, 'updatedShare' | 'changeEveryMs' | 'lagMs'> {
  /** Changes applied right before each alerts_v2 answer (default 0). */
  churnPerRequest?: number;
  /** Requests per rolling minute before 429 (default 150, Graph's documented limit; 0: no limit). */
  requestsPerMinute?: number;
}

/** One request the sandbox answered, for tests and for the sandbox command's log. */
export interface RequestRecord {
  method: string;
  path: string;
  /** The query string with its '?', or ''. */
  search: string;
  status: number;
  fault?: AlertFaultKind;
  /** Epoch ms on the sandbox clock. */
  at: number;
}

export interface Sandbox {
  /** Base URL, e.g. https://127.0.0.1:53211 */
  url: string;
  tenant: string;
  clientId: string;
  clientSecret: string;
  resource: string;
  redirectUris: string[];
  /** The connector's auth_url: authorize endpoint with `?resource=`. */
  authUrl: string;
  tokenUrl: string;
  /** The Events URL as the connector takes it, with `$START_AT_TIME`. */
  eventsUrl: string;
  /** PEM of the generated certificate when https (clients trust exactly this). */
  ca?: string;
  identity: IdentityProvider;
  clock: SandboxClock;
  /** Identity platform v2 authorize and token endpoints, and the delegated scope of a Graph client file. */
  graphAuthUrl: string;
  graphTokenUrl: string;
  graphScope: string;
  /** Graph alerts_v2 list URL of this sandbox (`<url>/v1.0/security/alerts_v2`). */
  graphAlertsUrl: string;
  /** The alerts_v2 data: current versions, history, and changes on demand. */
  graph: GraphAlertStore;
  /** Every alert the sandbox holds, arrived or not, in LastProcessedTimeUtc order. */
  alerts(): unknown[];
  addAlerts(records: unknown[]): void;
  /** Queue a fault for the next request(s) to /api/alerts. */
  addFault(fault: AlertFault): void;
  clearFaults(): void;
  /** Requests answered so far (most recent last, at most 10 000). */
  requests: RequestRecord[];
  close(): Promise<void>;
}

export const SANDBOX_RESOURCES = ['https://graph.windows.net', 'https://WDATPAlertExport.Seville.onmicrosoft.com'];
const DEFAULT_REDIRECTS = ['https://localhost:44300/wdatpconnector', 'http://localhost:44300/wdatpconnector'];
const MAX_LOG = 10_000;
/** The audience of the Graph tokens the sandbox's alerts_v2 accepts (it plays graph.microsoft.com). */
const GRAPH_AUDIENCE = 'https://graph.microsoft.com';

/**
 * Starts the sandbox: Azure AD look-alike (v1 and v2), SIEM alert export API, Graph alerts_v2 and control
 * endpoint on one loopback server.
 */
export async function startSandbox(o: SandboxOptions = {}): Promise<Sandbox> {
  const clock = o.clock ?? createClock();
  const seed = o.seed ?? 1;
  const ids = seededRandom(seed ^ 0x5eed);
  const tenant = o.tenant ?? guidFrom(ids.hex(32));
  const clientId = o.clientId ?? guidFrom(ids.hex(32));
  const clientSecret = o.clientSecret ?? randomBytes(30).toString('base64url');
  const resource = o.resource ?? SANDBOX_RESOURCES[0]!;
  const redirectUris = o.redirectUris ?? DEFAULT_REDIRECTS;
  const identity = createIdentityProvider({
    tenant,
    clientId,
    clientSecret,
    redirectUris,
    resources: SANDBOX_RESOURCES.includes(resource) ? SANDBOX_RESOURCES : [...SANDBOX_RESOURCES, resource],
    accessTtlMs: o.accessTtlMs,
    refreshTtlMs: o.refreshTtlMs,
    codeTtlMs: o.codeTtlMs,
    singleUseRefreshTokens: o.singleUseRefreshTokens,
    onIssue: o.onIssue,
    alertsPermission: o.alertsPermission,
    now: () => clock.now(),
  });
  const records =
    o.alerts ??
    generateAlerts({
      count: o.generate ?? 25,
      seed,
      start: o.generateFrom ?? clock.now() - 90 * 60_000,
      spanMs: o.generateSpanMs ?? 2 * 60 * 60_000,
    });
  const store = new AlertStore(records, ticksFromMs(clock.now()));
  const faults = new FaultQueue();
  const graph = new GraphAlertStore({
    count: o.generate ?? 25,
    seed,
    tenantId: tenant,
    now: () => clock.now(),
    start: o.generateFrom ?? clock.now() - 90 * 60_000,
    spanMs: o.generateSpanMs ?? 2 * 60 * 60_000,
    updatedShare: o.graph?.updatedShare,
    changeEveryMs: o.graph?.changeEveryMs,
    lagMs: o.graph?.lagMs,
  });
  graph.churnPerRequest = o.graph?.churnPerRequest ?? 0;
  const limiter = new RequestLimiter(o.graph?.requestsPerMinute ?? GRAPH_REQUESTS_PER_MINUTE);
  // alerts_v2 takes identity platform v2 access tokens for Microsoft Graph, and answers 403 when they carry
  // neither the delegated scope nor the application role SecurityAlert.Read.All.
  const checkGraphAuthorization = (header: string | undefined): GraphTokenVerdict => {
    const check = identity.checkBearer(header, GRAPH_AUDIENCE);
    if (!check.ok) return { ok: false, status: 401, message: check.message };
    if (!grantsAlertsRead(check.claims)) {
      const missing =
        check.claims.roles !== undefined || check.claims.scp === undefined
          ? 'Missing application roles. API required roles: SecurityAlert.Read.All, SecurityAlert.ReadWrite.All.'
          : "Missing scope permissions on the request. API requires one of 'SecurityAlert.Read.All, SecurityAlert.ReadWrite.All'.";
      return { ok: false, status: 403, message: missing };
    }
    return { ok: true };
  };
  const requests: RequestRecord[] = [];

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    let fault: AlertFault | undefined;
    res.once('close', () => {
      const record: RequestRecord = {
        method: req.method ?? '',
        path: url.pathname,
        search: url.search,
        status: res.headersSent ? res.statusCode : 0,
        fault: fault?.kind,
        at: clock.now(),
      };
      requests.push(record);
      if (requests.length > MAX_LOG) requests.splice(0, requests.length - MAX_LOG);
      o.onRequest?.(record);
    });
    const route = async (): Promise<void> => {
      if (await identity.handle(req, res, url)) return;
      if (ALERTS_PATH.test(url.pathname)) {
        fault = await serveAlerts(req, res, url, { store, clock, faults, validateAccessToken: (t) => identity.validateAccessToken(t) });
        return;
      }
      if (GRAPH_PATH.test(url.pathname)) {
        fault = await serveGraphAlerts(req, res, url, base, { store: graph, clock, faults, limiter, checkAuthorization: checkGraphAuthorization });
        return;
      }
      if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
        return serveControl(req, res, url, { store, clock, faults, identity, graph });
      }
      sendJson(res, 404, { error: { code: 'NotFound', message: `Nothing at ${url.pathname}. Try /api/alerts, ${GRAPH_ALERTS_PATH} or /_sandbox.` } });
    };
    route().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'SandboxError', message: (error as Error).message } });
      else res.destroy();
    });
  };

  let base = '';
  let ca: string | undefined;
  let server: Server;
  if (o.https) {
    const cert = await makeLoopbackCertificate();
    ca = cert.cert;
    server = createHttpsServer({ key: cert.key, cert: cert.cert }, handler);
  } else {
    server = createHttpServer(handler);
  }
  // Keep-alive sockets would hold close() open; the sandbox is short-lived, so connections close after each reply.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `${o.https ? 'https' : 'http'}://127.0.0.1:${port}`;
  base = url;
  const login = `${url}/${encodeURIComponent(tenant)}/oauth2`;
  let closing: Promise<void> | undefined;

  return {
    url,
    tenant,
    clientId,
    clientSecret,
    resource,
    redirectUris,
    authUrl: `${login}/authorize?resource=${encodeURIComponent(resource)}`,
    tokenUrl: `${login}/token`,
    eventsUrl: `${url}/api/alerts?sinceTimeUtc=$START_AT_TIME`,
    graphAuthUrl: `${login}/v2.0/authorize`,
    graphTokenUrl: `${login}/v2.0/token`,
    graphScope: graphEndpoints('commercial', tenant).scope,
    graphAlertsUrl: `${url}${GRAPH_ALERTS_PATH}`,
    graph,
    ca,
    identity,
    clock,
    alerts: () => store.all(),
    addAlerts: (more) => store.add(more),
    addFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    requests,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function guidFrom(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
