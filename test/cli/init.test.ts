import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseProperties } from '../../src/properties/index.js';
import { repoRoot, runCli } from '../support/cli.js';

const example = join(repoRoot, 'fixtures', 'values', 'example.json');
const secret = 'Zx9~q=wV:8#!\\ süß';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wdatp-init-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const props = async (path: string): Promise<Map<string, string>> => parseProperties(await readFile(path, 'latin1')).toMap();

describe('init --non-interactive', () => {
  it('writes the three files from --values and a secret from the environment, and prints the form values', async () => {
    const r = await runCli(
      ['init', '--non-interactive', '--values', example, '--client-secret-env', 'MY_SECRET', '--out', dir],
      { env: { MY_SECRET: secret } },
    );
    expect(r.stderr).not.toContain('Error');
    expect(r.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([
      'WDATP-connector.jsonparser.properties',
      'WDATP-connector.properties',
      'WDATP-connector.values.json',
    ]);
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
    expect(JSON.parse(await readFile(join(dir, 'WDATP-connector.values.json'), 'utf8'))).toEqual(
      JSON.parse(await readFile(example, 'utf8')),
    );
    expect(r.stdout).toMatch(/Configuration File:\s+WDATP-connector\n/);
    expect(r.stdout).toMatch(/Events URL:\s+https:\/\/wdatp-alertexporter-eu\.securitycenter\.windows\.com\/api\/alerts\?sinceTimeUtc=\$START_AT_TIME\n/);
    expect(r.stdout).toMatch(/Authentication Type:\s+OAuth 2\n/);
    expect(r.stdout).toContain(`OAuth 2 Client Properties file: ${join(dir, 'WDATP-connector.properties')}\n`);
    expect(r.stdout).toContain(`wdatp-arcsight token --config ${join(dir, 'WDATP-connector.properties')}`);
    expect(r.stdout + r.stderr).not.toContain('Zx9~q');
  });

  it('takes every value from flags, the secret from stdin, and writes into an ArcSight install tree', async () => {
    const r = await runCli(
      [
        'init', '--non-interactive', '--tenant', 'contoso.onmicrosoft.us', '--cloud', 'dod', '--client-id',
        '4f6a2b1c-93d7-4e8a-b5c0-1d2e3f405162', '--resource', 'https://WDATPAlertExport.Seville.onmicrosoft.com',
        '--redirect-uri', 'http://127.0.0.1:8443/cb', '--no-reauthenticate', '--prefix', 'MDE_prod', '--mapping', 'v1',
        '--client-secret-stdin', '--arcsight-home', dir,
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
    const r = await runCli(['init', '--non-interactive', '--tenant', 'contoso.onmicrosoft.com', '--region', 'eu', '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--client-id');
    expect(r.stderr).not.toContain('--tenant (or');
    expect(await readdir(dir)).toEqual([]);
  });

  it('no TTY means no prompts: init without flags fails with exit 2 naming the flags', async () => {
    const r = await runCli(['init', '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--tenant .*--region .*--client-id/s);
  });

  it('a bad flag value is exit 2 naming the flag and showing a valid example', async () => {
    const r = await runCli(['init', '--non-interactive', '--values', example, '--tenant', 'common', '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--tenant: tenant must name your own directory.*contoso\.onmicrosoft\.com/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a bad values file is exit 2 naming the file, line and column', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{\n  "tenant": "contoso.onmicrosoft.com",\n  "region": "eu"\n  "clientId": "x"\n}\n');
    const r = await runCli(['init', '--non-interactive', '--values', bad, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:4:3`);

    await writeFile(bad, JSON.stringify({ tenant: 'contoso.onmicrosoft.com', region: 'eu', clientId: '4f6a2b1c-93d7-4e8a-b5c0-1d2e3f405162', clientSecret: 'x' }));
    const r2 = await runCli(['init', '--non-interactive', '--values', bad, '--out', dir]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain(bad);
    expect(r2.stderr).toMatch(/clientSecret must not be stored in a values file.*--client-secret-env/);
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

    r = await runCli(
      ['init', '--non-interactive', '--values', example, '--region', 'uk', '--mapping', 'v1', '--client-secret-env', 'S', '--out', dir],
      { env: { S: 'new-secret' } },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/differ.*nothing was written/s);
    expect(r.stderr).toContain('--force');
    expect(r.stderr).not.toMatch(/old-secret|new-secret/);
    expect(await readFile(clientPath)).toEqual(before);
    expect(await readFile(parserPath)).toEqual(parserBefore);

    r = await runCli(
      ['init', '--non-interactive', '--values', example, '--region', 'uk', '--client-secret-env', 'S', '--out', dir, '--force'],
      { env: { S: 'new-secret' } },
    );
    expect(r.code).toBe(0);
    expect((await props(clientPath)).get('client_secret')).toBe('new-secret');
  });
});
