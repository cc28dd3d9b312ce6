import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect as tcpConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, rootCertificates } from 'node:tls';
import { InterruptedError, RemoteError } from '../errors/index.js';
import type { OutputSink } from './poll-output.js';
import { sleep } from './poll-retry.js';
import {
  defaultHeaderFields,
  eventLines,
  frameMessages,
  syslogMessage,
  type SyslogFormat,
  type SyslogFraming,
  type SyslogHeaderFields,
} from './syslog-format.js';
import type { SyslogTarget } from './syslog-target.js';

export interface SyslogSinkOptions {
  target: SyslogTarget;
  format: SyslogFormat;
  /** TCP and TLS only. */
  framing: SyslogFraming;
  /** TLS only: extra CA certificates (PEM) trusted besides the system's, and a client certificate for mutual TLS. */
  tls?: { ca?: string[]; cert?: string; key?: string };
  /** Reconnect backoff: first wait, doubling per failed attempt up to the cap. */
  backoff: { baseMs: number; maxMs: number };
  /** A connection attempt that takes longer fails (and is retried). */
  connectTimeoutMs?: number;
  /** A write that makes no progress this long means a dead connection: it is dropped and the batch sent again. */
  stallTimeoutMs?: number;
  signal?: AbortSignal;
  log: (line: string) => void;
  /** Called with each delivery problem (for the health file); the sink keeps retrying. */
  onTrouble?: (message: string) => void;
  /** How soon after a write a lost connection puts that batch in doubt (default IN_DOUBT_MS). */
  inDoubtMs?: number;
  /** Header fields; tests fix them. */
  fields?: SyslogHeaderFields;
}

/** Largest UDP payload over IPv4 (65535 - 8 byte UDP header - 20 byte IP header); IPv6 allows 20 bytes more. */
export const UDP_MAX_PAYLOAD = 65_507;
/** RFC 5426: receivers must take 480 bytes (IPv4) and should take 2048; bigger datagrams may be cut or dropped. */
export const UDP_SAFE_SIZE = 2048;
/**
 * A connection lost this soon after a batch was written puts that batch in doubt: the receiver may have closed
 * before reading it (TCP confirms a write when the local kernel takes it, not when the receiver reads it).
 */
export const IN_DOUBT_MS = 10_000;
/** TLS 1.3 servers reject a client certificate after the client's handshake is done; wait that long for it. */
const TLS_SETTLE_MS = 250;
/**
 * Some servers (rsyslog with GnuTLS) reject a missing or unaccepted client certificate by just closing. Once is a
 * restart; this many times in a row is a refusal that retrying will not change.
 */
const CLOSED_AFTER_HANDSHAKE = 'ETLSCLOSED';
const TLS_REFUSALS = 3;

/** The wait before reconnect attempt `attempt` (0-based): the first wait, doubled per failure, capped. */
const backoffWait = (backoff: SyslogSinkOptions['backoff'], attempt: number): number => Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(attempt, 30));
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const since = (ms: number): string => new Date(ms).toISOString();

/** Certificate problems do not go away by retrying: they stop `pull` before any event is sent to that receiver. */
function certificateProblem(error: unknown): boolean {
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && /^ERR_TLS_CERT|CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|^ERR_SSL_.*(ALERT|CERTIFICATE)/.test(code);
}

function describe(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  return typeof e.code === 'string' && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}

/**
 * TCP or TLS to a syslog receiver. `append` resolves once the whole batch was handed to the operating system
 * (the write callback): the receiver's machine has not necessarily received it, let alone the receiver read it.
 * A receiver that is down or refuses is retried with backoff for as long as it takes, so the poll loop waits and
 * nothing is dropped; a connection lost during a write, or within IN_DOUBT_MS after one, sends that batch again
 * on the next connection (at least once: the receiver may see those events twice).
 */
