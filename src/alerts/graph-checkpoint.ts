import { ConfigError } from '../errors/index.js';
import { writeFileAtomic } from '../fsio/index.js';
import { readCheckpointText } from './checkpoint-file.js';
import { formatUtcTimestamp, parseUtcTimestamp, type UtcTicks } from './exporter-time.js';

/** An alert that could not be turned into events: skipped, and remembered here so it is not retried forever. */
export interface PoisonedAlert {
  id: string;
  lastUpdateDateTime: string;
  reason: string;
  /** When it was skipped (ISO-8601). */
  at: string;
}

/**
 * What a Graph `pull` remembers between pages and runs (docs/pull.md, "Graph alerts_v2"):
 * - `cursor`: every version stamped before `cursor - overlap` has been delivered (or was replaced by a newer one
 *   before it could be read); each pass re-reads from there.
 * - `keysFrom`: the delivered versions (id, lastUpdateDateTime) stamped at or after this instant are all in
 *   `seen`; older keys are dropped, and no pass reads before it, so the set stays bounded by the window.
 */
export interface GraphCheckpoint {
  version: 1;
  api: 'graph';
  cursor: string;
  keysFrom: string;
  /** [id, lastUpdateDateTime with seven fraction digits] of each version delivered at or after keysFrom. */
  seen: Array<[string, string]>;
  /** The most recent poison alerts (at most MAX_POISONED). */
  poisoned: PoisonedAlert[];
  output?: { file: string; bytes: number };
  delivered: number;
  updated: string;
}

export const MAX_POISONED = 100;

/** The in-memory form: instants as ticks, the keys as a map from key to stamp. */
export interface GraphPosition {
  cursor: UtcTicks;
  keysFrom: UtcTicks;
  seen: Map<string, UtcTicks>;
  poisoned: PoisonedAlert[];
}

/** The de-duplication key of one alert version. */
export function versionKey(id: string, stamp: UtcTicks): string {
  return `${id}\u0000${formatUtcTimestamp(stamp)}`;
}

export function graphPositionOf(c: GraphCheckpoint): GraphPosition {
  const seen = new Map<string, UtcTicks>();
  for (const [id, stamp] of c.seen) {
    const ticks = parseUtcTimestamp(stamp)!;
    seen.set(versionKey(id, ticks), ticks);
  }
  return { cursor: parseUtcTimestamp(c.cursor)!, keysFrom: parseUtcTimestamp(c.keysFrom)!, seen, poisoned: c.poisoned };
}

export function makeGraphCheckpoint(p: GraphPosition, extra: { output?: { file: string; bytes: number }; delivered: number }): GraphCheckpoint {
  return {
    version: 1,
    api: 'graph',
    cursor: formatUtcTimestamp(p.cursor),
    keysFrom: formatUtcTimestamp(p.keysFrom),
    seen: [...p.seen.keys()].map((key) => key.split('\u0000') as [string, string]),
    poisoned: p.poisoned.slice(-MAX_POISONED),
    output: extra.output,
    delivered: extra.delivered,
    updated: new Date().toISOString(),
  };
}

/** Reads a Graph checkpoint; undefined when the file does not exist. A damaged or foreign file is a ConfigError. */
export async function readGraphCheckpoint(path: string): Promise<GraphCheckpoint | undefined> {
  const text = await readCheckpointText(path);
  if (text === undefined) return undefined;
  const damaged = (why: string, hint?: string): ConfigError =>
    new ConfigError(`The checkpoint ${path} ${why}.`, {
      file: path,
      hint: hint ?? 'Restore it from a backup, or delete it and start again with --since (versions before that time are not fetched again).',
    });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw damaged(`is damaged: not JSON (${(error as Error).message})`);
  }
  const c = (data !== null && typeof data === 'object' ? data : {}) as Partial<GraphCheckpoint> & { mark?: unknown };
  if (c.api !== 'graph') {
    throw damaged(
      typeof c.mark === 'string' ? 'belongs to a pull of the SIEM API, not Graph alerts_v2' : 'is damaged: no "api": "graph"',
      'Give the Graph pull its own --checkpoint (and --output) file; the SIEM API one keeps its place for that set-up.',
    );
  }
  const time = (v: unknown): boolean => typeof v === 'string' && parseUtcTimestamp(v) !== undefined;
  if (c.version !== 1) throw damaged('is damaged: no "version": 1');
  if (!time(c.cursor) || !time(c.keysFrom)) throw damaged('is damaged: "cursor" and "keysFrom" must be UTC timestamps');
  if (!Array.isArray(c.seen) || !c.seen.every((k) => Array.isArray(k) && k.length === 2 && typeof k[0] === 'string' && time(k[1]))) {
    throw damaged('is damaged: "seen" must be a list of [id, lastUpdateDateTime]');
  }
  if (c.output !== undefined && (typeof c.output?.file !== 'string' || !Number.isSafeInteger(c.output.bytes) || c.output.bytes < 0)) {
    throw damaged('is damaged: "output" needs "file" and a byte count');
  }
  return {
    version: 1,
    api: 'graph',
    cursor: c.cursor!,
    keysFrom: c.keysFrom!,
    seen: c.seen,
    poisoned: Array.isArray(c.poisoned) ? c.poisoned : [],
    output: c.output,
    delivered: typeof c.delivered === 'number' ? c.delivered : 0,
    updated: typeof c.updated === 'string' ? c.updated : '',
  };
}

/** Writes atomically (temp file, fsync, rename): a crash leaves the old checkpoint or the new one. */
export async function writeGraphCheckpoint(path: string, checkpoint: GraphCheckpoint): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(checkpoint)}\n`);
}
