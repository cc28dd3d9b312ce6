import { createHash, randomBytes } from 'node:crypto';

/** PKCE (RFC 7636) S256: 32 random bytes as the verifier, its SHA-256 as the challenge, both base64url. */
export function createPkce(): { verifier: string; challenge: string; method: 'S256' } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url'), method: 'S256' };
}

/** A fresh value that ties the browser's answer to this run (CSRF protection). */
export function createState(): string {
  return randomBytes(24).toString('base64url');
}
