import { RemoteError } from '../errors/index.js';
import { AlertApiError } from './alert-api-get.js';
import { retryDelay, sleep, type RetryPolicy } from './poll-retry.js';

/** What the retry loop needs of a pull's options (both APIs' loops share it). */
export interface RetryContext {
  signal?: AbortSignal;
  log: (line: string) => void;
  onTrouble?: (message: string) => void;
}

/** One API's side of a retried GET. */
export interface RetriedGet<T> {
  /** How messages name the service, mid-sentence: 'Graph', 'the alert API'. */
  service: string;
  /** Added to the message when a fresh token is refused too (says how the token was renewed). */
  refusedAgain: string;
  tokens: { get(): Promise<string>; renew(): Promise<string> };
  /** Waits its turn before each request (Graph's rate limit); resolves false when the signal aborted. */
  beforeRequest?: () => Promise<boolean>;
  fetchPage: (accessToken: string) => Promise<T>;
}

/**
 * One GET with the retry rules: 401 → a fresh access token once; 429 → wait Retry-After; 5xx, malformed pages and
 * network errors → exponential backoff with jitter, at most `retries` times; anything else stops at once.
 * Resolves undefined when the signal aborted.
 */
export async function fetchWithRetries<T>(get: RetriedGet<T>, retry: RetryPolicy, o: RetryContext): Promise<T | undefined> {
  let renewed = false;
  let last: RemoteError | undefined;
  for (let attempt = 0; attempt <= retry.retries;) {
    if (o.signal?.aborted) return undefined;
    const token = await get.tokens.get();
    if (get.beforeRequest && !(await get.beforeRequest())) return undefined;
    try {
      return await get.fetchPage(token);
    } catch (error) {
      if (o.signal?.aborted) return undefined;
      if (!(error instanceof RemoteError)) throw error;
      if (error instanceof AlertApiError && error.status === 401) {
        if (renewed) throw new AlertApiError(`${error.message} ${get.refusedAgain}`, 'status', { status: 401, hint: error.hint });
        renewed = true;
        o.log(`${get.service.charAt(0).toUpperCase()}${get.service.slice(1)} refused the access token (401); getting a new one.`);
        await get.tokens.renew();
        continue;
      }
      const retryable =
        !(error instanceof AlertApiError) || error.kind === 'malformed' || error.status === 429 || (error.status !== undefined && error.status >= 500);
      if (!retryable) throw error;
      last = error;
      if (attempt === retry.retries) break;
      const wait = retryDelay(retry, attempt, error instanceof AlertApiError ? error.retryAfterMs : undefined);
      o.log(`${error.message} Retry ${attempt + 1} of ${retry.retries} in ${(wait / 1000).toFixed(1)} s.`);
      o.onTrouble?.(error.message);
      attempt += 1;
      if (!(await sleep(wait, o.signal))) return undefined;
    }
  }
  throw new RemoteError(`Giving up on ${get.service} after ${retry.retries + 1} attempts. Last error: ${last?.message ?? 'unknown'}`, {
    status: last?.status,
    hint: `${last?.hint ? `${last.hint} ` : ''}Nothing was lost: run pull again later and it continues from its checkpoint.`,
    cause: last,
  });
}
