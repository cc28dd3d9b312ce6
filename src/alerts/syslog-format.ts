import { hostname } from 'node:os';

export type SyslogFormat = 'rfc5424' | 'rfc3164';
export type SyslogFraming = 'octet-counting' | 'lf';

/** local0: the facility sites reserve for their own applications, so a receiver can route these messages apart. */
export const SYSLOG_FACILITY = 16;
export const APP_NAME = 'wdatp-arcsight';
export const MSG_ID = 'alert';

/** What every message of one run shares. */
export interface SyslogHeaderFields {
  format: SyslogFormat;
  /** Printable ASCII only; '-' when unknown. */
  hostname: string;
  pid: number;
  facility: number;
}

export function defaultHeaderFields(format: SyslogFormat): SyslogHeaderFields {
  return { format, hostname: headerToken(hostname(), 255), pid: process.pid, facility: SYSLOG_FACILITY };
}

/** RFC 5424 header fields are PRINTUSASCII (33-126) of bounded length, or the nil value '-'. */
function headerToken(text: string, max: number): string {
  const clean = text.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return clean || '-';
}

/**
 * The syslog severity of a CEF line, from its Severity header field (the 7th, after six unescaped pipes):
 * Very-High (9-10) critical, High (7-8) error, Medium (4-6) warning, Low (0-3) notice; anything else (not CEF, an
 * unknown value) informational. So a receiver or a syslog filter can pick out the serious alerts without parsing
 * CEF.
 */
export function syslogSeverity(line: string): number {
  if (!line.startsWith('CEF:')) return 6;
  let pipes = 0;
  let start = -1;
  for (let i = 4; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') i += 1;
    else if (c === '|') {
      pipes += 1;
      if (pipes === 6) start = i + 1;
      else if (pipes === 7) return severityOf(line.slice(start, i).trim());
    }
  }
  return 6;
}

function severityOf(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : undefined;
  const word = value.toLowerCase();
  if (word === 'very-high' || (n !== undefined && n >= 9 && n <= 10)) return 2;
  if (word === 'high' || (n !== undefined && n >= 7 && n <= 8)) return 3;
  if (word === 'medium' || (n !== undefined && n >= 4 && n <= 6)) return 4;
  if (word === 'low' || (n !== undefined && n <= 3)) return 5;
  return 6;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * One syslog message (without framing) carrying `line` as MSG.
 *  - RFC 5424: `<PRI>1 TIMESTAMP HOSTNAME wdatp-arcsight PROCID alert - MSG`: UTC time with milliseconds, no
 *    structured data, and no BOM before MSG (RFC 5424 allows MSG without one; a BOM would sit in front of `CEF:`).
 *  - RFC 3164: `<PRI>Mmm dd hh:mm:ss HOSTNAME wdatp-arcsight[PROCID]: MSG`, local time without year or zone, as
 *    that format has no field for them.
 * The timestamp is when the message is sent; the alert's own times travel inside the CEF line (rt, deviceCustomDate1).
 */
export function syslogMessage(line: string, fields: SyslogHeaderFields, now: Date): string {
  const pri = `<${fields.facility * 8 + syslogSeverity(line)}>`;
  if (fields.format === 'rfc5424') return `${pri}1 ${now.toISOString()} ${fields.hostname} ${APP_NAME} ${fields.pid} ${MSG_ID} - ${line}`;
  const two = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${MONTHS[now.getMonth()]} ${String(now.getDate()).padStart(2, ' ')} ${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}`;
  return `${pri}${stamp} ${fields.hostname} ${APP_NAME}[${fields.pid}]: ${line}`;
}

/** The lines of a batch of `pull` text (one event per line; the last line ends in \n). */
export function eventLines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/**
 * A stream of messages framed for TCP or TLS (RFC 6587): octet counting prefixes each message with its length in
 * UTF-8 bytes and a space, so a message may hold any character; LF framing ends each with a newline, which is safe
 * here because an event line never contains one (CEF escapes it as \n).
 */
export function frameMessages(messages: readonly string[], framing: SyslogFraming): Buffer {
  const parts: Buffer[] = [];
  for (const message of messages) {
    const bytes = Buffer.from(message, 'utf8');
    parts.push(framing === 'octet-counting' ? Buffer.concat([Buffer.from(`${bytes.length} `, 'ascii'), bytes]) : Buffer.concat([bytes, Buffer.from('\n')]));
  }
  return Buffer.concat(parts);
}
