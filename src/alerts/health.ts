import { writeFileAtomic } from '../fsio/index.js';
import type { PollResult } from './poll.js';

/** What `--health-file` holds (JSON), rewritten atomically after each poll and on each delivery problem. */
export interface Health {
  version: 1;
  /** running: the last poll succeeded; degraded: a problem since then (being retried); stopped / failed: the run ended. */
  status: 'running' | 'degraded' | 'stopped' | 'failed';
  pid: number;
  started: string;
  /** When this file was written. */
  updated: string;
  output: string;
  lastSuccessfulPoll: { time: string; received: number; delivered: number; events: number } | null;
  /** The cursor after the last successful poll (the next start time). */
  cursor: string | null;
  totals: { polls: number; alerts: number; events: number };
  lastError: { time: string; message: string } | null;
}

/**
 * Keeps the health file of a `pull` service. Writes are chained so they land in order, and a failed write is
 * reported once through `log` but never stops delivery: monitoring must not take the bridge down.
 */
export class HealthFile {
  private health: Health;
  private chain: Promise<void> = Promise.resolve();
  private warned = false;

  constructor(
    private readonly path: string,
    output: string,
    private readonly log: (line: string) => void,
    private readonly now: () => Date = () => new Date(),
  ) {
    const time = this.now().toISOString();
    this.health = {
      version: 1,
      status: 'running',
      pid: process.pid,
      started: time,
      updated: time,
      output,
      lastSuccessfulPoll: null,
      cursor: null,
      totals: { polls: 0, alerts: 0, events: 0 },
      lastError: null,
    };
  }

  poll(result: PollResult): Promise<void> {
    const h = this.health;
    h.status = 'running';
    h.lastSuccessfulPoll = { time: this.now().toISOString(), received: result.received, delivered: result.delivered, events: result.events };
    h.cursor = result.mark;
    h.totals = { polls: h.totals.polls + 1, alerts: h.totals.alerts + result.delivered, events: h.totals.events + result.events };
    return this.write();
  }

  error(message: string): Promise<void> {
    this.health.status = 'degraded';
    this.health.lastError = { time: this.now().toISOString(), message };
    return this.write();
  }

  /** The run ended: cleanly (`stopped`, also for an interruption) or with an error (`failed`, with the message). */
  end(error?: { message: string; interrupted: boolean }): Promise<void> {
    if (error && !error.interrupted) {
      this.health.lastError = { time: this.now().toISOString(), message: error.message };
      this.health.status = 'failed';
    } else this.health.status = 'stopped';
    return this.write();
  }

  private write(): Promise<void> {
    this.health.updated = this.now().toISOString();
    const text = `${JSON.stringify(this.health, null, 2)}\n`;
    this.chain = this.chain.then(() =>
      writeFileAtomic(this.path, text).catch((error: unknown) => {
        if (this.warned) return;
        this.warned = true;
        this.log(`Warning: cannot write the health file ${this.path}: ${(error as Error).message}`);
      }),
    );
    return this.chain;
  }
}
