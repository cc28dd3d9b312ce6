import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderConnectorFiles, validateValues } from '../../src/connector/index.js';
import { javaLoad } from '../connector/java-props.js';
import { repoRoot, runCli } from '../support/cli.js';
import { cliSnapshot } from '../support/snapshot.js';
import { expectedGraphClientFile } from '../support/graph-client-file.js';
import { tempDir } from '../support/temp.js';

const legacyFixture = join(repoRoot, 'fixtures', 'legacy-setup');
const example = join(repoRoot, 'fixtures', 'values', 'example.json');
const secret = 'Qx18Q~fictional.secret_value-for~tests0aB';
const tenant = '8eaef023-2b34-4da1-9baa-8bc8c9d6a490';
const clientId = '4f6a2b1c-93d7-4e8a-b5c0-1d2e3f405162';
const LEGACY = ['WDATP-connector.jsonparser.properties', 'WDATP-connector.properties', 'WDATP-connector.values.json'];
let dir: string;

beforeEach(() => {
  dir = tempDir('migrate');
});

async function snapshot(folder: string, names: string[]): Promise<Array<[string, string, number]>> {
  return Promise.all(
    names.map(async (n) => [n, (await readFile(join(folder, n))).toString('base64'), (await stat(join(folder, n))).mode & 0o777] as [string, string, number]),
  );
}

