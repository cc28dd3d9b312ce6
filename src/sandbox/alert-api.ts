import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonText } from '../flex/index.js';
import { AlertQueryError, parseAlertQuery } from './alert-query.js';
import type { AlertStore } from './alert-store.js';
import type { SandboxClock } from './clock.js';
import type { AlertFault, FaultQueue } from './faults.js';
import { applyTransportFault } from './transport-faults.js';

export interface AlertApiDeps {
  store: AlertStore;
  clock: SandboxClock;
  faults: FaultQueue;
  validateAccessToken(token: string): 'valid' | 'expired' | 'unknown';
}

/** GET /api/alerts (any case, optional trailing slash), like the alert export service. */
export const ALERTS_PATH = /^\/api\/alerts\/?$/i;

/**
 * Serves one request to the alert API: a queued fault first (a real service fails before it looks at the
 * caller), then the bearer check, then the query. Resolves to the fault it applied, for the request log.
 */
export async function serveAlerts(req: IncomingMessage, res: ServerResponse, url: URL, deps: AlertApiDeps): Promise<AlertFault | undefined> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { error: { code: 'MethodNotAllowed', message: 'Use GET.' } }, { allow: 'GET' });
    return undefined;
  }
  const fault = deps.faults.take();
  if (fault) {
    const handled = await applyFault(fault, req, res);
    if (handled) return fault;
  }
  const auth = checkBearer(req.headers.authorization, deps);
  if (auth) {
    sendJson(
      res,
      401,
      { error: { code: 'Unauthorized', message: auth } },
      {
        'www-authenticate': `Bearer error="invalid_token", error_description="${auth}"`,
      },
    );
    return fault;
  }
  let alerts: unknown[];
  try {
    alerts = deps.store.select(parseAlertQuery(url.searchParams), deps.clock.now());
  } catch (error) {
    if (!(error instanceof AlertQueryError)) throw error;
    sendJson(res, 400, { error: { code: 'BadRequest', message: error.message, target: error.parameter } });
    return fault;
  }
  // jsonText: an alert nested too deeply for JSON.stringify is served as loaded (hostile-input tests rely on it).
  const body = jsonText(alerts);
  if (fault?.kind === 'malformed') {
    // Cut the array off inside a record, as a dropped connection behind a proxy would.
    const whole = alerts.length > 0 ? body : '[{"AlertId":"truncated","AlertTitle":"cut off"}]';
    sendRaw(res, 200, whole.slice(0, Math.max(3, Math.floor(whole.length / 2))));
  } else {
    sendRaw(res, 200, body);
  }
  return fault;
}

/** Answers for faults that replace the response; resolves false for those that only change it (slow, malformed). */
async function applyFault(fault: AlertFault, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  switch (fault.kind) {
    case 'status':
      sendJson(res, fault.status, { error: { code: statusCode(fault.status), message: statusMessage(fault.status) } });
      return true;
    case 'throttle':
      sendJson(
        res,
        429,
        { error: { code: 'TooManyRequests', message: 'Rate limit exceeded. Try again later.' } },
        {
          'retry-after': String(fault.retryAfterSeconds ?? 1),
        },
      );
      return true;
    default:
      return applyTransportFault(fault, req, res);
  }
}

function checkBearer(header: string | undefined, deps: AlertApiDeps): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return 'The access token is missing.';
  switch (deps.validateAccessToken(match[1]!)) {
    case 'valid':
      return undefined;
    case 'expired':
      return 'The access token has expired.';
    default:
      return 'The access token is invalid.';
  }
}

/** The API's documented error meanings (401, 403, 500), and generic ones for anything else injected. */
function statusMessage(status: number): string {
  switch (status) {
    case 401:
      return 'Malformed request or invalid token.';
    case 403:
      return 'Unauthorized exception - any of the domains is not managed by the tenant administrator or tenant state is deleted.';
    case 500:
      return 'Error in the service.';
    default:
      return `The service answered ${status}.`;
  }
}

function statusCode(status: number): string {
  return (
    (
      {
        400: 'BadRequest',
        401: 'Unauthorized',
        403: 'Forbidden',
        404: 'NotFound',
        500: 'InternalServerError',
        502: 'BadGateway',
        503: 'ServiceUnavailable',
        504: 'GatewayTimeout',
      } as Record<number, string>
    )[status] ?? 'Error'
  );
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendRaw(res, status, JSON.stringify(body), headers);
}

/** Sends a JSON text as it is; `headers` may replace the content type (graph-api sends Graph's OData one). */
export function sendRaw(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}
