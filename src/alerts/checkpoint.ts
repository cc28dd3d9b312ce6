import { createHash } from 'node:crypto';
import { ConfigError } from '../errors/index.js';
import { jsonText } from '../flex/index.js';
import { writeFileAtomic } from '../fsio/index.js';
import { readCheckpointText } from './checkpoint-file.js';
import { formatUtcTimestamp, parseUtcTimestamp, type UtcTicks } from './exporter-time.js';

/**
 * What `pull` remembers between polls and runs. The API has no cursor, only a time window on
 * LastProcessedTimeUtc, so the position is a high-water mark plus the alerts already delivered AT that mark:
 * the next query starts at the mark itself (inclusive, so a record that shares the mark's instant is not lost)
 * and the ids drop the ones that were delivered already.
 */
export interface Checkpoint {
  version: 1;
  /** Highest LastProcessedTimeUtc delivered, `yyyy-MM-ddTHH:mm:ss.fffffffZ`; the next `$START_AT_TIME`. */
  mark: string;
  /** Keys (FullId) of the alerts delivered whose LastProcessedTimeUtc equals the mark. */
  idsAtMark: string[];
  /** The output file and its length when this checkpoint was written: bytes after it were never committed. */
  output?: { file: string; bytes: number };
  /** Alerts delivered in total, for the user's information. */
  delivered: number;
  /** When this checkpoint was written (ISO-8601). */
  updated: string;
  /** Alerts that could not be processed (see prepareAlert) and were moved past, the latest ones; absent when none. */
  skipped?: SkippedAlert[];
}

/** A poison alert `pull` moved past without delivering it. */
export interface SkippedAlert {
  /** Its de-duplication key (alertKey). */
  id: string;
  reason: string;
  lastProcessedTimeUtc: string;
}

/** The in-memory form: the mark as ticks and the ids as a set. */
export interface PullPosition {
  mark: UtcTicks;
  idsAtMark: Set<string>;
}

export function positionOf(checkpoint: Checkpoint): PullPosition {
  return { mark: parseUtcTimestamp(checkpoint.mark)!, idsAtMark: new Set(checkpoint.idsAtMark) };
}

/** Reads a checkpoint; undefined when the file does not exist. A damaged file is a ConfigError, never ignored. */
export async function readCheckpoint(path: string): Promise<Checkpoint | undefined> {
  const text = await readCheckpointText(path);
  if (text === undefined) return undefined;
  const damaged = (why: string): ConfigError =>
    new ConfigError(`The checkpoint ${path} is damaged: ${why}.`, {
      file: path,
      hint: 'Restore it from a backup, or delete it and start again with --since (alerts before that time are not fetched again).',
    });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw damaged(`not JSON (${(error as Error).message})`);
  }
  const c = data as Partial<Checkpoint> | null;
  if (!c || typeof c !== 'object' || c.version !== 1) throw damaged('no "version": 1');
  if (typeof c.mark !== 'string' || parseUtcTimestamp(c.mark) === undefined) throw damaged('"mark" is not a UTC timestamp');
  if (!Array.isArray(c.idsAtMark) || !c.idsAtMark.every((id) => typeof id === 'string')) throw damaged('"idsAtMark" is not a list of strings');
  if (c.output !== undefined && (typeof c.output?.file !== 'string' || !Number.isSafeInteger(c.output.bytes) || c.output.bytes < 0)) {
    throw damaged('"output" needs "file" and a byte count');
  }
  return {
    version: 1,
    mark: c.mark,
    idsAtMark: c.idsAtMark,
    output: c.output,
    delivered: typeof c.delivered === 'number' ? c.delivered : 0,
    updated: typeof c.updated === 'string' ? c.updated : '',
    ...(Array.isArray(c.skipped) && c.skipped.length > 0 ? { skipped: c.skipped.filter(isSkippedAlert) } : {}),
  };
}

