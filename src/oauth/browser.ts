import { isLoopbackHost } from '../connector/index.js';
import { RemoteError } from '../errors/index.js';
import { createHttpClient, networkError, withDispatcher, type UndiciFetch } from './http.js';
import type { HttpOptions } from './types.js';

/** Why a browser should not be started here, or undefined when starting one makes sense. */
export function noBrowserReason(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env.SSH_CONNECTION || env.SSH_TTY) return 'this is an SSH session';
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'there is no graphical display (DISPLAY/WAYLAND_DISPLAY unset)';
  return undefined;
}

/** Opens the URL in the user's default browser; a failure is only logged, since the URL is printed anyway. */
export function systemBrowser(log: (line: string) => void): (url: string) => Promise<void> {
  return async (url) => {
    try {
      const { default: open } = await import('open');
      const child = await open(url);
      child.on('error', (error) => log(`Could not start a browser (${error.message}); open the URL above yourself.`));
    } catch (error) {
      log(`Could not start a browser (${(error as Error).message}); open the URL above yourself.`);
    }
  };
}

const MAX_HOPS = 10;

/**
 * A scripted "browser" for tests and the demo: GETs the authorize URL and follows redirects until a page
 * answers, which is the loopback listener when sign-in works. Like a user who clicks "proceed anyway" on the
 * listener's self-signed certificate, it accepts any certificate on loopback hops; other hosts are verified
 * (with the extra CA, and through HTTPS_PROXY when set). A sign-in page that answers with an error status and
 * no redirect (Azure AD's own error pages, e.g. for AADSTS50011) rejects with its status and visible text.
 */
export function followRedirectsBrowser(opts: HttpOptions = {}): (url: string) => Promise<void> {
  return async (start) => {
    const http = await createHttpClient({ ...opts, timeoutMs: opts.timeoutMs ?? 120_000 });
    const { Agent, fetch: undiciFetch } = await import('undici');
    const loopback = new Agent({ connect: { rejectUnauthorized: false } });
    try {
      let url = start;
      for (let hop = 0; hop < MAX_HOPS; hop++) {
        const init = { redirect: 'manual', headers: { accept: 'text/html' } } as RequestInit;
        let response: Response;
        if (isLoopbackHost(new URL(url).hostname)) {
          try {
            response = await (undiciFetch as unknown as UndiciFetch)(url, withDispatcher(init, loopback));
          } catch (error) {
            throw networkError(error, url, http.timeoutMs);
          }
        } else {
          response = await http.fetch(url, init);
        }
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location) {
          await response.body?.cancel();
          url = new URL(location, url).toString();
          continue;
        }
        const text = await response.text();
        if (response.status >= 400) {
          throw new RemoteError(`The page at ${new URL(url).host} answered HTTP ${response.status}: ${visibleText(text)}`, { status: response.status });
        }
        return;
      }
      throw new RemoteError(`More than ${MAX_HOPS} redirects after ${new URL(start).host}.`);
    } finally {
      await Promise.all([http.close(), loopback.close()]);
    }
  };
}

/** The readable text of a small HTML page, for error messages. */
function visibleText(html: string): string {
  const text = html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
