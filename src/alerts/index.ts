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
export { PULL_FORMATS, serializeEvents, tableHeader, tableRow, type PullFormat } from './poll-format.js';
