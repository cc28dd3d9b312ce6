import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The sandbox's access tokens for Graph: JWTs signed with HS256 and a key made per provider start. Clients read the
 * payload (as they may with Microsoft's tokens) to see audience and permissions; the sandbox's API checks the
 * signature, so a token edited to carry more permissions is refused.
 */
export interface SandboxTokenClaims {
  /** The API, e.g. https://graph.microsoft.com */
  aud: string;
  iss: string;
  /** Tenant id (a GUID). */
  tid: string;
  iat: number;
  nbf: number;
  exp: number;
  /** The client the token was issued to. */
  appid: string;
  /** Delegated permissions, space-separated (a user signed in). */
  scp?: string;
  /** Application permissions (client credentials). */
  roles?: string[];
  ver: '1.0';
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

export function signJwt(claims: SandboxTokenClaims, key: Buffer): string {
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

/** The claims of a token this key signed, or undefined for anything else (other key, edited, not a JWT). */
export function verifyJwt(token: string, key: Buffer): SandboxTokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return undefined;
  const expected = createHmac('sha256', key).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as SandboxTokenClaims;
  } catch {
    return undefined;
  }
}
