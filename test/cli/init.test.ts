import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseProperties } from '../../src/properties/index.js';
import { repoRoot, runCli } from '../support/cli.js';
import { cliSnapshot } from '../support/snapshot.js';
import { expectedGraphClientFile } from '../support/graph-client-file.js';
import { tempDir } from '../support/temp.js';

const example = join(repoRoot, 'fixtures', 'values', 'example.json');
const secret = 'Zx9~q=wV:8#!\\ süß';
let dir: string;

beforeEach(() => {
  dir = tempDir('init');
});

const props = async (path: string): Promise<Map<string, string>> => parseProperties(await readFile(path, 'latin1')).toMap();

describe('init --non-interactive', () => {
  it('writes the three files from --values and a secret from the environment, and prints the form values', async () => {
    const r = await runCli(['init', '--non-interactive', '--values', example, '--client-secret-env', 'MY_SECRET', '--out', dir], {
      env: { MY_SECRET: secret },
    });
    expect(r.stderr).not.toContain('Error');
    expect(r.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['WDATP-connector.jsonparser.properties', 'WDATP-connector.properties', 'WDATP-connector.values.json']);
    const client = await props(join(dir, 'WDATP-connector.properties'));
    expect(Object.fromEntries(client)).toEqual({
      client_id: '4f6a2b1c-93d7-4e8a-b5c0-1d2e3f405162',
      client_secret: secret,
      auth_url: 'https://login.microsoftonline.com/8eaef023-2b34-4da1-9baa-8bc8c9d6a490/oauth2/authorize?resource=https%3A%2F%2Fgraph.windows.net',
      token_url: 'https://login.microsoftonline.com/8eaef023-2b34-4da1-9baa-8bc8c9d6a490/oauth2/token',
      redirect_uri: 'https://localhost:44300/wdatpconnector',
      scope: '',
      reauthenticate: 'true',
    });
    expect((await stat(join(dir, 'WDATP-connector.properties'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'WDATP-connector.jsonparser.properties'))).mode & 0o777).toBe(0o644);
    // Files are ISO-8859-1: the secret's non-ASCII characters are \u escapes, so every byte is ASCII here.
    const bytes = await readFile(join(dir, 'WDATP-connector.properties'));
    expect([...bytes].every((b) => b < 0x80)).toBe(true);
    const parser = await props(join(dir, 'WDATP-connector.jsonparser.properties'));
    expect(parser.get('event.deviceVersion')).toBe('__stringConstant("2.0")');
    // The values file init writes names the API the input left implicit (a values file without api is siem).
    expect(JSON.parse(await readFile(join(dir, 'WDATP-connector.values.json'), 'utf8'))).toEqual({
      api: 'siem',
      ...JSON.parse(await readFile(example, 'utf8')),
    });
    expect(cliSnapshot(r)).toMatchSnapshot();
    expect(r.stdout + r.stderr).not.toContain('Zx9~q');
  });

  it('takes every value from flags, the secret from stdin, and writes into an ArcSight install tree', async () => {
    const r = await runCli(
      [
        'init',
        '--non-interactive',
        '--api',
        'siem',
        '--tenant',
        'contoso.onmicrosoft.us',
        '--cloud',
        'dod',
        '--client-id',
        '4f6a2b1c-93d7-4e8a-b5c0-1d2e3f405162',
        '--resource',
        'https://WDATPAlertExport.Seville.onmicrosoft.com',
        '--redirect-uri',
        'http://127.0.0.1:8443/cb',
        '--no-reauthenticate',
        '--prefix',
        'MDE_prod',
        '--mapping',
        'v1',
        '--client-secret-stdin',
        '--arcsight-home',
        dir,
      ],
      { input: `${secret}\n` },
    );
    expect(r.code).toBe(0);
    const client = await props(join(dir, 'MDE_prod.properties'));
    expect(client.get('client_secret')).toBe(secret);
    expect(client.get('auth_url')).toBe(
      'https://login.microsoftonline.us/contoso.onmicrosoft.us/oauth2/authorize?resource=https%3A%2F%2FWDATPAlertExport.Seville.onmicrosoft.com',
    );
    expect(client.get('redirect_uri')).toBe('http://127.0.0.1:8443/cb');
    expect(client.get('reauthenticate')).toBe('false');
    const parser = await props(join(dir, 'current', 'user', 'agent', 'flexagent', 'MDE_prod.jsonparser.properties'));
    expect(parser.get('event.deviceVersion')).toBe('__stringConstant("1.0")');
    expect(r.stdout).toContain('https://wdatp-alertexporter-us.securitycenter.windows.us/api/alerts?sinceTimeUtc=$START_AT_TIME');
    expect(r.stderr).toMatch(/has no current\/ folder/);
  });

  it('without a secret writes client_secret empty with a warning, and keeps an existing secret on re-run', async () => {
    let r = await runCli(['init', '--non-interactive', '--values', example, '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Warning: no client secret was given/);
    expect((await props(join(dir, 'WDATP-connector.properties'))).get('client_secret')).toBe('');

    r = await runCli(['init', '--non-interactive', '--values', example, '--out', dir, '--client-secret-env', 'S', '--force'], { env: { S: 'first' } });
    expect(r.code).toBe(0);
    r = await runCli(['init', '--non-interactive', '--values', example, '--out', dir, '--mapping', 'v1', '--force']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/Warning/);
    expect((await props(join(dir, 'WDATP-connector.properties'))).get('client_secret')).toBe('first');
  });

  it('a missing required value is exit 2 naming the flag, and nothing is written', async () => {
    const r = await runCli(['init', '--non-interactive', '--api', 'siem', '--tenant', 'contoso.onmicrosoft.com', '--region', 'eu', '--out', dir]);
    expect(cliSnapshot(r)).toMatchSnapshot();
    expect(await readdir(dir)).toEqual([]);
  });

  it('no TTY means no prompts: init without flags fails with exit 2 naming the flags (Graph: no region)', async () => {
    expect(cliSnapshot(await runCli(['init', '--out', dir]))).toMatchSnapshot('graph');
    expect(cliSnapshot(await runCli(['init', '--api', 'siem', '--out', dir]))).toMatchSnapshot('siem');
  });

  it('a bad flag value is exit 2 naming the flag and showing a valid example', async () => {
    const r = await runCli(['init', '--non-interactive', '--values', example, '--tenant', 'common', '--out', dir]);
    expect(cliSnapshot(r)).toMatchSnapshot();
    expect(await readdir(dir)).toEqual([]);
  });

  it('a bad values file is exit 2 naming the file, line and column', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{\n  "tenant": "contoso.onmicrosoft.com",\n  "region": "eu"\n  "clientId": "x"\n}\n');
    const r = await runCli(['init', '--non-interactive', '--values', bad, '--out', dir]);
    expect(cliSnapshot(r)).toMatchSnapshot('JSON syntax');

    await writeFile(
      bad,
      JSON.stringify({ tenant: 'contoso.onmicrosoft.com', region: 'eu', clientId: '4f6a2b1c-93d7-4e8a-b5c0-1d2e3f405162', clientSecret: 'x' }),
    );
    expect(cliSnapshot(await runCli(['init', '--non-interactive', '--values', bad, '--out', dir]))).toMatchSnapshot('secret in the file');
  });

  it('refuses a secret on the command line', async () => {
    const r = await runCli(['init', '--non-interactive', '--values', example, '--client-secret', 'hunter2', '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not accepted on the command line/);
    expect(r.stderr).not.toContain('hunter2');
    expect(await readdir(dir)).toEqual([]);
  });

  it('an existing different file is not overwritten without --force: exit 2, diff shown with the secret masked, file unchanged', async () => {
    let r = await runCli(['init', '--non-interactive', '--values', example, '--client-secret-env', 'S', '--out', dir], { env: { S: 'old-secret' } });
    expect(r.code).toBe(0);
    const clientPath = join(dir, 'WDATP-connector.properties');
    const parserPath = join(dir, 'WDATP-connector.jsonparser.properties');
    const before = await readFile(clientPath);
    const parserBefore = await readFile(parserPath);

    r = await runCli(['init', '--non-interactive', '--values', example, '--region', 'uk', '--mapping', 'v1', '--client-secret-env', 'S', '--out', dir], {
      env: { S: 'new-secret' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/differ.*nothing was written/s);
    expect(r.stderr).toContain('--force');
    expect(r.stderr).not.toMatch(/old-secret|new-secret/);
    expect(await readFile(clientPath)).toEqual(before);
    expect(await readFile(parserPath)).toEqual(parserBefore);

    r = await runCli(['init', '--non-interactive', '--values', example, '--region', 'uk', '--client-secret-env', 'S', '--out', dir, '--force'], {
      env: { S: 'new-secret' },
    });
    expect(r.code).toBe(0);
    expect((await props(clientPath)).get('client_secret')).toBe('new-secret');
  });
});

describe('init for Microsoft Graph alerts_v2', () => {
  const tenant = '8eaef023-2b34-4da1-9baa-8bc8c9d6a490';
  const clientId = '4f6a2b1c-93d7-4e8a-b5c0-1d2e3f405162';

  it('is the default: v2 endpoints and scope in the client file, no resource, api and v3 in the values, the Events URL and caveats printed', async () => {
    const r = await runCli(['init', '--non-interactive', '--tenant', tenant, '--client-id', clientId, '--client-secret-env', 'S', '--out', dir], {
      env: { S: secret },
    });
    expect(r.stderr).not.toContain('Error');
    expect(r.code).toBe(0);
    const clientText = await readFile(join(dir, 'WDATP-connector.properties'), 'latin1');
    expect(Object.fromEntries(parseProperties(clientText).toMap())).toEqual(expectedGraphClientFile(tenant, clientId, secret));
    expect(clientText).not.toMatch(/resource=/);
    expect(clientText).toMatch(/^# .*identity platform v2/m);
    expect(clientText).toMatch(/^# scope: offline_access makes the token endpoint return a refresh token/m);
    expect(JSON.parse(await readFile(join(dir, 'WDATP-connector.values.json'), 'utf8'))).toEqual({
      api: 'graph',
      tenant,
      cloud: 'commercial',
      clientId,
      redirectUri: 'https://localhost:44300/wdatpconnector',
      reauthenticate: true,
      prefix: 'WDATP-connector',
      mapping: 'v3',
    });
    const parser = await props(join(dir, 'WDATP-connector.jsonparser.properties'));
    expect(parser.get('trigger.node.location')).toBe('/value');
    expect(cliSnapshot(r)).toMatchSnapshot();
    expect(r.stdout + r.stderr).not.toContain('Zx9~q');
  });

  it.each([
    ['gcc', 'login.microsoftonline.com', 'graph.microsoft.com'],
    ['gcc-high', 'login.microsoftonline.us', 'graph.microsoft.us'],
    ['dod', 'login.microsoftonline.us', 'dod-graph.microsoft.us'],
  ])('the %s cloud picks %s and %s', async (cloud, login, graph) => {
    const r = await runCli(['init', '--non-interactive', '--api', 'graph', '--cloud', cloud, '--tenant', tenant, '--client-id', clientId, '--out', dir]);
    expect(r.code).toBe(0);
    const client = await props(join(dir, 'WDATP-connector.properties'));
    expect(client.get('token_url')).toBe(`https://${login}/${tenant}/oauth2/v2.0/token`);
    expect(client.get('scope')).toBe(`offline_access https://${graph}/SecurityAlert.Read.All`);
    expect(r.stdout).toContain(`https://${graph}/v1.0/security/alerts_v2?$filter=lastUpdateDateTime%20ge%20$START_AT_TIME&$top=2000`);
  });

  it.each([
    [['--mapping', 'v2'], /--mapping: mapping must be "v3" with api graph/],
    [['--region', 'eu'], /--region: region does not apply to api graph.*--api siem/],
    [['--resource', 'https://graph.windows.net'], /--resource: resource does not apply to api graph/],
    [['--api', 'siem', '--region', 'eu', '--mapping', 'v3'], /--mapping: mapping "v3" maps Graph alerts_v2 and needs api "graph"/],
  ])('a mismatch of API and %j is exit 2 that says so, and nothing is written', async (extra, message) => {
    const r = await runCli(['init', '--non-interactive', '--tenant', tenant, '--client-id', clientId, ...extra, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a Graph values file with a region is exit 2 naming the file and saying why', async () => {
    const file = join(dir, 'graph.json');
    await writeFile(file, JSON.stringify({ api: 'graph', tenant, clientId, region: 'eu' }));
    const r = await runCli(['init', '--non-interactive', '--values', file, '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(/region does not apply to api graph: Microsoft Graph has one alerts_v2 endpoint per cloud/);
  });

  it.each([
    ['a secret ID', '5f0c2b6e-3a1d-4c9b-8e7f-0a1b2c3d4e5f', /secret ID shown beside the value/],
    ['the client id', clientId.toUpperCase(), /client_secret is the client id/],
  ])('refuses %s as the client secret with exit 2 and the fix, writing nothing', async (_what, guid, message) => {
    const r = await runCli(['init', '--non-interactive', '--tenant', tenant, '--client-id', clientId, '--client-secret-stdin', '--out', dir], {
      input: `${guid}\n`,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('copy the Value column, not the Secret ID');
    expect(r.stderr).toContain('standard input');
    expect(await readdir(dir)).toEqual([]);
  });
});
