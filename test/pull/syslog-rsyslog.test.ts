import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openOutput, parseOutputTarget, serializeEvents } from '../../src/alerts/index.js';
import { compileParser, loadParserSpec } from '../../src/flex/index.js';
import { createClock } from '../../src/sandbox/index.js';
import { runCli } from '../support/cli.js';
import { startPull, waitUntil } from './running-pull.js';
import { haveGtls, haveRsyslog, makeCertificates, startRsyslog, type Received, type Rsyslog } from './rsyslog.js';
import { pullFixture, type PullFixture, pullBaseArgs } from './support.js';
import { createTempDir, removeTempDir } from '../support/temp.js';

// Real rsyslogd receivers (Debian packages rsyslog and rsyslog-gnutls; .ci/run installs them).
const NOW = Math.floor(Date.now() / 1000) * 1000;
const MINUTE = 60_000;

/** The CEF lines pull must deliver: every alert of the sandbox through the same parser file, as `parse` makes them. */
async function expectedLines(f: PullFixture): Promise<string[]> {
  const { spec } = loadParserSpec(await readFile(f.parserFile, 'latin1'), { file: f.parserFile });
  const parser = compileParser(spec, { timeZone: 'UTC' });
  return f.sandbox.alerts().flatMap((alert) => serializeEvents('cef', parser.parse(alert)).split('\n').filter(Boolean));
}

/** The sandbox serves plain http here, so --ca-file is free for the receiver's CA. */
function pullArgs(f: PullFixture, output: string, checkpoint = join(f.dir, `cp-${Math.random().toString(36).slice(2)}.json`)): string[] {
  return [...pullBaseArgs(f), '--output', output, '--checkpoint', checkpoint, '--since', '2000-01-01T00:00:00Z', '--backoff', '0.05'];
}

const sorted = (lines: string[]): string[] => [...lines].sort();
/** The MSG part as rsyslog parsed it (its RFC 3164 parser keeps the space after the tag). */
const messages = (got: Received[], format: 'rfc5424' | 'rfc3164' = 'rfc5424'): string[] =>
  got.map((r) => (format === 'rfc3164' ? r.msg.replace(/^ /, '') : r.msg));

