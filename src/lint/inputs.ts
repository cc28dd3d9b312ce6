import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConfigError, UsageError } from '../errors/index.js';
import { readConnectorFile } from '../properties/index.js';
import type { SourceFile } from './engine.js';
import type { FileKind } from './types.js';
import { stripBom, utf8BomLength } from '../text/index.js';

const PARSER_KEY = /^[ \t\f]*(?:trigger\.node\.location|token\.count|token\[\d+\]\.[a-z]+|event\.[A-Za-z0-9]+|severity\.map\.)[ \t\f]*[=:]/m;
const CLIENT_KEY = /^[ \t\f]*(?:client_id|client_secret|auth_url|token_url|redirect_uri|reauthenticate)[ \t\f]*[=: \t\f]/im;
const VALUES_KEYS = ['tenant', 'clientId', 'cloud', 'region', 'redirectUri', 'prefix', 'mapping', 'resource', 'reauthenticate'];

/**
 * What kind of connector file this is, from its name and content, or undefined when it is none of them.
 * `*.jsonparser.properties` is a parser file and `*.json` a values file by name; other files by content.
 */
export function detectKind(name: string, bytes: Uint8Array): FileKind | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.jsonparser.properties')) return 'parser-properties';
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 256 * 1024)).toString('latin1');
  if (lower.endsWith('.json') || /^\s*\{/.test(text.slice(utf8BomLength(bytes)))) return 'values-json';
  if (PARSER_KEY.test(text)) return 'parser-properties';
  if (CLIENT_KEY.test(text)) return 'client-properties';
  if (lower.endsWith('.properties')) return 'client-properties';
  return undefined;
}

/** In a folder, only files that look like connector files are taken (a folder holds other things too). */
function folderKind(name: string, bytes: Uint8Array): FileKind | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.jsonparser.properties')) return 'parser-properties';
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 256 * 1024)).toString('utf8');
  if (lower.endsWith('.json')) {
    try {
      const data: unknown = JSON.parse(stripBom(text));
      return typeof data === 'object' && data !== null && !Array.isArray(data) && VALUES_KEYS.some((k) => k in data) ? 'values-json' : undefined;
    } catch {
      return lower.endsWith('.values.json') ? 'values-json' : undefined;
    }
  }
  if (!lower.endsWith('.properties')) return undefined;
  if (PARSER_KEY.test(text)) return 'parser-properties';
  if (CLIENT_KEY.test(text)) return 'client-properties';
  return undefined;
}

/** A path as findings show it: relative to the working folder when inside it, with forward slashes. */
export function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  const shown = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
  return shown.split(sep).join('/');
}

async function readBytes(path: string, shown: string): Promise<Uint8Array> {
  try {
    return await readConnectorFile(path, shown);
  } catch (cause) {
    if (cause instanceof ConfigError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a folder' : (cause as Error).message;
    throw new ConfigError(`Cannot read ${shown}: ${why}.`, { file: shown, cause });
  }
}

/**
 * The connector files to check: the named files, the connector files of named folders, or (with no arguments)
 * those of the working folder. Unreadable input is a ConfigError (exit 2); finding nothing is a UsageError.
 */
export async function collectSources(args: readonly string[], cwd: string): Promise<SourceFile[]> {
  const targets = args.length > 0 ? [...args] : ['.'];
  const sources: SourceFile[] = [];
  const seen = new Set<string>();
  for (const arg of targets) {
    const absolute = resolve(cwd, arg);
    let info;
    try {
      info = await stat(absolute);
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      throw new ConfigError(`Cannot read ${arg}: ${code === 'ENOENT' ? 'no such file or folder' : (cause as Error).message}.`, { file: arg, cause });
    }
    if (info.isDirectory()) {
      let names: string[];
      try {
        names = (await readdir(absolute)).sort();
      } catch (cause) {
        throw new ConfigError(`Cannot list the folder ${arg}: ${(cause as Error).message}.`, { file: arg, cause });
      }
      const before = sources.length;
      for (const name of names) {
        const path = join(absolute, name);
        if (seen.has(path) || !/\.(properties|json)$/i.test(name)) continue;
        const fileInfo = await stat(path).catch(() => undefined);
        if (!fileInfo?.isFile()) continue;
        const shown = displayPath(path, cwd);
        const bytes = await readBytes(path, shown);
        const kind = folderKind(name, bytes);
        if (!kind) continue;
        seen.add(path);
        sources.push({ file: shown, kind, bytes, mode: fileInfo.mode & 0o777 });
      }
      if (sources.length === before) {
        throw new UsageError(
          `No connector files in ${args.length ? arg : 'the current folder'} (looked for *.properties, *.jsonparser.properties and values *.json).`,
          {
            hint: 'Name the files to check, e.g. wdatp-arcsight validate WDATP-connector.properties WDATP-connector.jsonparser.properties.',
          },
        );
      }
      continue;
    }
    if (seen.has(absolute)) continue;
    const shown = displayPath(absolute, cwd);
    const bytes = await readBytes(absolute, shown);
    const kind = detectKind(absolute, bytes);
    if (!kind) {
      throw new UsageError(`Cannot tell what kind of connector file ${shown} is.`, {
        file: shown,
        hint: 'validate checks OAuth 2 client properties files, *.jsonparser.properties parser files and values *.json files.',
      });
    }
    seen.add(absolute);
    sources.push({ file: shown, kind, bytes, mode: info.mode & 0o777 });
  }
  return sources;
}
