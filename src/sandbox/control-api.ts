import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseIsoDuration, parseUtcTimestamp, msFromTicks } from '../alerts/index.js';
import { sendJson } from './alert-api.js';
import type { AlertStore } from './alert-store.js';
import type { SandboxClock } from './clock.js';
import { toAlertFault, type FaultQueue } from './faults.js';
import type { GraphAlertStore } from './graph-store.js';
import type { IdentityProvider } from './identity/index.js';

export interface ControlDeps {
  store: AlertStore;
  clock: SandboxClock;
  faults: FaultQueue;
  identity: IdentityProvider;
  graph: GraphAlertStore;
}

export const CONTROL_PREFIX = '/_sandbox';
const MAX_BODY = 64 * 1024;

/**
 * The control endpoint, for driving a sandbox that runs in another process (`wdatp-arcsight sandbox`):
 *   GET    /_sandbox                         status: clock, alert counts, queued faults
 *   GET    /_sandbox/alerts[?arrived=true]   every alert the sandbox holds (or only those arrived by now)
 *   POST   /_sandbox/faults                  queue a fault: {"kind":"status","status":500,"count":2},
 *                                            {"kind":"throttle","retryAfterSeconds":3}, {"kind":"slow","delayMs":5000},
 *                                            {"kind":"malformed"}, {"kind":"disconnect"}, or an Azure AD error for the
 *                                            token/authorize endpoint: {"target":"token","code":700082}
 *   DELETE /_sandbox/faults                  clear queued alert-API faults
 *   POST   /_sandbox/clock                   {"advance":"PT10M"} or {"advanceMs":600000} or {"set":"2024-05-01T10:00:00Z"}
 *   POST   /_sandbox/expire-refresh-tokens   age every issued refresh token past its lifetime
 *   POST   /_sandbox/permissions             {"delegated":false,"application":false}: Graph tokens issued from now on
 *                                            lack SecurityAlert.Read.All (true grants it again)
 *   GET    /_sandbox/alerts_v2               the current version of every Graph alert
 *   GET    /_sandbox/alerts_v2/history       every version that has been visible: {id, lastUpdateDateTime, visibleAt}
 *   POST   /_sandbox/alerts_v2/changes       {"count":5} applies 5 changes (new alerts or updates) now;
 *                                            {"churnPerRequest":2} applies 2 before every alerts_v2 answer
 * Answers JSON; 400 with {"error": "..."} for a bad body.
 */
export async function serveControl(req: IncomingMessage, res: ServerResponse, url: URL, deps: ControlDeps): Promise<void> {
  const path = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/$/, '');
  const route = `${req.method} ${path}`;
  try {
    switch (route) {
      case 'GET ':
        return sendJson(res, 200, status(deps));
      case 'GET /alerts': {
        const arrived = url.searchParams.get('arrived') === 'true';
        const all = deps.store.all();
        const now = deps.clock.now();
        return sendJson(res, 200, arrived ? all.filter((a) => arrivedBy(a, now)) : all);
      }
      case 'GET /faults':
        return sendJson(res, 200, deps.faults.list());
      case 'POST /faults': {
        const body = await readJson(req);
        for (const item of Array.isArray(body) ? body : [body]) queueFault(item, deps);
        return sendJson(res, 200, deps.faults.list());
      }
      case 'DELETE /faults':
        deps.faults.clear();
        return sendJson(res, 200, []);
      case 'POST /clock':
        moveClock(await readJson(req), deps.clock);
        return sendJson(res, 200, status(deps));
      case 'GET /alerts_v2':
        return sendJson(res, 200, deps.graph.current());
      case 'GET /alerts_v2/history':
        return sendJson(
          res,
          200,
          deps.graph.history().map((v) => ({ id: v.id, lastUpdateDateTime: v.lastUpdateDateTime, visibleAt: new Date(v.visibleAt).toISOString() })),
        );
      case 'POST /alerts_v2/changes': {
        const body = ((await readJson(req)) ?? {}) as Record<string, unknown>;
        const whole = (v: unknown, name: string): number => {
          if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 10_000) throw new Error(`${name} must be a whole number 0-10000.`);
          return v;
        };
        if (body.churnPerRequest !== undefined) deps.graph.churnPerRequest = whole(body.churnPerRequest, 'churnPerRequest');
        if (body.count !== undefined) deps.graph.churn(whole(body.count, 'count'), deps.clock.now());
        return sendJson(res, 200, { alerts: deps.graph.current().length, versions: deps.graph.history().length, churnPerRequest: deps.graph.churnPerRequest });
      }
      case 'POST /expire-refresh-tokens':
        deps.identity.expireRefreshTokens();
        return sendJson(res, 200, { expired: true });
      case 'POST /permissions': {
        const b = ((await readJson(req)) ?? {}) as Record<string, unknown>;
        const flag = (v: unknown, name: string) => {
          if (v !== undefined && typeof v !== 'boolean') throw new Error(`${name} must be true or false.`);
          return v;
        };
        deps.identity.setAlertsPermission({ delegated: flag(b.delegated, 'delegated'), application: flag(b.application, 'application') });
        return sendJson(res, 200, { permissions: 'updated' });
      }
      default:
        return sendJson(res, 404, { error: `No control route ${route}; see GET ${CONTROL_PREFIX}.` });
    }
  } catch (error) {
    sendJson(res, 400, { error: (error as Error).message });
  }
}

function status(deps: ControlDeps): Record<string, unknown> {
  const now = deps.clock.now();
  const all = deps.store.all();
  return {
    now: new Date(now).toISOString(),
    alerts: { total: all.length, arrived: all.filter((a) => arrivedBy(a, now)).length },
    faults: deps.faults.list(),
  };
}

function arrivedBy(alert: unknown, nowMs: number): boolean {
  const lpt = (alert as Record<string, unknown> | null)?.LastProcessedTimeUtc;
  const ticks = typeof lpt === 'string' ? parseUtcTimestamp(lpt) : undefined;
  return ticks === undefined || msFromTicks(ticks) <= nowMs;
}

function queueFault(item: unknown, deps: ControlDeps): void {
  const f = item as Record<string, unknown> | null;
  if (f && (f.target === 'token' || f.target === 'authorize')) {
    if (typeof f.code !== 'number') throw new Error('An Azure AD fault needs "code", an AADSTS number such as 700082.');
    const count = typeof f.count === 'number' ? f.count : 1;
    deps.identity.inject({ code: f.code, count, endpoint: f.target });
    return;
  }
  deps.faults.add(toAlertFault(item));
}

function moveClock(body: unknown, clock: SandboxClock): void {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.advanceMs === 'number') return clock.advance(b.advanceMs);
  if (typeof b.advance === 'string') {
    const ms = parseIsoDuration(b.advance);
    if (ms === undefined) throw new Error(`advance ${JSON.stringify(b.advance)} is not an ISO-8601 duration such as PT10M.`);
    return clock.advance(ms);
  }
  if (typeof b.set === 'string') {
    const ticks = parseUtcTimestamp(b.set);
    if (ticks === undefined) throw new Error(`set ${JSON.stringify(b.set)} is not a UTC timestamp.`);
    return clock.set(msFromTicks(ticks));
  }
  throw new Error('Give {"advance":"PT10M"}, {"advanceMs":600000} or {"set":"2024-05-01T10:00:00Z"}.');
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('Body too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text.trim() === '' ? undefined : JSON.parse(text);
  } catch (error) {
    throw new Error(`Body is not JSON: ${(error as Error).message}`, { cause: error });
  }
}
