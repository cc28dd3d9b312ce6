import { parseIsoDuration, parseUtcTimestamp, ticksFromMs, type UtcTicks } from '../alerts/index.js';

/** The documented query parameters of GET /api/alerts, parsed. */
export interface AlertQuery {
  since?: UtcTicks;
  until?: UtcTicks;
  agoMs?: number;
  limit?: number;
  machineGroups: string[];
  deviceTags: string[];
  cloudTags: string[];
}

/** A query parameter the API cannot use; the server answers 400 naming it. */
export class AlertQueryError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/** The window the API uses when neither sinceTimeUtc nor ago is given: "all alerts generated in the last two hours". */
export const DEFAULT_WINDOW_MS = 2 * 60 * 60 * 1000;

/**
 * Reads the query string. Names match case-insensitively, as ASP.NET model binding does; unknown names are
 * ignored, as that binding ignores them.
 */
export function parseAlertQuery(params: URLSearchParams): AlertQuery {
  const all = (name: string): string[] => {
    const wanted = name.toLowerCase();
    return [...params].filter(([k]) => k.toLowerCase() === wanted).map(([, v]) => v);
  };
  const one = (name: string): string | undefined => {
    const values = all(name);
    if (values.length > 1) throw new AlertQueryError(name, `${name} is given ${values.length} times; give it once.`);
    return values[0];
  };
  const time = (name: string): UtcTicks | undefined => {
    const raw = one(name);
    if (raw === undefined) return undefined;
    // An unencoded '+' in a query string arrives as a space; put the zone sign back.
    const ticks = parseUtcTimestamp(raw.replace(/ (\d{2}:?\d{2})$/, '+$1'));
    if (ticks === undefined) {
      throw new AlertQueryError(name, `${name}=${raw} is not a UTC timestamp like 2020-09-30T14:11:44.0779765Z (0 to 7 fraction digits, Z optional).`);
    }
    return ticks;
  };
  const query: AlertQuery = {
    since: time('sinceTimeUtc'),
    until: time('untilTimeUtc'),
    machineGroups: all('machinegroups'),
    deviceTags: all('DeviceCreatedMachineTags'),
    cloudTags: all('CloudCreatedMachineTags'),
  };
  const ago = one('ago');
  if (ago !== undefined) {
    const ms = parseIsoDuration(ago);
    if (ms === undefined) throw new AlertQueryError('ago', `ago=${ago} is not an ISO-8601 duration such as PT10M or P1D.`);
    if (query.since !== undefined) throw new AlertQueryError('ago', 'Give either sinceTimeUtc or ago, not both.');
    query.agoMs = ms;
  }
  const limit = one('limit');
  if (limit !== undefined) {
    if (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > 2 ** 31 - 1) {
      throw new AlertQueryError('limit', `limit=${limit} is not a positive whole number.`);
    }
    query.limit = Number(limit);
  }
  return query;
}

/** The inclusive LastProcessedTimeUtc window a query selects at `nowMs`; the upper bound never passes "now". */
export function queryWindow(query: AlertQuery, nowMs: number): { from: UtcTicks; to: UtcTicks } {
  const now = ticksFromMs(nowMs) + 9_999n; // "now" covers the whole current millisecond
  const from = query.since ?? ticksFromMs(nowMs - (query.agoMs ?? DEFAULT_WINDOW_MS));
  const to = query.until !== undefined && query.until < now ? query.until : now;
  return { from, to };
}
