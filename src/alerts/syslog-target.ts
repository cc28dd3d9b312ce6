import { isIP } from 'node:net';
import { UsageError } from '../errors/index.js';

export type SyslogProtocol = 'tcp' | 'tls' | 'udp';

/** A syslog receiver named by `--output tcp://host:port`, `tls://host:port` or `udp://host:port`. */
export interface SyslogTarget {
  protocol: SyslogProtocol;
  /** Host name or IP address; an IPv6 address without its brackets. */
  host: string;
  port: number;
  /** The URL as the user wrote it, for log lines. */
  url: string;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
// A DNS name (labels of letters, digits, hyphens, underscores as some internal zones use).
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;

/**
 * What `--output` names: a syslog receiver when it starts with a URL scheme, otherwise a file path (a Windows
 * path such as C:\x has no `//`). A scheme other than tcp, tls and udp, a missing or bad port, or anything after
 * the port is a usage error naming the flag, so a typo never turns into a file called "tcp:".
 */
export function parseOutputTarget(text: string, flag = '--output'): SyslogTarget | undefined {
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) return undefined;
  const bad = (why: string): UsageError =>
    new UsageError(`${flag} ${text}: ${why}.`, {
      hint: `Write ${flag} tcp://HOST:PORT, tls://HOST:PORT or udp://HOST:PORT (IPv6: tcp://[::1]:514), or a file path.`,
    });
  if (scheme !== 'tcp' && scheme !== 'tls' && scheme !== 'udp') throw bad(`${scheme}:// is not a syslog transport (tcp, tls or udp)`);
  const rest = text.slice(scheme.length + 3);
  if (!rest.startsWith('[') && (rest.split('/')[0]!.match(/:/g)?.length ?? 0) > 1) throw bad('an IPv6 address needs brackets, as in tcp://[::1]:514');
  const match = /^(\[[^\]]*\]|[^:/?#@[\]]*)(?::([^/?#]*))?(.*)$/.exec(rest);
  if (!match) throw bad('the host is not readable');
  const [, rawHost = '', rawPort, tail = ''] = match;
  if (tail !== '' && tail !== '/') throw bad(`nothing may follow the port (found "${tail}")`);
  const bracketed = rawHost.startsWith('[');
  const host = bracketed ? rawHost.slice(1, -1) : rawHost;
  if (!host) throw bad('no host');
  if (bracketed ? isIP(host) !== 6 : isIP(host) === 0 && !HOST_NAME.test(host)) throw bad(`"${rawHost}" is not a host name or IP address`);
  if (rawPort === undefined || rawPort === '')
    throw bad("no port (syslog receivers have no single default; ArcSight's Syslog Daemon connector is often on 514)");
  if (!/^\d{1,5}$/.test(rawPort) || Number(rawPort) < 1 || Number(rawPort) > 65535) throw bad(`the port "${rawPort}" is not a number from 1 to 65535`);
  return { protocol: scheme, host, port: Number(rawPort), url: text };
}
