/** How `pull` retries a failed request: exponential backoff with jitter, bounded. */
export interface RetryPolicy {
  /** Retries after the first attempt (so retries + 1 attempts in all). */
  retries: number;
  /** First backoff step in ms; it doubles per retry. */
  baseMs: number;
  /** Upper bound of one backoff step in ms. */
  maxMs: number;
  /** Upper bound for a server's Retry-After in ms (a broken header must not park the poller for days). */
  maxRetryAfterMs: number;
  /** Source of jitter, [0, 1); tests pass a fixed one. */
  random?: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 5, baseMs: 1000, maxMs: 60_000, maxRetryAfterMs: 10 * 60_000 };

/**
 * The wait before retry number `attempt` (0 = first retry). A server's Retry-After wins when given; otherwise
 * "equal jitter": half the exponential step fixed, half random, so many pollers restarting together spread out
 * without any of them retrying immediately.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), policy.maxRetryAfterMs);
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.round(step / 2 + (policy.random ?? Math.random)() * (step / 2));
}

/** Retry-After as delta-seconds or an HTTP date, in ms from `nowMs`; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Waits `ms`, or resolves early (with false) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
