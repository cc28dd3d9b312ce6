/** A GUID as Azure shows tenant ids, client ids and secret ids: 8-4-4-4-12 hex digits, any case, no braces. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(text: string): boolean {
  return GUID.test(text);
}
