import { InterruptedError } from '../errors/index.js';
import { createHttpClient } from '../oauth/index.js';
import {
  advancePosition,
  makeCheckpoint,
  positionOf,
  readCheckpoint,
  selectFresh,
  writeCheckpoint,
  type PullPosition,
  type SkippedAlert,
} from './checkpoint.js';
import { fetchAlertPage } from './exporter-client.js';
import { formatUtcTimestamp, type UtcTicks } from './exporter-time.js';
import { fetchWithRetries } from './fetch-with-retries.js';
import { prepareAlert } from './poison.js';
import { openOutput, type OutputSink } from './poll-output.js';
import { DEFAULT_RETRY, sleep } from './poll-retry.js';
import { AccessTokenKeeper, type RefreshTokenSource } from './poll-token.js';
import type { PullLoopOptions } from './pull-loop-options.js';

/** Skipped (poison) alerts the checkpoint lists at most: the latest ones. */
const MAX_SKIPPED_RECORDED = 100;

/** The placeholder the connector replaces in its Events URL. */
export const START_AT_TIME = '$START_AT_TIME';

export interface PullOptions extends PullLoopOptions {
  refreshToken: RefreshTokenSource;
  /** The Events URL, normally with `sinceTimeUtc=$START_AT_TIME`; `startAt` is the first `$START_AT_TIME`. */
  eventsUrl: string;
  /** Called after each poll. */
  onPoll?: (result: PollResult) => void;
}

export interface PollResult {
  /** Alerts in the API's answer. */
  received: number;
  /** New alerts delivered by this poll. */
  delivered: number;
  events: number;
  duplicates: number;
  older: number;
  eventWarnings: number;
  /** New alerts that could not be processed and were moved past (logged, and listed in the checkpoint). */
  skipped: number;
  /** The checkpoint's mark after the poll (the next `$START_AT_TIME`). */
  mark: string;
}

export interface PullSummary {
  polls: number;
  delivered: number;
  events: number;
  mark: string;
}

/** The Events URL with the mark in place of `$START_AT_TIME` (the round-trip form .NET writes; no encoding needed). */
export function substituteStartTime(eventsUrl: string, mark: UtcTicks): string {
  return eventsUrl.split(START_AT_TIME).join(formatUtcTimestamp(mark));
}

/**
 * The connector's loop: token, GET, de-duplicate, parse, write, checkpoint. Per poll the order is
 *   1. GET the Events URL with `$START_AT_TIME` = mark (inclusive)       — a failure here changes nothing
 *   2. drop alerts older than the mark and those already delivered at it
 *   3. append all events of the fresh alerts to the output, fsync         — bytes beyond the checkpoint's length
 *   4. write the checkpoint (new mark, ids at it, output length) atomically  are cut off on restart
 * so a crash or kill at any point resumes with every alert in the output file exactly once. SIGINT (the signal)
 * abandons a request in flight or a wait, but never steps 3-4 once started.
 */
