import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/index.js';
import { loadClientConfig, readClientConfig } from '../../src/oauth/index.js';
import { tempDir } from '../support/temp.js';

const TENANT = 'b3f1c7e2-1c3a-4f0e-9a51-2d7e6c1f0a11';
const GOOD = [
  'client_ID=7c1d9e3a-5b2f-4c8d-9e0a-1f2b3c4d5e6f',
  'client_secret=Qw8Q~abc.def-ghi_jkl',
  `auth_url=https\\://login.microsoftonline.com/${TENANT}/oauth2/authorize?resource\\=https%3A%2F%2Fgraph.windows.net`,
  `token_url=https\\://login.microsoftonline.com/${TENANT}/oauth2/token`,
  'redirect_uri=https\\://localhost\\:44300/wdatpconnector',
  'scope=',
  'reauthenticate=true',
];

async function file(lines: string[]): Promise<string> {
  const path = join(tempDir('oauth-config'), 'WDATP-connector.properties');
  await writeFile(path, `${lines.join('\n')}\n`, 'latin1');
  return path;
}

async function configError(lines: string[]): Promise<ConfigError> {
  const e = await readClientConfig(await file(lines)).catch((err: unknown) => err);
  expect(e).toBeInstanceOf(ConfigError);
  return e as ConfigError;
}

const replace = (key: string, value: string | undefined) =>
  GOOD.flatMap((l) => (l.startsWith(`${key}=`) ? (value === undefined ? [] : [`${key}=${value}`]) : [l]));

