// Public face of src/alerts: each part adds its exports here.
export { formatUtcTimestamp, msFromTicks, parseIsoDuration, parseUtcTimestamp, ticksFromMs, TICKS_PER_MS, type UtcTicks } from './exporter-time.js';
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
export { AlertApiError, type FetchLike } from './alert-api-get.js';
export { fetchAlertPage } from './exporter-client.js';
export { runPull, substituteStartTime, START_AT_TIME, type PollResult, type PullOptions, type PullSummary } from './poll.js';
export { HealthFile, type Health } from './health.js';
export { openFileSink, openOutput, streamSink, type OutputSink, type PullOutput } from './poll-output.js';
export { parseOutputTarget, type SyslogProtocol, type SyslogTarget } from './syslog-target.js';
export { frameMessages, syslogMessage, syslogSeverity, type SyslogFormat, type SyslogFraming, type SyslogHeaderFields } from './syslog-format.js';
export { IN_DOUBT_MS, UDP_MAX_PAYLOAD, type SyslogSinkOptions } from './syslog-sink.js';
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
export { isGraphAlertsUrl } from './graph-client.js';
export { readGraphCheckpoint, type GraphCheckpoint, type PoisonedAlert } from './graph-checkpoint.js';
export { RequestLimiter } from './graph-limiter.js';
export { DEFAULT_OVERLAP_MS, runGraphPull, type GraphPollResult, type GraphPullOptions, type GraphPullSummary } from './graph-poll.js';