describe('migrate a legacy connector folder', () => {
  it('writes the Graph set-up beside it, carries the secret over, leaves the legacy files byte-identical, and says what changes', async () => {
    await cp(legacyFixture, dir, { recursive: true });
    const before = await snapshot(dir, LEGACY);

    const r = await runCli(['migrate', dir]);
    expect(r.stderr).not.toContain('Error');
    expect(r.code).toBe(0);
    expect(await snapshot(dir, LEGACY)).toEqual(before);
    expect(await snapshot(dir, LEGACY)).toEqual(
      await snapshot(legacyFixture, LEGACY).then((s) => s.map(([n, b]) => [n, b, before.find((x) => x[0] === n)![2]])),
    );

    expect(JSON.parse(await readFile(join(dir, 'WDATP-connector-graph.values.json'), 'utf8'))).toEqual({
      api: 'graph',
      tenant,
      cloud: 'commercial',
      clientId,
      redirectUri: 'https://localhost:44300/wdatpconnector',
      reauthenticate: true,
      prefix: 'WDATP-connector-graph',
      mapping: 'v3',
    });
    const clientPath = join(dir, 'WDATP-connector-graph.properties');
    expect((await stat(clientPath)).mode & 0o777).toBe(0o600);
    const [loaded] = await javaLoad([await readFile(clientPath, 'latin1')]);
    expect(loaded).toEqual(expectedGraphClientFile(tenant, clientId, secret));
    // The same files `render` makes of the migrated values: render --check of the new set-up is green.
    const check = await runCli(['render', '--values', join(dir, 'WDATP-connector-graph.values.json'), '--check', '--client-secret-env', 'S'], {
      env: { S: secret },
    });
    expect(check.code).toBe(0);

    expect(r.stdout + r.stderr).not.toContain(secret);
    // The summary: secret carried over, the Events URL, the app registration changes, and what changes for content.
    expect(cliSnapshot(r)).toMatchSnapshot();
  });

  it('refuses to overwrite: an edited Graph file needs --force (exit 2 until then), a legacy file is never replaced', async () => {
    await cp(legacyFixture, dir, { recursive: true });
    expect((await runCli(['migrate', dir])).code).toBe(0);
    const graphValues = join(dir, 'WDATP-connector-graph.values.json');
    await writeFile(graphValues, '{"edited": true}\n');

    let r = await runCli(['migrate', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/differs? from what would be written; nothing was written/);
    expect(await readFile(graphValues, 'utf8')).toBe('{"edited": true}\n');
    r = await runCli(['migrate', dir, '--force']);
    expect(r.code).toBe(0);
    expect(JSON.parse(await readFile(graphValues, 'utf8'))).toMatchObject({ api: 'graph' });

    const before = await snapshot(dir, LEGACY);
    r = await runCli(['migrate', dir, '--prefix', 'WDATP-connector', '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/would overwrite the legacy file .*WDATP-connector\.(jsonparser\.)?properties; migrate never changes the legacy set-up/);
    expect(await snapshot(dir, LEGACY)).toEqual(before);
  });
});

describe('migrate an ArcSight install', () => {
  it('puts the Graph parser file into current/user/agent/flexagent/ beside the legacy one, which stays as it was', async () => {
    const flexagent = join(dir, 'current', 'user', 'agent', 'flexagent');
    await mkdir(flexagent, { recursive: true });
    await cp(join(legacyFixture, 'WDATP-connector.properties'), join(dir, 'WDATP-connector.properties'));
    await cp(join(legacyFixture, 'WDATP-connector.jsonparser.properties'), join(flexagent, 'WDATP-connector.jsonparser.properties'));
    const legacyParser = await readFile(join(flexagent, 'WDATP-connector.jsonparser.properties'));

    const r = await runCli(['migrate', dir]);
    expect(r.code).toBe(0);
    expect((await readdir(flexagent)).sort()).toEqual(['WDATP-connector-graph.jsonparser.properties', 'WDATP-connector.jsonparser.properties']);
    expect(await readFile(join(flexagent, 'WDATP-connector.jsonparser.properties'))).toEqual(legacyParser);
    expect(await readdir(dir)).toContain('WDATP-connector-graph.properties');
    expect(r.stdout).not.toMatch(/^Copy /m);
    expect(r.stderr).toContain(join(flexagent, 'WDATP-connector.jsonparser.properties'));
  });
});

describe('migrate --values', () => {
  it('takes the shipped example: Graph set-up in --out, secret empty with a warning (no client file beside it)', async () => {
    const r = await runCli(['migrate', '--values', example, '--out', dir]);
    expect(r.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([
      'WDATP-connector-graph.jsonparser.properties',
      'WDATP-connector-graph.properties',
      'WDATP-connector-graph.values.json',
    ]);
    expect(r.stderr).toMatch(/Warning: the legacy set-up had no client secret/);
    const values = validateValues(JSON.parse(await readFile(join(dir, 'WDATP-connector-graph.values.json'), 'utf8')));
    expect(await readFile(join(dir, 'WDATP-connector-graph.properties'), 'latin1')).toBe(renderConnectorFiles(values, undefined).clientProperties);
  });

  it('takes the secret from the client file beside the values file', async () => {
    await cp(legacyFixture, dir, { recursive: true });
    const r = await runCli(['migrate', '--values', join(dir, 'WDATP-connector.values.json'), '--out', join(dir, 'graph')]);
    expect(r.code).toBe(0);
    const [loaded] = await javaLoad([await readFile(join(dir, 'graph', 'WDATP-connector-graph.properties'), 'latin1')]);
    expect(loaded!.client_secret).toBe(secret);
  });

  it('a Graph values file has nothing to migrate: exit 2', async () => {
    const file = join(dir, 'graph.json');
    await writeFile(file, JSON.stringify({ api: 'graph', tenant, clientId }));
    const r = await runCli(['migrate', '--values', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already a Graph set-up/);
  });
});

describe('migrate: usage and config errors', () => {
  it('without a folder or --values is exit 2 naming both', async () => {
    expect(cliSnapshot(await runCli(['migrate']))).toMatchSnapshot();
  });

  it('two legacy client files are exit 2 naming both, control characters in names escaped', async () => {
    const text = await readFile(join(legacyFixture, 'WDATP-connector.properties'));
    await writeFile(join(dir, 'A.properties'), text);
    await writeFile(join(dir, 'B\u001b[31m.properties'), text);
    const r = await runCli(['migrate', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(A.properties, B\\u001b[31m.properties); migrate one set-up at a time');
    expect(r.stderr).not.toContain('\u001b');
  });

  it('a folder without a client file is exit 2', async () => {
    const r = await runCli(['migrate', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No OAuth 2 client properties file/);
  });

  it('login.microsoftonline.us serves GCC High and DoD: exit 2 asking for --cloud, then --cloud dod picks dod-graph', async () => {
    const legacy = validateValues({ tenant: 'contoso.onmicrosoft.us', cloud: 'gcc-high', clientId });
    await writeFile(join(dir, 'MDE.properties'), renderConnectorFiles({ ...legacy, prefix: 'MDE' }, secret).clientProperties, 'latin1');
    let r = await runCli(['migrate', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/serves both GCC High and DoD.*\n?.*--cloud gcc-high or --cloud dod/);
    expect(await readdir(dir)).toEqual(['MDE.properties']);

    r = await runCli(['migrate', dir, '--cloud', 'dod']);
    expect(r.code).toBe(0);
    const [loaded] = await javaLoad([await readFile(join(dir, 'MDE-graph.properties'), 'latin1')]);
    expect(loaded).toMatchObject({
      client_secret: secret,
      token_url: 'https://login.microsoftonline.us/contoso.onmicrosoft.us/oauth2/v2.0/token',
      scope: 'offline_access https://dod-graph.microsoft.us/SecurityAlert.Read.All',
    });
  });

  it('a client file whose token_url is not a Microsoft login host is exit 2 naming file:line:column', async () => {
    await writeFile(join(dir, 'X.properties'), `client_id=${clientId}\nclient_secret=s\ntoken_url=https://login.example.com/t/oauth2/token\n`);
    expect(cliSnapshot(await runCli(['migrate', dir]))).toMatchSnapshot();
  });
});
