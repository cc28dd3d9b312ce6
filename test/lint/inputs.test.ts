import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectSources, detectKind } from '../../src/lint/index.js';
import { ConfigError, UsageError } from '../../src/errors/index.js';
import { suiteTempDir, tempDir } from '../support/temp.js';

const b = (s: string) => Buffer.from(s, 'latin1');

describe('detectKind', () => {
  it('tells the three kinds apart by name, then by content', () => {
    expect(detectKind('x.jsonparser.properties', b(''))).toBe('parser-properties');
    expect(detectKind('values.json', b('not json at all'))).toBe('values-json');
    expect(detectKind('connector.cfg', b('\n{ "tenant": "x" }'))).toBe('values-json');
    expect(detectKind('parser.properties', b('# a parser\ntrigger.node.location=/\ntoken.count=0\n'))).toBe('parser-properties');
    expect(detectKind('anything.txt', b('client_id = 1\nauth_url:https://x\n'))).toBe('client-properties');
    expect(detectKind('WDATP-connector.properties', b(''))).toBe('client-properties');
    expect(detectKind('notes.txt', b('hello'))).toBeUndefined();
  });
});

describe('collectSources', () => {
  const dir = suiteTempDir('inputs');
  beforeAll(async () => {
    await writeFile(join(dir, 'WDATP-connector.properties'), 'client_id=1\n');
    await writeFile(join(dir, 'WDATP-connector.jsonparser.properties'), 'trigger.node.location=/\n');
    await writeFile(join(dir, 'WDATP-connector.values.json'), '{"tenant": "x"}');
    await writeFile(join(dir, 'package.json'), '{"name": "not-a-values-file"}');
    await writeFile(join(dir, 'log4j.properties'), 'log4j.rootLogger=INFO\n');
    await writeFile(join(dir, 'README.md'), '# hi');
  });

  it('takes only connector files from a folder, named relative to the working folder', async () => {
    const sources = await collectSources(['.'], dir);
    expect(sources.map((s) => [s.file, s.kind])).toEqual([
      ['WDATP-connector.jsonparser.properties', 'parser-properties'],
      ['WDATP-connector.properties', 'client-properties'],
      ['WDATP-connector.values.json', 'values-json'],
    ]);
    expect((await collectSources([], dir)).length).toBe(3);
  });

  it('reports each file once, even when named twice or also found in its folder', async () => {
    const sources = await collectSources(['WDATP-connector.properties', '.', './WDATP-connector.properties'], dir);
    expect(sources.filter((s) => s.file === 'WDATP-connector.properties')).toHaveLength(1);
  });

  it('throws ConfigError for a missing file and UsageError for a folder without connector files', async () => {
    await expect(collectSources(['nope.properties'], dir)).rejects.toBeInstanceOf(ConfigError);
    await expect(collectSources([], tempDir('inputs-empty'))).rejects.toBeInstanceOf(UsageError);
  });
});
