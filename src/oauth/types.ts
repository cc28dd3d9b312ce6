/** The OAuth settings of a connector's client properties file (WDATP-connector.properties). */
export interface ClientConfig {
  clientId: string;
  clientSecret: string;
  /** auth_url as written, including its `resource` query parameter. */
  authUrl: string;
  tokenUrl: string;
  redirectUri: string;
  /** The `resource` taken from auth_url, sent again to the token endpoint as Azure AD v1 expects (v1 files only). */
  resource?: string;
  /**
   * Which endpoints the file names: 'v1' (Azure AD v1, `resource=`; the default when absent) or 'v2' (identity
   * platform v2 under /oauth2/v2.0/, as Graph alerts_v2 needs, with `scope=`).
   */
  platform?: 'v1' | 'v2';
  /** v2: the file's `scope` (space-separated), sent at sign-in and with every refresh. */
  scope?: string;
  /** The file it came from, for messages. */
  file?: string;
}

/** What a token endpoint granted. Tokens are secrets: never log them. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  expiresOn: Date;
  resource?: string;
  /** v2: the scopes the token endpoint says it granted (space-separated). */
  scope?: string;
}

/** How to reach the identity provider and the alert API. Proxies come from HTTPS_PROXY/HTTP_PROXY/NO_PROXY. */
export interface HttpOptions {
  /** A PEM file with extra CA certificates (a corporate TLS-inspecting proxy), trusted besides the system CAs. */
  caFile?: string;
  /** Extra CA certificates as PEM text. */
  ca?: string | Buffer;
  /** Per-request time limit in milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Environment to read proxy settings from (default process.env). */
  env?: NodeJS.ProcessEnv;
}
