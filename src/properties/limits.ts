import { open } from 'node:fs/promises';
import { ConfigError } from '../errors/index.js';

/**
 * The largest connector file read. Real ones are a few kilobytes (a parser file of every alert field is under
 * 20 KB); a file fifty times that is a mistake or an attack. Refusing it up front keeps every command's time and
 * memory bounded whatever the file holds (one 50 MB key, millions of continuation lines, each of which the
 * checks keep positions for).
 */
export const MAX_CONNECTOR_FILE_BYTES = 1024 * 1024;

export function connectorFileTooLarge(file: string, bytes: number): ConfigError {
  return new ConfigError(
    `The file is ${(bytes / (1024 * 1024)).toFixed(1)} MiB; connector files over ${MAX_CONNECTOR_FILE_BYTES / (1024 * 1024)} MiB are refused.`,
    {
      file,
      hint: 'Name the right file: connector files are a few kilobytes.',
    },
  );
}

/**
 * Reads a connector file whole, refusing one over MAX_CONNECTOR_FILE_BYTES before reading it (ConfigError naming
 * the limit). Other failures are the file system's errors, for the caller to word.
 */
export async function readConnectorFile(path: string, shown = path): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_CONNECTOR_FILE_BYTES) throw connectorFileTooLarge(shown, size);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