export function openStreamSyslogSink(o: SyslogSinkOptions): OutputSink {
  const fields = o.fields ?? defaultHeaderFields(o.format);
  const connectTimeoutMs = o.connectTimeoutMs ?? 15_000;
  const stallTimeoutMs = o.stallTimeoutMs ?? 120_000;
  const inDoubtMs = o.inDoubtMs ?? IN_DOUBT_MS;
  let socket: Socket | undefined;
  let bytes = 0;
  let downSince: number | undefined;
  /** The last batch written, while a lost connection could still put it in doubt. */
  let lastBatch: { data: Buffer; events: number; writtenAt: number } | undefined;
  /** A batch written shortly before its connection was lost: sent again ahead of the next one. */
  let inDoubt: { data: Buffer; events: number } | undefined;

  const connect = (): Promise<Socket> =>
    new Promise((resolve, reject) => {
      const { host, port } = o.target;
      const s =
        o.target.protocol === 'tls'
          ? tlsConnect({
              host,
              port,
              // The name checked against the certificate; for an IP address Node checks the certificate's IP entries.
              servername: isIP(host) ? undefined : host,
              ca: o.tls?.ca?.length ? [...rootCertificates, ...o.tls.ca] : undefined,
              cert: o.tls?.cert,
              key: o.tls?.key,
            })
          : tcpConnect({ host, port });
      const timer = setTimeout(
        () => s.destroy(Object.assign(new Error(`no connection within ${seconds(connectTimeoutMs)}`), { code: 'ETIMEDOUT' })),
        connectTimeoutMs,
      );
      const fail = (error: Error): void => {
        clearTimeout(timer);
        s.destroy();
        reject(error);
      };
      s.once('error', fail);
      const ready = (): void => {
        clearTimeout(timer);
        s.off('error', fail);
        s.on('error', () => undefined); // reported through 'close' and the failing write
        s.once('close', () => {
          if (socket === s) socket = undefined;
          const afterMs = lastBatch ? Date.now() - lastBatch.writtenAt : Infinity;
          if (lastBatch && afterMs < inDoubtMs) {
            inDoubt = { data: lastBatch.data, events: lastBatch.events };
            o.log(
              `The connection to ${o.target.url} was lost ${seconds(afterMs)} after ${lastBatch.events} events were written; they are sent again with the next batch (the receiver may not have read them).`,
            );
          }
          lastBatch = undefined;
        });
        // A peer's FIN: the receiver is going away; never write into a half-closed connection.
        s.once('end', () => s.destroy());
        s.setNoDelay(true);
        s.setKeepAlive(true, 30_000);
        resolve(s);
      };
      if (o.target.protocol === 'tls') {
        s.once('secureConnect', () => {
          // Let a rejection of our certificate arrive before anything is written.
          setTimeout(
            () =>
              s.destroyed
                ? fail(Object.assign(new Error('the receiver closed the TLS connection right after the handshake'), { code: CLOSED_AFTER_HANDSHAKE }))
                : ready(),
            TLS_SETTLE_MS,
          );
        });
      } else s.once('connect', ready);
    });

  const write = (s: Socket, data: Buffer): Promise<void> =>
    new Promise((resolve, reject) => {
      let settled = false;
      const finish = (error?: Error | null): void => {
        if (settled) return;
        settled = true;
        s.setTimeout(0);
        s.off('close', onClose);
        s.off('timeout', onStall);
        if (error) reject(error);
        else resolve();
      };
      const onClose = (): void => finish(Object.assign(new Error('the connection closed before the batch was written'), { code: 'ECONNRESET' }));
      const onStall = (): void => {
        s.destroy();
        finish(Object.assign(new Error(`the receiver took nothing for ${seconds(stallTimeoutMs)}`), { code: 'ETIMEDOUT' }));
      };
      s.once('close', onClose);
      s.setTimeout(stallTimeoutMs);
      s.once('timeout', onStall);
      s.write(data, (error) => finish(error));
    });

  const deliver = async (data: Buffer, events: number): Promise<void> => {
    let refusals = 0;
    for (let attempt = 0; ; attempt++) {
      const payload = inDoubt ? Buffer.concat([inDoubt.data, data]) : data;
      const count = events + (inDoubt?.events ?? 0);
      try {
        if (!socket || socket.destroyed) socket = await connect();
        await write(socket, payload);
        inDoubt = undefined;
        // Only this poll's events: a batch already sent again is not repeated a second time, so a receiver that
        // keeps dropping connections cannot make the batches in memory grow.
        lastBatch = { data, events, writtenAt: Date.now() };
        if (downSince !== undefined) o.log(`Syslog receiver ${o.target.url} is back after ${seconds(Date.now() - downSince)}; ${count} events sent.`);
        downSince = undefined;
        return;
      } catch (error) {
        socket?.destroy();
        socket = undefined;
        refusals = (error as { code?: unknown }).code === CLOSED_AFTER_HANDSHAKE ? refusals + 1 : 0;
        if (refusals === TLS_REFUSALS) {
          throw new RemoteError(
            `Refusing to send events to ${o.target.url}: it closed ${TLS_REFUSALS} TLS connections in a row right after the handshake, which is how a receiver turns down a missing or unaccepted client certificate. Nothing was sent; the checkpoint is unchanged.`,
            {
              hint: o.tls?.cert ? 'Check that the receiver trusts the CA that signed --cert.' : 'Pass --cert and --key if the receiver requires mutual TLS.',
              cause: error,
            },
          );
        }
        if (certificateProblem(error)) {
          throw new RemoteError(`Refusing to send events to ${o.target.url}: ${describe(error)}. Nothing was sent; the checkpoint is unchanged.`, {
            hint: "Check the host name in --output against the receiver's certificate, --ca-file for the CA that signed it, and --cert/--key if the receiver asks for a client certificate.",
            cause: error,
          });
        }
        // The batch (and the one in doubt) stays in memory and goes again, whole, on the next connection.
        const now = Date.now();
        downSince ??= now;
        const wait = backoffWait(o.backoff, attempt);
        const message = `Syslog receiver ${o.target.url} unreachable since ${since(downSince)} (${describe(error)}); ${count} events wait, polling paused; retry in ${seconds(wait)}.`;
        o.log(message);
        o.onTrouble?.(message);
        if (!(await sleep(wait, o.signal))) {
          throw new InterruptedError(
            `Interrupted while waiting for ${o.target.url}; the ${events} events of this poll were not sent and not checkpointed: the next run sends them.`,
          );
        }
      }
    }
  };

  return {
    target: o.target.url,
    get bytes() {
      return bytes;
    },
    async append(text) {
      const lines = eventLines(text);
      if (lines.length === 0) return;
      const now = new Date();
      const data = frameMessages(
        lines.map((line) => syslogMessage(line, fields, now)),
        o.framing,
      );
      await deliver(data, lines.length);
      bytes += data.length;
    },
    close: async () => {
      if (inDoubt) {
        // One attempt, no waiting: a service that stops should not hang on a receiver that is gone.
        const pending = inDoubt;
        try {
          if (!socket || socket.destroyed) socket = await connect();
          await write(socket, pending.data);
          inDoubt = undefined;
        } catch (error) {
          o.log(
            `Warning: ${pending.events} events written shortly before the connection to ${o.target.url} was lost could not be sent again (${describe(error)}); the receiver may lack them.`,
          );
        }
      }
      await endSocket();
    },
  };

  function endSocket(): Promise<void> {
    return new Promise<void>((resolve) => {
      const s = socket;
      socket = undefined;
      lastBatch = undefined;
      if (!s || s.destroyed) return resolve();
      // end() sends what is queued and a FIN; a receiver that never answers does not hold up the exit.
      const timer = setTimeout(() => s.destroy(), 2000);
      s.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      s.end();
    });
  }
}

