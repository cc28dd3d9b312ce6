import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Health } from '../../src/alerts/index.js';
import { createClock } from '../../src/sandbox/index.js';
import { binPath, runCli } from '../support/cli.js';
import { freePort, pullFixture, type PullFixture, pullBaseArgs } from './support.js';

const NOW = Math.floor(Date.now() / 1000) * 1000;
const readHealth = async (path: string): Promise<Health | undefined> => {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Health;
  } catch {
    return undefined;
  }
};

describe('pull --health-file (built CLI)', () => {
  let f: PullFixture;
  let base: string[];
  beforeAll(async () => {
    f = await pullFixture({ generate: 12, seed: 3, clock: createClock({ start: NOW, frozen: true }), generateFrom: NOW - 3600_000, generateSpanMs: 1800_000 });
    base = [...pullBaseArgs(f), '--since', '2000-01-01T00:00:00Z', '--backoff', '0.05'];
  });
  afterAll(() => f.close());

  it('records the last successful poll, the cursor and the counts; the run ends as stopped', async () => {
    const health = join(f.dir, 'health.json');
    const run = await runCli([...base, '--output', f.output, '--once', '--health-file', health]);
    expect(run.code, run.stderr).toBe(0);
    const h = (await readHealth(health))!;
    const checkpoint = JSON.parse(await readFile(f.checkpoint, 'utf8')) as { mark: string };
    expect(h).toMatchObject({ version: 1, status: 'stopped', output: f.output, cursor: checkpoint.mark, lastError: null });
    expect(h.totals).toMatchObject({ polls: 1, alerts: 12 });
    expect(h.lastSuccessfulPoll).toMatchObject({ received: 12, delivered: 12 });
    expect(h.totals.events).toBe(h.lastSuccessfulPoll!.events);
    expect(Date.parse(h.lastSuccessfulPoll!.time)).toBeGreaterThan(Date.now() - 60_000);
    expect(run.stderr).toMatch(
      new RegExp(`Poll 1: 12 alerts received, 12 new → ${h.totals.events} events written to ${f.output.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    expect(run.stderr).toMatch(/Done: 1 polls, 12 alerts, \d+ events written to /);
  });

  it('shows a receiver outage as degraded with the last error and its time, while polling waits', async () => {
    const health = join(f.dir, 'health-outage.json');
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [binPath, ...base, '--output', `tcp://127.0.0.1:${port}`, '--checkpoint', join(f.dir, 'outage.json'), '--interval', '1', '--health-file', health],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const started = Date.now();
    let h: Health | undefined;
    while (!(h = await readHealth(health))?.lastError) {
      if (Date.now() - started > 20_000) throw new Error(`no error in the health file:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(h.status).toBe('degraded');
    expect(h.lastSuccessfulPoll).toBeNull();
    expect(h.lastError.message).toMatch(/Syslog receiver tcp:\/\/127\.0\.0\.1:\d+ unreachable since .*ECONNREFUSED/);
    expect(Date.parse(h.lastError.time)).toBeGreaterThan(Date.now() - 60_000);
    child.kill('SIGTERM');
    expect(await exited).toBe(130);
    expect((await readHealth(health))!.status).toBe('stopped');
    expect(stderr).toMatch(/Interrupted while waiting for tcp:\/\/127\.0\.0\.1:\d+; the \d+ events of this poll were not sent/);
  });
});
