import { createInterface } from 'node:readline';

/**
 * The final redirect URL, pasted by the user when the browser runs on another machine (SSH) or cannot reach the
 * listener. Accepts the whole URL or just its query. Closed or empty input means nothing will be pasted; the
 * caller keeps waiting for the browser.
 */
export function readPastedRedirects(input: NodeJS.ReadableStream, offer: (params: URLSearchParams) => boolean, log: (line: string) => void): { stop(): void } {
  const rl = createInterface({ input, terminal: false });
  rl.on('line', (line) => {
    const text = line.trim();
    if (!text) return;
    const params = paramsOf(text);
    if (!params || (!params.has('code') && !params.has('error'))) {
      log('That is not the redirect URL. Paste the whole address from the browser (it contains code=... and state=...).');
      return;
    }
    if (offer(params)) rl.close();
  });
  // Reading errors (a stdin that cannot be read) mean the same as closed input: nothing will be pasted.
  rl.on('error', () => rl.close());
  input.on('error', () => rl.close());
  return {
    stop() {
      rl.close();
      (input as NodeJS.ReadableStream & { pause?: () => void }).pause?.();
    },
  };
}

function paramsOf(text: string): URLSearchParams | undefined {
  try {
    const url = new URL(text);
    // response_mode=query puts them in the query; accept a fragment too, for hand-built URLs.
    return url.search ? url.searchParams : new URLSearchParams(url.hash.replace(/^#/, ''));
  } catch {
    if (/(^|[?&])(code|error|state)=/.test(text)) return new URLSearchParams(text.replace(/^[?#]/, ''));
    return undefined;
  }
}