export async function runPull(o: PullOptions): Promise<PullSummary> {
  const retry = o.retry ?? DEFAULT_RETRY;
  const tokens = new AccessTokenKeeper(o.client, o.refreshToken, o.http ?? {}, retry, o.log, o.signal);
  const checkpoint = o.checkpointFile ? await readCheckpoint(o.checkpointFile) : undefined;
  let position: PullPosition = checkpoint ? positionOf(checkpoint) : { mark: o.startAt, idsAtMark: new Set() };
  let delivered = checkpoint?.delivered ?? 0;
  let skipped = checkpoint?.skipped ?? [];
  if (!o.eventsUrl.includes(START_AT_TIME)) {
    o.log(
      `The Events URL has no ${START_AT_TIME}: every poll asks for the API's default window (the last 2 hours); alerts already delivered are still dropped.`,
    );
  }
  if (/[?&]limit=/i.test(o.eventsUrl)) {
    o.log('The Events URL has a limit: the API then returns only the most recent alerts of the window, so older ones can be missed.');
  }
  o.log(
    checkpoint
      ? `Resuming from the checkpoint: ${START_AT_TIME} = ${checkpoint.mark} (${delivered} alerts delivered so far).`
      : `Starting at ${formatUtcTimestamp(position.mark)}.`,
  );

  const sink: OutputSink = await openOutput(o.output, checkpoint?.output, o.log);
  const http = await createHttpClient(o.http ?? {}).catch(async (error: unknown) => {
    await sink.close();
    throw error;
  });
  const save = async (): Promise<void> => {
    if (!o.checkpointFile) return;
    const output = sink.file ? { file: sink.file, bytes: sink.bytes } : undefined;
    await writeCheckpoint(o.checkpointFile, makeCheckpoint(position, { output, delivered, skipped }));
  };
  const summary: PullSummary = { polls: 0, delivered: 0, events: 0, mark: formatUtcTimestamp(position.mark) };
  const interrupted = (): InterruptedError =>
    new InterruptedError(
      `Interrupted after ${summary.polls} polls; ${summary.delivered} alerts delivered in this run; the checkpoint is at ${formatUtcTimestamp(position.mark)}.`,
      {
        hint: 'Run the same pull command again to continue where it stopped.',
      },
    );
  try {
    // The start position is recorded before the first request: a run that finds nothing and is restarted later
    // must not move its window forward to "now - lookback" and skip what arrived in between.
    if (!checkpoint) await save();
    for (;;) {
      if (o.signal?.aborted) throw interrupted();
      const url = substituteStartTime(o.eventsUrl, position.mark);
      let page: unknown[] | undefined;
      try {
        page = await fetchWithRetries(
          {
            service: 'the alert API',
            refusedAgain: 'The access token was refused again right after a refresh.',
            tokens,
            fetchPage: (token) => fetchAlertPage(http, url, token, o.signal),
          },
          retry,
          o,
        );
      } catch (error) {
        // A request cancelled by Ctrl+C surfaces as a network error; it is the interruption, not a failure.
        if (o.signal?.aborted) throw interrupted();
        throw error;
      }
      if (page === undefined) throw interrupted();
      // From here the poll is committed as a whole: SIGINT waits for the checkpoint.
      const selection = selectFresh(position, page);
      let text = '';
      let events = 0;
      let eventWarnings = 0;
      const rejected: SkippedAlert[] = [];
      for (const fresh of selection.fresh) {
        // A poison alert costs itself only: logged, recorded in the checkpoint, and the position moves past it.
        const prepared = prepareAlert(fresh.alert, o.parser, o.serialize);
        if (!prepared.ok) {
          rejected.push({ id: fresh.key, reason: prepared.reason, lastProcessedTimeUtc: formatUtcTimestamp(fresh.ticks) });
          o.log(`Skipped alert ${fresh.key}: ${prepared.reason}. It is recorded in the checkpoint and not fetched again.`);
          continue;
        }
        events += prepared.value.events.length;
        eventWarnings += prepared.value.events.reduce((n, e) => n + e.warnings.length, 0);
        text += prepared.value.text;
      }
      const deliveredNow = selection.fresh.length - rejected.length;
      if (selection.fresh.length > 0) {
        await sink.append(sink.bytes === 0 && text && o.header ? o.header + text : text);
        position = advancePosition(position, selection.fresh);
        delivered += deliveredNow;
        skipped = [...skipped, ...rejected].slice(-MAX_SKIPPED_RECORDED);
        await save();
      }
      summary.polls += 1;
      summary.delivered += deliveredNow;
      summary.events += events;
      summary.mark = formatUtcTimestamp(position.mark);
      const result: PollResult = {
        received: page.length,
        delivered: deliveredNow,
        events,
        duplicates: selection.duplicates,
        older: selection.older,
        eventWarnings,
        skipped: rejected.length,
        mark: summary.mark,
      };
      o.log(
        `Poll ${summary.polls}: ${result.received} alerts received, ${result.delivered} new → ${result.events} events${result.events ? ` written to ${sink.target}` : ''}` +
          `${result.duplicates ? `, ${result.duplicates} already delivered` : ''}${result.older ? `, ${result.older} older than the mark` : ''}` +
          `${result.skipped ? `, ${result.skipped} skipped (not processable, see above)` : ''}` +
          `${result.eventWarnings ? `, ${result.eventWarnings} parser warnings (see wdatp-arcsight parse)` : ''}; next ${START_AT_TIME} = ${result.mark}.`,
      );
      o.onPoll?.(result);
      if (o.once) break;
      if (!(await sleep(o.intervalMs, o.signal))) throw interrupted();
    }
  } finally {
    await sink.close();
    await http.close();
  }
  return summary;
}