function isSkippedAlert(s: unknown): s is SkippedAlert {
  const x = s as Partial<SkippedAlert> | null;
  return typeof x?.id === 'string' && typeof x.reason === 'string' && typeof x.lastProcessedTimeUtc === 'string';
}

/** Writes atomically (temp file, fsync, rename): a crash leaves the old checkpoint or the new one. */
export async function writeCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(checkpoint, null, 2)}\n`);
}

export function makeCheckpoint(
  position: PullPosition,
  extra: { output?: { file: string; bytes: number }; delivered: number; skipped?: readonly SkippedAlert[]; now?: Date },
): Checkpoint {
  return {
    version: 1,
    mark: formatUtcTimestamp(position.mark),
    idsAtMark: [...position.idsAtMark].sort(),
    output: extra.output,
    delivered: extra.delivered,
    updated: (extra.now ?? new Date()).toISOString(),
    ...(extra.skipped && extra.skipped.length > 0 ? { skipped: [...extra.skipped] } : {}),
  };
}

/**
 * The de-duplication key of an alert: FullId ("Unique ID for each combination of IOC and Alert ID. Provides the
 * ability to apply dedup logic in the SIEM"), else AlertId:IocUniqueId, else a hash of the record itself.
 */
export function alertKey(alert: unknown): string {
  const a = (alert !== null && typeof alert === 'object' ? alert : {}) as Record<string, unknown>;
  if (typeof a.FullId === 'string' && a.FullId) return a.FullId;
  if (typeof a.AlertId === 'string' && a.AlertId) return `${a.AlertId}:${typeof a.IocUniqueId === 'string' ? a.IocUniqueId : ''}`;
  // jsonText: a record nested too deeply for JSON.stringify still gets its key (and is then skipped as poison).
  return `sha256:${createHash('sha256').update(jsonText(alert)).digest('hex')}`;
}

export interface FreshAlert {
  alert: unknown;
  key: string;
  ticks: UtcTicks;
}

export interface Selection {
  /** Alerts not delivered yet, oldest first (ties in the order received). */
  fresh: FreshAlert[];
  /** Already delivered at the mark, or repeated within the page. */
  duplicates: number;
  /** Older than the mark: delivered in an earlier window. */
  older: number;
  /** Without a usable LastProcessedTimeUtc: placed at the mark. */
  undated: number;
}

/**
 * Splits a page into what is new and what was delivered already. An alert without a usable
 * LastProcessedTimeUtc cannot be placed on the time line; it is treated as if it had the mark's time, so it is
 * delivered once and then remembered with the mark's ids.
 */
export function selectFresh(position: PullPosition, page: readonly unknown[]): Selection {
  const seen = new Set<string>();
  const fresh: FreshAlert[] = [];
  let duplicates = 0;
  let older = 0;
  let undated = 0;
  for (const alert of page) {
    const key = alertKey(alert);
    const lpt = (alert as Record<string, unknown> | null)?.LastProcessedTimeUtc;
    let ticks = typeof lpt === 'string' ? parseUtcTimestamp(lpt) : undefined;
    if (ticks === undefined) {
      undated += 1;
      ticks = position.mark;
    }
    if (ticks < position.mark) older += 1;
    else if (seen.has(key) || (ticks === position.mark && position.idsAtMark.has(key))) duplicates += 1;
    else fresh.push({ alert, key, ticks });
    seen.add(key);
  }
  fresh.sort((a, b) => (a.ticks < b.ticks ? -1 : a.ticks > b.ticks ? 1 : 0));
  return { fresh, duplicates, older, undated };
}

/** The position after delivering `delivered` (oldest first): the new mark and the ids at it. */
export function advancePosition(position: PullPosition, delivered: readonly FreshAlert[]): PullPosition {
  let mark = position.mark;
  let ids = new Set(position.idsAtMark);
  for (const d of delivered) {
    if (d.ticks > mark) {
      mark = d.ticks;
      ids = new Set();
    }
    if (d.ticks === mark) ids.add(d.key);
  }
  return { mark, idsAtMark: ids };
}
