/**
 * The sandbox's notion of "now". Alerts become visible when their LastProcessedTimeUtc is at or before it, and
 * the identity provider expires codes and tokens by it, so a test can advance time and watch alerts arrive and
 * access tokens expire without waiting.
 */
export interface SandboxClock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Moves time forward (or back, with a negative value). */
  advance(ms: number): void;
  /** Jumps to an instant. */
  set(epochMs: number): void;
  /** True when time only moves through advance/set. */
  readonly frozen: boolean;
}

/**
 * A running clock (wall time plus an offset), or, with `frozen`, one that stands still at `start` until told
 * otherwise — what tests want, so nothing arrives between two assertions.
 */
export function createClock(options: { start?: number; frozen?: boolean } = {}): SandboxClock {
  const frozen = options.frozen === true;
  let offset = options.start === undefined ? 0 : options.start - (frozen ? 0 : Date.now());
  const base = (): number => (frozen ? 0 : Date.now());
  return {
    frozen,
    now: () => base() + offset,
    advance: (ms) => {
      offset += ms;
    },
    set: (epochMs) => {
      offset = epochMs - base();
    },
  };
}
