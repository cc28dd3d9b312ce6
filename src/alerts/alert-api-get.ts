import { RemoteError } from '../errors/index.js';
import { parseRetryAfter } from './poll-retry.js';

/** The part of an HTTP client the pull needs (the oauth module's client: CA file, proxy, time limit). */
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

/** What differs between the SIEM API and Graph in a failed GET: how they are named, their error bodies, the hints. */
export interface AlertService {
  /** Starts the messages: 'Graph', 'The alert API'. */
  name: string;
  /** The service's own error text from a failed response's body, as `: text` or ''. */
  errorText: (body: string) => string;
  hint: (status: number) => string | undefined;
  /** The hint when a page is not valid JSON. */
  notJsonHint?: string;
}

/**
 * GETs one page with `Authorization: Bearer` and parses its JSON. HTTP errors and bodies that are not JSON become
 * AlertApiError (Retry-After kept); a body that breaks off is a RemoteError (retried); never carries the token.
 * The caller checks the shape of the JSON.
 */
export async function getAlertJson(
  client: FetchLike,
  url: string,
  accessToken: string,
  service: AlertService,
  signal?: AbortSignal,
): Promise<{ body: unknown; host: string; status: number }> {
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
    throw new AlertApiError(`${service.name} at ${host} answered HTTP ${response.status}${service.errorText(text)}.`, 'status', {
      status: response.status,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      hint: service.hint(response.status),
    });
  }
  try {
    return { body: JSON.parse(text), host, status: response.status };
  } catch (error) {
    throw new AlertApiError(`${service.name} at ${host} sent a page that is not valid JSON (${(error as Error).message}; ${text.length} bytes).`, 'malformed', {
      status: response.status,
      hint: service.notJsonHint,
    });
  }
}
