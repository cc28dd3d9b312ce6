// Public face of src/alerts: each part adds its exports here.
export {
  formatUtcTimestamp,
  msFromTicks,
  parseIsoDuration,
  parseUtcTimestamp,
  ticksFromMs,
  TICKS_PER_MS,
  type UtcTicks,
} from './exporter-time.js';
export {
  advancePosition,
  alertKey,
  makeCheckpoint,
  positionOf,
  readCheckpoint,
  selectFresh,
  writeCheckpoint,
  type Checkpoint,
  type FreshAlert,
  type PullPosition,
  type Selection,
  type SkippedAlert,
} from './checkpoint.js';
export { guardRecord, prepareAlert, recordFailure, type DeliverableAlert, type Guarded } from './poison.js';
export { AlertApiError, fetchAlertPage, type FetchLike } from './exporter-client.js';
export { runPull, substituteStartTime, START_AT_TIME, type PollResult, type PullOptions, type PullSummary } from './poll.js';
export { openFileSink, streamSink, type OutputSink } from './poll-output.js';
export { DEFAULT_RETRY, parseRetryAfter, retryDelay, type RetryPolicy } from './poll-retry.js';
export { AccessTokenKeeper, readRefreshTokenFile, refreshTokenFromEnv, type RefreshTokenSource } from './poll-token.js';
export {
  inputChunks,
  readAlerts,
  readAlertBatches,
  startsAsNdjson,
  unwrap as unwrapAlerts,
  type AlertRecord,
  type AlertSource,
  type ReadAlertsOptions,
} from './read.js';
export { malformedLineError, scanNdjsonBytes } from './ndjson-lines.js';
export { PULL_FORMATS, serializeEvents, tableHeader, tableRow, type PullFormat } from './poll-format.js';
