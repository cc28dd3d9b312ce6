import { sleep } from './poll-retry.js';

/**
 * Keeps requests under a limit per rolling minute (Graph throttles /security alert operations at 150 a minute per
 * app and tenant): before each request it waits until fewer than `perMinute` were sent in the last 60 s. A small
 * margin on the window absorbs the difference between this machine's clock and the service's.
 */
export class RequestLimiter {
  readonly #sent: number[] = [];

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly windowMs = 61_000,
  ) {}

  /** Resolves true when a request may go (and counts it), false when the signal aborted the wait. */
  async acquire(signal?: AbortSignal, onWait?: (ms: number) => void): Promise<boolean> {
    for (;;) {
      const now = this.now();
      while (this.#sent.length > 0 && this.#sent[0]! <= now - this.windowMs) this.#sent.shift();
      if (this.#sent.length < this.perMinute) {
        this.#sent.push(now);
        return true;
      }
      const wait = this.#sent[0]! + this.windowMs - now;
      onWait?.(wait);
      if (!(await sleep(wait, signal))) return false;
    }
  }
}
