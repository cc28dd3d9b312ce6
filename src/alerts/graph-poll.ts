import { createHash } from 'node:crypto';
import { GRAPH_REQUESTS_PER_MINUTE } from '../connector/index.js';
import { InterruptedError, printable } from '../errors/index.js';
import type { CompiledParser, ParsedEvent } from '../flex/index.js';
import { createHttpClient } from '../oauth/index.js';
import { formatUtcTimestamp, parseUtcTimestamp, ticksFromMs, TICKS_PER_MS, type UtcTicks } from './exporter-time.js';
import { fetchWithRetries } from './fetch-with-retries.js';
import {
  graphPositionOf,
  makeGraphCheckpoint,
  MAX_POISONED,
  readGraphCheckpoint,
  versionKey,
  writeGraphCheckpoint,
  type GraphPosition,
} from './graph-checkpoint.js';
import { fetchGraphPage, graphPageUrl, graphSource, type GraphPage } from './graph-client.js';
import { RequestLimiter } from './graph-limiter.js';
import { AppTokenKeeper, type AccessTokens } from './graph-token.js';
import { openOutput, type OutputSink } from './poll-output.js';
import { DEFAULT_RETRY, sleep } from './poll-retry.js';
import { AccessTokenKeeper, type RefreshTokenSource } from './poll-token.js';
import type { PullLoopOptions } from './pull-loop-options.js';

/** How wide each pass reaches back behind the cursor unless told otherwise: room for the service's lag. */
export const DEFAULT_OVERLAP_MS = 15 * 60_000;
/** Restarts of one pass after pages shifted; past this the pass ends and the cursor stays behind the shift. */
const MAX_RESTARTS = 20;

export interface GraphPullOptions extends PullLoopOptions {
  /** A user's refresh token (rotations stored back), or app-only tokens (client credentials). */
  auth: { refreshToken: RefreshTokenSource } | 'client-credentials';
  /** `https://<graph>/v1.0/security/alerts_v2`, bare or as `init` prints it (only host, path and $top are used). */
  eventsUrl: string;
  /** Re-read window behind the cursor, for changes the service makes visible late. */
  overlapMs?: number;
  /** Requests to Graph per rolling minute (default 150, Graph's documented limit). */
  requestsPerMinute?: number;
  onPoll?: (result: GraphPollResult) => void;
}

export interface GraphPollResult {
  pages: number;
  /** Alert versions in the answers (re-reads of the overlap included). */
  received: number;
  delivered: number;
  events: number;
  duplicates: number;
  poisoned: number;
  /** Restarts after pages shifted under $skip. */
  restarts: number;
  cursor: string;
}

export interface GraphPullSummary {
  polls: number;
  delivered: number;
  events: number;
  poisoned: number;
  cursor: string;
}

/**
 * The Graph alerts_v2 loop, exactly once per alert version into a file (docs/pull.md states the argument). A
 * poll is one pass: from max(cursor - overlap, keysFrom), oldest first, following @odata.nextLink. Each page:
 *   1. drop versions (id, lastUpdateDateTime) already delivered; 2. parse the rest (a poison alert is skipped and
 *   recorded); 3. append the events and fsync; 4. write the checkpoint with the new keys (cursor unchanged).
 * When an alert shows up again later in the same chain, the pages after its first sighting may have shifted
 * under $skip, so once the chain is read to its end the pass reads again from the last stamp of the earliest such
 * page (keys drop the re-reads). At the end of a pass the cursor moves to min(newest stamp seen, the pass's start
 * time) and keys older than the window go.
 */
