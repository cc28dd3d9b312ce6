import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, runCli } from '../support/cli.js';
import { graphFixture, type GraphFixture } from '../pull/graph-support.js';

describe('wdatp-arcsight pull --api graph', () => {
  let f: GraphFixture;
  let base: string[];
  beforeAll(async () => {
    const now = Date.now();
    f = await graphFixture({ generate: 9, seed: 21, generateFrom: now - 60 * 60_000, generateSpanMs: 50 * 60_000 });
    base = ['pull', '--config', f.clientFile, '--parser', f.graphParserFile, '--ca-file', f.caFile!, '--since', 'PT2H', '--once'];
  });
  afterAll(() => f.close());

  it('polls alerts_v2 with app-only tokens (--client-credentials), CEF on stdout, the Events URL as init prints it', async () => {
    const url = `${f.sandbox.graphAlertsUrl}?$filter=lastUpdateDateTime%20ge%20$START_AT_TIME&$top=4`;
    const r = await runCli([...base, '--events-url', url, '--client-credentials']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(9);
    expect(r.stdout).toMatch(/^CEF:0\|Microsoft\|Microsoft Defender XDR\|/m);
    expect(r.stderr).toMatch(/Access token obtained with client credentials for https:\/\/graph\.microsoft\.com\/\.default/);
    expect(r.stderr).toMatch(/Poll 1: 9 alert versions read in 3 pages, 9 new → 9 events/);
    expect(r.stderr).not.toContain(f.sandbox.clientSecret);
  });

  it('detects Graph from the URL, keeps a Graph checkpoint beside --output and adds nothing on the next run', async () => {
    const out = join(f.dir, 'graph.ndjson');
    const args = [...base, '--events-url', f.sandbox.graphAlertsUrl, '--refresh-token-file', f.refreshFile, '--format', 'ndjson', '--output', out];
    const first = await runCli(args);
    expect(first.code, first.stderr).toBe(0);
    const cp = JSON.parse(await readFile(`${out}.checkpoint.json`, 'utf8')) as { api: string; keysFrom: string; seen: Array<[string, string]> };
    expect(cp.api).toBe('graph');
    // Only the versions inside the re-read window are kept.
    expect(cp.seen.length).toBeGreaterThan(0);
    expect(cp.seen.every(([, stamp]) => stamp >= cp.keysFrom)).toBe(true);
    const second = await runCli(args);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/alert versions read in 1 pages, 0 new/);
    expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(9);
    // The SIEM API loop refuses a Graph checkpoint rather than misreading it, and the other way round.
    const siem = await runCli([...base, '--api', 'siem', '--events-url', f.sandbox.eventsUrl, '--refresh-token-file', f.refreshFile, '--output', out]);
    expect(siem.code).toBe(2);
  });

  it('SIGINT ends a polling run with exit 130 and a consistent checkpoint', async () => {
    const out = join(f.dir, 'sigint.cef');
    const child = spawn(
      process.execPath,
      [binPath, ...base.filter((a) => a !== '--once'), '--events-url', f.sandbox.graphAlertsUrl, '--client-credentials', '--output', out, '--interval', '0.05'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (!/Poll 2:/.test(err) && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGINT');
    expect(await exit, err).toBe(130);
    const cp = JSON.parse(await readFile(`${out}.checkpoint.json`, 'utf8')) as { output: { bytes: number } };
    expect(cp.output.bytes).toBe((await stat(out)).size);
    expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(9);
  });

  it('exits 2 for Graph flags that do not fit', async () => {
    const rt = ['--refresh-token-file', f.refreshFile];
    const cases: Array<[string[], RegExp]> = [
      [['--events-url', f.sandbox.eventsUrl, '--client-credentials'], /--client-credentials is for Graph alerts_v2/],
      [['--events-url', f.sandbox.graphAlertsUrl, ...rt, '--overlap', 'ten minutes'], /--overlap ten minutes is not a positive ISO-8601 duration/],
      [['--events-url', f.sandbox.graphAlertsUrl, ...rt, '--requests-per-minute', '0'], /--requests-per-minute must be a whole number >= 1/],
      [['--events-url', `${f.sandbox.graphAlertsUrl}?$top=5000`, ...rt], /\$top=5000; alerts_v2 takes 1 to 2000/],
      [['--events-url', f.sandbox.graphAlertsUrl, '--client-credentials', ...rt], /client-credentials|refresh-token-file/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli([...base, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });
});
