import { readFile, stat } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { formatUtcTimestamp, parseUtcTimestamp, readGraphCheckpoint, RequestLimiter, runGraphPull, TICKS_PER_MS } from '../../src/alerts/index.js';
import { createClock, type GraphAlert, type Sandbox } from '../../src/sandbox/index.js';
import { REPLAY, TEST_SEED as seed } from '../support/seed.js';
import { deliveredVersions, graphFixture, graphPullOptions, versionText, type GraphFixture } from './graph-support.js';

const MINUTE = 60_000;
let f: GraphFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

/** Every version the sandbox made visible, and the final version of every alert. */
function truth(sandbox: Sandbox): { all: Set<string>; final: string[] } {
  return {
    all: new Set(sandbox.graph.history().map((v) => versionText(v.id, v.lastUpdateDateTime))),
    final: sandbox.graph.current().map((a: GraphAlert) => versionText(a.id, a.lastUpdateDateTime)),
  };
}

function expectExactlyOnce(delivered: string[], sandbox: Sandbox, context: string): void {
  const { all, final } = truth(sandbox);
  expect(new Set(delivered).size, `duplicated versions (${context})`).toBe(delivered.length);
  expect(
    delivered.filter((v) => !all.has(v)),
    `versions the service never had (${context})`,
  ).toEqual([]);
  expect(
    final.filter((v) => !delivered.includes(v)),
    `final versions missing (${context})`,
  ).toEqual([]);
}

