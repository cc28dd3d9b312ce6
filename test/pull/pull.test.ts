import { readFile, stat } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { readCheckpoint, runPull, substituteStartTime, parseUtcTimestamp } from '../../src/alerts/index.js';
import { RemoteError } from '../../src/errors/index.js';
import { createClock } from '../../src/sandbox/index.js';
import { deliveredIds, fullIds, pullFixture, pullOptions, type PullFixture } from './support.js';

// Near the wall clock: token expiry (expires_on) is judged by this machine's clock.
const NOW = Math.floor(Date.now() / 1000) * 1000;
const HOUR = 3600_000;

/** A sandbox whose 30 alerts arrive over [NOW - 1 h, NOW + 1 h]; at NOW about half have arrived. */
const fixture = (extra: Parameters<typeof pullFixture>[0] = {}): Promise<PullFixture> =>
  pullFixture({ generate: 30, seed: 21, clock: createClock({ start: NOW, frozen: true }), generateFrom: NOW - HOUR, generateSpanMs: 2 * HOUR, ...extra });

const alertGets = (f: PullFixture): number => f.sandbox.requests.filter((r) => r.path === '/api/alerts').length;
const tokenPosts = (f: PullFixture): number => f.sandbox.requests.filter((r) => r.path.endsWith('/oauth2/token')).length;
const arrivedIds = (f: PullFixture): string[] =>
  f.sandbox
    .alerts()
    .filter((a) => Number(parseUtcTimestamp((a as { LastProcessedTimeUtc: string }).LastProcessedTimeUtc)! / 10_000n) <= f.sandbox.clock.now())
    .map((a) => (a as { FullId: string }).FullId);

let f: PullFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