export async function runGraphPull(o: GraphPullOptions): Promise<GraphPullSummary> {
  const retry = o.retry ?? DEFAULT_RETRY;
  const overlap = BigInt(o.overlapMs ?? DEFAULT_OVERLAP_MS) * TICKS_PER_MS;
  const source = graphSource(o.eventsUrl);
  const http = o.http ?? {};
  const tokens: AccessTokens =
    o.auth === 'client-credentials'
      ? new AppTokenKeeper(o.client, http, retry, o.log, o.signal)
      : new AccessTokenKeeper(o.client, o.auth.refreshToken, http, retry, o.log, o.signal);
  const limiter = new RequestLimiter(o.requestsPerMinute ?? GRAPH_REQUESTS_PER_MINUTE);
  const checkpoint = o.checkpointFile ? await readGraphCheckpoint(o.checkpointFile) : undefined;
  const position: GraphPosition = checkpoint
    ? graphPositionOf(checkpoint)
    : { cursor: o.startAt, keysFrom: o.startAt - overlap, seen: new Map(), poisoned: [] };
  let delivered = checkpoint?.delivered ?? 0;
  o.log(
    checkpoint
      ? `Resuming from the checkpoint: cursor ${checkpoint.cursor}, ${position.seen.size} versions in the window, ${delivered} delivered so far.`
      : `Starting at ${formatUtcTimestamp(o.startAt)}; each poll re-reads ${Number(overlap / TICKS_PER_MS) / 1000} s behind its cursor.`,
  );

  const sink: OutputSink = await openOutput(o.output, checkpoint?.output, o.log);
  const client = await createHttpClient(http).catch(async (error: unknown) => {
    await sink.close();
    throw error;
  });
  const save = async (): Promise<void> => {
    if (!o.checkpointFile) return;
    const output = sink.file ? { file: sink.file, bytes: sink.bytes } : undefined;
    await writeGraphCheckpoint(o.checkpointFile, makeGraphCheckpoint(position, { output, delivered }));
  };
  const summary: GraphPullSummary = { polls: 0, delivered: 0, events: 0, poisoned: 0, cursor: formatUtcTimestamp(position.cursor) };
  const interrupted = (): InterruptedError =>
    new InterruptedError(
      `Interrupted after ${summary.polls} polls; ${summary.delivered} alert versions delivered in this run; the checkpoint's cursor is at ${summary.cursor}.`,
      {
        hint: 'Run the same pull command again to continue where it stopped.',
      },
    );
  const get = async (url: string): Promise<GraphPage> => {
    try {
      const page = await fetchWithRetries(
        {
          service: 'Graph',
          refusedAgain: 'The access token was refused again right after a new one was obtained.',
          tokens,
          beforeRequest: () =>
            limiter.acquire(o.signal, (ms) => o.log(`Staying under ${limiter.perMinute} requests a minute: waiting ${(ms / 1000).toFixed(1)} s.`)),
          fetchPage: (token) => fetchGraphPage(client, url, token, o.signal),
        },
        retry,
        o,
      );
      if (page) return page;
    } catch (error) {
      // A request cancelled by Ctrl+C surfaces as a network error; it is the interruption, not a failure.
      if (!o.signal?.aborted) throw error;
    }
    throw interrupted();
  };
  const parser = perAlertParser(o.parser);
  let warnedOrder = false;

  try {
    if (!checkpoint) await save();
    for (;;) {
      if (o.signal?.aborted) throw interrupted();
      const passStart = ticksFromMs(Date.now());
      const result: GraphPollResult = { pages: 0, received: 0, delivered: 0, events: 0, duplicates: 0, poisoned: 0, restarts: 0, cursor: '' };
      let poisonedOnPage = 0;
      // A poison alert costs only itself: logged, recorded in the checkpoint (its key too, so it is not retried).
      const poison = (id: string, stamp: string, reason: string, ticks: UtcTicks | undefined): void => {
        result.poisoned += 1;
        poisonedOnPage += 1;
        position.poisoned.push({ id, lastUpdateDateTime: stamp, reason, at: new Date().toISOString() });
        position.poisoned.splice(0, position.poisoned.length - MAX_POISONED);
        if (ticks !== undefined) position.seen.set(versionKey(id, ticks), ticks);
        o.log(`Skipped alert ${printable(id)} (lastUpdateDateTime ${printable(stamp)}): ${printable(reason)}. Recorded in the checkpoint; the poll goes on.`);
      };
      const from = maxTicks(position.cursor - overlap, position.keysFrom);
      // A chain: one query, then its nextLinks. Where each alert was seen in it (page, stamp), each page's last stamp.
      let chainFrom = from;
      let url = graphPageUrl(source, chainFrom);
      let sightings = new Map<string, { page: number; stamp: UtcTicks }>();
      let pageLast: UtcTicks[] = [];
      let keyset = false;
      let newest: UtcTicks | undefined;
      let restartFrom: UtcTicks | undefined;
      for (;;) {
        const page = await get(url);
        // From here the page is committed as a whole: SIGINT waits for its checkpoint.
        const index = pageLast.length;
        poisonedOnPage = 0;
        let text = '';
        let fresh = 0;
        let last = index > 0 ? pageLast[index - 1]! : chainFrom;
        for (const alert of page.alerts) {
          const version = versionOf(alert);
          result.received += 1;
          if (version.stamp === undefined) {
            poison(version.id, version.stampText, 'it has no valid lastUpdateDateTime', undefined);
            continue;
          }
          const { id, stamp } = version;
          if (stamp < last && !warnedOrder) {
            warnedOrder = true;
            o.log('Graph returned alerts out of lastUpdateDateTime order ($orderby not applied?): versions that change while pages are read may be missed.');
          }
          last = maxTicks(last, stamp);
          newest = newest === undefined ? stamp : maxTicks(newest, stamp);
          const before = sightings.get(id);
          if (before && before.stamp < stamp && before.page < index) {
            const shifted = pageLast[before.page]!;
            restartFrom = restartFrom === undefined || shifted < restartFrom ? shifted : restartFrom;
          }
          if (!before || before.stamp < stamp) sightings.set(id, { page: index, stamp });
          const key = versionKey(id, stamp);
          if (position.seen.has(key) || stamp < position.keysFrom) {
            result.duplicates += 1;
            continue;
          }
          position.seen.set(key, stamp);
          let events: ParsedEvent[];
          let serialized: string;
          try {
            events = parser(alert);
            serialized = o.serialize(events, alert);
          } catch (error) {
            poison(id, formatUtcTimestamp(stamp), (error as Error).message, stamp);
            continue;
          }
          text += serialized;
          fresh += 1;
          result.events += events.length;
        }
        pageLast.push(last);
        result.pages += 1;
        if (fresh > 0 || poisonedOnPage > 0) {
          await sink.append(sink.bytes === 0 && text && o.header ? o.header + text : text);
          delivered += fresh;
          result.delivered += fresh;
          await save();
        }
        let next: UtcTicks | undefined;
        if (!page.nextLink || o.signal?.aborted) {
          // The chain is read to its end before it is read again: an alert that moved early in the chain shows up
          // changed only near the end, and only a chain read whole sees every such move (a restart at the first
          // one would forget the sightings of the others and lose the rows they let slip).
          if (restartFrom === undefined || result.restarts >= MAX_RESTARTS || o.signal?.aborted) break;
          // An alert seen earlier in this chain came back changed: it left its place, and the rows after it moved
          // up, so a row may have slipped past a page boundary unread. Read again from the earliest such page.
          o.log(
            `Pages shifted while being read (an alert changed during the pass): reading again from ${formatUtcTimestamp(restartFrom)}; versions already delivered are skipped.`,
          );
          result.restarts += 1;
          next = restartFrom;
          restartFrom = undefined;
          // The rest of this pass pages by time instead of $skip, which changes cannot shift.
          keyset = true;
        } else if (keyset && last > chainFrom) {
          next = last;
        }
        if (next !== undefined) {
          chainFrom = next;
          url = graphPageUrl(source, next);
          sightings = new Map();
          pageLast = [];
        } else {
          // Graph's paging rule: the next page is that URL, whole (it carries the $skip or $skiptoken).
          url = page.nextLink!;
        }
      }
      if (!o.signal?.aborted && newest !== undefined) {
        // The cursor never passes the pass's start (late versions are stamped before it) nor a shift not yet read again.
        let cursor = newest < passStart ? newest : passStart;
        if (restartFrom !== undefined && restartFrom < cursor) cursor = restartFrom;
        if (cursor > position.cursor) position.cursor = cursor;
        const keysFrom = position.cursor - overlap;
        if (keysFrom > position.keysFrom) {
          position.keysFrom = keysFrom;
          for (const [key, stamp] of position.seen) if (stamp < keysFrom) position.seen.delete(key);
        }
        await save();
      }
      result.cursor = formatUtcTimestamp(position.cursor);
      summary.polls += 1;
      summary.delivered += result.delivered;
      summary.events += result.events;
      summary.poisoned += result.poisoned;
      summary.cursor = result.cursor;
      o.log(
        `Poll ${summary.polls}: ${result.received} alert versions read in ${result.pages} pages, ${result.delivered} new → ${result.events} events` +
          `${result.duplicates ? `, ${result.duplicates} already delivered` : ''}${result.poisoned ? `, ${result.poisoned} skipped as unreadable` : ''}` +
          `${result.restarts ? `, ${result.restarts} restarts after shifted pages` : ''}; cursor ${result.cursor}` +
          `${o.once ? '.' : `; next poll in ${o.intervalMs / 1000} s.`}`,
      );
      o.onPoll?.(result);
      if (o.once || o.signal?.aborted) break;
      if (!(await sleep(o.intervalMs, o.signal))) break;
    }
    if (o.signal?.aborted) throw interrupted();
  } finally {
    await sink.close();
    await client.close();
  }
  return summary;
}