describe('pull from Graph alerts_v2 (in process, sandbox over https)', () => {
  it('follows @odata.nextLink across pages, delivers every alert once, and a second run adds nothing', async () => {
    const now = Date.now();
    f = await graphFixture({ generate: 40, seed: 3, generateFrom: now - 60 * MINUTE, generateSpanMs: 50 * MINUTE });
    const o = await graphPullOptions(f, { eventsUrl: `${f.sandbox.graphAlertsUrl}?$filter=lastUpdateDateTime%20ge%20$START_AT_TIME&$top=7` });
    const summary = await runGraphPull(o);
    const delivered = await deliveredVersions(f.output);
    expect(delivered.sort()).toEqual(truth(f.sandbox).final.sort());
    expect(summary.delivered).toBe(40);
    const pages = f.sandbox.requests.filter((r) => r.path.endsWith('/alerts_v2'));
    expect(pages.length).toBe(6);
    // The first request is the loop's own query; the rest are the nextLinks, used whole.
    expect(decodeURIComponent(pages[0]!.search)).toMatch(
      /^\?\$filter=lastUpdateDateTime ge \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z&\$orderby=lastUpdateDateTime asc&\$top=7$/,
    );
    expect(pages.slice(1).map((p) => new URLSearchParams(p.search).get('$skip'))).toEqual(['7', '14', '21', '28', '35']);

    const again = await runGraphPull(await graphPullOptions(f));
    expect(again.delivered).toBe(0);
    expect(await deliveredVersions(f.output)).toHaveLength(40);
    const cp = await readGraphCheckpoint(f.checkpoint);
    expect(cp!.output!.bytes).toBe((await stat(f.output)).size);
    expect(cp!.seen.length).toBeGreaterThan(0);
  });

  it('delivers every version exactly once while alerts are created and updated between pages, late and out of stamp order', { timeout: 180_000 }, async () => {
    const now = Date.now();
    // Changes become visible up to 2 minutes after their stamp; the loop re-reads 3 minutes behind its cursor.
    f = await graphFixture({
      generate: 30,
      seed,
      generateFrom: now - 30 * MINUTE,
      generateSpanMs: 29 * MINUTE,
      graph: { churnPerRequest: 2, lagMs: 2 * MINUTE, requestsPerMinute: 0 },
    });
    const url = `${f.sandbox.graphAlertsUrl}?$top=5`;
    let restarts = 0;
    for (let poll = 0; poll < 4; poll++) {
      const o = await graphPullOptions(f, { eventsUrl: url, overlapMs: 3 * MINUTE, onPoll: (r) => (restarts += r.restarts) });
      await runGraphPull(o);
    }
    f.sandbox.graph.churnPerRequest = 0;
    await runGraphPull(await graphPullOptions(f, { eventsUrl: url, overlapMs: 3 * MINUTE }));
    expectExactlyOnce(await deliveredVersions(f.output), f.sandbox, REPLAY);
    // The data moved under the pages: the loop noticed and read again (this is what the test is about).
    expect(restarts, REPLAY).toBeGreaterThan(0);
  });

  it('reads a shifted chain to its end before reading it again: an early move met late is not forgotten', async () => {
    // The scenario of seed 17391, made exact. Pages of 3; alert A (page 0) is updated before page 1 is read, so the
    // rows after it move up and a3 slips from page 1 to page 0's end, unread. B (page 1) is updated before page 2,
    // stamped between a7 and a8: the pass meets B again on page 2 but A only on page 3. Reading again from B's
    // page (a6) at once, and forgetting A, lost a3; the pass must read again from A's page (a2).
    const start = Date.now();
    const clock = createClock({ start, frozen: true });
    f = await graphFixture({
      clock,
      generate: 12,
      seed: 21,
      generateFrom: start - 20 * MINUTE,
      generateSpanMs: 10 * MINUTE,
      graph: { updatedShare: 0, requestsPerMinute: 0 },
    });
    const store = f.sandbox.graph;
    const a = store.current();
    const a3 = versionText(a[3]!.id, a[3]!.lastUpdateDateTime);
    const select = store.select.bind(store);
    let requests = 0;
    store.select = (query) => {
      requests += 1;
      if (requests === 2) store.update(a[0]!.id);
      if (requests === 3) {
        clock.set(Number(parseUtcTimestamp(a[7]!.lastUpdateDateTime)! / TICKS_PER_MS) + 1);
        store.update(a[5]!.id);
      }
      return select(query, clock.now());
    };
    const o = await graphPullOptions(f, { eventsUrl: `${f.sandbox.graphAlertsUrl}?$top=3`, overlapMs: 1000 });
    const summary = await runGraphPull(o);
    const delivered = await deliveredVersions(f.output);
    expect(delivered).toContain(a3);
    expectExactlyOnce(delivered, f.sandbox, 'two moves, met on different pages');
    expect(summary.delivered).toBe(14);
    expect(o.logs.join('\n')).toContain(`reading again from ${formatUtcTimestamp(parseUtcTimestamp(a[2]!.lastUpdateDateTime)!)}`);
  });

  it('a poison alert costs only itself: logged with its id and reason, recorded in the checkpoint, moved past', async () => {
    const now = Date.now();
    f = await graphFixture({ generate: 12, seed: 5, generateFrom: now - 20 * MINUTE, generateSpanMs: 10 * MINUTE, graph: { updatedShare: 0 } });
    const victim = f.sandbox.graph.current()[4]!;
    const o = await graphPullOptions(f);
    const serialize = o.serialize;
    o.serialize = (events, alert) => {
      if ((alert as GraphAlert).id === victim.id) throw new Error('unexpected \u001b[31mvalue');
      return serialize(events, alert);
    };
    const summary = await runGraphPull(o);
    expect(summary.delivered).toBe(11);
    expect(summary.poisoned).toBe(1);
    const line = o.logs.find((l) => l.startsWith('Skipped alert'))!;
    expect(line).toContain(victim.id);
    expect(line).toContain('unexpected \\x1b[31mvalue');
    expect(line).not.toContain('\u001b');
    const cp = await readGraphCheckpoint(f.checkpoint);
    expect(cp!.poisoned).toMatchObject([{ id: victim.id, reason: 'unexpected \u001b[31mvalue' }]);
    // Not retried on the next run, and nothing else repeated.
    const again = await runGraphPull(await graphPullOptions(f, { serialize: o.serialize }));
    expect(again.poisoned).toBe(0);
    expect(again.delivered).toBe(0);
  });

  it('honours Retry-After on 429 and retries 5xx, network errors and cut-off pages', async () => {
    f = await graphFixture({ generate: 10, seed: 9, generateFrom: Date.now() - 20 * MINUTE, generateSpanMs: 10 * MINUTE });
    f.sandbox.addFault({ kind: 'throttle', retryAfterSeconds: 1 });
    f.sandbox.addFault({ kind: 'status', status: 503 });
    f.sandbox.addFault({ kind: 'malformed' });
    f.sandbox.addFault({ kind: 'disconnect' });
    const o = await graphPullOptions(f, { eventsUrl: `${f.sandbox.graphAlertsUrl}?$top=4` });
    const started = Date.now();
    const summary = await runGraphPull(o);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(o.logs.join('\n')).toMatch(/HTTP 429: TooManyRequests.*Retry 1 of 4 in 1\.0 s/);
    expect(o.logs.join('\n')).toMatch(/HTTP 503/);
    expect(summary.delivered).toBe(10);
  });

  it('app-only: client credentials for <graph>/.default, no refresh token', async () => {
    f = await graphFixture({ generate: 5, seed: 11, generateFrom: Date.now() - 20 * MINUTE, generateSpanMs: 10 * MINUTE });
    const o = await graphPullOptions(f, { auth: 'client-credentials' });
    const summary = await runGraphPull(o);
    expect(summary.delivered).toBe(5);
    expect(o.logs.join('\n')).toMatch(/Access token obtained with client credentials for https:\/\/graph\.microsoft\.com\/\.default/);
  });

  it('stores the rotated refresh token back in its file', async () => {
    f = await graphFixture({ generate: 3, seed: 12, generateFrom: Date.now() - 20 * MINUTE, generateSpanMs: 10 * MINUTE });
    const before = await readFile(f.refreshFile, 'utf8');
    const o = await graphPullOptions(f);
    await runGraphPull(o);
    const after = await readFile(f.refreshFile, 'utf8');
    expect(after.trim()).not.toBe(before.trim());
    expect((await stat(f.refreshFile)).mode & 0o777).toBe(0o600);
    expect(o.logs.join('\n')).toMatch(/Stored the rotated refresh token/);
  });
});

describe('RequestLimiter', () => {
  it('lets at most N requests through per window and makes the next one wait', async () => {
    // A clock that moves only when the limiter waits: what it waits for is exact, whatever the machine's load.
    let now = 0;
    const limiter = new RequestLimiter(3, () => now, 300);
    const waits: number[] = [];
    const onWait = (ms: number) => {
      waits.push(ms);
      now += ms;
    };
    for (let i = 0; i < 3; i++) expect(await limiter.acquire(undefined, onWait)).toBe(true);
    expect(waits).toEqual([]);
    expect(await limiter.acquire(undefined, onWait)).toBe(true);
    expect(waits).toEqual([300]);
  });

  it('gives up waiting when the signal aborts', async () => {
    const limiter = new RequestLimiter(1, Date.now, 10_000);
    await limiter.acquire();
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 20);
    expect(await limiter.acquire(abort.signal)).toBe(false);
  });
});
