import { parseUtcTimestamp, type UtcTicks } from '../alerts/index.js';
import { queryWindow, type AlertQuery } from './alert-query.js';

interface StoredAlert {
  record: unknown;
  /** LastProcessedTimeUtc, or the load time for records without a usable one. */
  ticks: UtcTicks;
}

/**
 * The sandbox's alerts, kept in LastProcessedTimeUtc order. A record is "arrived" once the clock reaches its
 * LastProcessedTimeUtc, which is how alerts appear over time.
 */
export class AlertStore {
  #alerts: StoredAlert[] = [];

  constructor(
    records: readonly unknown[],
    private readonly loadTicks: UtcTicks,
  ) {
    this.add(records);
  }

  add(records: readonly unknown[]): void {
    for (const record of records) this.#alerts.push({ record, ticks: lastProcessed(record) ?? this.loadTicks });
    this.#alerts.sort((a, b) => (a.ticks < b.ticks ? -1 : a.ticks > b.ticks ? 1 : 0));
  }

  /** Every record, arrived or not, in LastProcessedTimeUtc order. */
  all(): unknown[] {
    return this.#alerts.map((a) => a.record);
  }

  /** The records a GET /api/alerts with this query returns at `nowMs`, oldest first. */
  select(query: AlertQuery, nowMs: number): unknown[] {
    const { from, to } = queryWindow(query, nowMs);
    const groups = lower(query.machineGroups);
    const deviceTags = lower(query.deviceTags);
    const cloudTags = lower(query.cloudTags);
    const chosen = this.#alerts.filter(
      (a) =>
        a.ticks >= from &&
        a.ticks <= to &&
        (groups.length === 0 || groups.includes(text(a.record, 'MachineGroup').toLowerCase())) &&
        (deviceTags.length === 0 || hasTag(text(a.record, 'DeviceCreatedMachineTags'), deviceTags)) &&
        (cloudTags.length === 0 || hasTag(text(a.record, 'CloudCreatedMachineTags'), cloudTags)),
    );
    // "Most recent alerts will be retrieved based on the number defined."
    const limited = query.limit !== undefined ? chosen.slice(Math.max(0, chosen.length - query.limit)) : chosen;
    return limited.map((a) => a.record);
  }
}

function lastProcessed(record: unknown): UtcTicks | undefined {
  const value = text(record, 'LastProcessedTimeUtc');
  return value ? parseUtcTimestamp(value) : undefined;
}

function text(record: unknown, key: string): string {
  const value = record !== null && typeof record === 'object' ? (record as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : '';
}

function lower(values: string[]): string[] {
  return values.map((v) => v.trim().toLowerCase());
}

/** Tags are a comma-separated list in the record; the parameter names one tag. */
function hasTag(list: string, wanted: string[]): boolean {
  const tags = list.split(',').map((t) => t.trim().toLowerCase());
  return wanted.some((w) => tags.includes(w));
}
