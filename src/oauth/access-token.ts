import { escapeControl } from './terminal-text.js';

/**
 * What an access token says about itself. Microsoft's access tokens are JWTs; the client may read their payload
 * (base64url JSON) to explain a refusal, but must not rely on it for anything else, so no signature is checked.
 * Only non-secret claims are kept: audience, tenant, expiry, app and permissions.
 */
export interface AccessTokenClaims {
  /** The API the token is for, e.g. https://graph.microsoft.com (or its app id). */
  aud?: string;
  tid?: string;
  /** Expiry, epoch seconds. */
  exp?: number;
  /** Delegated permissions (a user signed in), space-separated in the token. */
  scp: string[];
  /** Application permissions (client credentials). */
  roles: string[];
  /** The client the token was issued to (appid in v1-format tokens, azp in v2-format ones). */
  appId?: string;
}

/** The claims of a JWT access token, or undefined when the token is opaque or not readable. */
export function readAccessTokenClaims(token: string): AccessTokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  const p = payload as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    aud: text(p.aud),
    tid: text(p.tid),
    exp: typeof p.exp === 'number' ? p.exp : undefined,
    scp: (text(p.scp) ?? '').split(/\s+/).filter(Boolean),
    roles: Array.isArray(p.roles) ? p.roles.filter((r): r is string => typeof r === 'string') : [],
    appId: text(p.appid) ?? text(p.azp),
  };
}

/** Delegated when it carries scp (a user signed in), application when roles or neither (client credentials). */
export function permissionKind(claims: AccessTokenClaims): 'delegated' | 'application' {
  return claims.scp.length > 0 ? 'delegated' : 'application';
}

/** The permissions the token grants (of its kind), and the same list as terminal text: escaped, each cut, or 'none'. */
export function grantedPermissions(claims: AccessTokenClaims): { kind: 'delegated' | 'application'; granted: string[]; list: string } {
  const kind = permissionKind(claims);
  const granted = kind === 'delegated' ? claims.scp : claims.roles;
  return { kind, granted, list: granted.length ? granted.map((p) => escapeControl(p, 100)).join(', ') : 'none' };
}
