/** Addresses a listener for `hostname` binds to: localhost means both loopback families (as browsers try both). */
export function loopbackBindAddresses(hostname: string): string[] {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return ['127.0.0.1', '::1'];
  return [h];
}
