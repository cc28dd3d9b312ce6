import { RemoteError } from '../errors/index.js';
import { parseRetryAfter } from './poll-retry.js';

/** The part of an HTTP client the exporter needs (the oauth module's client: CA file, proxy, time limit). */
export interface FetchLike {
  fetch(url: string, init?: RequestInit): Promise<Response>;
}

/** A failed GET of the alert API that the poller may retry or must stop on; never carries the token. */
export class AlertApiError extends RemoteError {
  constructor(
    message: string,
    readonly kind: 'status' | 'malformed',
    details: { status?: number; retryAfterMs?: number; hint?: string } = {},
  ) {
    super(message, { status: details.status, hint: details.hint });
    this.retryAfterMs = details.retryAfterMs;
  }
  readonly retryAfterMs?: number;
}

/**
 * GETs one page of alerts: `Authorization: Bearer`, a JSON array in reply (a single object, as in the 2017
 * sample, counts as a page of one). HTTP errors and bodies that are not JSON become AlertApiError; network
 * errors come through as the client's RemoteError.
 */
export async function fetchAlertPage(client: FetchLike, url: string, accessToken: string, signal?: AbortSignal): Promise<unknown[]> {
  const response = await client.fetch(url, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    signal,
  });
  const host = new URL(url).host;
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    // The body broke off (connection reset, time limit): a network failure like any other, so it is retried.
    throw new RemoteError(`The connection to ${host} broke while the alerts were being read: ${(error as Error).message}`, { cause: error });
  }
  if (!response.ok) {
    throw new AlertApiError(`The alert API at ${host} answered HTTP ${response.status}${describeError(text)}.`, 'status', {
      status: response.status,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      hint: hintFor(response.status),
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new AlertApiError(`The alert API at ${host} sent a page that is not valid JSON (${(error as Error).message}; ${text.length} bytes).`, 'malformed', {
      status: response.status,
      hint: 'A proxy cutting responses short, or a service fault. If it persists, capture the response with curl and check it.',
    });
  }
  if (Array.isArray(body)) return body;
  if (body !== null && typeof body === 'object') {
    const envelope = (body as { value?: unknown }).value;
    return Array.isArray(envelope) ? envelope : [body];
  }
  throw new AlertApiError(`The alert API at ${host} sent JSON that is not a list of alerts.`, 'malformed', {
    status: response.status,
    hint: 'Check that the Events URL points at /api/alerts of the alert export service.',
  });
}

/** The service's own error text, when it sent one, for the message (short; never the request's token). */
function describeError(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof body.error === 'string' ? body.error : body.error?.message ?? body.message;
    return typeof message === 'string' && message ? `: ${message.slice(0, 300)}` : '';
  } catch {
    return '';
  }
}

function hintFor(status: number): string | undefined {
  switch (status) {
    case 401:
      return 'The access token was refused: check that auth_url asks for the resource the alert API expects (https://graph.windows.net, or https://WDATPAlertExport.Seville.onmicrosoft.com for old apps) and that the app may read alerts.';
    case 403:
      return 'The service refuses this tenant or app ("any of the domains is not managed by the tenant administrator or tenant state is deleted"): check the SIEM integration in the Defender portal and the app permissions.';
    case 400:
    case 404:
      return 'Check the Events URL: host and region (-eu, -us, -uk), path /api/alerts, and the query parameters.';
    default:
      return status >= 500 ? 'A problem on the service side; pull retries with backoff.' : undefined;
  }
}
