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
export { readAlerts, readAlertBatches, unwrap as unwrapAlerts, type AlertRecord, type ReadAlertsOptions } from './read.js';
