import { ConfigError } from '../errors/index.js';
import { readConnectorFile } from './limits.js';
import { parseProperties } from './parse.js';
import type { PropertiesDocument } from './types.js';

/** Reads a .properties file as ISO-8859-1, the encoding java.util.Properties.load(InputStream) assumes. */
export async function readPropertiesFile(path: string): Promise<{ text: string; doc: PropertiesDocument }> {
  let bytes: Buffer;
  try {
    bytes = await readConnectorFile(path);
  } catch (cause) {
    if (cause instanceof ConfigError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String((cause as Error).message);
    throw new ConfigError(`Cannot read the properties file ${path}: ${reason}`, { file: path, cause, hint: 'Check the path and that the file is readable.' });
  }
  const text = bytes.toString('latin1');
  return { text, doc: parseProperties(text) };
}
