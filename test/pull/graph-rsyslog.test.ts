import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serializeEvents } from '../../src/alerts/index.js';
import { compileParser, loadParserSpec } from '../../src/flex/index.js';
import type { Health } from '../../src/alerts/health.js';
import { runCli } from '../support/cli.js';
import { startPull, waitUntil } from './running-pull.js';
import { GRAPH_TEST_PARSER, graphFixture, type GraphFixture } from './graph-support.js';
import { haveGtls, haveRsyslog, makeCertificates, startRsyslog, type Rsyslog } from './rsyslog.js';
import { tempDir } from '../support/temp.js';

// The production route end to end: Graph alerts_v2 (the sandbox over https) → pull --api graph → a real rsyslogd.
const MINUTE = 60_000;

/** The CEF line of each alert version the sandbox shows now, through the same parser as pull (one alert at a time). */
function expectedLines(f: GraphFixture): string[] {
  const parser = compileParser(loadParserSpec(GRAPH_TEST_PARSER, { file: f.graphParserFile }).spec, { timeZone: 'UTC' });
  return f.sandbox.graph.current().flatMap((alert) =>
    serializeEvents('cef', parser.parse({ value: [alert] }))
      .split('\n')
      .filter(Boolean),
  );
}

const sorted = (lines: string[]): string[] => [...lines].sort();

describe.skipIf(!haveRsyslog)('pull --api graph delivers CEF to a real rsyslog', () => {
  let f: GraphFixture;
  const receivers: Rsyslog[] = [];
  const receiver = async (...args: Parameters<typeof startRsyslog>): Promise<Rsyslog> => {
    const r = await startRsyslog(...args);
    receivers.push(r);
    return r;
  };
  const args = (output: string, extra: string[] = []): string[] => [
    'pull',
    '--api',
    'graph',
    '--config',
    f.clientFile,
    '--parser',
    f.graphParserFile,
    '--events-url',
    `${f.sandbox.graphAlertsUrl}?$top=4`,
    '--client-credentials',
    '--ca-file',
    f.caFile!,
    '--output',
    output,
    '--checkpoint',
    join(f.dir, `cp-${Math.random().toString(36).slice(2)}.json`),
    '--since',
    'PT2H',
    '--backoff',
    '0.05',
    ...extra,
  ];
  beforeAll(async () => {
    // Alerts that do not change: every run sees the same versions.
    const now = Date.now();
    f = await graphFixture({ generate: 14, seed: 31, generateFrom: now - 60 * MINUTE, generateSpanMs: 50 * MINUTE, graph: { updatedShare: 0 } });
  });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });
  afterAll(() => f.close());

  it('TCP: every alert version as one RFC 5424 message, MSG the CEF line; log line per poll, summary, health file', async () => {
    const expected = expectedLines(f);
    const r = await receiver({ protocol: 'tcp' });
    const health = join(f.dir, 'health-tcp.json');
    const run = await runCli([...args(`tcp://127.0.0.1:${r.port}`, ['--health-file', health]), '--once']);
    expect(run.code, run.stderr).toBe(0);
    const got = await r.waitFor(expected.length);
    expect(got.map((m) => m.msg)).toEqual(expected);
    expect(got.every((m) => m.app === 'wdatp-arcsight' && m.version === '1')).toBe(true);
    expect(run.stderr).toMatch(new RegExp(`Poll 1: 14 alert versions read in 4 pages, 14 new → ${expected.length} events; cursor \\d{4}-\\d\\d-\\d\\dT`));
    expect(run.stderr).toMatch(new RegExp(`Done: 1 polls, 14 alert versions, ${expected.length} events written to tcp://127\\.0\\.0\\.1:${r.port}; cursor `));
    const h = JSON.parse(await readFile(health, 'utf8')) as Health;
    expect(h).toMatchObject({
      status: 'stopped',
      output: `tcp://127.0.0.1:${r.port}`,
      lastError: null,
      totals: { polls: 1, alerts: 14, events: expected.length },
    });
    expect(h.lastSuccessfulPoll).not.toBeNull();
  });

  it.skipIf(!haveGtls)("TLS with the server name checked against --ca-file (the sandbox's CA and the receiver's in one file)", async () => {
    const certDir = tempDir('certs');
    const certs = makeCertificates(certDir);
    const bundle = join(certDir, 'both.pem');
    await writeFile(bundle, `${await readFile(f.caFile!, 'utf8')}\n${await readFile(certs.ca, 'utf8')}`);
    const r = await receiver({ protocol: 'tls', tls: { ca: certs.ca, cert: certs.serverCert, key: certs.serverKey, authMode: 'anon' } });
    const run = await runCli([...args(`tls://localhost:${r.port}`).map((a) => (a === f.caFile ? bundle : a)), '--once']);
    expect(run.code, run.stderr).toBe(0);
    expect((await r.waitFor(14)).map((m) => m.msg)).toEqual(expectedLines(f));
  });

  it('receiver down mid-run: polling pauses, nothing lost; SIGTERM then finishes and exits 130 with the health file stopped', { timeout: 90_000 }, async () => {
    const r = await receiver({ protocol: 'tcp' });
    const health = join(f.dir, 'health-outage.json');
    const run = startPull([...args(`tcp://127.0.0.1:${r.port}`, ['--health-file', health]), '--interval', '0.05']);
    const pages = (): number => f.sandbox.requests.filter((q) => q.path.endsWith('/alerts_v2')).length;
    const until = (test: () => boolean | Promise<boolean>, what: string, ms?: number) => waitUntil(run, test, what, ms);
    try {
      await until(async () => (await r.received()).length >= 14, 'the first 14 events');
      await r.stop();
      // New alerts while the receiver is down: pull reads a page of them, holds it and stops polling (memory: one page).
      for (let i = 0; i < 5; i++) f.sandbox.graph.create();
      await until(() => /unreachable since .*\d+ events wait, polling paused; retry in/.test(run.stderr()), 'the outage log line');
      const pagesDuringOutage = pages();
      await new Promise((res) => setTimeout(res, 1500));
      expect(pages()).toBe(pagesDuringOutage);
      const degraded = JSON.parse(await readFile(health, 'utf8')) as Health;
      expect(degraded.status).toBe('degraded');
      expect(degraded.lastError!.message).toMatch(/unreachable/);
      await r.start();
      await until(() => /Syslog receiver tcp:\/\/127\.0\.0\.1:\d+ is back after/.test(run.stderr()), 'the recovery log line');
      const want = expectedLines(f);
      await until(async () => new Set((await r.received()).map((m) => m.msg)).size >= want.length, 'every event', 30_000);
      await until(() => /Poll \d+: /.test(run.stderr().split(/is back after/)[1] ?? ''), 'a poll after the recovery');
      run.child.kill('SIGTERM');
      expect(await run.exit, run.stderr()).toBe(130);
      const got = (await r.received()).map((m) => m.msg);
      expect(sorted([...new Set(got)])).toEqual(sorted(want));
      const resent = [...run.stderr().matchAll(/after (\d+) events were written; they are sent again/g)].reduce((n, m) => n + Number(m[1]), 0);
      expect(got.length - want.length).toBeLessThanOrEqual(resent);
      expect(run.stderr()).toMatch(/Interrupted after \d+ polls; \d+ alert versions delivered in this run; the checkpoint's cursor is at /);
      const h = JSON.parse(await readFile(health, 'utf8')) as Health;
      expect(h.status).toBe('stopped');
      expect(h.totals.alerts).toBe(19);
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
      await run.exit;
    }
  });
});
