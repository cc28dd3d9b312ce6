/**
 * The `init` wizard driven through @inquirer/testing without a TTY: the whole command runs in-process through
 * main(), with the prompts answered on a virtual screen.
 */
import { screen } from '@inquirer/testing/vitest';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseProperties } from '../../src/properties/index.js';
import { tempDir } from '../support/temp.js';

const clientId = '4f6a2b1c-93d7-4e8a-b5c0-1d2e3f405162';
let dir: string;

beforeEach(() => {
  dir = tempDir('wizard');
});

function fakeIO() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (d: Buffer) => out.push(d.toString()));
  stderr.on('data', (d: Buffer) => err.push(d.toString()));
  return {
    io: { stdin, stdout, stderr, env: { NO_COLOR: '1' }, cwd: dir },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

/** Waits until the virtual screen shows `text` (prompts appear after main() has loaded the command). */
async function waitFor(text: string): Promise<void> {
  for (let i = 0; i < 500 && !screen.getScreen().includes(text); i++) await new Promise((r) => setTimeout(r, 10));
  expect(screen.getScreen()).toContain(text);
}

async function answer(text: string): Promise<void> {
  if (text) screen.type(text);
  screen.keypress('enter');
  await screen.next();
}

describe('init wizard', () => {
  it('happy path: asks, validates, summarises, writes the files and prints the form values', async () => {
    const io = fakeIO();
    const run = main(['init'], io.io);

    await waitFor('Source API');
    expect(io.stderr()).toMatch(/Graph alerts_v2 is proposed: Microsoft deprecated the SIEM API and may switch it off/);
    screen.keypress('down'); // the legacy SIEM API
    await answer('');
    await waitFor('Tenant');
    await answer('contoso.onmicrosoft.com');
    await waitFor('Microsoft cloud');
    await answer(''); // commercial
    await waitFor('region');
    screen.keypress('down'); // us
    await answer('');
    await waitFor('client) ID');
    await answer(clientId);
    await waitFor('Client secret');
    await answer('s3cr=t\\x y');
    expect(screen.getScreen()).not.toContain('s3cr');
    await waitFor('advanced settings');
    await answer(''); // keep defaults
    await waitFor('Folder');
    await answer(''); // . = the working folder
    await waitFor('Write these files?');
    expect(io.stderr()).toContain('Summary:');
    expect(io.stderr()).toContain('https://wdatp-alertexporter-us.securitycenter.windows.com/api/alerts?sinceTimeUtc=$START_AT_TIME');
    expect(io.stderr()).not.toContain('s3cr=t');
    screen.keypress('enter');

    expect(await run).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['WDATP-connector.jsonparser.properties', 'WDATP-connector.properties', 'WDATP-connector.values.json']);
    const client = parseProperties(await readFile(join(dir, 'WDATP-connector.properties'), 'latin1')).toMap();
    expect(client.get('client_secret')).toBe('s3cr=t\\x y');
    expect(client.get('client_id')).toBe(clientId);
    expect(client.get('token_url')).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/token');
    expect((await stat(join(dir, 'WDATP-connector.properties'))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(join(dir, 'WDATP-connector.values.json'), 'utf8'))).toEqual({
      api: 'siem',
      tenant: 'contoso.onmicrosoft.com',
      cloud: 'commercial',
      region: 'us',
      clientId,
      resource: 'https://graph.windows.net',
      redirectUri: 'https://localhost:44300/wdatpconnector',
      reauthenticate: true,
      prefix: 'WDATP-connector',
      mapping: 'v2',
    });
    const out = io.stdout();
    expect(out).toMatch(/Configuration File:\s+WDATP-connector/);
    expect(out).toMatch(/Authentication Type:\s+OAuth 2/);
    expect(out).toContain(`wdatp-arcsight token --config ${join(dir, 'WDATP-connector.properties')}`);
    expect(out + io.stderr()).not.toContain('s3cr=t');
  });

  it('shows the validation message for an invalid tenant, then accepts the corrected one', async () => {
    const io = fakeIO();
    const run = main(['init', '--out', dir, '--api', 'siem', '--mapping', 'v1'], io.io);

    await waitFor('Tenant');
    await answer('common');
    await waitFor('multi-tenant alias');
    for (let i = 0; i < 'common'.length; i++) screen.keypress('backspace');
    await answer('00000000-0000-0000-0000-000000000000');
    await waitFor('empty GUID');
    for (let i = 0; i < 36; i++) screen.keypress('backspace');
    await answer('8eaef023-2b34-4da1-9baa-8bc8c9d6a490');
    await waitFor('Microsoft cloud');
    screen.keypress('down'); // gcc: no region question
    await answer('');
    await waitFor('client) ID');
    await answer('not-a-guid');
    await waitFor('clientId must be the application (client) ID');
    for (let i = 0; i < 'not-a-guid'.length; i++) screen.keypress('backspace');
    await answer(clientId);
    await answer(''); // empty secret: written empty, with a warning
    await answer(''); // keep advanced defaults (--mapping v1 from the flag stays)
    await waitFor('Write these files?');
    expect(io.stderr()).toMatch(/Client secret:\s+EMPTY/);
    screen.keypress('enter');

    expect(await run).toBe(0);
    const client = parseProperties(await readFile(join(dir, 'WDATP-connector.properties'), 'latin1')).toMap();
    expect(client.get('client_secret')).toBe('');
    expect(client.get('auth_url')).toBe(
      'https://login.microsoftonline.com/8eaef023-2b34-4da1-9baa-8bc8c9d6a490/oauth2/authorize?resource=https%3A%2F%2Fgraph.windows.net',
    );
    expect(io.stdout()).toContain('https://wdatp-alertexporter-us.gcc.securitycenter.windows.us/api/alerts?sinceTimeUtc=$START_AT_TIME');
    expect(io.stderr()).toMatch(/Warning: no client secret/);
    const parser = await readFile(join(dir, 'WDATP-connector.jsonparser.properties'), 'latin1');
    expect(parser).toContain('mapping profile v1');
  });

  it('Ctrl+C exits 130 and writes nothing', async () => {
    const io = fakeIO();
    const run = main(['init'], io.io);
    await waitFor('Source API');
    await answer(''); // Graph: no region question
    await waitFor('Tenant');
    await answer('contoso.onmicrosoft.com');
    await answer('');
    await waitFor('client) ID');
    screen.type('4f6a');
    screen.keypress({ name: 'c', ctrl: true });

    expect(await run).toBe(130);
    expect(await readdir(dir)).toEqual([]);
    expect(io.stderr()).toMatch(/Interrupted: .*nothing was written/);
  });

  it('declining the summary exits 130 and writes nothing', async () => {
    const io = fakeIO();
    const run = main(['init', '--api', 'siem', '--tenant', 'contoso.onmicrosoft.com', '--region', 'eu', '--client-id', clientId, '--out', dir], io.io);
    // tenant, cloud? cloud is not a flag here, so it is asked; region and client ID are not.
    await waitFor('Microsoft cloud');
    await answer('');
    await waitFor('Client secret');
    await answer('x');
    await answer('');
    await waitFor('Write these files?');
    screen.type('n');
    screen.keypress('enter');
    expect(await run).toBe(130);
    expect(await readdir(dir)).toEqual([]);
  });

  it('Graph is preselected: no region or resource asked, a GUID secret is re-asked with the fix, v3 files written', async () => {
    const io = fakeIO();
    const run = main(['init', '--out', dir], io.io);

    await waitFor('Source API');
    expect(screen.getScreen()).toMatch(/❯ Microsoft Graph security alerts_v2/);
    await answer(''); // Graph, preselected
    await waitFor('Tenant');
    await answer('8eaef023-2b34-4da1-9baa-8bc8c9d6a490');
    await waitFor('Microsoft cloud');
    for (let i = 0; i < 3; i++) screen.keypress('down'); // dod
    await answer('');
    await waitFor('client) ID');
    expect(io.stderr()).not.toContain('region');
    await answer(clientId);
    await waitFor('Client secret');
    await answer('5f0c2b6e-3a1d-4c9b-8e7f-0a1b2c3d4e5f'); // the secret ID, not the value
    await waitFor('that is the secret ID shown beside the value');
    expect(screen.getScreen()).toContain('copy the Value column');
    for (let i = 0; i < 36; i++) screen.keypress('backspace');
    await answer('Qx18Q~real.value_not-a-guid');
    await waitFor('advanced settings');
    expect(screen.getScreen()).not.toContain('resource');
    await answer('');
    await waitFor('Write these files?');
    expect(io.stderr()).toMatch(/Source API:\s+graph/);
    expect(io.stderr()).toContain('https://dod-graph.microsoft.us/v1.0/security/alerts_v2?$filter=lastUpdateDateTime%20ge%20$START_AT_TIME&$top=2000');
    screen.keypress('enter');

    expect(await run).toBe(0);
    const client = parseProperties(await readFile(join(dir, 'WDATP-connector.properties'), 'latin1')).toMap();
    expect(client.get('client_secret')).toBe('Qx18Q~real.value_not-a-guid');
    expect(client.get('auth_url')).toBe('https://login.microsoftonline.us/8eaef023-2b34-4da1-9baa-8bc8c9d6a490/oauth2/v2.0/authorize');
    expect(client.get('scope')).toBe('offline_access https://dod-graph.microsoft.us/SecurityAlert.Read.All');
    expect(JSON.parse(await readFile(join(dir, 'WDATP-connector.values.json'), 'utf8'))).toEqual({
      api: 'graph',
      tenant: '8eaef023-2b34-4da1-9baa-8bc8c9d6a490',
      cloud: 'dod',
      clientId,
      redirectUri: 'https://localhost:44300/wdatpconnector',
      reauthenticate: true,
      prefix: 'WDATP-connector',
      mapping: 'v3',
    });
    expect(io.stdout()).toContain('@odata.nextLink');
    expect(io.stdout()).toContain('wdatp-arcsight pull');
  });
});
