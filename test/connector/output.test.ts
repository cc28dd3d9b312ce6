import { chmod, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/index.js';
import {
  checkConnectorFiles,
  connectorPaths,
  existingClientSecret,
  planConnectorFiles,
  validateValues,
  writeConnectorFiles,
  type OutputTarget,
} from '../../src/connector/index.js';
import { tempDir } from '../support/temp.js';

const values = validateValues({
  tenant: '8eaef023-2b34-4da1-9baa-8bc8c9d6a490',
  region: 'eu',
  clientId: '4f6a2b1c-93d7-4e8a-b5c0-1d2e3f405162',
});
let dir: string;
let target: OutputTarget;

beforeEach(() => {
  dir = tempDir('output');
  target = { kind: 'folder', dir };
});

describe('connectorPaths', () => {
  it('puts everything in a plain folder, or follows the ArcSight install layout', () => {
    expect(connectorPaths({ kind: 'folder', dir: '/x' }, 'P')).toEqual({
      client: '/x/P.properties',
      parser: '/x/P.jsonparser.properties',
      values: '/x/P.values.json',
    });
    expect(connectorPaths({ kind: 'arcsight-home', home: '/opt/as' }, 'P')).toEqual({
      client: '/opt/as/P.properties',
      parser: '/opt/as/current/user/agent/flexagent/P.jsonparser.properties',
      values: '/opt/as/P.values.json',
    });
  });
});

describe('writeConnectorFiles', () => {
  it('writes latin1 files with the client file at 0600 and reports unchanged files on a second run', async () => {
    const files = planConnectorFiles(values, 'sécret', target);
    const first = await writeConnectorFiles(files);
    expect(first.map((w) => w.outcome)).toEqual(['created', 'created', 'created']);
    const paths = connectorPaths(target, values.prefix);
    expect((await stat(paths.client)).mode & 0o777).toBe(0o600);
    expect(await existingClientSecret(paths.client)).toBe('sécret');
    const second = await writeConnectorFiles(planConnectorFiles(values, 'sécret', target));
    expect(second.map((w) => w.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it('tightens an identical client file left group/world readable', async () => {
    await writeConnectorFiles(planConnectorFiles(values, 's', target));
    const client = connectorPaths(target, values.prefix).client;
    await chmod(client, 0o644);
    await writeConnectorFiles(planConnectorFiles(values, 's', target));
    expect((await stat(client)).mode & 0o777).toBe(0o600);
  });

  it('writes nothing at all when one existing file differs, and shows every difference with the secret masked', async () => {
    await writeConnectorFiles(planConnectorFiles(values, 'old-secret', target));
    const paths = connectorPaths(target, values.prefix);
    await unlink(paths.values);
    const parserBefore = await readFile(paths.parser);
    const clientBefore = await readFile(paths.client);

    const changed = planConnectorFiles({ ...values, mapping: 'v1', reauthenticate: false }, 'new-secret', target);
    const error = await writeConnectorFiles(changed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/2 files already exist and differ .*nothing was written/);
    expect(message).toContain('-reauthenticate=true');
    expect(message).toContain('+reauthenticate=false');
    expect(message).not.toMatch(/old-secret|new-secret/);
    expect(await readFile(paths.parser)).toEqual(parserBefore);
    expect(await readFile(paths.client)).toEqual(clientBefore);
    await expect(stat(paths.values)).rejects.toThrow(); // not created either

    const forced = await writeConnectorFiles(changed, { force: true });
    expect(forced.map((w) => w.outcome)).toEqual(['updated', 'updated', 'created']);
  });

  it('says when only the secret differs, without showing it', async () => {
    await writeConnectorFiles(planConnectorFiles(values, 'one', target));
    const error = await writeConnectorFiles(planConnectorFiles(values, 'two', target)).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/only the client_secret value differs \(not shown\)/);
    expect((error as Error).message).not.toMatch(/\bone\b|\btwo\b/);
  });
});

describe('checkConnectorFiles', () => {
  it('reports same, differs (with a diff) and missing', async () => {
    await writeConnectorFiles(planConnectorFiles(values, 'abc', target));
    const paths = connectorPaths(target, values.prefix);
    await unlink(paths.values);
    const parser = await readFile(paths.parser, 'latin1');
    await writeFile(paths.parser, parser.replace('event.fileHash=Sha1\n', ''), 'latin1');

    const checks = await checkConnectorFiles(planConnectorFiles(values, undefined, target), { compareSecret: false });
    expect(checks.map((c) => [c.role, c.status])).toEqual([
      ['parser', 'differs'],
      ['client', 'same'],
      ['values', 'missing'],
    ]);
    expect(checks[0]!.diff).toMatch(/^\+event\.fileHash=Sha1$/m);
  });

  it('compares the secret only when asked, and ignores the generator version in the header', async () => {
    await writeConnectorFiles(planConnectorFiles(values, 'abc', target));
    const paths = connectorPaths(target, values.prefix);
    for (const path of [paths.client, paths.parser]) {
      const text = await readFile(path, 'latin1');
      await writeFile(path, text.replace(/Generated by wdatp-arcsight \S+/, 'Generated by wdatp-arcsight 0.0.1'), 'latin1');
    }
    const status = async (secret: string | undefined, compareSecret: boolean): Promise<string[]> =>
      (await checkConnectorFiles(planConnectorFiles(values, secret, target), { compareSecret })).map((c) => c.status);
    expect(await status(undefined, false)).toEqual(['same', 'same', 'same']);
    expect(await status('abc', true)).toEqual(['same', 'same', 'same']);
    const wrong = await checkConnectorFiles(planConnectorFiles(values, 'xyz', target), { compareSecret: true });
    expect(wrong[1]!.status).toBe('differs');
    expect(wrong[1]!.diff).toMatch(/client_secret value differs \(not shown\)/);
  });
});

describe('the overwrite refusal never prints foreign content', () => {
  const refusal = async (files: ReturnType<typeof planConnectorFiles>): Promise<string> => {
    const error = (await writeConnectorFiles(files).catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    return error.message;
  };

  it('a symbolic link in the way is named and refused, its target not shown', async () => {
    const files = planConnectorFiles(values, 'secret-value', target);
    const client = files.find((f) => f.role === 'client')!;
    const foreign = join(dir, 'elsewhere.txt');
    await writeFile(foreign, 'client_id=private-line-of-another-file\n');
    const { symlink } = await import('node:fs/promises');
    await symlink(foreign, client.path);
    const message = await refusal(files);
    expect(message).toContain(`${client.path}: is a symbolic link; its content is not shown`);
    expect(message).not.toContain('private-line-of-another-file');
    expect(await readFile(foreign, 'utf8')).toBe('client_id=private-line-of-another-file\n');
  });

  it('a file with keys the connector would not write is named and refused, not diffed', async () => {
    const files = planConnectorFiles(values, 'secret-value', target);
    const parser = files.find((f) => f.role === 'parser')!;
    await writeFile(parser.path, 'db.password=hunter2\n');
    const message = await refusal(files);
    expect(message).toContain(`${parser.path}: holds more than the connector's keys; its content is not shown`);
    expect(message).not.toContain('hunter2');
  });

  it('a values file holding a stored secret is refused without showing it', async () => {
    const files = planConnectorFiles(values, undefined, target);
    const v = files.find((f) => f.role === 'values')!;
    await writeFile(v.path, JSON.stringify({ tenant: 'x', clientSecret: 'Sx8Q~keep-this-private' }));
    const message = await refusal(files);
    expect(message).toContain("holds more than the connector's values");
    expect(message).not.toContain('keep-this-private');
  });

  it("a hand-edited file of the connector's own keys is still shown as a diff", async () => {
    const files = planConnectorFiles(values, undefined, target);
    const parser = files.find((f) => f.role === 'parser')!;
    await writeFile(parser.path, parser.text.replace('trigger.node.location=/', 'trigger.node.location=/edited'), 'latin1');
    expect(await refusal(files)).toContain('+trigger.node.location=/');
  });
});