describe.skipIf(!haveRsyslog)('pull delivers CEF to a real rsyslog', () => {
  let f: PullFixture;
  let expected: string[];
  const receivers: Rsyslog[] = [];
  const receiver = async (...args: Parameters<typeof startRsyslog>): Promise<Rsyslog> => {
    const r = await startRsyslog(...args);
    receivers.push(r);
    return r;
  };
  beforeAll(async () => {
    // 40 alerts that have all arrived; the clock stands still, so every run sees the same ones.
    f = await pullFixture({
      generate: 40,
      seed: 5,
      clock: createClock({ start: NOW, frozen: true }),
      generateFrom: NOW - 60 * MINUTE,
      generateSpanMs: 50 * MINUTE,
    });
    expected = await expectedLines(f);
  });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });
  afterAll(() => f.close());

  it('TCP with octet counting (the default): one RFC 5424 message per event, MSG byte for byte the CEF line', async () => {
    const r = await receiver({ protocol: 'tcp' });
    const run = await runCli([...pullArgs(f, `tcp://127.0.0.1:${r.port}`), '--once']);
    expect(run.stderr).toMatch(new RegExp(`Poll 1: 40 alerts received, 40 new → ${expected.length} events written to tcp://127\\.0\\.0\\.1:${r.port}`));
    expect(run.code, run.stderr).toBe(0);
    const got = await r.waitFor(expected.length);
    expect(got).toHaveLength(expected.length);
    expect(messages(got)).toEqual(expected);
    for (const m of got) {
      expect(m).toMatchObject({ version: '1', host: hostname(), app: 'wdatp-arcsight', msgid: 'alert' });
      expect(m.procid).toMatch(/^\d+$/);
      // local0 (16); the severity follows the CEF severity.
      expect(Math.floor(Number(m.pri) / 8)).toBe(16);
    }
    const severities = new Set(got.map((m) => Number(m.pri) % 8));
    expect(severities.size).toBeGreaterThan(1);
    expect(run.stderr).toMatch(/Done: 1 polls, 40 alerts, \d+ events written to tcp:/);
  });

  it('octet counting counts UTF-8 bytes: non-ASCII events arrive whole and in order', async () => {
    const r = await receiver({ protocol: 'tcp' });
    const lines = [
      'CEF:0|Microsoft|Defender|2|x|Zugriff verweigert für Benutzer “Jörg”|5|suser=jörg@example.com cs1=€ 100 msg=😀 ok',
      'CEF:0|Microsoft|Defender|2|x|日本語のアラート|8|cs2=a\\=b c=d msg=末尾',
      'CEF:0|Microsoft|Defender|2|x|plain|3|msg=ascii only',
    ];
    const sink = await openOutput(
      {
        syslog: {
          target: parseOutputTarget(`tcp://127.0.0.1:${r.port}`)!,
          format: 'rfc5424',
          framing: 'octet-counting',
          backoff: { baseMs: 50, maxMs: 500 },
          log: () => undefined,
        },
      },
      undefined,
      () => undefined,
    );
    await sink.append(`${lines.join('\n')}\n`);
    await sink.append(`${lines[0]}\n`);
    await sink.close();
    expect(messages(await r.waitFor(4))).toEqual([...lines, lines[0]]);
  });

  it('TCP with LF framing and RFC 3164 headers for older receivers', async () => {
    const r = await receiver({ protocol: 'tcp' });
    const run = await runCli([...pullArgs(f, `tcp://127.0.0.1:${r.port}`), '--once', '--framing', 'lf', '--syslog-format', 'rfc3164']);
    expect(run.code, run.stderr).toBe(0);
    const got = await r.waitFor(expected.length);
    expect(messages(got, 'rfc3164')).toEqual(expected);
    expect(got[0]!.raw).toMatch(/^<1\d\d>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ wdatp-arcsight\[\d+\]: CEF:0\|/);
    expect(got[0]!.app).toBe('wdatp-arcsight');
  });

  it('TCP to an IPv6 address in brackets', async () => {
    const r = await receiver({ protocol: 'tcp', address: '::1' });
    const run = await runCli([...pullArgs(f, `tcp://[::1]:${r.port}`), '--once']);
    expect(run.code, run.stderr).toBe(0);
    expect(messages(await r.waitFor(expected.length))).toEqual(expected);
  });

  it('UDP: one datagram per event, with the at-most-once warning', async () => {
    const r = await receiver({ protocol: 'udp' });
    const run = await runCli([...pullArgs(f, `udp://127.0.0.1:${r.port}`), '--once']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/at most once.*Datagrams are not confirmed/);
    const got = await r.waitFor(expected.length);
    // Loopback does not lose datagrams; order is not promised over UDP.
    expect(sorted(messages(got))).toEqual(sorted(expected));
  });

  it('a receiver stopped and restarted mid-run: polling pauses, nothing is lost, duplicates only from the batch in doubt', { timeout: 90_000 }, async () => {
    const g = await pullFixture({ generate: 60, seed: 9, clock: createClock({ start: NOW, frozen: true }), generateFrom: NOW, generateSpanMs: 30 * MINUTE });
    try {
      const want = await expectedLines(g);
      const r = await receiver({ protocol: 'tcp' });
      const run = startPull([...pullArgs(g, `tcp://127.0.0.1:${r.port}`), '--interval', '0.05']);
      const gets = (): number => g.sandbox.requests.filter((q) => q.path === '/api/alerts').length;
      const until = (test: () => boolean | Promise<boolean>, what: string, ms?: number) => waitUntil(run, test, what, ms);
      try {
        // A third of the alerts arrive, are delivered; the receiver goes away.
        g.sandbox.clock.advance(10 * MINUTE);
        await until(async () => (await r.received()).length > 0, 'the first events');
        await r.stop();
        // More alerts arrive while the receiver is down: pull reads them once, then waits for the receiver.
        g.sandbox.clock.advance(10 * MINUTE);
        await until(() => /unreachable since .*polling paused; retry in/.test(run.stderr()), 'the outage log line');
        const getsDuringOutage = gets();
        await new Promise((res) => setTimeout(res, 1500));
        expect(gets()).toBe(getsDuringOutage); // polling paused: at most one poll's events held in memory
        g.sandbox.clock.advance(10 * MINUTE);
        await r.start();
        await until(() => /Syslog receiver tcp:\/\/127\.0\.0\.1:\d+ is back after \d+\.\d s/.test(run.stderr()), 'the recovery log line');
        await until(async () => new Set(messages(await r.received())).size >= new Set(want).size, 'every event', 30_000);
      } finally {
        run.child.kill('SIGTERM');
        await run.exit;
      }
      const got = messages(await r.received());
      // Nothing lost.
      expect(sorted([...new Set(got)])).toEqual(sorted([...new Set(want)]));
      // Duplicates only for events pull said it sent again.
      const resent = [...run.stderr().matchAll(/after (\d+) events were written; they are sent again/g)].reduce((n, m) => n + Number(m[1]), 0);
      expect(got.length - want.length).toBeLessThanOrEqual(resent);
    } finally {
      await g.close();
    }
  });

  describe.skipIf(!haveGtls)('TLS (rsyslog-gnutls)', () => {
    let certDir: string;
    let certs: ReturnType<typeof makeCertificates>;
    beforeAll(() => {
      certDir = createTempDir('certs');
      certs = makeCertificates(certDir);
    });
    afterAll(() => removeTempDir(certDir));
    const server = (authMode: 'anon' | 'x509/certvalid') => ({ ca: certs.ca, cert: certs.serverCert, key: certs.serverKey, authMode });

    it('delivers over TLS when the server name matches a certificate signed by --ca-file', async () => {
      const r = await receiver({ protocol: 'tls', tls: server('anon') });
      const run = await runCli([...pullArgs(f, `tls://localhost:${r.port}`), '--once', '--ca-file', certs.ca]);
      expect(run.code, run.stderr).toBe(0);
      expect(messages(await r.waitFor(expected.length))).toEqual(expected);
    });

    it('refuses a receiver whose certificate does not name the host (exit 3, nothing sent, checkpoint unchanged)', async () => {
      const r = await receiver({ protocol: 'tls', tls: server('anon') });
      const run = await runCli([...pullArgs(f, `tls://127.0.0.1:${r.port}`), '--once', '--ca-file', certs.ca]);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/Refusing to send events to tls:\/\/127\.0\.0\.1:\d+: .*(IP|altnames|127\.0\.0\.1)/);
      expect(run.stderr).toContain('the checkpoint is unchanged');
      await new Promise((res) => setTimeout(res, 300));
      expect(await r.received()).toEqual([]);
    });

    it('refuses a certificate from a CA it was not told to trust (no --ca-file)', async () => {
      const r = await receiver({ protocol: 'tls', tls: server('anon') });
      const run = await runCli([...pullArgs(f, `tls://localhost:${r.port}`), '--once']);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/Refusing to send events to tls:\/\/localhost:\d+: .*(self-signed|issuer|UNABLE_TO|SELF_SIGNED)/i);
    });

    it('mutual TLS: the receiver requires a client certificate; --cert/--key deliver', async () => {
      const r = await receiver({ protocol: 'tls', tls: server('x509/certvalid') });
      const run = await runCli([
        ...pullArgs(f, `tls://localhost:${r.port}`),
        '--once',
        '--ca-file',
        certs.ca,
        '--cert',
        certs.clientCert,
        '--key',
        certs.clientKey,
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(messages(await r.waitFor(expected.length))).toEqual(expected);
    });

    it("mutual TLS without --cert: the receiver's refusal stops pull before any event counts as sent", async () => {
      const r = await receiver({ protocol: 'tls', tls: server('x509/certvalid') });
      const checkpoint = join(f.dir, 'mtls-refused.json');
      const run = await runCli([...pullArgs(f, `tls://localhost:${r.port}`, checkpoint), '--once', '--ca-file', certs.ca], { timeoutMs: 30_000 });
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toMatch(/Refusing to send events to tls:\/\/localhost:\d+/);
      const cp = JSON.parse(await readFile(checkpoint, 'utf8')) as { delivered: number };
      expect(cp.delivered).toBe(0);
    });
  });
});
