import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/index.js';
import { readPropertiesFile } from '../../src/properties/index.js';
import { suiteTempDir } from '../support/temp.js';

const dir = suiteTempDir('props-read');

describe('readPropertiesFile', () => {
  it('reads the bytes as ISO-8859-1, like Properties.load(InputStream)', async () => {
    const file = join(dir, 'latin1.properties');
    writeFileSync(file, Buffer.from([0x6b, 0x3d, 0xe9, 0x0a, 0x75, 0x3d, 0xc3, 0xa9, 0x0a])); // k=é (latin-1), u=é (UTF-8)
    const { text, doc } = await readPropertiesFile(file);
    expect(text).toBe('k=\u00e9\nu=\u00c3\u00a9\n');
    expect(doc.get('k')!.value).toBe('\u00e9');
    expect(doc.get('u')!.value).toBe('\u00c3\u00a9');
  });

  it('names the file when it cannot be read', async () => {
    const missing = join(dir, 'missing.properties');
    const error = await readPropertiesFile(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ file: missing, exitCode: 2 });
    expect((error as Error).message).toContain(missing);
    expect((error as Error).message).toContain('no such file');

    const folder = await readPropertiesFile(dir).catch((e: unknown) => e);
    expect(folder).toBeInstanceOf(ConfigError);
    expect((folder as Error).message).toContain(dir);
  });
});
