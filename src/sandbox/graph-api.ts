import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GRAPH_ALERTS_PATH } from '../connector/index.js';
import { sendRaw } from './alert-api.js';
import type { SandboxClock } from './clock.js';
import type { AlertFault, FaultQueue } from './faults.js';
import { GraphQueryError, parseGraphQuery } from './graph-query.js';
import type { GraphAlertStore } from './graph-store.js';
import { applyTransportFault } from './transport-faults.js';

/** What the bearer check says of a request's Authorization header: go ahead, or Graph's 401/403 with its message. */
export type GraphTokenVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

export interface GraphApiDeps {
  store: GraphAlertStore;
  clock: SandboxClock;
  faults: FaultQueue;
  limiter: RequestLimiter;
  checkAuthorization(header: string | undefined): GraphTokenVerdict;
}

/** GET /v1.0/security/alerts_v2 (Graph's paths are case-insensitive). */
export const GRAPH_PATH = new RegExp(`^${GRAPH_ALERTS_PATH.replace(/\//g, '\\/')}\\/?$`, 'i');

/**
 * A limit of requests per rolling minute of wall time, as Graph throttles per app and tenant. Only answered
 * requests count; a refused one reports how long until a slot frees up (Retry-After).
 */
export class RequestLimiter {
  #times: number[] = [];
  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** 0 when the request may go ahead (and it is counted), else the seconds to wait. */
  take(): number {
    const now = this.now();
    this.#times = this.#times.filter((t) => t > now - 60_000);
    if (this.perMinute > 0 && this.#times.length >= this.perMinute) return Math.max(1, Math.ceil((this.#times[0]! + 60_000 - now) / 1000));
    this.#times.push(now);
    return 0;
  }
}

/**
 * Serves one alerts_v2 request: a queued fault first, then the per-minute limit, the bearer check, the query;
 * errors in Graph's shape (`{"error":{"code","message","innerError"}}`). Resolves to the fault it applied.
 */
export async function serveGraphAlerts(req: IncomingMessage, res: ServerResponse, url: URL, base: string, deps: GraphApiDeps): Promise<AlertFault | undefined> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    graphError(res, 405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.', { allow: 'GET' });
    return undefined;
  }
  const fault = deps.faults.take();
  if (fault && (await applyGraphFault(fault, req, res))) return fault;
  const wait = deps.limiter.take();
  if (wait > 0) {
    graphError(res, 429, 'TooManyRequests', 'Too many requests.', { 'retry-after': String(wait) });
    return fault;
  }
  const verdict = deps.checkAuthorization(req.headers.authorization);
  if (!verdict.ok) {
    graphError(
      res,
      verdict.status,
      verdict.status === 403 ? 'Forbidden' : 'InvalidAuthenticationToken',
      verdict.message,
      verdict.status === 401 ? { 'www-authenticate': 'Bearer realm=""' } : {},
    );
    return fault;
  }
  let answer: ReturnType<GraphAlertStore['select']>;
  let query: ReturnType<typeof parseGraphQuery>;
  try {
    query = parseGraphQuery(url.searchParams);
    if (deps.store.churnPerRequest > 0) deps.store.churn(deps.store.churnPerRequest, deps.clock.now());
    answer = deps.store.select(query, deps.clock.now());
  } catch (error) {
    if (!(error instanceof GraphQueryError)) throw error;
    graphError(res, 400, 'BadRequest', error.message);
    return fault;
  }
  const body: Record<string, unknown> = { '@odata.context': `${base}/v1.0/$metadata#security/alerts_v2` };
  if (query.count) body['@odata.count'] = answer.total;
  body.value = answer.page;
  if (query.skip + query.top < answer.total) {
    // The next page is the same query further on, written as Graph writes it ($ unencoded). Clients must use this
    // URL whole (Graph's paging rule).
    const kept = url.search
      .slice(1)
      .split('&')
      .filter((part) => part !== '' && decodeURIComponent(part.split('=')[0]!).toLowerCase() !== '$skip');
    const next = `${base}${url.pathname}?${[...kept, `$skip=${query.skip + query.top}`].join('&')}`;
    body['@odata.nextLink'] = next;
  }
  const text = JSON.stringify(body);
  send(res, 200, fault?.kind === 'malformed' ? text.slice(0, Math.max(3, Math.floor(text.length / 2))) : text);
  return fault;
}

async function applyGraphFault(fault: AlertFault, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  switch (fault.kind) {
    case 'status': {
      const [code, message] =
        fault.status === 401
          ? ['InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.']
          : fault.status === 403
            ? ['Forbidden', 'Missing application roles. API required roles: SecurityAlert.Read.All, SecurityAlert.ReadWrite.All.']
            : fault.status >= 500
              ? ['UnknownError', 'An internal server error occurred.']
              : ['BadRequest', `The service answered ${fault.status}.`];
      graphError(res, fault.status, code, message);
      return true;
    }
    case 'throttle':
      graphError(res, 429, 'TooManyRequests', 'Too many requests.', { 'retry-after': String(fault.retryAfterSeconds ?? 1) });
      return true;
    default:
      return applyTransportFault(fault, req, res);
  }
}

/** Graph's error body, with the innerError a real response carries (date and request ids). */
function graphError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  const requestId = randomUUID();
  const body = {
    error: { code, message, innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': requestId, 'client-request-id': requestId } },
  };
  send(res, status, JSON.stringify(body), { 'request-id': requestId, ...headers });
}

/** Graph's OData content type, which clients may check. */
function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  sendRaw(res, status, text, {
    'content-type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
    ...headers,
  });
}
