import { createSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  frameMessages,
  openOutput,
  parseOutputTarget,
  syslogMessage,
  syslogSeverity,
  UDP_MAX_PAYLOAD,
  type SyslogHeaderFields,
  type SyslogSinkOptions,
} from '../../src/alerts/index.js';
import { UsageError } from '../../src/errors/index.js';
import { runCli } from '../support/cli.js';
import { freePort } from './support.js';

const FIELDS: SyslogHeaderFields = { format: 'rfc5424', hostname: 'bridge01', pid: 4242, facility: 16 };
const cef = (severity: string, ext = 'externalId=1'): string => `CEF:0|Microsoft|Defender|2|id|Name with \\| pipe|${severity}|${ext}`;

describe('--output: a file or a syslog URL', () => {
  it.each([
    ['tcp://127.0.0.1:514', { protocol: 'tcp', host: '127.0.0.1', port: 514 }],
    ['tls://arcsight-syslog.example.com:6514', { protocol: 'tls', host: 'arcsight-syslog.example.com', port: 6514 }],
    ['udp://[::1]:514', { protocol: 'udp', host: '::1', port: 514 }],
    ['TCP://Collector_1.corp:1514/', { protocol: 'tcp', host: 'Collector_1.corp', port: 1514 }],
  ])('%s is a receiver', (text, want) => {
    expect(parseOutputTarget(text)).toMatchObject({ ...want, url: text });
  });

  it.each(['events.cef', '/var/lib/wdatp/events.cef', 'C:\\wdatp\\events.cef', './tcp:514', 'tcp:514'])('%s is a file', (text) => {
    expect(parseOutputTarget(text)).toBeUndefined();
  });

  it.each([
    ['tcp://host', /no port/],
    ['tcp://host:', /no port/],
    ['tcp://host:0', /port "0" is not a number from 1 to 65535/],
    ['tls://host:65536', /port "65536"/],
    ['udp://host:syslog', /port "syslog"/],
    ['http://host:80', /http:\/\/ is not a syslog transport/],
    ['tcp://::1:514', /IPv6 address needs brackets/],
    ['tcp://[example.com]:514', /not a host name or IP address/],
    ['tcp://bad host:514', /not a host name/],
    ['tcp://host:514/path', /nothing may follow the port/],
    ['tcp://:514', /no host/],
  ])('%s is a usage error naming the flag', (text, why) => {
    const error = (() => {
      try {
        parseOutputTarget(text);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^--output /);
    expect((error as Error).message).toMatch(why);
  });
});

describe('syslog messages', () => {
  it('maps the CEF severity to the syslog severity (an escaped pipe in the header does not shift it)', () => {
    expect([cef('10'), cef('9'), cef('8'), cef('7'), cef('6'), cef('4'), cef('3'), cef('0')].map(syslogSeverity)).toEqual([2, 2, 3, 3, 4, 4, 5, 5]);
    expect([cef('Very-High'), cef('High'), cef('Medium'), cef('Low'), cef('Unknown'), cef('11')].map(syslogSeverity)).toEqual([2, 3, 4, 5, 6, 6]);
    expect(syslogSeverity('{"name":"not CEF"}')).toBe(6);
  });

  it('RFC 5424: PRI from local0, UTC timestamp, host, app, pid, msgid, no structured data, the line as MSG', () => {
    expect(syslogMessage(cef('8'), FIELDS, new Date('2026-03-04T05:06:07.089Z'))).toBe(
      `<131>1 2026-03-04T05:06:07.089Z bridge01 wdatp-arcsight 4242 alert - ${cef('8')}`,
    );
  });

  it('RFC 3164: PRI, local time without year, host, tag[pid]:', () => {
    const at = new Date(2026, 2, 4, 5, 6, 7);
    expect(syslogMessage(cef('Low'), { ...FIELDS, format: 'rfc3164' }, at)).toBe(`<133>Mar  4 05:06:07 bridge01 wdatp-arcsight[4242]: ${cef('Low')}`);
  });

  it('octet counting counts UTF-8 bytes; LF framing ends each message with a newline', () => {
    const messages = ['<134>1 - - a - - - cs1=é€😀', 'second'];
    const counted = frameMessages(messages, 'octet-counting').toString('utf8');
    expect(counted).toBe(`${Buffer.byteLength(messages[0]!)} ${messages[0]}6 second`);
    expect(Buffer.byteLength(messages[0]!)).toBe(messages[0]!.length + 1 + 2 + 2);
    expect(frameMessages(messages, 'lf').toString('utf8')).toBe(`${messages[0]}\nsecond\n`);
  });
});

describe('syslog sinks over real loopback sockets', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  const options = (over: Partial<SyslogSinkOptions> & Pick<SyslogSinkOptions, 'target'>, logs: string[]): SyslogSinkOptions => ({
    format: 'rfc5424',
    framing: 'lf',
    backoff: { baseMs: 20, maxMs: 100 },
    fields: FIELDS,
    log: (line) => logs.push(line),
    ...over,
  });

  it('TCP: a receiver that is down is retried until it comes up; nothing is dropped and the wait is logged', async () => {
    const port = await freePort();
    const logs: string[] = [];
    const sink = await openOutput({ syslog: options({ target: parseOutputTarget(`tcp://127.0.0.1:${port}`)! }, logs) }, undefined, () => undefined);
    const got: Buffer[] = [];
    const delivered = sink.append(`${cef('5', 'n=1')}\n${cef('5', 'n=2')}\n`);
    await new Promise((r) => setTimeout(r, 200));
    expect(logs.some((l) => /unreachable since .*ECONNREFUSED.*2 events wait, polling paused; retry in 0\.\d s/.test(l))).toBe(true);
    const server = createServer((s) => s.on('data', (d: Buffer) => got.push(d)));
    servers.push(server);
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    await delivered;
    await sink.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(
      Buffer.concat(got)
        .toString()
        .split('\n')
        .filter(Boolean)
        .map((l) => l.replace(/^.* alert - /, '')),
    ).toEqual([cef('5', 'n=1'), cef('5', 'n=2')]);
    expect(logs.some((l) => /is back after \d+\.\d s; 2 events sent/.test(l))).toBe(true);
  });

  /** A TCP receiver that records what each connection received and drops the first one as soon as something
   *  arrived: the receiver may have lost it. */
  const receiverDroppingFirstConnection = async (): Promise<{ port: number; connections: string[] }> => {
    const port = await freePort();
    const connections: string[] = [];
    const server = createServer((s: Socket) => {
      const index = connections.push('') - 1;
      s.on('data', (d: Buffer) => {
        connections[index] += d.toString();
        if (index === 0) s.destroy();
      });
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    return { port, connections };
  };

  it('TCP: a batch written just before the receiver closed the connection is sent again, whole, on the next connection', async () => {
    const { port, connections } = await receiverDroppingFirstConnection();
    const logs: string[] = [];
    const sink = await openOutput(
      { syslog: options({ target: parseOutputTarget(`tcp://127.0.0.1:${port}`)!, framing: 'octet-counting' }, logs) },
      undefined,
      () => undefined,
    );
    await sink.append(`${cef('1', 'n=1')}\n`);
    await new Promise((r) => setTimeout(r, 100));
    expect(logs.some((l) => /lost \d+\.\d s after 1 events were written; they are sent again/.test(l))).toBe(true);
    await sink.append(`${cef('1', 'n=2')}\n`);
    await sink.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(connections).toHaveLength(2);
    expect(connections[1]).toMatch(/^\d+ <133>1 \S+ bridge01 wdatp-arcsight 4242 alert - CEF.*n=1\d+ <133>1 .*n=2$/);
  });

  it('TCP: a batch in doubt with no batch after it is sent again when pull stops', async () => {
    const { port, connections } = await receiverDroppingFirstConnection();
    const logs: string[] = [];
    const sink = await openOutput({ syslog: options({ target: parseOutputTarget(`tcp://127.0.0.1:${port}`)! }, logs) }, undefined, () => undefined);
    await sink.append(`${cef('1', 'n=1')}\n`);
    await new Promise((r) => setTimeout(r, 100));
    await sink.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(connections).toHaveLength(2);
    expect(connections[1]).toMatch(/alert - CEF.*n=1\n$/);
  });

  it('TCP: a connection closed long after the last batch (idle) does not repeat it', async () => {
    const port = await freePort();
    const connections: string[] = [];
    const sockets: Socket[] = [];
    const server = createServer((s: Socket) => {
      const index = connections.push('') - 1;
      sockets.push(s);
      s.on('data', (d: Buffer) => (connections[index] += d.toString()));
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    const logs: string[] = [];
    const sink = await openOutput(
      { syslog: options({ target: parseOutputTarget(`tcp://127.0.0.1:${port}`)!, inDoubtMs: 50 }, logs) },
      undefined,
      () => undefined,
    );
    await sink.append(`${cef('1', 'n=1')}\n`);
    await new Promise((r) => setTimeout(r, 150));
    sockets[0]!.end();
    await new Promise((r) => setTimeout(r, 50));
    await sink.append(`${cef('1', 'n=2')}\n`);
    await sink.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(connections).toHaveLength(2);
    expect(connections[0]).toContain('n=1');
    expect(connections[1]).toContain('n=2');
    expect(connections[1]).not.toContain('n=1');
    expect(logs.join('\n')).not.toContain('sent again');
  });

  it('UDP: one datagram per event; an event bigger than a datagram is cut at a character boundary, with a warning', async () => {
    const server = createSocket('udp4');
    const datagrams: Buffer[] = [];
    server.on('message', (m) => datagrams.push(m));
    await new Promise<void>((r) => server.bind(0, '127.0.0.1', r));
    const port = server.address().port;
    const logs: string[] = [];
    try {
      const sink = await openOutput({ syslog: options({ target: parseOutputTarget(`udp://127.0.0.1:${port}`)! }, logs) }, undefined, () => undefined);
      const huge = cef('7', `msg=${'é'.repeat(40_000)}`);
      await sink.append(`${cef('3', 'n=1')}\n${huge}\n${cef('3', 'n=3')}\n`);
      await sink.close();
      await new Promise((r) => setTimeout(r, 100));
      expect(datagrams).toHaveLength(3);
      expect(datagrams[0]!.toString()).toBe(syslogMessage(cef('3', 'n=1'), FIELDS, new Date(datagrams[0]!.toString().split(' ')[1]!)));
      expect(datagrams[1]!.length).toBeLessThanOrEqual(UDP_MAX_PAYLOAD);
      expect(datagrams[1]!.length).toBeGreaterThan(UDP_MAX_PAYLOAD - 4);
      expect(datagrams[1]!.toString('utf8')).not.toContain('\ufffd');
      expect(logs.join('\n')).toMatch(/at most once/);
      expect(logs.join('\n')).toMatch(/bigger than one UDP datagram \(65507 bytes\); it was cut to \d+ bytes/);
    } finally {
      server.close();
    }
  });
});

describe('pull --output flags (built CLI)', () => {
  const base = ['pull', '--config', 'c.properties', '--parser', 'p.properties', '--events-url', 'https://h/api/alerts', '--refresh-token-env', 'RT'];
  it.each([
    [['--output', 'tcp://collector'], /--output tcp:\/\/collector: no port/],
    [['--output', 'smtp://collector:25'], /smtp:\/\/ is not a syslog transport/],
    [['--output', 'udp://collector:514', '--framing', 'lf'], /--framing applies to tcp:\/\/ and tls:\/\//],
    [['--output', 'tcp://collector:514', '--cert', 'c.pem', '--key', 'k.pem'], /--cert needs a tls:\/\/ --output/],
    [['--output', 'tls://collector:6514', '--cert', 'c.pem'], /--key is missing/],
    [['--output', 'tcp://collector:514', '--format', 'table'], /--format table is for reading/],
    [['--output', 'events.cef', '--syslog-format', 'rfc3164'], /--syslog-format applies only to a syslog --output/],
    [['--output', 'tls://collector:6514', '--cert', 'missing.pem', '--key', 'missing.key'], /Cannot read --cert missing\.pem: ENOENT/],
  ])('%j → exit 2', async (extra, message) => {
    const run = await runCli([...base, ...extra]);
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
  });
});