describe('pull against the sandbox', () => {
  it('substitutes $START_AT_TIME with the mark in the round-trip form', () => {
    expect(substituteStartTime('https://h/api/alerts?sinceTimeUtc=$START_AT_TIME', parseUtcTimestamp('2024-05-01T10:00:00.5Z')!)).toBe(
      'https://h/api/alerts?sinceTimeUtc=2024-05-01T10:00:00.5000000Z',
    );
  });

  it('delivers what has arrived, then only what arrives later, each alert once, with the mark in the checkpoint', async () => {
    f = await fixture();
    const first = await runPull(await pullOptions(f));
    const arrivedFirst = arrivedIds(f);
    expect(arrivedFirst.length).toBeGreaterThan(5);
    expect(arrivedFirst.length).toBeLessThan(30);
    expect(await deliveredIds(f.output)).toEqual(arrivedFirst);
    expect(first.delivered).toBe(arrivedFirst.length);

    const again = await runPull(await pullOptions(f));
    expect(again.delivered).toBe(0);

    f.sandbox.clock.advance(2 * HOUR);
    await runPull(await pullOptions(f));
    const ids = await deliveredIds(f.output);
    expect(ids.sort()).toEqual(fullIds(f.sandbox).sort());
    const cp = await readCheckpoint(f.checkpoint);
    const lastLpt = (f.sandbox.alerts().at(-1) as { LastProcessedTimeUtc: string }).LastProcessedTimeUtc;
    expect(parseUtcTimestamp(cp!.mark)).toBe(parseUtcTimestamp(lastLpt));
    expect(cp!.delivered).toBe(30);
    expect(cp!.output!.bytes).toBe((await stat(f.output)).size);
    // The queries asked from the mark on: the last one's sinceTimeUtc is the previous mark.
    const queries = f.sandbox.requests.filter((r) => r.path === '/api/alerts').map((r) => new URLSearchParams(r.search).get('sinceTimeUtc'));
    expect(queries[0]).toBe('2000-01-01T00:00:00.0000000Z');
    expect(queries.at(-1)).not.toBe(queries[0]);
  });

  it('writes the rotated refresh token back to its file with mode 0600', async () => {
    f = await fixture();
    const before = (await readFile(f.refreshFile, 'utf8')).trim();
    const options = await pullOptions(f);
    await runPull(options);
    const after = (await readFile(f.refreshFile, 'utf8')).trim();
    expect(after).not.toBe(before);
    expect(after.length).toBeGreaterThan(20);
    expect((await stat(f.refreshFile)).mode & 0o777).toBe(0o600);
    expect(options.logs.join('\n')).not.toContain(after);
    // The stored token is the live one: the next run works with it.
    f.sandbox.clock.advance(2 * HOUR);
    await expect(runPull(await pullOptions(f))).resolves.toMatchObject({ polls: 1 });
  });

  it('retries 500s and a dropped connection with backoff, then delivers', async () => {
    f = await fixture();
    f.sandbox.addFault({ kind: 'status', status: 500, count: 2 });
    f.sandbox.addFault({ kind: 'disconnect' });
    const options = await pullOptions(f);
    await runPull(options);
    expect(alertGets(f)).toBe(4);
    expect(options.logs.filter((l) => /Retry \d of 3/.test(l))).toHaveLength(3);
    expect((await deliveredIds(f.output)).sort()).toEqual(arrivedIds(f).sort());
  });

  it('honours Retry-After on 429', async () => {
    f = await fixture();
    f.sandbox.addFault({ kind: 'throttle', retryAfterSeconds: 1 });
    const options = await pullOptions(f);
    await runPull(options);
    expect(options.logs.some((l) => l.includes('HTTP 429') && l.includes('in 1.0 s'))).toBe(true);
    expect(alertGets(f)).toBe(2);
    expect((await deliveredIds(f.output)).length).toBe(arrivedIds(f).length);
  });

  it('retries a malformed JSON page, and stops with a clear error when it stays malformed', async () => {
    f = await fixture();
    f.sandbox.addFault({ kind: 'malformed' });
    await runPull(await pullOptions(f));
    expect((await deliveredIds(f.output)).length).toBe(arrivedIds(f).length);

    f.sandbox.clock.advance(HOUR);
    f.sandbox.addFault({ kind: 'malformed', count: 10 });
    const error = await runPull(await pullOptions(f)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as Error).message).toMatch(/Giving up on the alert API after 4 attempts\. Last error: .*not valid JSON/);
    expect((error as RemoteError).hint).toContain('continues from its checkpoint');
  });

  it('waits for a slow response, and retries one slower than the HTTP time limit', async () => {
    f = await fixture();
    f.sandbox.addFault({ kind: 'slow', delayMs: 300 });
    await runPull(await pullOptions(f));
    expect(alertGets(f)).toBe(1);

    f.sandbox.clock.advance(HOUR);
    f.sandbox.addFault({ kind: 'slow', delayMs: 3000 });
    const options = await pullOptions(f, { http: { timeoutMs: 500 } });
    await runPull(options);
    expect(alertGets(f)).toBe(3);
    expect(options.logs.some((l) => /timeout/i.test(l) && /Retry 1 of 3/.test(l))).toBe(true);
    expect((await deliveredIds(f.output)).length).toBe(arrivedIds(f).length);
  });

  it('stops at once on 403 (no retry) and on a persistent 500 after the retries', async () => {
    f = await fixture();
    f.sandbox.addFault({ kind: 'status', status: 403 });
    const forbidden = await runPull(await pullOptions(f)).catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(RemoteError);
    expect((forbidden as RemoteError).status).toBe(403);
    expect((forbidden as RemoteError).hint).toMatch(/SIEM integration/);
    expect(alertGets(f)).toBe(1);

    f.sandbox.addFault({ kind: 'status', status: 500, count: 10 });
    const failing = await runPull(await pullOptions(f)).catch((e: unknown) => e);
    expect((failing as Error).message).toMatch(/after 4 attempts.*HTTP 500/);
    expect(alertGets(f)).toBe(5);
    // Nothing was delivered and the checkpoint still holds the start.
    expect(await deliveredIds(f.output)).toEqual([]);
    expect((await readCheckpoint(f.checkpoint))!.mark).toBe('2000-01-01T00:00:00.0000000Z');
  });

  it('gets a new access token once when the API answers 401, and when the token expired mid-run', async () => {
    f = await fixture({ accessTtlMs: 10 * 60_000 });
    f.sandbox.addFault({ kind: 'status', status: 401 });
    const options = await pullOptions(f);
    await runPull(options);
    expect(tokenPosts(f)).toBe(3); // sign-in code, first refresh, refresh after the 401
    expect(options.logs.join('\n')).toContain('refused the access token (401)');

    // An interval run whose access token expires between polls (the sandbox clock jumps 20 min per poll):
    // refreshed without a failed poll.
    const polls: number[] = [];
    const controller = new AbortController();
    const run = runPull(
      await pullOptions(f, {
        once: false,
        intervalMs: 5,
        signal: controller.signal,
        onPoll: (r) => {
          polls.push(r.delivered);
          f!.sandbox.clock.advance(20 * 60_000);
          if (polls.length === 4) controller.abort();
        },
      }),
    ).catch((e: unknown) => e);
    expect(((await run) as Error).name).toBe('InterruptedError');
    expect(polls).toHaveLength(4);
    expect(f.sandbox.requests.filter((r) => r.path === '/api/alerts' && r.status === 401).length).toBe(4);
    expect((await deliveredIds(f.output)).sort()).toEqual(arrivedIds(f).sort());
  });

  it('abandons a request in flight on interruption (InterruptedError, exit 130) and leaves the checkpoint as it was', async () => {
    f = await fixture();
    f.sandbox.addFault({ kind: 'slow', delayMs: 10_000 });
    const controller = new AbortController();
    const options = await pullOptions(f, { signal: controller.signal });
    const run = runPull(options).catch((e: unknown) => e);
    // Once the token is there, the GET is on its way and the sandbox sits on it for 10 s.
    while (!options.logs.some((l) => l.startsWith('Access token obtained'))) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    const error = (await run) as { name: string; exitCode: number; message: string };
    expect(error.name).toBe('InterruptedError');
    expect(error.exitCode).toBe(130);
    expect(error.message).toContain('the checkpoint is at 2000-01-01T00:00:00.0000000Z');
    expect(await deliveredIds(f.output)).toEqual([]);
    expect((await readCheckpoint(f.checkpoint))!.delivered).toBe(0);
  });

  it('stops with the fix when the refresh token has expired', async () => {
    f = await fixture();
    f.sandbox.identity.expireRefreshTokens();
    const error = await runPull(await pullOptions(f)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).exitCode).toBe(3);
    expect((error as RemoteError).codes).toContain(700082);
    expect((error as Error).message).toMatch(/refresh token is no longer accepted \(AADSTS700082\)/);
    expect((error as RemoteError).hint).toContain(`wdatp-arcsight token --config ${f.clientFile} --output ${f.refreshFile} --force`);
  });
});
