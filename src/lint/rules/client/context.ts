import type { PropertyEntry } from '../../../properties/index.js';
import { valueText, type PropertiesSource, type ValueText } from '../../properties-source.js';
import { endpointVersion, parseUrl, type EndpointVersion } from '../../urls.js';

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

/**
 * Which sign-in the file is written for, from the paths of auth_url and token_url: `v1` (Azure AD v1 with
 * resource=, the SIEM API), `v2` (identity platform v2 with scope=, Microsoft Graph), `mixed` (one of each, which
 * WDA131 reports), or undefined when neither URL names a known endpoint. Rules for one kind stay silent on the other,
 * and the scope rules of both on a mixed file.
 */
export function loginVersion(ctx: ClientContext): EndpointVersion | 'mixed' | undefined {
  const versions = new Set<EndpointVersion>();
  for (const key of ['auth_url', 'token_url']) {
    const url = parseUrl(ctx.get(key)?.value.trim() ?? '');
    // An auth_url with a broken path still says v1 when it names a resource (only v1 takes one).
    const version = url && (endpointVersion(url) ?? (key === 'auth_url' && url.searchParams.has('resource') ? 'v1' : undefined));
    if (version) versions.add(version);
  }
  if (versions.size === 2) return 'mixed';
  return [...versions][0];
}
