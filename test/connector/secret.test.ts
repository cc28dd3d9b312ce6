import { describe, expect, it } from 'vitest';
import { ignoreClientSecret, redactClientSecret } from '../../src/connector/index.js';

describe('redactClientSecret', () => {
  it('masks a non-empty value in every separator form, and nothing else', () => {
    const text = 'client_id=a\nclient_secret=s3cret\nauth_url=x\n';
    expect(redactClientSecret(text)).toBe('client_id=a\nclient_secret=********\nauth_url=x\n');
    expect(redactClientSecret('  client_secret : s3cret\n')).toBe('  client_secret : ********\n');
    expect(redactClientSecret('client_secret s3cret')).toBe('client_secret ********');
    expect(redactClientSecret('client_secret\ts3cret')).toBe('client_secret\t********');
  });

  it('keeps an empty value visibly empty', () => {
    expect(redactClientSecret('client_secret=\n')).toBe('client_secret=\n');
  });

  it('hides continuation lines of the secret but not the next key', () => {
    const text = 'client_secret=abc\\\n   def\\\\\nscope=\n';
    expect(redactClientSecret(text)).toBe('client_secret=********\n\nscope=\n');
  });

  it('leaves comments and look-alike keys alone', () => {
    const text = '# client_secret=shown-in-comment\nclient_secret_old=x\n';
    expect(redactClientSecret(text)).toBe(text);
  });

  it('handles CRLF files', () => {
    expect(redactClientSecret('client_secret=abc\r\nscope=\r\n')).toBe('client_secret=********\r\nscope=\r\n');
  });
});

describe('ignoreClientSecret', () => {
  it('makes files that differ only in the secret value equal', () => {
    const a = 'client_id=a\nclient_secret=one\n';
    const b = 'client_id=a\nclient_secret=\n';
    expect(ignoreClientSecret(a)).toBe(ignoreClientSecret(b));
    expect(ignoreClientSecret('client_id=b\nclient_secret=one\n')).not.toBe(ignoreClientSecret(a));
  });
});