describe('readClientConfig', () => {
  it("reads Microsoft's file (client_ID spelling, escaped colons) and takes the resource from auth_url", async () => {
    const cfg = await readClientConfig(await file(GOOD));
    expect(cfg).toMatchObject({
      clientId: '7c1d9e3a-5b2f-4c8d-9e0a-1f2b3c4d5e6f',
      clientSecret: 'Qw8Q~abc.def-ghi_jkl',
      tokenUrl: `https://login.microsoftonline.com/${TENANT}/oauth2/token`,
      redirectUri: 'https://localhost:44300/wdatpconnector',
      resource: 'https://graph.windows.net',
    });
  });

  it('accepts the client_id spelling of the sample file', async () => {
    const lines = GOOD.map((l) => l.replace(/^client_ID=/, 'client_id='));
    expect((await readClientConfig(await file(lines))).clientId).toBe('7c1d9e3a-5b2f-4c8d-9e0a-1f2b3c4d5e6f');
  });

  it('names the missing key, and the line of an empty one', async () => {
    expect((await configError(replace('client_secret', undefined))).message).toBe('client_secret is missing.');
    const empty = await configError(replace('token_url', ''));
    expect([empty.message, empty.line]).toEqual(['token_url is empty.', 4]);
  });

  it('refuses plain http except on loopback, where it is accepted with a notice', async () => {
    const http = await configError(replace('token_url', `http://login.microsoftonline.com/${TENANT}/oauth2/token`));
    expect(http.message).toMatch(/token_url must use https/);
    const local = await loadClientConfig(
      await file(
        replace('token_url', 'http://127.0.0.1:8080/contoso.onmicrosoft.com/oauth2/token').map((l) =>
          l.startsWith('auth_url=') ? 'auth_url=http://127.0.0.1:8080/contoso.onmicrosoft.com/oauth2/authorize?resource=https%3A%2F%2Fgraph.windows.net' : l,
        ),
      ),
    );
    expect(local.notices.map((n) => n.message).join('\n')).toMatch(/token_url is on a loopback address \(127\.0\.0\.1:8080\)/);
  });

  it("explains an auth_url without /oauth2/authorize (as one of Microsoft's pages writes it)", async () => {
    const e = await configError(replace('auth_url', `https://login.microsoftonline.com/${TENANT}?resource=https%3A%2F%2Fgraph.windows.net`));
    expect(e.message).toMatch(/not point at an Azure AD v1 authorize endpoint/);
    expect(e.hint).toBe(`Use https://login.microsoftonline.com/${TENANT}/oauth2/authorize?resource=https%3A%2F%2Fgraph.windows.net`);
  });

  it('refuses different tenants in auth_url and token_url, and a redirect_uri off this machine', async () => {
    expect((await configError(replace('token_url', 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/token'))).message).toMatch(
      /different login hosts or tenants/,
    );
    expect((await configError(replace('redirect_uri', 'https://connector.example.com:44300/cb'))).message).toMatch(/redirect_uri must be on this machine/);
  });

  it('refuses a secret with trailing spaces and notes a secret that looks like a Secret ID', async () => {
    expect((await configError(replace('client_secret', 'Qw8Q~abc  '))).message).toMatch(/spaces around it/);
    const guid = await loadClientConfig(await file(replace('client_secret', '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b')));
    expect(guid.notices.map((n) => n.message).join('\n')).toMatch(/looks like a GUID/);
  });
});

describe('readClientConfig: Graph client files (identity platform v2)', () => {
  const graphFile = (login: string, graph: string) => [
    'client_id=7c1d9e3a-5b2f-4c8d-9e0a-1f2b3c4d5e6f',
    'client_secret=Qw8Q~abc.def-ghi_jkl',
    `auth_url=https\\://${login}/${TENANT}/oauth2/v2.0/authorize`,
    `token_url=https\\://${login}/${TENANT}/oauth2/v2.0/token`,
    'redirect_uri=https\\://localhost\\:44300/wdatpconnector',
    `scope=offline_access https\\://${graph}/SecurityAlert.Read.All`,
  ];
  const GRAPH = graphFile('login.microsoftonline.com', 'graph.microsoft.com');
  const with_ = (key: string, value: string | undefined) =>
    GRAPH.flatMap((l) => (l.startsWith(`${key}=`) ? (value === undefined ? [] : [`${key}=${value}`]) : [l]));

  it.each([
    ['commercial/gcc', 'login.microsoftonline.com', 'graph.microsoft.com'],
    ['gcc-high', 'login.microsoftonline.us', 'graph.microsoft.us'],
    ['dod', 'login.microsoftonline.us', 'dod-graph.microsoft.us'],
  ])('recognises the %s file: v2 endpoints, the scope, no resource', async (_cloud, login, graph) => {
    const { config, notices } = await loadClientConfig(await file(graphFile(login, graph)));
    expect(config).toMatchObject({
      platform: 'v2',
      scope: `offline_access https://${graph}/SecurityAlert.Read.All`,
      authUrl: `https://${login}/${TENANT}/oauth2/v2.0/authorize`,
      tokenUrl: `https://${login}/${TENANT}/oauth2/v2.0/token`,
    });
    expect(config.resource).toBeUndefined();
    expect(notices).toEqual([]);
  });

  it('a v1 file stays v1 (resource from auth_url, no scope)', async () => {
    const cfg = await readClientConfig(await file(GOOD));
    expect([cfg.platform, cfg.scope, cfg.resource]).toEqual(['v1', undefined, 'https://graph.windows.net']);
  });

  it('refuses resource= on a v2 auth_url (AADSTS901002) at its line', async () => {
    const e = await configError(
      with_('auth_url', `https\\://login.microsoftonline.com/${TENANT}/oauth2/v2.0/authorize?resource\\=https%3A%2F%2Fgraph.microsoft.com`),
    );
    expect([e.message, e.line]).toEqual(['auth_url carries resource=, which the identity platform v2 refuses (AADSTS901002).', 3]);
  });

  it('refuses v1 and v2 endpoints mixed, naming the one to change', async () => {
    const e = await configError(with_('token_url', `https\\://login.microsoftonline.com/${TENANT}/oauth2/token`));
    expect(e.message).toMatch(/^token_url does not point at an identity platform v2 \(Graph\) token endpoint/);
    expect(e.hint).toContain(`/${TENANT}/oauth2/v2.0/token (auth_url is a v2.0 endpoint, so token_url must be one too)`);
  });

  it('needs a scope; one without offline_access is noted (no refresh token will come back)', async () => {
    expect((await configError(with_('scope', undefined))).message).toBe('scope is missing.');
    const { notices } = await loadClientConfig(await file(with_('scope', 'https\\://graph.microsoft.com/SecurityAlert.Read.All')));
    expect(notices.map((n) => [n.message, n.line])).toEqual([['scope lacks offline_access: the token endpoint will not return a refresh token.', 6]]);
  });
});
