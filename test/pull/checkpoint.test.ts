import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  advancePosition,
  alertKey,
  formatUtcTimestamp,
  makeCheckpoint,
  openFileSink,
  parseUtcTimestamp,
  positionOf,
  readCheckpoint,
  selectFresh,
  writeCheckpoint,
  type PullPosition,
} from '../../src/alerts/index.js';
import { ConfigError } from '../../src/errors/index.js';
import { tempDir } from '../support/temp.js';

const at = (text: string): bigint => parseUtcTimestamp(text)!;
const rec = (id: string, lpt: string | undefined): Record<string, unknown> => ({
  FullId: id,
  AlertId: id.split(':')[0],
  ...(lpt ? { LastProcessedTimeUtc: lpt } : {}),
});

describe('selectFresh and advancePosition', () => {
  const start: PullPosition = { mark: at('2024-05-01T10:00:00Z'), idsAtMark: new Set(['a:1']) };

  it('drops alerts older than the mark and those delivered at it; keeps ties that are new', () => {
    const page = [
      rec('old:1', '2024-05-01T09:59:59.9999999Z'),
      rec('a:1', '2024-05-01T10:00:00Z'),
      rec('a:2', '2024-05-01T10:00:00.0000000Z'),
      rec('b:1', '2024-05-01T10:00:00.0000001Z'),
      rec('b:1', '2024-05-01T10:00:00.0000001Z'),
    ];
    const s = selectFresh(start, page);
    expect(s.fresh.map((f) => f.key)).toEqual(['a:2', 'b:1']);
    expect(s.older).toBe(1);
    expect(s.duplicates).toBe(2);
    const next = advancePosition(start, s.fresh);
    expect(formatUtcTimestamp(next.mark)).toBe('2024-05-01T10:00:00.0000001Z');
    expect([...next.idsAtMark]).toEqual(['b:1']);
  });

  it('keeps adding ids while the mark stays', () => {
    const s = selectFresh(start, [rec('a:2', '2024-05-01T10:00:00Z'), rec('a:3', '2024-05-01T10:00:00Z')]);
    const next = advancePosition(start, s.fresh);
    expect(next.mark).toBe(start.mark);
    expect([...next.idsAtMark].sort()).toEqual(['a:1', 'a:2', 'a:3']);
  });

  it('places alerts without LastProcessedTimeUtc at the mark, so they are delivered once', () => {
    const first = selectFresh(start, [rec('u:1', undefined)]);
    expect(first.undated).toBe(1);
    expect(first.fresh).toHaveLength(1);
    const next = advancePosition(start, first.fresh);
    expect(selectFresh(next, [rec('u:1', undefined)]).fresh).toHaveLength(0);
  });

  it('keys alerts by FullId, else AlertId:IocUniqueId, else a hash of the record', () => {
    expect(alertKey({ FullId: 'x:y', AlertId: 'z' })).toBe('x:y');
    expect(alertKey({ FullId: '', AlertId: 'z', IocUniqueId: 'q' })).toBe('z:q');
    expect(alertKey({ Title: 'a' })).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(alertKey({ Title: 'a' })).not.toBe(alertKey({ Title: 'b' }));
  });

  it('delivers every alert exactly once over any sequence of overlapping polls (property)', () => {
    // Alerts arrive in LastProcessedTimeUtc order (as the service stamps them on arrival); each poll sees the
    // inclusive window [mark, now] at an arbitrary "now", often with many ties at one instant.
    const arb = fc.record({
      offsets: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 60 }),
      cuts: fc.array(fc.integer({ min: 0, max: 25 }), { minLength: 1, maxLength: 30 }),
    });
    fc.assert(
      fc.property(arb, ({ offsets, cuts }) => {
        const base = at('2024-05-01T10:00:00Z');
        const sorted = [...offsets].sort((a, b) => a - b);
        const alerts = sorted.map((o, i) => ({ FullId: `id:${i}`, LastProcessedTimeUtc: formatUtcTimestamp(base + BigInt(o)) }));
        let position: PullPosition = { mark: base, idsAtMark: new Set() };
        const delivered: string[] = [];
        for (const now of [...cuts.sort((a, b) => a - b), 25]) {
          const page = alerts.filter((a) => {
            const t = at(a.LastProcessedTimeUtc);
            return t >= position.mark && t <= base + BigInt(now);
          });
          const s = selectFresh(position, page);
          delivered.push(...s.fresh.map((f) => f.key));
          position = advancePosition(position, s.fresh);
        }
        expect(delivered.sort()).toEqual(alerts.map((a) => a.FullId).sort());
      }),
    );
  });
});

