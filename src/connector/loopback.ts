import { BlockList, isIPv4, isIPv6 } from 'node:net';

// Compared as addresses, not as text, so every spelling of ::1 (0:0:0:0:0:0:0:1, 0::1, ...) matches, and so do
// IPv4-mapped addresses of 127.0.0.0/8 (::ffff:127.0.0.1, which URL writes as ::ffff:7f00:1).
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Whether a host (a URL's hostname, with or without the brackets of an IPv6 literal) is this machine: localhost
 * and names under .localhost (RFC 6761), 127.0.0.0/8, and ::1 in any spelling. The only hosts where plain http is
 * acceptable and where a redirect listener can run.
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIPv4(h)) return LOOPBACK.check(h, 'ipv4');
  if (isIPv6(h)) return LOOPBACK.check(h, 'ipv6');
  return false;
}
