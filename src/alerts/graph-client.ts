import { GRAPH_ALERTS_PATH, GRAPH_MAX_TOP } from '../connector/index.js';
import { UsageError } from '../errors/index.js';
import { AlertApiError, getAlertJson, type AlertService, type FetchLike } from './alert-api-get.js';
import { formatUtcTimestamp, type UtcTicks } from './exporter-time.js';

/** One page of alerts_v2: the alerts and, when there are more, the whole URL of the next page. */
export interface GraphPage {
  alerts: unknown[];
  nextLink?: string;
}

/** Where and how `pull` queries alerts_v2: the list URL without a query, and the page size. */
export interface GraphSource {
  /** `https://<graph>/v1.0/security/alerts_v2` (or wherever the Events URL points). */
  listUrl: string;
  top: number;
}

/** True when the Events URL is Graph's alerts_v2 list (any host: a proxy or the sandbox count too). */
export function isGraphAlertsUrl(eventsUrl: string): boolean {
  try {
    return new URL(eventsUrl).pathname.replace(/\/$/, '').toLowerCase().endsWith(GRAPH_ALERTS_PATH.toLowerCase());
  } catch {
    return false;
  }
}

/**
 * Reads the Events URL: the bare list URL, or the one `init` prints
 * (`...alerts_v2?$filter=lastUpdateDateTime%20ge%20$START_AT_TIME&$top=N`). Only the host, the path and `$top`
 * are taken: the poller writes its own `$filter` and `$orderby` (see docs/pull.md).
 */
export function graphSource(eventsUrl: string): GraphSource {
  const url = new URL(eventsUrl);
  const topText = [...url.searchParams].find(([k]) => k.toLowerCase() === '$top')?.[1];
  let top = GRAPH_MAX_TOP;
  if (topText !== undefined) {
    top = /^\d+$/.test(topText) ? Number(topText) : NaN;
    if (!(top >= 1 && top <= GRAPH_MAX_TOP)) throw new UsageError(`--events-url has $top=${topText}; alerts_v2 takes 1 to ${GRAPH_MAX_TOP}.`);
  }
  return { listUrl: `${url.origin}${url.pathname}`, top };
}

/**
 * The first page of a pass: versions stamped at or after `from`, oldest first. The datetime literal is unquoted
 * (OData DateTimeOffset) with all seven fraction digits, so the bound is exact to the service's 100 ns.
 */
export function graphPageUrl(source: GraphSource, from: UtcTicks): string {
  const filter = `lastUpdateDateTime ge ${formatUtcTimestamp(from)}`;
  return `${source.listUrl}?$filter=${encodeURIComponent(filter)}&$orderby=${encodeURIComponent('lastUpdateDateTime asc')}&$top=${source.top}`;
}

/**
 * GETs one page of alerts_v2. HTTP errors become AlertApiError with Graph's error code in the message and
 * Retry-After kept; a body that is not `{"value": [...]}` is 'malformed' (retried). Never carries the token.
 */
export async function fetchGraphPage(client: FetchLike, url: string, accessToken: string, signal?: AbortSignal): Promise<GraphPage> {
  const { body, host, status } = await getAlertJson(client, url, accessToken, GRAPH, signal);
  const page = (body !== null && typeof body === 'object' ? body : {}) as { value?: unknown; '@odata.nextLink'?: unknown };
  if (!Array.isArray(page.value)) {
    throw new AlertApiError(`Graph at ${host} sent JSON without a "value" list of alerts.`, 'malformed', {
      status,
      hint: 'Check that the Events URL points at /v1.0/security/alerts_v2.',
    });
  }
  const next = page['@odata.nextLink'];
  if (next !== undefined && (typeof next !== 'string' || !/^https?:\/\//i.test(next))) {
    throw new AlertApiError(`Graph at ${host} sent an @odata.nextLink that is not a URL.`, 'malformed', { status });
  }
  return { alerts: page.value, nextLink: next };
}

const GRAPH: AlertService = { name: 'Graph', errorText: graphErrorText, hint: graphHint };

/** Graph's `{"error":{"code","message"}}`, short, for the message (the SIEM API's bodies have another shape). */
function graphErrorText(text: string): string {
  try {
    const error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
    const parts = [error?.code, error?.message].filter((p): p is string => typeof p === 'string' && p !== '');
    return parts.length
      ? `: ${parts
          .join(': ')
          .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
          .slice(0, 300)
          .replace(/\.$/, '')}`
      : '';
  } catch {
    return '';
  }
}

/** Kept apart from the SIEM API's hints on purpose: other permissions, scopes and URLs to check. */
function graphHint(status: number): string | undefined {
  switch (status) {
    case 401:
      return 'Graph refused the access token: it must be for Microsoft Graph of the same cloud (scope https://<graph host>/SecurityAlert.Read.All, or /.default with --client-credentials).';
    case 403:
      return 'The app lacks SecurityAlert.Read.All (delegated for a refresh token, application for --client-credentials), or admin consent is missing: wdatp-arcsight token --verify explains which.';
    case 400:
    case 404:
      return 'Check the Events URL: https://<graph host>/v1.0/security/alerts_v2.';
    default:
      return status >= 500 ? 'A problem on the service side; pull retries with backoff.' : undefined;
  }
}
