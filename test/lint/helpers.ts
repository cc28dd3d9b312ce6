import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintSources, type FileKind, type Finding, type LintResult } from '../../src/lint/index.js';
import { repoRoot } from '../support/cli.js';
import { graphEndpoints, type Cloud } from '../../src/connector/index.js';

export const fixturesDir = join(repoRoot, 'fixtures', 'lint');

export function fixture(...parts: string[]): Uint8Array {
  return readFileSync(join(fixturesDir, ...parts));
}

const DEFAULT_NAMES: Record<FileKind, string> = {
  'client-properties': 'WDATP-connector.properties',
  'parser-properties': 'WDATP-connector.jsonparser.properties',
  'values-json': 'WDATP-connector.values.json',
};

export function bytes(text: string, encoding: BufferEncoding = 'latin1'): Uint8Array {
  return Buffer.from(text, encoding);
}

/** Lints one file given as text (ISO-8859-1 for properties, UTF-8 for JSON, as validate reads them). */
export function lintOne(kind: FileKind, text: string | Uint8Array, file = DEFAULT_NAMES[kind]): LintResult {
  const data = typeof text === 'string' ? bytes(text, kind === 'values-json' ? 'utf8' : 'latin1') : text;
  return lintSources([{ file, kind, bytes: data }]);
}

export function findingsOf(kind: FileKind, text: string | Uint8Array): Finding[] {
  return lintOne(kind, text).findings;
}

export function idsOf(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.ruleId))].sort();
}

export function withRule(findings: readonly Finding[], id: string): Finding[] {
  return findings.filter((f) => f.ruleId === id);
}

/** A valid client file, with one key replaced (or removed when value is undefined). */
export function clientWith(overrides: Record<string, string | undefined>, extraLines: string[] = []): string {
  const base: Record<string, string> = {
    client_id: '11111111-2222-3333-4444-555555555555',
    client_secret: 'fak8Q~NotARealSecretJustForLintTests0123',
    auth_url: 'https://login.microsoftonline.com/8eaef023-2b34-4da1-9baa-8bc8c9d6a490/oauth2/authorize?resource=https%3A%2F%2Fgraph.windows.net',
    token_url: 'https://login.microsoftonline.com/8eaef023-2b34-4da1-9baa-8bc8c9d6a490/oauth2/token',
    redirect_uri: 'https://localhost:44300/wdatpconnector',
    scope: '',
    reauthenticate: 'true',
  };
  const lines: string[] = [];
  for (const [k, v] of Object.entries({ ...base, ...overrides })) if (v !== undefined) lines.push(`${k}=${v}`);
  return [...lines, ...extraLines].join('\n') + '\n';
}

/** The text of the finding's span in the given text (one line). */
export function spanText(text: string, f: Finding): string {
  const line = text.split(/\r\n|\r|\n/)[f.line - 1] ?? '';
  return line.slice(f.column - 1, (f.endLine === undefined || f.endLine === f.line ? (f.endColumn ?? f.column + 1) : line.length + 1) - 1);
}

export function isValidPosition(f: Finding, lines: readonly string[]): boolean {
  const inLine = (line: number, column: number): boolean =>
    Number.isInteger(line) && Number.isInteger(column) && line >= 1 && line <= lines.length && column >= 1 && column <= lines[line - 1]!.length + 1;
  if (!inLine(f.line, f.column)) return false;
  if (f.endLine !== undefined || f.endColumn !== undefined) {
    const endLine = f.endLine ?? f.line;
    if (!inLine(endLine, f.endColumn ?? 1) || endLine < f.line) return false;
    if (endLine === f.line && f.endColumn !== undefined && f.endColumn < f.column) return false;
  }
  return true;
}

export const GRAPH_TENANT = '8eaef023-2b34-4da1-9baa-8bc8c9d6a490';

/**
 * A Graph client file as the contract writes it (identity platform v2 endpoints, offline_access and
 * SecurityAlert.Read.All on the cloud's Graph host), with keys replaced or removed. `escape` writes ':' as '\:'
 * the way the rendered files do; Java reads the same values either way.
 */
export function graphClientWith(
  overrides: Record<string, string | undefined> = {},
  { cloud = 'commercial', escape = false, extraLines = [] }: { cloud?: Cloud; escape?: boolean; extraLines?: string[] } = {},
): string {
  const e = graphEndpoints(cloud, GRAPH_TENANT);
  const base: Record<string, string> = {
    client_id: '11111111-2222-3333-4444-555555555555',
    client_secret: 'fak8Q~NotARealSecretJustForLintTests0123',
    auth_url: e.authUrl,
    token_url: e.tokenUrl,
    redirect_uri: 'https://localhost:44300/wdatpconnector',
    scope: e.scope,
    reauthenticate: 'true',
  };
  const lines: string[] = [];
  for (const [k, v] of Object.entries({ ...base, ...overrides })) if (v !== undefined) lines.push(`${k}=${escape ? v.replace(/:/g, '\\:') : v}`);
  return [...lines, ...extraLines].join('\n') + '\n';
}
