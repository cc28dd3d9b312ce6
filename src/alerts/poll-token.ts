import { readFile } from 'node:fs/promises';
import { ConfigError, RemoteError } from '../errors/index.js';
import { writeFileAtomic } from '../fsio/index.js';
import { refreshTokens, type ClientConfig, type HttpOptions, type TokenSet } from '../oauth/index.js';
import { retryDelay, sleep, type RetryPolicy } from './poll-retry.js';

/** Where the refresh token comes from: an environment variable (read-only) or a file (rotations are written back). */
export type RefreshTokenSource = { kind: 'env'; name: string; value: string } | { kind: 'file'; path: string; value: string };

/** Reads a refresh-token file: the token is the first non-empty line. */
export async function readRefreshTokenFile(path: string): Promise<RefreshTokenSource> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(`Cannot read the refresh token file ${path}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, {
      file: path,
      hint: 'Create it with wdatp-arcsight token --config <client properties file> (it writes the token with mode 0600).',
      cause,
    });
  }
  const value = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find(Boolean);
  if (!value) throw new ConfigError(`The refresh token file ${path} is empty.`, { file: path, hint: 'Put the refresh token on its first line.' });
  return { kind: 'file', path, value };
}

export function refreshTokenFromEnv(name: string, env: NodeJS.ProcessEnv): RefreshTokenSource {
  const value = env[name]?.trim();
  if (!value)
    throw new ConfigError(`The environment variable ${name} is not set or empty.`, { hint: `export ${name}=<refresh token>, or use --refresh-token-file.` });
  return { kind: 'env', name, value };
}

/** Transient: no HTTP status (network, timeout), throttled, or a server-side error. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof RemoteError)) return false;
  if ((error as { expiredRefreshToken?: boolean }).expiredRefreshToken) return false;
  return error.status === undefined || error.status === 429 || error.status >= 500;
}

const EXPIRED_CODES = [70008, 700082, 70000];

/**
 * Keeps an access token for the alert API: redeems the refresh token when there is none, when it is about to
 * expire, or when the API refused it; writes each rotated refresh token back to its file (atomically, mode 0600)
 * at once, before the access token is used, so a crash cannot leave the file with a token Azure AD has replaced.
 */
export class AccessTokenKeeper {
  #token?: TokenSet;
  #source: RefreshTokenSource;
  #warnedEnvRotation = false;

  constructor(
    private readonly client: ClientConfig,
    source: RefreshTokenSource,
    private readonly http: HttpOptions,
    private readonly retry: RetryPolicy,
    private readonly log: (line: string) => void,
    private readonly signal?: AbortSignal,
    private readonly now: () => number = Date.now,
  ) {
    this.#source = source;
  }

  /** A usable access token (refreshing when it expires within a minute). */
  async get(): Promise<string> {
    if (!this.#token || (!this.#skewed && this.#token.expiresOn.getTime() - 60_000 <= this.now())) await this.refresh();
    return this.#token!.accessToken;
  }

  /**
   * Set when a token arrives already expired by this machine's clock: the clocks disagree, so expiry is left to
   * the API's 401 (renew() handles it) instead of refreshing before every request.
   */
  #skewed = false;

  /** Forgets the current access token (the API refused it) and gets a new one. */
  async renew(): Promise<string> {
    this.#token = undefined;
    return this.get();
  }

  private async refresh(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        this.#token = await refreshTokens(this.client, this.#source.value, this.http);
        break;
      } catch (error) {
        if (this.expired(error)) throw this.expiredError(error as RemoteError);
        if (!isTransient(error) || attempt >= this.retry.retries) {
          if (error instanceof RemoteError && isTransient(error)) {
            throw new RemoteError(`Could not get an access token after ${attempt + 1} attempts: ${error.message}`, {
              hint: error.hint,
              status: error.status,
              cause: error,
            });
          }
          throw error;
        }
        const wait = retryDelay(this.retry, attempt);
        this.log(`Token endpoint: ${(error as Error).message} Retry ${attempt + 1} of ${this.retry.retries} in ${(wait / 1000).toFixed(1)} s.`);
        if (!(await sleep(wait, this.signal))) throw error;
      }
    }
    const rotated = this.#token.refreshToken;
    if (rotated && rotated !== this.#source.value) await this.storeRotated(rotated);
    this.log(`Access token obtained (valid until ${this.#token.expiresOn.toISOString()}).`);
    this.#skewed = this.#token.expiresOn.getTime() - 60_000 <= this.now();
    if (this.#skewed) this.log("The token's expiry is already past by this machine's clock (clock skew?); renewing it when the API refuses it.");
  }

  private async storeRotated(rotated: string): Promise<void> {
    if (this.#source.kind === 'file') {
      await writeFileAtomic(this.#source.path, `${rotated}\n`, { mode: 0o600 });
      this.#source = { ...this.#source, value: rotated };
      this.log(`Stored the rotated refresh token in ${this.#source.path} (mode 0600).`);
      return;
    }
    this.#source = { ...this.#source, value: rotated };
    if (!this.#warnedEnvRotation) {
      this.#warnedEnvRotation = true;
      this.log(
        `The refresh token rotated; the new one is kept in memory only (${this.#source.name} cannot be updated). Use --refresh-token-file to keep rotations.`,
      );
    }
  }

  private expired(error: unknown): boolean {
    if (!(error instanceof RemoteError)) return false;
    if ((error as { expiredRefreshToken?: boolean }).expiredRefreshToken) return true;
    return error.error === 'invalid_grant' && error.codes.some((c) => EXPIRED_CODES.includes(c));
  }

  private expiredError(error: RemoteError): RemoteError {
    const codes = error.codes.length ? ` (AADSTS${error.codes.join(', AADSTS')})` : '';
    const config = this.client.file ?? '<client properties file>';
    const fix =
      this.#source.kind === 'file'
        ? `wdatp-arcsight token --config ${config} --output ${this.#source.path} --force`
        : `wdatp-arcsight token --config ${config}  and set ${this.#source.name} to the printed token`;
    return new RemoteError(
      `The refresh token is no longer accepted${codes}: it expired (unused for 90 days), was revoked or was already replaced. pull cannot continue without a new one.`,
      {
        status: error.status,
        error: error.error,
        codes: error.codes,
        hint: `Sign in again: ${fix}; then run pull again (the checkpoint keeps its place).`,
        cause: error,
      },
    );
  }
}
