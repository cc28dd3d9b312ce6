/** Loopback host names and literals: the only hosts where plain http endpoints are acceptable. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Addresses a listener for `hostname` binds to: localhost means both loopback families (as browsers try both). */
export function loopbackBindAddresses(hostname: string): string[] {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return ['127.0.0.1', '::1'];
  return [h];
}