/**
 * UDP: one datagram per event, at most once. Nothing confirms a datagram: a receiver that is down, busy or behind
 * a lossy network loses it silently, and no retry can tell. A send the local system refuses (an ICMP "port
 * unreachable" reported for the previous datagram, no route) is retried with backoff, which cannot duplicate
 * since that datagram never left. An event too big for one datagram is cut to fit, with a warning.
 */
export function openUdpSyslogSink(o: SyslogSinkOptions): OutputSink {
  const fields = o.fields ?? defaultHeaderFields(o.format);
  const family = isIP(o.target.host) === 6 ? 'udp6' : 'udp4';
  let socket: UdpSocket | undefined;
  let bytes = 0;
  let downSince: number | undefined;
  let warnedSize = false;
  o.log(
    `UDP to ${o.target.url}: at most once. Datagrams are not confirmed; events lost by the network or a busy receiver are gone. ` +
      `Receivers may cut or drop datagrams over ${UDP_SAFE_SIZE} bytes; prefer tcp:// or tls://.`,
  );

  const open = (): Promise<UdpSocket> =>
    new Promise((resolve, reject) => {
      const s = createSocket(family);
      s.once('error', reject);
      // A connected socket learns of "port unreachable" and reports it on the next send.
      s.connect(o.target.port, o.target.host, () => {
        s.off('error', reject);
        s.on('error', () => undefined);
        resolve(s);
      });
    });
  const closeUdp = (): void => {
    try {
      socket?.close();
    } catch {
      // already closed after an error
    }
    socket = undefined;
  };
  const send = (s: UdpSocket, data: Buffer): Promise<void> => new Promise((resolve, reject) => s.send(data, (error) => (error ? reject(error) : resolve())));

  const fit = (message: string): Buffer => {
    const data = Buffer.from(message, 'utf8');
    if (data.length > UDP_SAFE_SIZE && !warnedSize) {
      warnedSize = true;
      o.log(
        `Warning: an event of ${data.length} bytes went over UDP; receivers may cut or drop datagrams over ${UDP_SAFE_SIZE} bytes (rsyslog: maxMessageSize; ArcSight: check the connector's limit).`,
      );
    }
    if (data.length <= UDP_MAX_PAYLOAD) return data;
    // Cut at a character boundary and not inside a CEF escape, so the receiver still reads a valid line.
    let end = UDP_MAX_PAYLOAD;
    while (end > 0 && (data[end]! & 0xc0) === 0x80) end -= 1;
    let cut = data.subarray(0, end).toString('utf8');
    const trailing = /\\+$/.exec(cut)?.[0].length ?? 0;
    if (trailing % 2 === 1) cut = cut.slice(0, -1);
    o.log(
      `Warning: an event of ${data.length} bytes is bigger than one UDP datagram (${UDP_MAX_PAYLOAD} bytes); it was cut to ${Buffer.byteLength(cut)} bytes. Use tcp:// or tls:// to keep whole events.`,
    );
    return Buffer.from(cut, 'utf8');
  };

  return {
    target: o.target.url,
    get bytes() {
      return bytes;
    },
    async append(text) {
      const now = new Date();
      for (const line of eventLines(text)) {
        const data = fit(syslogMessage(line, fields, now));
        for (let attempt = 0; ; attempt++) {
          try {
            socket ??= await open();
            await send(socket, data);
            if (downSince !== undefined) o.log(`Syslog receiver ${o.target.url} takes datagrams again after ${seconds(Date.now() - downSince)}.`);
            downSince = undefined;
            break;
          } catch (error) {
            closeUdp();
            downSince ??= Date.now();
            const wait = backoffWait(o.backoff, attempt);
            const message = `Syslog receiver ${o.target.url} refuses datagrams since ${since(downSince)} (${describe(error)}); polling paused; retry in ${seconds(wait)}.`;
            o.log(message);
            o.onTrouble?.(message);
            if (!(await sleep(wait, o.signal)))
              throw new InterruptedError(
                `Interrupted while waiting for ${o.target.url}; the events of this poll were not checkpointed: the next run sends them.`,
              );
          }
        }
        bytes += data.length;
      }
    },
    close: () => Promise.resolve(closeUdp()),
  };
}
