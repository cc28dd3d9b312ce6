import { describe, expect, it } from 'vitest';
import { lintSources } from '../../src/lint/index.js';
import { bytes, clientWith } from './helpers.js';

const display = (text: string): string[] => {
  const lines = lintSources([{ file: 'c.properties', kind: 'client-properties', bytes: bytes(text) }]).files[0]!.displayLines;
  return Array.from({ length: lines.count }, (_, i) => lines.get(i + 1)!);
};

describe('secret masking in display lines', () => {
  it('masks the secret value (same length) wherever it appears, and keeps ids and URLs readable', () => {
    const secret = 'fak8Q~NotARealSecretJustForLintTests0123';
    const lines = display(clientWith({ client_ID: '11111111-2222-3333-4444-555555555555' }, [`# old: ${secret}`]));
    expect(lines[0]).toBe('client_id=11111111-2222-3333-4444-555555555555');
    expect(lines[1]).toBe(`client_secret=${'*'.repeat(secret.length)}`);
    expect(lines[2]).toMatch(/^auth_url=https:\/\/login\.microsoftonline\.com\/8eaef023/);
    expect(lines.join('\n')).not.toContain(secret);
    expect(lines.at(-2)).toBe(`# old: ${'*'.repeat(secret.length)}`);
  });

  it('masks continuation lines of a secret, other secret-like keys, and token-shaped text', () => {
    const jwt = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLndpbmRvd3MubmV0In0.c2lnbmF0dXJl';
    const base64 = 'Zm9vYmFyYmF6cXV4UVVVWDEyMzQ1Njc4OTBhYmNkZWZnaGlq+/A=';
    const text = clientWith({ client_secret: 'first\\' }, [`refresh_token=${jwt}`, `# pasted ${base64}`]).replace('auth_url', '    tail-of-secret\nauth_url');
    const lines = display(text).join('\n');
    expect(lines).not.toContain('first');
    expect(lines).not.toContain('tail-of-secret');
    expect(lines).not.toContain(jwt.slice(0, 20));
    expect(lines).not.toContain(base64.slice(0, 20));
    expect(lines).toContain('refresh_token=***');
  });
});