describe('checkpoint file and output file', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('pull-cp');
  });

  it('round-trips a checkpoint and returns undefined when there is none', async () => {
    const path = join(dir, 'cp.json');
    expect(await readCheckpoint(path)).toBeUndefined();
    const cp = makeCheckpoint(
      { mark: at('2024-05-01T10:00:00.5Z'), idsAtMark: new Set(['b', 'a']) },
      { output: { file: join(dir, 'o'), bytes: 12 }, delivered: 3 },
    );
    await writeCheckpoint(path, cp);
    const back = await readCheckpoint(path);
    expect(back).toEqual(cp);
    expect(back!.mark).toBe('2024-05-01T10:00:00.5000000Z');
    expect(positionOf(back!).idsAtMark).toEqual(new Set(['a', 'b']));
  });

  it('refuses a damaged checkpoint with a ConfigError naming the file', async () => {
    const path = join(dir, 'cp.json');
    for (const text of [
      '{',
      '{"version":1,"mark":"yesterday","idsAtMark":[]}',
      '{"version":2}',
      '{"version":1,"mark":"2024-05-01T10:00:00Z","idsAtMark":[1]}',
    ]) {
      await writeFile(path, text);
      const error = await readCheckpoint(path).catch((e: unknown) => e);
      expect(error, text).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).file).toBe(path);
    }
  });

  it('cuts an output file back to the committed length, and refuses one that is shorter', async () => {
    const out = join(dir, 'events.cef');
    const log: string[] = [];
    await writeFile(out, 'committed\nuncommitted tail');
    const sink = await openFileSink(out, { file: out, bytes: 10 }, (l) => log.push(l));
    expect(sink.bytes).toBe(10);
    await sink.append('next\n');
    await sink.close();
    expect(await readFile(out, 'utf8')).toBe('committed\nnext\n');
    expect(log.join('\n')).toMatch(/Removing 16 bytes/);

    await expect(openFileSink(out, { file: out, bytes: 999 }, () => {})).rejects.toThrow(/holds 15 bytes, but the checkpoint recorded 999/);
  });

  it('a checkpoint recorded with another output path (the folder moved): the output used is checked, and the recorded path named', async () => {
    const out = join(dir, 'moved.cef');
    await writeFile(out, 'committed\n');
    const log: string[] = [];
    const moved = openFileSink(out, { file: join(dir, 'old-place', 'moved.cef'), bytes: 999 }, (l) => log.push(l));
    await expect(moved).rejects.toThrow(/holds 10 bytes, but the checkpoint recorded 999 \(for .*old-place\/moved\.cef\)/);
    expect(log.join('\n')).toMatch(
      /The checkpoint recorded the output as .*old-place\/moved\.cef; continuing with .*moved\.cef, checked against the checkpoint/,
    );
    const same = await openFileSink(out, { file: join(dir, 'old-place', 'moved.cef'), bytes: 10 }, () => {});
    expect(same.bytes).toBe(10);
    await same.close();
    // A different --output that does not exist yet is a new output file, started empty.
    const fresh = join(dir, 'new-output.cef');
    const started = await openFileSink(fresh, { file: out, bytes: 10 }, (l) => log.push(l));
    expect(started.bytes).toBe(0);
    await started.close();
    expect(log.at(-1)).toMatch(/starting the new output file/);
  });

  it('the recorded output deleted: exit 2 (ConfigError), and no empty file is left behind', async () => {
    const out = join(dir, 'deleted.cef');
    const error = await openFileSink(out, { file: out, bytes: 42 }, () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/does not exist, but the checkpoint recorded 42 bytes in it/);
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });
});
