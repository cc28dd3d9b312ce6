// IPv6 is compared as an address, not as text: the WHATWG URL parser writes every spelling in one canonical form
// (0:0:0:0:0:0:0:1 and 0::1 become ::1, ::ffff:127.0.0.1 becomes ::ffff:7f00:1), so one pattern suffices. URL
// rather than node:net's BlockList: validate loads this module, and node:net pulls in the stream stack, which
// costs validate's cold start more than all its rules. IPv4 must be a plain dotted quad in 127.0.0.0/8.
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4_LOOPBACK = new RegExp(`^127(?:\\.${OCTET}){3}$`);
const IPV6_LOOPBACK = /^\[(?:::1|::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4})\]$/;

/**
 * Whether a host (a URL's hostname, with or without the brackets of an IPv6 literal) is this machine: localhost
 * and names under .localhost (RFC 6761), 127.0.0.0/8, and ::1 in any spelling. The only hosts where plain http is
 * acceptable and where a redirect listener can run.
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (IPV4_LOOPBACK.test(h)) return true;
  if (!/^[0-9a-f.:]+$/.test(h) || !h.includes(':')) return false;
  try {
    return IPV6_LOOPBACK.test(new URL(`http://[${h}]/`).hostname);
  } catch {
    return false;
  }
}
