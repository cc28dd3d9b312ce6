import type { PropertyEntry } from '../../../properties/index.js';
import { valueText, type PropertiesSource, type ValueText } from '../../properties-source.js';

/** The keys the REST FlexConnector reads from its OAuth 2 client properties file. */
export const REQUIRED_CLIENT_KEYS = ['client_id', 'client_secret', 'auth_url', 'token_url', 'redirect_uri'] as const;
export const OPTIONAL_CLIENT_KEYS = ['scope', 'reauthenticate'] as const;
export const KNOWN_CLIENT_KEYS: readonly string[] = [...REQUIRED_CLIENT_KEYS, ...OPTIONAL_CLIENT_KEYS];

/** Keys whose values must never be shown: the client secret, and tokens someone pasted into the file. */
export function isSensitiveKey(key: string): boolean {
  return /secret|token|password|passwd|pwd|credential|assertion/i.test(key) && !/_url$|url$/i.test(key);
}

export interface ClientValue {
  entry: PropertyEntry;
  /** As Java decodes it. */
  value: string;
  text: ValueText;
}

export interface ClientContext extends PropertiesSource {
  /** Permission bits of the file on disk, when known. */
  mode?: number;
  /** The entry Java keeps for a key (the last one), with its decoded value and positions. */
  get(key: string): ClientValue | undefined;
}

export function clientContext(source: PropertiesSource, mode?: number): ClientContext {
  const cache = new Map<string, ClientValue | undefined>();
  return {
    ...source,
    mode,
    get(key) {
      if (!cache.has(key)) {
        const entry = source.doc.get(key);
        cache.set(key, entry ? { entry, value: entry.value, text: valueText(entry, source.lines) } : undefined);
      }
      return cache.get(key);
    },
  };
}
