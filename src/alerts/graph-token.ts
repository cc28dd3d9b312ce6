import { clientCredentials, defaultScopeOf, type ClientConfig, type HttpOptions, type TokenSet } from '../oauth/index.js';
import { retryDelay, sleep, type RetryPolicy } from './poll-retry.js';
import { isTransient } from './poll-token.js';

/** What the poller asks for an access token; AccessTokenKeeper (refresh token) and AppTokenKeeper both fit. */
export interface AccessTokens {
  get(): Promise<string>;
  /** Forgets the current token (the API refused it) and gets a new one. */
  renew(): Promise<string>;
}

/**
 * App-only access tokens (client credentials; a Graph client file asks for `https://<graph>/.default`): a service
 * that does not depend on a user's refresh token. Nothing is stored; a new token comes a minute before expiry.
 */
export class AppTokenKeeper implements AccessTokens {
  #token?: TokenSet;

  constructor(
    private readonly client: ClientConfig,
    private readonly http: HttpOptions,
    private readonly retry: RetryPolicy,
    private readonly log: (line: string) => void,
    private readonly signal?: AbortSignal,
  ) {}

  async get(): Promise<string> {
    if (!this.#token || this.#token.expiresOn.getTime() - 60_000 <= Date.now()) await this.request();
    return this.#token!.accessToken;
  }

  async renew(): Promise<string> {
    this.#token = undefined;
    return this.get();
  }

  // Not shared with AccessTokenKeeper.refresh on purpose: that one also handles expired refresh tokens, stores
  // rotations and tolerates clock skew; an app-only token has none of these, so its loop stays this short.
  private async request(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        this.#token = await clientCredentials(this.client, this.http);
        break;
      } catch (error) {
        if (!isTransient(error) || attempt >= this.retry.retries) throw error;
        const wait = retryDelay(this.retry, attempt);
        this.log(`Token endpoint: ${(error as Error).message} Retry ${attempt + 1} of ${this.retry.retries} in ${(wait / 1000).toFixed(1)} s.`);
        if (!(await sleep(wait, this.signal))) throw error;
      }
    }
    const what = this.client.platform === 'v2' ? defaultScopeOf(this.client) : this.client.resource;
    this.log(`Access token obtained with client credentials for ${what} (valid until ${this.#token.expiresOn.toISOString()}).`);
  }
}
