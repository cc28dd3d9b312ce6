/** Text that `init` and `render` show: the summary before writing and the connector form values after. */
import { relative } from 'node:path';
import type { ChalkInstance } from 'chalk';
import { CLOUDS, deriveUrls, type ConnectorValues, type OutputTarget, type PlannedFile, type WrittenFile } from '../../connector/index.js';

export type SecretStatus = { kind: 'given'; source: string } | { kind: 'kept' } | { kind: 'empty' };

export function secretStatusText(status: SecretStatus): string {
  switch (status.kind) {
    case 'given':
      return `set (from ${status.source}; not shown)`;
    case 'kept':
      return 'kept from the existing client file (not shown)';
    case 'empty':
      return 'EMPTY: fill in client_secret before starting the connector';
  }
}

function rows(pairs: Array<[string, string]>): string {
  const width = Math.max(...pairs.map(([k]) => k.length)) + 2;
  return pairs.map(([k, v]) => `  ${`${k}:`.padEnd(width)}${v}`).join('\n');
}

function shortPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

export function summaryText(values: ConnectorValues, files: PlannedFile[], secret: SecretStatus, cwd: string): string {
  const urls = deriveUrls(values);
  const cloud = CLOUDS[values.cloud];
  return [
    'Summary:',
    rows([
      ['Tenant', values.tenant],
      ['Cloud', `${cloud.label}${values.region ? `, region ${values.region}` : ''}`],
      ['Client ID', values.clientId],
      ['Client secret', secretStatusText(secret)],
      ['Resource', values.resource],
      ['Redirect URI', values.redirectUri],
      ['Reauthenticate', String(values.reauthenticate)],
      ['Mapping profile', values.mapping],
      ['auth_url', urls.authUrl],
      ['token_url', urls.tokenUrl],
      ['Events URL', urls.eventsUrl],
    ]),
    'Files:',
    ...files.map((f) => `  ${shortPath(f.path, cwd)}${f.mode === 0o600 ? ' (mode 0600: holds the secret)' : ''}`),
  ].join('\n');
}

export function writtenText(written: WrittenFile[], cwd: string, c: ChalkInstance): string {
  const verb = { created: 'Wrote', updated: 'Updated', unchanged: 'Unchanged' } as const;
  return written.map((w) => `${c.green(verb[w.outcome])} ${shortPath(w.path, cwd)}`).join('\n');
}

/** What to type into the FlexConnector REST set-up form, and how to get the refresh token. */
export function formValuesText(values: ConnectorValues, files: PlannedFile[], target: OutputTarget, c: ChalkInstance): string {
  const client = files.find((f) => f.role === 'client')!;
  const parser = files.find((f) => f.role === 'parser')!;
  const lines = [
    c.bold('ArcSight FlexConnector REST set-up (Type: ArcSight FlexConnector REST):'),
    rows([
      ['Configuration File', values.prefix],
      ['Events URL', deriveUrls(values).eventsUrl],
      ['Authentication Type', 'OAuth 2'],
      ['OAuth 2 Client Properties file', client.path],
      ['Refresh Token', `run: wdatp-arcsight token --config ${client.path}`],
    ]),
  ];
  if (target.kind === 'folder') {
    lines.push(
      `Copy ${parser.path} into <ArcSight install>/current/user/agent/flexagent/ (or write there directly with --arcsight-home DIR).`,
    );
  }
  return `${lines.join('\n')}\n`;
}
