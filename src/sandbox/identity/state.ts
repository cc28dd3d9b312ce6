import { randomBytes } from 'node:crypto';

/** What the provider remembers about an authorization code until it is redeemed (codes are single-use). */
export interface IssuedCode {
  clientId: string;
  redirectUri: string;
  resource?: string;
  /** v2: the scope of the sign-in (the code was issued by the v2 authorize endpoint). */
  scope?: string;
  challenge?: string;
  challengeMethod?: 'S256' | 'plain';
  expiresAt: number;
  redeemed: boolean;
}

export interface IssuedRefreshToken {
  clientId: string;
  resource: string;
  /** v2: the scope granted with it (offline_access and the API's permissions). */
  scope?: string;
  issuedAt: number;
  expiresAt: number;
  /** Redeemed at least once (then refused, unless the provider keeps redeemed refresh tokens usable). */
  used: boolean;
}

export interface IssuedAccessToken {
  clientId: string;
  resource: string;
  expiresAt: number;
}

/** Opaque random strings, like Azure AD's codes and refresh tokens from the client's point of view. */
export function opaque(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** Everything issued by one provider instance, in memory. */
export class TokenStore {
  readonly codes = new Map<string, IssuedCode>();
  readonly refreshTokens = new Map<string, IssuedRefreshToken>();
  readonly accessTokens = new Map<string, IssuedAccessToken>();

  constructor(private readonly onIssue?: (kind: 'code' | 'access_token' | 'refresh_token', value: string) => void) {}

  issueCode(entry: IssuedCode): string {
    const code = opaque(48);
    this.codes.set(code, entry);
    this.onIssue?.('code', code);
    return code;
  }

  issueRefreshToken(entry: IssuedRefreshToken): string {
    const token = opaque(64);
    this.refreshTokens.set(token, entry);
    this.onIssue?.('refresh_token', token);
    return token;
  }

  issueAccessToken(entry: IssuedAccessToken): string {
    return this.recordAccessToken(opaque(40), entry);
  }

  /** An access token made elsewhere (the v2 JWTs), remembered like the opaque ones. */
  recordAccessToken(token: string, entry: IssuedAccessToken): string {
    this.accessTokens.set(token, entry);
    this.onIssue?.('access_token', token);
    return token;
  }
}
