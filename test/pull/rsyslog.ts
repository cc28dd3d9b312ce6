import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { createTempDir, removeTempDir } from '../support/temp.js';

/**
 * A free port below the kernel's ephemeral range: a port from listen(0) is in that range, and while the tests
 * open many outgoing connections one of them can take it as its source port before rsyslogd binds it (rsyslogd
 * then runs without listening). Ports below the range are only ever taken on purpose.
 */
async function listenerPort(address: string): Promise<number> {
  const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0] ?? 32768);
  for (;;) {
    const port = 10_000 + Math.floor(Math.random() * Math.max(1000, low - 10_000));
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, address, () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

export const RSYSLOGD = '/usr/sbin/rsyslogd';
// In CI the rsyslog legs must run (like the Chromium one); on a workstation without rsyslog, they skip loudly.
export const haveRsyslog = existsSync(RSYSLOGD) || Boolean(process.env.CI);
/** rsyslog-gnutls: the GnuTLS stream driver, in the multiarch library folder (or the plain one). */
export const haveGtls =
  [
    '/usr/lib',
    ...readdirSync('/usr/lib')
      .filter((d) => d.endsWith('-linux-gnu'))
      .map((d) => `/usr/lib/${d}`),
  ].some((d) => existsSync(`${d}/rsyslog/lmnsd_gtls.so`)) || Boolean(process.env.CI);
if (!haveRsyslog) console.warn(`rsyslog tests: skipped, ${RSYSLOGD} is missing (apt-get install rsyslog rsyslog-gnutls); CI always runs them.`);
else if (!haveGtls) console.warn('rsyslog TLS tests: skipped, rsyslog-gnutls is missing (apt-get install rsyslog-gnutls); CI always runs them.');

/** What rsyslog parsed out of one message (its own parser is the oracle for our header and framing). */
export interface Received {
  pri: string;
  version: string;
  host: string;
  app: string;
  procid: string;
  msgid: string;
  msg: string;
  raw: string;
}

export interface RsyslogOptions {
  protocol: 'tcp' | 'tls' | 'udp';
  /** Listen address (default 127.0.0.1). */
  address?: string;
  /** TLS: server certificate, key, the CA it trusts for clients, and how it checks them. */
  tls?: { ca: string; cert: string; key: string; authMode: 'anon' | 'x509/certvalid' };
}

export interface Rsyslog {
  port: number;
  dir: string;
  /** Each message rsyslog wrote, parsed. */
  received(): Promise<Received[]>;
  /** Waits until at least `count` messages were written. */
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  stop(): Promise<void>;
  /** Starts again on the same port, appending to the same output. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real rsyslogd in the foreground (-n) with its own config, pid file and work directory in a temporary folder,
 * listening on a free loopback port, writing every message it receives as one JSON line of its parsed fields.
 */
export async function startRsyslog(o: RsyslogOptions): Promise<Rsyslog> {
  const dir = createTempDir('rsyslog');
  const address = o.address ?? '127.0.0.1';
  const port = await listenerPort(address);
  const out = join(dir, 'received.jsonl');
  const conf = join(dir, 'rsyslog.conf');
  const pidFile = join(dir, 'rsyslogd.pid');
  const tls = o.tls
    ? `global(DefaultNetstreamDriver="gtls" DefaultNetstreamDriverCAFile="${o.tls.ca}" DefaultNetstreamDriverCertFile="${o.tls.cert}" DefaultNetstreamDriverKeyFile="${o.tls.key}")\n`
    : '';
  const input =
    o.protocol === 'udp'
      ? `module(load="imudp")\ninput(type="imudp" port="${port}" address="${address}")\n`
      : `module(load="imtcp"${o.tls ? ` StreamDriver.Name="gtls" StreamDriver.Mode="1" StreamDriver.AuthMode="${o.tls.authMode}"` : ''})\ninput(type="imtcp" port="${port}" address="${address}")\n`;
  await writeFile(
    conf,
    `global(workDirectory="${dir}" maxMessageSize="128k" parser.escapeControlCharactersOnReceive="off")\n${tls}${input}` +
      `template(name="fields" type="list" option.jsonf="on") {
  property(outname="pri" name="pri" format="jsonf")
  property(outname="version" name="protocol-version" format="jsonf")
  property(outname="host" name="hostname" format="jsonf")
  property(outname="app" name="app-name" format="jsonf")
  property(outname="procid" name="procid" format="jsonf")
  property(outname="msgid" name="msgid" format="jsonf")
  property(outname="msg" name="msg" format="jsonf")
  property(outname="raw" name="rawmsg" format="jsonf")
}
action(type="omfile" file="${out}" template="fields")
`,
  );
  execFileSync(RSYSLOGD, ['-N1', '-f', conf], { stdio: 'pipe' });

  let child: ChildProcess | undefined;
  let log = '';
  const listening = async (): Promise<boolean> => {
    if (o.protocol === 'udp') return existsSync(pidFile);
    return new Promise((resolve) => {
      const s = connect({ host: address, port }, () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
  };
  const start = async (): Promise<void> => {
    // A guard shell holds rsyslogd: when its stdin closes (stop(), or this test process dying however it dies)
    // it stops rsyslogd and waits for it, so no receiver outlives the tests.
    const proc = spawn('sh', ['-c', '"$0" -n -f "$1" -i "$2" & pid=$!; read -r _; kill -TERM "$pid" 2>/dev/null; wait "$pid"', RSYSLOGD, conf, pidFile], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child = proc;
    proc.stdout.on('data', (d: Buffer) => (log += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const started = Date.now();
    while (!(await listening())) {
      if (proc.exitCode !== null) throw new Error(`rsyslogd exited ${proc.exitCode}:\n${log}`);
      // rsyslogd reports its own errors (a port it could not bind) through its actions: show that file too.
      if (Date.now() - started > 20_000) throw new Error(`rsyslogd did not listen on ${port}:\n${log}${await readFile(out, 'utf8').catch(() => '')}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    // imudp has no connection to probe: give the input a moment after the pid file appears.
    if (o.protocol === 'udp') await new Promise((r) => setTimeout(r, 200));
  };
  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.stdin!.end();
    await exited;
    await rm(pidFile, { force: true });
  };
  const received = async (): Promise<Received[]> => {
    const text = await readFile(out, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Received);
  };
  await start();
  return {
    port,
    dir,
    received,
    async waitFor(count, timeoutMs = 20_000) {
      const started = Date.now();
      for (;;) {
        const got = await received();
        if (got.length >= count) return got;
        if (Date.now() - started > timeoutMs) throw new Error(`rsyslog wrote ${got.length} of ${count} messages:\n${log}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop,
    start,
    async close() {
      await stop();
      await removeTempDir(dir);
    },
  };
}

/** A CA, a server certificate for `localhost` and a client certificate, made with openssl in `dir`. */
export function makeCertificates(dir: string): { ca: string; serverCert: string; serverKey: string; clientCert: string; clientKey: string } {
  const file = (name: string): string => join(dir, name);
  const openssl = (...args: string[]): void => void execFileSync('openssl', args, { stdio: 'pipe' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=wdatp-arcsight test CA',
  );
  for (const [name, subject, ext] of [
    ['server', '/CN=localhost', 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth'],
    ['client', '/CN=wdatp-arcsight-pull', 'extendedKeyUsage=clientAuth'],
  ] as const) {
    openssl(
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      file(`${name}.key`),
      '-out',
      file(`${name}.csr`),
      '-subj',
      subject,
    );
    execFileSync('sh', ['-c', `printf '%s\\n' "$EXT" > "$OUT"`], { env: { ...process.env, EXT: ext, OUT: file(`${name}.ext`) } });
    openssl(
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-out',
      file(`${name}.pem`),
      '-days',
      '2',
      '-extfile',
      file(`${name}.ext`),
    );
  }
  return { ca: file('ca.pem'), serverCert: file('server.pem'), serverKey: file('server.key'), clientCert: file('client.pem'), clientKey: file('client.key') };
}
