import { InterruptedError, printable, RemoteError, UsageError, WdatpError } from '../errors/index.js';
import { buildAuthorizeUrl, PROMPT_VALUES } from './authorize-url.js';
import { AzureAdError } from './azure-errors.js';
import { generateLoopbackCertificate, type ListenerCertificate } from './certificate.js';
import { createHttpClient } from './http.js';
import { startRedirectListener } from './listener.js';
import { readPastedRedirects } from './paste.js';
import { createPkce, createState } from './pkce.js';
import { contextOf, redeemCode } from './token-endpoint.js';
import type { ClientConfig, HttpOptions, TokenSet } from './types.js';

export const DEFAULT_SIGN_IN_TIMEOUT_SECONDS = 300;

export interface AuthorizationCodeOptions extends HttpOptions {
  /** Shows the sign-in URL to the user; without it the URL is only printed. */
  openBrowser?: (url: string) => Promise<void>;
  timeoutSeconds?: number;
  prompt?: string;
  /** The listener's certificate for an https redirect URI; generated for the run when absent. */
  cert?: { key: string; cert: string };
  /** Progress for the user (stderr). Never receives secrets. */
  log?: (line: string) => void;
  /** Where the user may paste the final redirect URL. */
  stdinPaste?: NodeJS.ReadableStream;
  /** Aborting (Ctrl+C) stops the listener and rejects with InterruptedError. */
  signal?: AbortSignal;
}

/**
 * The interactive authorization-code flow of Azure AD v1 with PKCE: listen on the redirect URI, let the user sign
 * in, take the code (from the browser or pasted), redeem it. Everything the user needs to know goes to `log`;
 * the tokens only come back as the result.
 */
export async function authorizationCodeFlow(cfg: ClientConfig, opts: AuthorizationCodeOptions = {}): Promise<TokenSet> {
  const log = opts.log ?? (() => {});
  if (opts.prompt !== undefined && !(PROMPT_VALUES as readonly string[]).includes(opts.prompt)) {
    throw new UsageError(`--prompt must be one of ${PROMPT_VALUES.join(', ')}, not ${opts.prompt}.`);
  }
  const timeoutSeconds = opts.timeoutSeconds ?? DEFAULT_SIGN_IN_TIMEOUT_SECONDS;
  const redirect = new URL(cfg.redirectUri);
  const state = createState();
  const pkce = createPkce();
  const authorizeUrl = buildAuthorizeUrl(cfg, { state, codeChallenge: pkce.challenge, prompt: opts.prompt });

  let certificate: ListenerCertificate | undefined;
  if (redirect.protocol === 'https:') {
    certificate = opts.cert ? { ...opts.cert, fingerprint256: '', generated: false } : await generateLoopbackCertificate();
  }
  const listener = await startRedirectListener({ redirectUri: cfg.redirectUri, state, tls: certificate, log });
  const http = await createHttpClient(opts);
  let paste: { stop(): void } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    log(`Waiting for the sign-in on ${cfg.redirectUri} (listening on ${listener.addresses.join(' and ')}, for up to ${timeoutSeconds} s).`);
    if (certificate?.generated) {
      log(
        `The redirect goes to ${redirect.origin} with a certificate made just now for this run (self-signed, SHA-256 ${certificate.fingerprint256}). ` +
          'Your browser will warn about it ("Your connection is not private", NET::ERR_CERT_AUTHORITY_INVALID in Chrome and Edge; ' +
          '"Warning: Potential Security Risk Ahead" in Firefox). That is expected for this local page only: choose Advanced → ' +
          `Proceed to ${redirect.hostname} (Firefox: Accept the Risk and Continue). Use --cert/--key with a trusted certificate to avoid the warning.`,
      );
    }
    log(opts.openBrowser ? 'Opening your browser at this sign-in URL (open it yourself if nothing appears):' : 'Open this sign-in URL in a browser:');
    log(`  ${authorizeUrl}`);
    if (opts.stdinPaste) {
      log(
        `If that browser cannot reach this machine, it ends on an error page whose address starts with ${redirect.origin}${redirect.pathname}?code=...: copy that whole address, paste it here and press Enter.`,
      );
      paste = readPastedRedirects(opts.stdinPaste, (params) => listener.offer(params, 'paste'), log);
    }

    const waits: Array<Promise<never>> = [
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new RemoteError(`No sign-in arrived within ${timeoutSeconds} s.`, {
                hint:
                  `Run token again (--timeout gives more time; --no-browser lets you paste the final URL). If the browser showed an Azure AD error page: ` +
                  `AADSTS50011 means ${cfg.redirectUri} must be registered as a reply URL of the app; AADSTS700016 means client_ID or the tenant is wrong; AADSTS90002 means the tenant is wrong.`,
              }),
            ),
          timeoutSeconds * 1000,
        );
      }),
    ];
    if (opts.signal) {
      waits.push(
        new Promise<never>((_resolve, reject) => {
          onAbort = () => reject(new InterruptedError('Stopped before the sign-in finished.'));
          if (opts.signal!.aborted) onAbort();
          else opts.signal!.addEventListener('abort', onAbort, { once: true });
        }),
      );
    }
    if (opts.openBrowser) {
      // Not awaited before waiting: a scripted browser only settles after the listener has answered it.
      waits.push(
        opts.openBrowser(authorizeUrl).then(
          () => new Promise<never>(() => {}),
          (error: unknown) => {
            throw error instanceof WdatpError
              ? error
              : new RemoteError(`The browser could not complete the sign-in: ${(error as Error).message}`, { cause: error });
          },
        ),
      );
    }
    const { params, source } = await Promise.race([listener.received, ...waits]);
    clearTimeout(timer);
    paste?.stop();
    log(source === 'paste' ? 'Got the pasted sign-in answer.' : 'The browser came back with the sign-in answer.');

    const error = params.get('error');
    if (error) {
      const said = params.get('error_description') ?? '';
      // The redirect carries no error_codes; the AADSTS number leads its description.
      const codes = [...said.matchAll(/AADSTS(\d+)/g)].map((m) => Number(m[1])).slice(0, 1);
      const failure = new AzureAdError({ error, codes }, contextOf(cfg, 'authorize'));
      if (said) log(`Azure AD said: ${printable(said.split(/\r?\n/)[0]!)}`);
      await listener.finish({ ok: false, title: 'Sign-in failed', text: `${failure.message} ${failure.hint ?? ''} Details are in the terminal.` });
      throw failure;
    }
    const code = params.get('code');
    if (!code) {
      await listener.finish({ ok: false, title: 'Sign-in failed', text: 'The answer carried no authorization code.' });
      throw new RemoteError('The sign-in answer carried neither a code nor an error.', { hint: 'Run token again.' });
    }
    log(`Redeeming the code at ${new URL(cfg.tokenUrl).host}…`);
    let tokens: TokenSet;
    try {
      tokens = await redeemCode(cfg, code, pkce.verifier, { http });
    } catch (failure) {
      await listener.finish({
        ok: false,
        title: 'Sign-in worked, getting the token failed',
        text: `${(failure as Error).message} See the terminal for how to fix it.`,
      });
      throw failure;
    }
    await listener.finish({
      ok: true,
      title: 'Signed in',
      text: 'wdatp-arcsight received the refresh token. You can close this tab and go back to the terminal.',
    });
    return tokens;
  } finally {
    clearTimeout(timer);
    if (onAbort) opts.signal?.removeEventListener('abort', onAbort);
    paste?.stop();
    await Promise.all([listener.close(), http.close()]);
  }
}
