import { stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGraphCheckpoint } from '../../src/alerts/index.js';
import { runCli } from '../support/cli.js';
import { testRandom } from '../support/random.js';
import { TEST_SEED as SEED } from '../support/seed.js';
import { startPull, waitForStderr } from './running-pull.js';
import { deliveredVersions, graphFixture, versionText, type GraphFixture } from './graph-support.js';

const MINUTE = 60_000;
const RUNS = 20;

describe('pull --api graph killed at random points and resumed (built CLI)', () => {
  let f: GraphFixture;
  let args: string[];
  beforeAll(async () => {
    const now = Date.now();
    // Every request to alerts_v2 first applies a change (a new alert or an update), stamped up to a minute
    // before it becomes visible: pages shift under $skip while pull reads them, and changes appear out of order.
    f = await graphFixture({
      generate: 40,
      seed: SEED,
      generateFrom: now - 20 * MINUTE,
      generateSpanMs: 19 * MINUTE,
      accessTtlMs: 24 * 60 * MINUTE,
      graph: { churnPerRequest: 1, lagMs: MINUTE, requestsPerMinute: 0 },
    });
    args = [
      'pull',
      '--api',
      'graph',
      '--config',
      f.clientFile,
      '--parser',
      f.graphParserFile,
      '--events-url',
      `${f.sandbox.graphAlertsUrl}?$filter=lastUpdateDateTime%20ge%20$START_AT_TIME&$top=5`,
      '--refresh-token-file',
      f.refreshFile,
      '--ca-file',
      f.caFile!,
      '--output',
      f.output,
      '--format',
      'ndjson',
      '--since',
      'PT1H',
      '--overlap',
      'PT2M',
      '--backoff',
      '0.02',
      '--retries',
      '10',
    ];
  });
  afterAll(() => f.close());
  const pageRequests = (): number => f.sandbox.requests.filter((r) => r.path.endsWith('/alerts_v2')).length;

  it(`delivers every alert version exactly once over ${RUNS} SIGKILLs at random points`, { timeout: 900_000 }, async () => {
    // One number makes the whole run reproducible: the sandbox's data and changes, the faults and the kill points.
    const random = testRandom();
    let truncations = 0;
    for (let i = 0; i < RUNS; i++) {
      // Some runs meet a failing service, so kills also land in retries and backoff waits.
      const roll = random.next();
      if (roll < 0.15) f.sandbox.addFault({ kind: 'status', status: 503 });
      else if (roll < 0.25) f.sandbox.addFault({ kind: 'malformed' });
      else if (roll < 0.3) f.sandbox.addFault({ kind: 'throttle', retryAfterSeconds: 0 });
      const run = startPull([...args, '--interval', '0.01']);
      await waitForStderr(run, /Access token obtained/, 60_000, ` (seed ${SEED})`);
      // The kill lands after a random number of page requests, at a random moment of the next one's handling:
      // inside a request, between the output append and the checkpoint, or in a backoff wait.
      const pagesBefore = pageRequests();
      const pages = 1 + Math.floor(random.next() * 8);
      while (pageRequests() < pagesBefore + pages && run.child.exitCode === null) await new Promise((r) => setTimeout(r, 2));
      await new Promise((r) => setTimeout(r, Math.floor(random.next() * 60)));
      run.child.kill('SIGKILL');
      expect(await run.exit, `run ${i} (seed ${SEED})`).toBe(null);
      if (/Removing \d+ bytes/.test(run.stderr())) truncations += 1;
    }
    f.sandbox.clearFaults();
    f.sandbox.graph.churnPerRequest = 0;
    const last = await runCli([...args, '--once']);
    expect(last.code, `seed ${SEED}: ${last.stderr}`).toBe(0);

    const delivered = await deliveredVersions(f.output);
    const history = new Set(f.sandbox.graph.history().map((v) => versionText(v.id, v.lastUpdateDateTime)));
    const final = f.sandbox.graph.current().map((a) => versionText(a.id, a.lastUpdateDateTime));
    expect(delivered.length - new Set(delivered).size, `duplicated versions (seed ${SEED})`).toBe(0);
    expect(
      delivered.filter((v) => !history.has(v)),
      `versions the service never had (seed ${SEED})`,
    ).toEqual([]);
    expect(
      final.filter((v) => !delivered.includes(v)),
      `final versions missing (seed ${SEED})`,
    ).toEqual([]);
    const cp = await readGraphCheckpoint(f.checkpoint);
    expect(cp!.delivered, `seed ${SEED}`).toBe(delivered.length);
    expect(cp!.output!.bytes).toBe((await stat(f.output)).size);
    console.info(
      `graph kill/resume: seed ${SEED}, ${RUNS} kills, ${truncations} uncommitted tails cut back, ${delivered.length} versions of ${final.length} alerts`,
    );
  });
});
