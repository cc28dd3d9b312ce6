import { stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../src/alerts/index.js';
import { createClock } from '../../src/sandbox/index.js';
import { runCli } from '../support/cli.js';
import { testRandom } from '../support/random.js';
import { TEST_SEED as seed } from '../support/seed.js';
import { startPull, waitForStderr } from './running-pull.js';
import { deliveredIds, fullIds, pullFixture, type PullFixture, pullBaseArgs } from './support.js';

const NOW = Math.floor(Date.now() / 1000) * 1000;
const MINUTE = 60_000;
const RUNS = 20;

describe('pull killed at random points and resumed (built CLI)', () => {
  let f: PullFixture;
  let args: string[];
  beforeAll(async () => {
    // 200 alerts whose LastProcessedTimeUtc spans an hour of sandbox time from NOW; the test drives the clock so
    // they arrive while pull runs. Access tokens outlive the test: token expiry is covered elsewhere, and a kill
    // inside a refresh would test the sandbox's single-use refresh tokens rather than delivery.
    f = await pullFixture({
      generate: 200,
      seed: 13,
      clock: createClock({ start: NOW, frozen: true }),
      generateFrom: NOW,
      generateSpanMs: 60 * MINUTE,
      accessTtlMs: 24 * 60 * MINUTE,
    });
    args = [
      ...pullBaseArgs(f),
      '--output',
      f.output,
      '--format',
      'ndjson',
      '--since',
      new Date(NOW - MINUTE).toISOString(),
      '--backoff',
      '0.02',
      '--retries',
      '10',
    ];
  });
  afterAll(() => f.close());

  it(`delivers every alert exactly once over ${RUNS} SIGKILLs at random points`, { timeout: 240_000 }, async () => {
    const random = testRandom();
    let truncations = 0;
    for (let i = 0; i < RUNS; i++) {
      // Some runs meet a failing service, so kills also land in retries and backoff waits.
      const roll = random.next();
      if (roll < 0.15) f.sandbox.addFault({ kind: 'status', status: 500 });
      else if (roll < 0.25) f.sandbox.addFault({ kind: 'malformed' });
      else if (roll < 0.3) f.sandbox.addFault({ kind: 'slow', delayMs: 40 });
      const run = startPull([...args, '--interval', '0.005']);
      // Kill points are chosen after the refresh token was stored (see above), anywhere in the polling loop.
      await waitForStderr(run, /Access token obtained/, 30_000);
      // About one alert arrives per poll, so most kills land in a poll that writes and commits.
      const clock = setInterval(() => f.sandbox.clock.advance(8_000), 10);
      await new Promise((r) => setTimeout(r, Math.floor(random.next() * 400)));
      run.child.kill('SIGKILL');
      expect(await run.exit, `run ${i} (seed ${seed})`).toBe(null);
      clearInterval(clock);
      if (/Removing \d+ bytes/.test(run.stderr())) truncations += 1;
    }
    f.sandbox.clearFaults();
    f.sandbox.clock.set(NOW + 3 * 60 * MINUTE);
    const last = await runCli([...args, '--once']);
    expect(last.code, last.stderr).toBe(0);
    if (/Removing \d+ bytes/.test(last.stderr)) truncations += 1;

    const delivered = await deliveredIds(f.output);
    const expected = fullIds(f.sandbox);
    expect(new Set(delivered).size, `duplicates (seed ${seed})`).toBe(delivered.length);
    expect(delivered.sort(), `seed ${seed}`).toEqual(expected.sort());
    const cp = await readCheckpoint(f.checkpoint);
    expect(cp!.delivered).toBe(expected.length);
    expect(cp!.output!.bytes).toBe((await stat(f.output)).size);
    // Informational: how often a kill fell between the output write and the checkpoint.
    console.info(`kill/resume: seed ${seed}, ${RUNS} kills, ${truncations} uncommitted tails cut back`);
  });

  it.each([
    ['SIGINT', 4],
    ['SIGTERM', 6],
  ] as const)('%s ends a polling run with exit 130 and a consistent checkpoint; the next run continues', async (signal, hour) => {
    f.sandbox.addAlerts(
      Array.from({ length: 5 }, (_, i) => ({
        AlertId: `${signal}-${i}`,
        FullId: `${signal}-${i}:x`,
        LastProcessedTimeUtc: new Date(NOW + hour * 60 * MINUTE + i * 1000).toISOString(),
      })),
    );
    const run = startPull([...args, '--interval', '0.05']);
    await waitForStderr(run, /Poll 1:/, 30_000);
    f.sandbox.clock.set(NOW + (hour + 1) * 60 * MINUTE);
    await waitForStderr(run, /Poll 3:/, 30_000);
    run.child.kill(signal);
    expect(await run.exit).toBe(130);
    expect(run.stderr()).toMatch(/Stopping: /);
    expect(run.stderr()).toMatch(/Interrupted: .*the checkpoint is at/);
    const cp = await readCheckpoint(f.checkpoint);
    expect(cp!.output!.bytes).toBe((await stat(f.output)).size);
    const resumed = await runCli([...args, '--once']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).not.toMatch(/Removing \d+ bytes/);
    const delivered = await deliveredIds(f.output);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered.sort()).toEqual(fullIds(f.sandbox).sort());
  });
});
