import { copyFile, cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../support/cli.js';
import { cliSnapshot } from '../support/snapshot.js';
import { tempDir } from '../support/temp.js';

const example = join(repoRoot, 'fixtures', 'values', 'example.json');
let dir: string;

beforeEach(() => {
  dir = tempDir('render');
});

describe('render', () => {
  it('renders beside the values file by default, then --check is 0 while nothing changed', async () => {
    const values = join(dir, 'WDATP-connector.values.json');
    await copyFile(example, values);
    let r = await runCli(['render', '--values', values, '--client-secret-env', 'S'], { env: { S: 'the-secret' } });
    expect(r.code).toBe(0);
    expect(await readFile(join(dir, 'WDATP-connector.jsonparser.properties'), 'latin1')).toContain('token.count=47');

    // CI has no secret: everything but the client_secret value is compared.
    r = await runCli(['render', '--values', values, '--check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Up to date: 2 file\(s\) match .*client_secret value not compared/);

    // With the secret, it is compared too (and still never shown).
    r = await runCli(['render', '--values', values, '--check', '--client-secret-env', 'S'], { env: { S: 'the-secret' } });
    expect(r.code).toBe(0);
    r = await runCli(['render', '--values', values, '--check', '--client-secret-env', 'S'], { env: { S: 'other' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/client_secret value differs \(not shown\)/);
    expect(r.stdout + r.stderr).not.toMatch(/the-secret|other\b/);
  });

  it('--check exits 1 with a readable unified diff when a file drifted, and writes nothing', async () => {
    let r = await runCli(['render', '--values', example, '--out', dir, '--client-secret-env', 'S'], { env: { S: 'the-secret' } });
    expect(r.code).toBe(0);
    const clientPath = join(dir, 'WDATP-connector.properties');
    const parserPath = join(dir, 'WDATP-connector.jsonparser.properties');
    const edited = (await readFile(parserPath, 'latin1')).replace('event.name=AlertTitle', 'event.name=Category');
    await writeFile(parserPath, edited, 'latin1');
    const client = (await readFile(clientPath, 'latin1')).replace('reauthenticate=true', 'reauthenticate=false');
    await writeFile(clientPath, client, 'latin1');

    r = await runCli(['render', '--values', example, '--out', dir, '--check']);
    expect(r.stdout).not.toContain('the-secret');
    expect(cliSnapshot(r)).toMatchSnapshot();
    expect(await readFile(parserPath, 'latin1')).toBe(edited);
  });

  it('--check reports a missing file as drift', async () => {
    const r = await runCli(['render', '--values', example, '--out', dir, '--check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${join(dir, 'WDATP-connector.properties')}: missing`);
  });

  it('a values change shows up as drift of the affected lines only', async () => {
    let r = await runCli(['render', '--values', example, '--out', dir]);
    expect(r.code).toBe(0);
    r = await runCli(['render', '--values', example, '--out', dir, '--check', '--region', 'us']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^- {2}"region": "eu",$/m);
    expect(r.stdout).toMatch(/^\+ {2}"region": "us",$/m);
    expect(r.stdout).not.toContain('jsonparser.properties (on disk)');
    expect(r.stdout).not.toContain('connector.properties (on disk)');
  });

  it('without values is exit 2 naming the flags', async () => {
    const r = await runCli(['render', '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/render needs --tenant/);
  });

  it('render --check of a set-up rendered before Graph (values without api) stays green, secret compared', async () => {
    await cp(join(repoRoot, 'fixtures', 'legacy-setup'), dir, { recursive: true });
    const r = await runCli(['render', '--values', join(dir, 'WDATP-connector.values.json'), '--check', '--client-secret-env', 'S'], {
      env: { S: 'Qx18Q~fictional.secret_value-for~tests0aB' },
    });
    expect(r.stderr).toMatch(/Up to date: 2 file\(s\) match the values\./);
    expect(r.code).toBe(0);
  });

  it('--api graph over a SIEM values file renders the Graph set-up (region, resource and v2 mapping dropped)', async () => {
    const r = await runCli(['render', '--values', example, '--api', 'graph', '--out', dir]);
    expect(r.code).toBe(0);
    const written = JSON.parse(await readFile(join(dir, 'WDATP-connector.values.json'), 'utf8')) as Record<string, unknown>;
    expect(written).toMatchObject({ api: 'graph', mapping: 'v3' });
    expect(written).not.toHaveProperty('region');
    expect(written).not.toHaveProperty('resource');
    expect(await readFile(join(dir, 'WDATP-connector.properties'), 'latin1')).toContain('/oauth2/v2.0/token');
    const bad = await runCli(['render', '--values', example, '--api', 'graph', '--mapping', 'v2', '--out', dir, '--check']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--mapping: mapping must be "v3" with api graph/);
  });
});
