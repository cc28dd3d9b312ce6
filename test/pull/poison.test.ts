import { afterEach, describe, expect, it } from 'vitest';
import { guardRecord, readCheckpoint, runPull, serializeEvents } from '../../src/alerts/index.js';
import { InterruptedError } from '../../src/errors/index.js';
import { createClock } from '../../src/sandbox/index.js';
import { deliveredIds, fullIds, pullFixture, pullOptions, type PullFixture } from './support.js';

const NOW = Math.floor(Date.now() / 1000) * 1000;
const HOUR = 3600_000;
const DEPTH = 100_000;
const deep = (): unknown => JSON.parse(`${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`);

let f: PullFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

/** 10 good alerts, all arrived, plus the given hostile ones in the same page. */
async function pageWith(hostile: unknown[]): Promise<PullFixture> {
  const fixture = await pullFixture({
    generate: 10,
    seed: 5,
    clock: createClock({ start: NOW, frozen: true }),
    generateFrom: NOW - 2 * HOUR,
    generateSpanMs: HOUR,
  });
  fixture.sandbox.addAlerts(hostile);
  return fixture;
}

describe('a poison alert in a pull page', () => {
  it('nested 10^5 deep in a field or as the alert itself: the good alerts are delivered and the run goes on', async () => {
    const at = new Date(NOW - 90 * 60_000).toISOString();
    f = await pageWith([{ AlertId: 'deep-field', FullId: 'deep-field:1', LastProcessedTimeUtc: at, AlertTitle: deep() }, deep()]);
    const options = await pullOptions(f);
    const summary = await runPull(options);
    expect(summary.delivered).toBe(12);
    const delivered = await deliveredIds(f.output);
    for (const id of fullIds(f.sandbox).filter((x) => typeof x === 'string')) expect(delivered).toContain(id);
    expect(options.logs.join('\n')).toMatch(/Poll 1: 12 alerts received, 12 new → 12 events written to \S+, \d+ parser warnings/);
    // The next run goes on from the checkpoint (the alert without LastProcessedTimeUtc is placed at the mark each
    // time, as any undated alert is; the dated ones are not fetched again).
    const again = await runPull(await pullOptions(f));
    expect(again.delivered).toBe(1);
  });

  it('one that cannot be processed is skipped: logged with its id and reason, listed in the checkpoint, not fetched again', async () => {
    const at = new Date(NOW - 90 * 60_000).toISOString();
    f = await pageWith([{ AlertId: 'poison', FullId: 'poison:1', LastProcessedTimeUtc: at, AlertTitle: 'boom' }]);
    const options = await pullOptions(f, {
      // An encoder failing on one alert stands for anything the engine cannot take.
      serialize: (events, alert) => {
        if ((alert as { FullId?: string }).FullId === 'poison:1') throw new RangeError('Maximum call stack size exceeded');
        return serializeEvents('ndjson', events);
      },
    });
    const summary = await runPull(options);
    expect(summary.delivered).toBe(10);
    const good = fullIds(f.sandbox).filter((id) => id !== 'poison:1');
    expect((await deliveredIds(f.output)).sort()).toEqual(good.sort());
    expect(options.logs.join('\n')).toContain('Skipped alert poison:1: the record is nested too deeply to process.');
    expect(options.logs.join('\n')).toMatch(/Poll 1: 11 alerts received, 10 new → 10 events written to \S+, 1 skipped/);
    const cp = await readCheckpoint(f.checkpoint);
    expect(cp!.skipped).toEqual([{ id: 'poison:1', reason: 'the record is nested too deeply to process', lastProcessedTimeUtc: expect.stringMatching(/Z$/) }]);
    expect(cp!.delivered).toBe(10);
    // Moved past: a restart does not fetch it again (and does not crash on it again).
    const again = await pullOptions(f);
    expect((await runPull(again)).delivered).toBe(0);
    expect(again.logs.join('\n')).not.toContain('Skipped alert');
    expect((await readCheckpoint(f.checkpoint))!.skipped).toHaveLength(1);
  });
});

describe('guardRecord', () => {
  it('turns a failure into the reason; an interruption passes', () => {
    expect(guardRecord(() => 1)).toEqual({ ok: true, value: 1 });
    expect(guardRecord(() => 'x'.repeat(2 ** 29 + 1))).toEqual({ ok: false, reason: 'the record is too large to process' });
    expect(
      guardRecord(() => {
        throw new Error('bad');
      }),
    ).toEqual({ ok: false, reason: 'the record cannot be processed: bad' });
    expect(() =>
      guardRecord(() => {
        throw new InterruptedError('stop');
      }),
    ).toThrow(InterruptedError);
  });
});
