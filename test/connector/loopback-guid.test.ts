import { describe, expect, it } from 'vitest';
import { isGuid, isLoopbackHost } from '../../src/connector/index.js';
import { lintSources } from '../../src/lint/index.js';
import { clientConfigFromDocument } from '../../src/oauth/index.js';
import { parseProperties } from '../../src/properties/index.js';

describe('isLoopbackHost: the hosts the OS routes to this machine', () => {
  it.each([
    'localhost',
    'LocalHost',
    'sandbox.localhost',
    '127.0.0.1',
    '127.0.0.2',
    '127.255.255.255',
    '::1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
    '[0:0:0:0:0:0:0:1]',
    '0::1',
    '0000:0000:0000:0000:0000:0000:0000:0001',
    '::ffff:127.0.0.1',
    '[::ffff:7f00:1]',
  ])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    'login.microsoftonline.com',
    'localhost.example.com',
    'mylocalhost',
    '128.0.0.1',
    '126.255.255.255',
    '127.0.0.256',
    '127.1.2',
    '0.0.0.0',
    '::',
    '::2',
    '::ffff:10.0.0.1',
    'fe80::1',
    '',
  ])('%s is not loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  it('agrees with the hostname URL gives for every spelling of an address', () => {
    for (const spelling of ['[0:0:0:0:0:0:0:1]', '[::1]', '127.0.0.1', '[::ffff:127.0.0.1]']) {
      expect(isLoopbackHost(new URL(`http://${spelling}:8080/`).hostname), spelling).toBe(true);
    }
  });
});

describe('isGuid', () => {
  it.each(['8eaef023-2b34-4da1-9baa-8bc8c9d6a490', '8EAEF023-2B34-4DA1-9BAA-8BC8C9D6A490'])('%s is a GUID', (s) => {
    expect(isGuid(s)).toBe(true);
  });

  it.each([
    '{8eaef023-2b34-4da1-9baa-8bc8c9d6a490}',
    '8eaef0232b344da19baa8bc8c9d6a490',
    '8eaef023-2b34-4da1-9baa-8bc8c9d6a49',
    '8eaef023-2b34-4da1-9baa-8bc8c9d6a490 ',
    'g8aef023-2b34-4da1-9baa-8bc8c9d6a490',
    'contoso.onmicrosoft.com',
  ])('%s is not a GUID', (s) => {
    expect(isGuid(s)).toBe(false);
  });
});

describe('token and validate judge a loopback redirect_uri alike', () => {
  const client = (redirect: string): string =>
    [
      'client_id=11111111-2222-3333-4444-555555555555',
      'client_secret=fak8Q~NotARealSecretJustForLoopbackTests',
      'auth_url=https://login.microsoftonline.com/8eaef023-2b34-4da1-9baa-8bc8c9d6a490/oauth2/authorize?resource=https%3A%2F%2Fgraph.windows.net',
      'token_url=https://login.microsoftonline.com/8eaef023-2b34-4da1-9baa-8bc8c9d6a490/oauth2/token',
      `redirect_uri=${redirect}`,
      'reauthenticate=true',
    ].join('\n');

  it.each([
    ['https://[0:0:0:0:0:0:0:1]:44300/wdatpconnector', true],
    ['https://[::ffff:127.0.0.1]:44300/wdatpconnector', true],
    ['https://127.0.0.2:44300/wdatpconnector', true],
    ['https://[::2]:44300/wdatpconnector', false],
    ['https://arcsight.example.com:44300/wdatpconnector', false],
  ])('%s: loopback %s', (redirect, loopback) => {
    const text = client(redirect);
    const wda126 = lintSources([{ file: 'WDATP-connector.properties', kind: 'client-properties', bytes: Buffer.from(text, 'latin1') }]).findings.filter(
      (f) => f.ruleId === 'WDA126',
    );
    expect(wda126.length === 0).toBe(loopback);
    const read = (): unknown => clientConfigFromDocument(parseProperties(text), 'WDATP-connector.properties');
    if (loopback) expect(read).not.toThrow();
    else expect(read).toThrow(/redirect_uri must be on this machine/);
  });
});