/** id and stamp of an alert as sent; an alert without a usable id is keyed by a hash of its content. */
function versionOf(alert: unknown): { id: string; stampText: string; stamp?: UtcTicks } {
  const a = (alert !== null && typeof alert === 'object' ? alert : {}) as Record<string, unknown>;
  const id =
    typeof a.id === 'string' && a.id
      ? a.id
      : `sha256:${createHash('sha256')
          .update(JSON.stringify(alert) ?? 'undefined')
          .digest('hex')}`;
  const stampText = typeof a.lastUpdateDateTime === 'string' ? a.lastUpdateDateTime : String(a.lastUpdateDateTime);
  return { id, stampText, stamp: typeof a.lastUpdateDateTime === 'string' ? parseUtcTimestamp(a.lastUpdateDateTime) : undefined };
}

/**
 * Runs the parser on one alert. A parser written for the whole response (`trigger.node.location=/value`, as the
 * FlexConnector reads alerts_v2) gets the alert inside that envelope, so each alert is parsed, and can fail, alone.
 */
function perAlertParser(parser: CompiledParser): (alert: unknown) => ParsedEvent[] {
  const path = parser.spec.triggerNode.split('/').filter(Boolean);
  return (alert) => parser.parse(path.reduceRight<unknown>((inner, segment, i) => ({ [segment]: i === path.length - 1 ? [inner] : inner }), alert));
}

function maxTicks(a: UtcTicks, b: UtcTicks): UtcTicks {
  return a > b ? a : b;
}
