import { readFile } from 'node:fs/promises';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import type { Dispatcher } from 'undici';
import { ConfigError, RemoteError } from '../errors/index.js';
import type { HttpOptions } from './types.js';

export const DEFAULT_HTTP_TIMEOUT_MS = 30_000;

/** Global fetch with a dispatcher that knows the extra CA, the proxy settings and the time limit. */
export interface HttpClient {
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** Whether requests to this URL go through a proxy (for messages). */
  proxyFor(url: string): string | undefined;
  timeoutMs: number;
  close(): Promise<void>;
}

/** Reads --ca-file: one or more PEM certificates. */
export async function readCaFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(`Cannot read the CA file ${path}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, {
      file: path,
      hint: "Pass --ca-file with the PEM file of your organisation's CA certificate.",
      cause,
    });
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(`${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`, {
      file: path,
      hint: 'Export the CA certificate as Base-64 encoded X.509 (.pem/.crt), not DER.',
    });
  }
  return text;
}

/**
 * Node 20's global fetch ignores HTTPS_PROXY and only trusts the built-in CAs, which fails behind a corporate
 * proxy. undici's EnvHttpProxyAgent honours HTTPS_PROXY/HTTP_PROXY/NO_PROXY, and the extra CA is added to the
 * system list (not instead of it) for both the proxy connection and the tunnelled one.
 */
export async function createHttpClient(opts: HttpOptions = {}): Promise<HttpClient> {
  const env = opts.env ?? process.env;
  const extra = [opts.ca?.toString(), opts.caFile ? await readCaFile(opts.caFile) : undefined].filter((x): x is string => Boolean(x));
  const tls = extra.length ? { secureContext: secureContextFor(extra) } : {};
  const timeoutMs = opts.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  // An empty variable means unset (shells and CI often export empty ones); lower case wins, as curl does.
  const httpsProxy = env.https_proxy || env.HTTPS_PROXY || '';
  const httpProxy = env.http_proxy || env.HTTP_PROXY || '';
  const noProxy = env.no_proxy || env.NO_PROXY || '';
  // undici is loaded on first use: commands that never go online (parse, validate) should not pay for it.
  const { EnvHttpProxyAgent, fetch: undiciFetch } = await import('undici');
  // Empty strings (not undefined) so undici does not fall back to process.env behind the caller's back.
  const dispatcher: Dispatcher = new EnvHttpProxyAgent({
    httpsProxy,
    httpProxy,
    noProxy,
    connect: { ...tls, timeout: timeoutMs },
    requestTls: tls,
    proxyTls: tls,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const bypass = noProxy.split(/[,\s]+/).filter(Boolean);
  const proxyFor = (url: string): string | undefined => {
    const u = new URL(url);
    const proxy = u.protocol === 'https:' ? httpsProxy || httpProxy : httpProxy;
    if (!proxy) return undefined;
    const host = u.hostname.toLowerCase();
    if (bypass.some((b) => b === '*' || host === b.replace(/^\./, '') || host.endsWith(b.startsWith('.') ? b : `.${b}`))) return undefined;
    return proxy;
  };
  return {
    timeoutMs,
    proxyFor,
    async fetch(url, init = {}) {
      const signal = init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
      try {
        return await (undiciFetch as unknown as UndiciFetch)(url, withDispatcher({ ...init, signal }, dispatcher));
      } catch (error) {
        throw networkError(error, url, timeoutMs, proxyFor(url));
      }
    },
    close: () => dispatcher.close(),
  };
}

/**
 * One TLS context per set of extra CAs, built once per process. Passing `ca` instead would make every new
 * connection parse the whole system list again (tens of milliseconds each), and the token, refresh and alert
 * requests of one run each open their own connection.
 */
const secureContexts = new Map<string, SecureContext>();
function secureContextFor(extra: string[]): SecureContext {
  const key = extra.join('\n');
  let context = secureContexts.get(key);
  if (!context) {
    context = createSecureContext({ ca: [...rootCertificates, ...extra] });
    secureContexts.set(key, context);
  }
  return context;
}

/**
 * undici's own fetch with its dispatcher: Node 20's global fetch is the undici 6 inside Node, and handing it a
 * dispatcher of the npm undici (7) mixes two majors. Typed for callers as the global fetch's Request/Response,
 * which undici's mirror.
 */
export type InitWithDispatcher = Omit<RequestInit, 'dispatcher'> & { dispatcher: Dispatcher };
export type UndiciFetch = (url: string, init: InitWithDispatcher) => Promise<Response>;

export function withDispatcher(init: RequestInit, dispatcher: Dispatcher): InitWithDispatcher {
  return { ...init, dispatcher };
}

const TLS_UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);

function errorCode(error: unknown): { code?: string; message: string } {
  let e: unknown = error;
  // fetch wraps the socket error: TypeError('fetch failed', { cause }); proxies may wrap once more.
  for (let depth = 0; depth < 4 && e; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_ABORTED') return { code, message: (e as Error).message };
    const next = (e as { cause?: unknown }).cause;
    if (!next) break;
    e = next;
  }
  return { message: (e as Error)?.message ?? String(e) };
}

/** One message per kind of failure: refused, unknown host, untrusted/expired/mismatched certificate, timeout. */
export function networkError(error: unknown, url: string, timeoutMs: number, proxy?: string): RemoteError {
  const { host, origin } = new URL(url);
  const via = proxy ? ` (through the proxy ${redactProxy(proxy)})` : '';
  const name = (error as { name?: string })?.name;
  const { code, message } = errorCode(error);
  const cause = error;
  if (
    name === 'TimeoutError' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'ETIMEDOUT'
  ) {
    return new RemoteError(`No answer from ${host}${via} within ${seconds(timeoutMs)} s (timeout).`, {
      hint: proxy
        ? 'Check that the proxy is reachable and allows this host.'
        : 'Check the network path to the host (firewall, VPN); if a proxy is required, set HTTPS_PROXY. Raise --http-timeout for slow links.',
      cause,
    });
  }
  if (name === 'AbortError') return new RemoteError(`The request to ${host} was cancelled.`, { cause });
  if (code === 'ECONNREFUSED') {
    return new RemoteError(`Connection refused by ${proxy ? `the proxy ${redactProxy(proxy)}` : host}.`, {
      hint: proxy
        ? 'Check HTTPS_PROXY (host and port).'
        : `Nothing listens at ${origin}: check the host and port in the URL; if your network needs a proxy, set HTTPS_PROXY.`,
      cause,
    });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new RemoteError(`Cannot resolve the host name ${proxy ? `of the proxy ${redactProxy(proxy)}` : new URL(url).hostname} (${code}).`, {
      hint: proxy
        ? 'Check HTTPS_PROXY.'
        : 'Check the spelling of the host in the URL and your DNS; if only a proxy can resolve outside names, set HTTPS_PROXY (and NO_PROXY for internal hosts).',
      cause,
    });
  }
  if (code && TLS_UNTRUSTED.has(code)) {
    return new RemoteError(`The TLS certificate of ${host}${via} is not trusted (${code}).`, {
      hint: 'If your network inspects TLS with its own CA (a corporate proxy), pass that CA certificate with --ca-file ca.pem.',
      cause,
    });
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return new RemoteError(`The TLS certificate of ${host}${via} is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not valid yet'}.`, {
      hint: "Check this machine's clock; if it is right, the server (or a TLS-inspecting proxy) presents a stale certificate.",
      cause,
    });
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new RemoteError(`The TLS certificate presented for ${host}${via} is issued for another host name.`, {
      hint: 'Use the host name the server really has; a proxy that intercepts TLS without the right certificate causes this too.',
      cause,
    });
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return new RemoteError(`The connection to ${host}${via} was closed unexpectedly (${code}).`, {
      hint: 'A proxy or firewall may be cutting the connection; retry, or check HTTPS_PROXY/--ca-file.',
      cause,
    });
  }
  return new RemoteError(`Request to ${host}${via} failed: ${code ? `${code}: ` : ''}${message}`, {
    hint: proxy ? 'Check the proxy settings (HTTPS_PROXY, NO_PROXY).' : 'Check the URL and the network path.',
    cause,
  });
}

function seconds(ms: number): string {
  return ms < 10_000 ? String(Math.round(ms / 100) / 10) : String(Math.round(ms / 1000));
}

/** Proxy URLs may hold a password; show only scheme, host and port. */
export function redactProxy(proxy: string): string {
  try {
    const u = new URL(proxy);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'the configured proxy';
  }
}

/** The body as JSON when it is JSON, and the text either way (for messages that must not echo secrets). */
export async function readBody(response: Response): Promise<{ json?: unknown; text: string }> {
  const text = await response.text();
  try {
    return { json: JSON.parse(text), text };
  } catch {
    return { text };
  }
}
