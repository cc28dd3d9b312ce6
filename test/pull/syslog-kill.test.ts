import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeEvents } from '../../src/alerts/index.js';
import { compileParser, loadParserSpec } from '../../src/flex/index.js';
import { createClock } from '../../src/sandbox/index.js';
import { binPath, runCli } from '../support/cli.js';
import { testRandom } from '../support/random.js';
import { TEST_SEED as seed } from '../support/seed.js';
import { haveRsyslog, startRsyslog, type Rsyslog } from './rsyslog.js';
import { pullFixture, type PullFixture, pullBaseArgs } from './support.js';

const NOW = Math.floor(Date.now() / 1000) * 1000;
const MINUTE = 60_000;
const RUNS = 8;

/**
 * At least once over TCP, shown with a real rsyslog: pull is SIGKILLed at random points while alerts arrive and
 * restarted; in the end every event is there, and the only repeats are whole events from a poll that was sent
 * but not checkpointed when the kill came (the same line, so the same externalId and times).
 */
describe.skipIf(!haveRsyslog)('pull to rsyslog over TCP, killed at random points', () => {
  let f: PullFixture;
  let r: Rsyslog;
  beforeAll(async () => {
    f = await pullFixture({
      generate: 80,
      seed: 17,
      clock: createClock({ start: NOW, frozen: true }),
      generateFrom: NOW,
      generateSpanMs: 40 * MINUTE,
      accessTtlMs: 24 * 60 * MINUTE,
    });
    r = await startRsyslog({ protocol: 'tcp' });
  });
  afterAll(async () => {
    await r?.close();
    await f?.close();
  });

  it(`loses nothing over ${RUNS} SIGKILLs; repeats are whole events of an uncheckpointed poll`, { timeout: 180_000 }, async () => {
    const args = [
      ...pullBaseArgs(f),
      '--output',
      `tcp://127.0.0.1:${r.port}`,
      '--checkpoint',
      join(f.dir, 'tcp.checkpoint.json'),
      '--since',
      new Date(NOW - MINUTE).toISOString(),
      '--backoff',
      '0.02',
    ];
    const random = testRandom();
    for (let i = 0; i < RUNS; i++) {
      const child = spawn(process.execPath, [binPath, ...args, '--interval', '0.005'], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise((resolve) => child.on('close', resolve));
      while (!/Access token obtained/.test(stderr)) {
        if (child.exitCode !== null) throw new Error(`pull exited early:\n${stderr}`);
        await new Promise((res) => setTimeout(res, 10));
      }
      const clock = setInterval(() => f.sandbox.clock.advance(20_000), 10);
      await new Promise((res) => setTimeout(res, Math.floor(random.next() * 300)));
      child.kill('SIGKILL');
      await exited;
      clearInterval(clock);
    }
    f.sandbox.clock.set(NOW + 2 * 60 * MINUTE);
    const last = await runCli([...args, '--once']);
    expect(last.code, last.stderr).toBe(0);

    const { spec } = loadParserSpec(await readFile(f.parserFile, 'latin1'), { file: f.parserFile });
    const parser = compileParser(spec, { timeZone: 'UTC' });
    const want = f.sandbox.alerts().flatMap((a) => serializeEvents('cef', parser.parse(a)).split('\n').filter(Boolean));
    const got = (await r.waitFor(want.length)).map((m) => m.msg);
    // Every event arrived, and nothing arrived that is not an event.
    expect([...new Set(got)].sort(), `seed ${seed}`).toEqual([...new Set(want)].sort());
    const repeats = got.length - want.length;
    expect(repeats, `seed ${seed}`).toBeGreaterThanOrEqual(0);
    console.info(`syslog kill/resume: seed ${seed}, ${RUNS} kills, ${repeats} events repeated`);
  });
});
