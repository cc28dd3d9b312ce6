import type { PropertiesDocument, PropertyEntry } from '../properties/index.js';
import { isGuid, isLoopbackHost } from '../connector/index.js';
import { ConfigError } from '../errors/index.js';
import { hasOfflineAccess } from './scope.js';
import type { ClientConfig } from './types.js';

/** Something worth telling the user that does not stop the run (loopback endpoints, a secret that looks like an id). */
export interface ConfigNotice {
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

const V2_PATH = /^\/[^/]+\/oauth2\/v2\.0\//i;
const ENDPOINT_PATHS = {
  v1: { authorize: /^\/([^/]+)\/oauth2\/authorize\/?$/i, token: /^\/([^/]+)\/oauth2\/token\/?$/i },
  v2: { authorize: /^\/([^/]+)\/oauth2\/v2\.0\/authorize\/?$/i, token: /^\/([^/]+)\/oauth2\/v2\.0\/token\/?$/i },
};

/** Reads the client properties file; ConfigError (exit 2) naming file:line:column when something essential is wrong. */
export async function readClientConfig(path: string): Promise<ClientConfig> {
  return (await loadClientConfig(path)).config;
}

/** Like readClientConfig, plus the notices the command shows on stderr. */
export async function loadClientConfig(path: string): Promise<{ config: ClientConfig; notices: ConfigNotice[] }> {
  // Loaded on use: the rest of the OAuth client (and the sandbox's scripted browser) does not need it.
  const { readPropertiesFile } = await import('../properties/index.js');
  const { doc } = await readPropertiesFile(path);
  return clientConfigFromDocument(doc, path);
}

/**
 * The essential checks `token` cannot work without: the five keys, URLs that parse, https except on loopback,
 * authorize/token paths of one platform (v1, or v2 with a scope and no resource) on the same login host and
 * tenant, and a redirect URI this machine can listen on.
 * (`validate` knows many more rules; these are the ones that would otherwise fail with a confusing error.)
 */
export function clientConfigFromDocument(doc: PropertiesDocument, file: string): { config: ClientConfig; notices: ConfigNotice[] } {
  const notices: ConfigNotice[] = [];
  const at = (entry: PropertyEntry | undefined, value = true) =>
    entry ? { file, line: value ? entry.valueLine : entry.line, column: value ? entry.valueColumn : entry.column } : { file };

  // Microsoft's pages spell the key client_ID, its sample file client_id; ArcSight reads either.
  const idEntry = doc.get('client_id') ?? doc.get('client_ID');
  const required = (entry: PropertyEntry | undefined, key: string, what: string): string => {
    const value = entry?.value.trim() ?? '';
    if (!value) {
      throw new ConfigError(entry ? `${key} is empty.` : `${key} is missing.`, {
        ...at(entry),
        hint: `Set ${key} to ${what}.`,
      });
    }
    return value;
  };
  const clientId = required(idEntry, idEntry?.key ?? 'client_id', 'the application (client) ID from Azure AD');
  const secretEntry = doc.get('client_secret');
  const clientSecret = required(secretEntry, 'client_secret', "the client secret's Value (not its Secret ID)");
  if (secretEntry && secretEntry.value !== secretEntry.value.trim()) {
    throw new ConfigError('client_secret has spaces around it; the connector would send them as part of the secret.', {
      ...at(secretEntry),
      hint: 'Remove the surrounding whitespace from the client_secret value.',
    });
  }
  if (isGuid(clientSecret)) {
    notices.push({
      ...at(secretEntry),
      message: "client_secret looks like a GUID: that is usually the secret's ID, not its Value (AADSTS7000215 follows).",
    });
  }
  const authEntry = doc.get('auth_url');
  const tokenEntry = doc.get('token_url');
  const redirectEntry = doc.get('redirect_uri');
  const authUrl = parseUrl(
    required(authEntry, 'auth_url', 'https://login.microsoftonline.com/<tenant>/oauth2/authorize?resource=...'),
    'auth_url',
    at(authEntry),
  );
  const tokenUrl = parseUrl(required(tokenEntry, 'token_url', 'https://login.microsoftonline.com/<tenant>/oauth2/token'), 'token_url', at(tokenEntry));
  const redirectUri = parseUrl(required(redirectEntry, 'redirect_uri', 'https://localhost:44300/wdatpconnector'), 'redirect_uri', at(redirectEntry));

  for (const [key, url, entry] of [
    ['auth_url', authUrl, authEntry],
    ['token_url', tokenUrl, tokenEntry],
  ] as const) {
    if (isLoopbackHost(url.hostname)) {
      notices.push({ ...at(entry), message: `${key} is on a loopback address (${url.host}): fine for the sandbox or a test server, not for Azure AD.` });
    } else if (url.protocol !== 'https:') {
      throw new ConfigError(`${key} must use https (only loopback test servers may use http).`, {
        ...at(entry),
        hint: `Write ${key} as https://${url.host}${url.pathname}${url.search}.`,
      });
    }
  }
  // v1 files name /oauth2/authorize and /oauth2/token with resource=; v2 (Graph) files /oauth2/v2.0/... with scope=.
  const platform: 'v1' | 'v2' = V2_PATH.test(authUrl.pathname) || V2_PATH.test(tokenUrl.pathname) ? 'v2' : 'v1';
  const v = platform === 'v2' ? 'v2.0/' : '';
  const endpointName = platform === 'v2' ? 'an identity platform v2 (Graph)' : 'an Azure AD v1';
  const authPath = ENDPOINT_PATHS[platform].authorize.exec(authUrl.pathname);
  if (!authPath) {
    const tenant = authUrl.pathname.split('/').filter(Boolean)[0] ?? '<tenant>';
    throw new ConfigError(`auth_url does not point at ${endpointName} authorize endpoint (/<tenant>/oauth2/${v}authorize).`, {
      ...at(authEntry),
      hint:
        `Use ${authUrl.origin}/${tenant}/oauth2/${v}authorize${platform === 'v2' ? '' : authUrl.search || '?resource=...'}` +
        (platform === 'v2' ? ' (token_url is a v2.0 endpoint, so auth_url must be one too).' : ''),
    });
  }
  const tokenPath = ENDPOINT_PATHS[platform].token.exec(tokenUrl.pathname);
  if (!tokenPath) {
    throw new ConfigError(`token_url does not point at ${endpointName} token endpoint (/<tenant>/oauth2/${v}token).`, {
      ...at(tokenEntry),
      hint:
        `Use ${tokenUrl.origin}/${authPath[1]}/oauth2/${v}token` + (platform === 'v2' ? ' (auth_url is a v2.0 endpoint, so token_url must be one too).' : ''),
    });
  }
  if (authUrl.host.toLowerCase() !== tokenUrl.host.toLowerCase() || authPath[1]!.toLowerCase() !== tokenPath[1]!.toLowerCase()) {
    throw new ConfigError(`auth_url (${authUrl.host}/${authPath[1]}) and token_url (${tokenUrl.host}/${tokenPath[1]}) name different login hosts or tenants.`, {
      ...at(tokenEntry),
      hint: `Use the same host and tenant in both, e.g. ${authUrl.origin}/${authPath[1]}/oauth2/${v}token.`,
    });
  }
  if (!isLoopbackHost(redirectUri.hostname)) {
    throw new ConfigError(`redirect_uri must be on this machine (localhost, 127.0.0.1 or [::1]) so token can receive the sign-in; it is ${redirectUri.host}.`, {
      ...at(redirectEntry),
      hint: 'Use https://localhost:44300/wdatpconnector (and register the same URL as a reply URL of the app).',
    });
  }
  if (redirectUri.protocol !== 'https:' && redirectUri.protocol !== 'http:') {
    throw new ConfigError(`redirect_uri must be an http(s) URL, not ${redirectUri.protocol}`, { ...at(redirectEntry) });
  }
  const resource = authUrl.searchParams.get('resource') ?? undefined;
  let scope: string | undefined;
  if (platform === 'v2') {
    if (resource !== undefined) {
      throw new ConfigError('auth_url carries resource=, which the identity platform v2 refuses (AADSTS901002).', {
        ...at(authEntry),
        hint: `Remove ?resource=... from auth_url; v2 names the API in scope= instead, e.g. scope=offline_access https://graph.microsoft.com/SecurityAlert.Read.All.`,
      });
    }
    const scopeEntry = doc.get('scope');
    scope = required(scopeEntry, 'scope', 'the permissions to ask for, e.g. offline_access https://graph.microsoft.com/SecurityAlert.Read.All').replace(
      /\s+/g,
      ' ',
    );
    if (!hasOfflineAccess(scope)) {
      notices.push({ ...at(scopeEntry), message: 'scope lacks offline_access: the token endpoint will not return a refresh token.' });
    }
  } else if (!resource) {
    notices.push({ ...at(authEntry), message: 'auth_url has no resource=... parameter; Azure AD v1 then cannot tell which API the token is for.' });
  }
  return {
    config: {
      clientId,
      clientSecret,
      authUrl: authUrl.toString(),
      tokenUrl: tokenUrl.toString(),
      redirectUri: redirectEntry!.value.trim(),
      resource,
      platform,
      ...(scope !== undefined ? { scope } : {}),
      file,
    },
    notices,
  };
}

function parseUrl(text: string, key: string, where: { file: string; line?: number; column?: number }): URL {
  try {
    return new URL(text);
  } catch {
    throw new ConfigError(`${key} is not a URL: ${text}`, { ...where, hint: `Write ${key} as a full https:// URL.` });
  }
}

/** The tenant path segment of an authorize or token URL (GUID or domain), if it has one. */
export function tenantOf(url: string): string | undefined {
  try {
    return new URL(url).pathname.split('/').filter(Boolean)[0];
  } catch {
    return undefined;
  }
}
