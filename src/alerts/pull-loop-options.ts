import type { CompiledParser, ParsedEvent } from '../flex/index.js';
import type { ClientConfig, HttpOptions } from '../oauth/index.js';
import type { UtcTicks } from './exporter-time.js';
import type { PullOutput } from './poll-output.js';
import type { RetryPolicy } from './poll-retry.js';

/** The options the SIEM API loop (runPull) and the Graph loop (runGraphPull) take alike. */
export interface PullLoopOptions {
  client: ClientConfig;
  parser: CompiledParser;
  /** The text written for one alert's events (lines ending in \n); may be empty. */
  serialize: (events: ParsedEvent[], alert: unknown) => string;
  /** Written once before the first event when the output is empty (the table format's header). */
  header?: string;
  /** A file (exactly once, see docs/pull.md), a stream such as stdout, or a syslog receiver (at least once; UDP at most once). */
  output: PullOutput;
  /** Where the position is kept between runs; without it each run starts at `startAt`. */
  checkpointFile?: string;
  /** Where a run without a checkpoint starts. */
  startAt: UtcTicks;
  /** Poll once and stop, or poll every `intervalMs` until the signal aborts. */
  once: boolean;
  intervalMs: number;
  retry?: RetryPolicy;
  http?: HttpOptions;
  signal?: AbortSignal;
  /** Progress lines (stderr). Never receives secrets. */
  log: (line: string) => void;
  /** Called with each problem that is being retried (for a health file); `log` receives it too. */
  onTrouble?: (message: string) => void;
}
