import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { InternalError } from '../errors/index.js';
import { escapeHtml } from './page.js';
import { loopbackBindAddresses } from './loopback.js';

/** What came back from the sign-in, from the browser or pasted by the user. */
export interface ReceivedRedirect {
  params: URLSearchParams;
  source: 'browser' | 'paste';
}

export interface PageOutcome {
  ok: boolean;
  title: string;
  text: string;
}

export interface RedirectListener {
  /** Resolves with the first redirect that carries this run's state. */
  received: Promise<ReceivedRedirect>;
  /** Offers a redirect from another source (the pasted URL); false if its state is wrong. */
  offer(params: URLSearchParams, source: 'paste'): boolean;
  /** Answers the browser request that delivered the redirect (it is held open until then). */
  finish(outcome: PageOutcome): Promise<void>;
  close(): Promise<void>;
  /** Addresses actually listened on, e.g. ['127.0.0.1', '::1']. */
  addresses: string[];
}

export interface ListenerOptions {
  redirectUri: string;
  state: string;
  tls?: { key: string; cert: string };
  log: (line: string) => void;
}

function html(outcome: PageOutcome): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(outcome.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40em;margin:4em auto;line-height:1.5}h1{color:${outcome.ok ? '#1a7f37' : '#cf222e'}}</style></head>
<body><h1>${escapeHtml(outcome.title)}</h1><p>${escapeHtml(outcome.text)}</p><p><small>wdatp-arcsight token</small></p></body></html>
`;
}

function respond(res: ServerResponse, status: number, outcome: PageOutcome): Promise<void> {
  return new Promise((resolve) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
    res.end(html(outcome), () => resolve());
  });
}

/**
 * Listens exactly on the redirect URI's host, port and path, on loopback only, for the one redirect that
 * belongs to this run. Decisions: a request to another path or with another method gets 404; a redirect with a
 * wrong or missing state is refused with a page saying so, and the listener keeps waiting (a stale tab or a
 * forged request must not end the run, nor be redeemed).
 */
export async function startRedirectListener(o: ListenerOptions): Promise<RedirectListener> {
  const target = new URL(o.redirectUri);
  const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
  const servers: Server[] = [];
  let settled = false;
  let held: ServerResponse | undefined;
  let resolveReceived!: (r: ReceivedRedirect) => void;
  const received = new Promise<ReceivedRedirect>((resolve) => (resolveReceived = resolve));

  const deliver = (params: URLSearchParams, source: 'browser' | 'paste'): boolean => {
    if (params.get('state') !== o.state) {
      o.log(
        source === 'paste'
          ? 'That URL does not belong to this sign-in (its state does not match); still waiting.'
          : 'Refused a redirect whose state does not match this run (an old browser tab, or a request not started by this command); still waiting.',
      );
      return false;
    }
    if (settled) return false;
    settled = true;
    resolveReceived({ params, source });
    return true;
  };

  // The browser comes back to the redirect URI itself: its Host header names that host, and the target is a path.
  // Anything else (another Host, as DNS rebinding sends; an absolute-form target, as a proxy request has) is not it.
  const expectedHosts = new Set([target.host.toLowerCase(), ...(target.port === '' ? [`${target.hostname.toLowerCase()}:${port}`] : [])]);
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/') || !expectedHosts.has((req.headers.host ?? '').toLowerCase())) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end(`Misdirected request: this listener answers only ${target.origin}\n`);
      return;
    }
    const url = new URL(req.url, `${target.protocol}//${target.host}`);
    if (req.method !== 'GET' || url.pathname !== target.pathname) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end('Not found\n');
      return;
    }
    if (settled) {
      void respond(res, 410, { ok: false, title: 'Already done', text: 'This sign-in was already received. You can close this tab.' });
      return;
    }
    if (!deliver(url.searchParams, 'browser')) {
      void respond(res, 400, {
        ok: false,
        title: 'This sign-in does not belong to the running command',
        text: 'The answer does not carry the state of the running wdatp-arcsight token (an old tab, or a link not started by it), so it was ignored. Use the sign-in link the command printed.',
      });
      return;
    }
    held = res;
  };

  const hosts = loopbackBindAddresses(target.hostname);
  const addresses: string[] = [];
  for (const [i, host] of hosts.entries()) {
    const server = o.tls ? createHttpsServer({ key: o.tls.key, cert: o.tls.cert }, onRequest) : createHttpServer(onRequest);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      servers.push(server);
      addresses.push(host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // localhost also means ::1, but a machine without IPv6 loopback still works through 127.0.0.1.
      if (i > 0 && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT')) continue;
      await Promise.all(servers.map((s) => closeServer(s)));
      throw listenError(code, host, port, error);
    }
  }

  return {
    received,
    addresses,
    offer: (params, source) => deliver(params, source),
    async finish(outcome) {
      const res = held;
      held = undefined;
      if (res) await respond(res, outcome.ok ? 200 : 400, outcome);
    },
    async close() {
      if (held) await respond(held, 500, { ok: false, title: 'Stopped', text: 'wdatp-arcsight token stopped before finishing; see the terminal.' });
      held = undefined;
      await Promise.all(servers.map((s) => closeServer(s)));
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function listenError(code: string | undefined, host: string, port: number, cause: unknown): InternalError {
  if (code === 'EADDRINUSE') {
    return new InternalError(`Port ${port} on ${host} is already in use, so the sign-in cannot come back to this machine.`, {
      hint: 'Stop the program using it (a running ArcSight connector with reauthenticate=true, or another token run), or use a redirect_uri with a free port (and register it in Azure AD).',
      cause,
    });
  }
  if (code === 'EACCES') {
    return new InternalError(`Not allowed to listen on port ${port} on ${host}.`, {
      hint: 'Ports below 1024 need administrator rights; use a redirect_uri with a port such as 44300 (and register it in Azure AD).',
      cause,
    });
  }
  return new InternalError(`Cannot listen on ${host}:${port}: ${code ?? (cause as Error).message}`, { cause });
}
