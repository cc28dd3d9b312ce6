/** Text that `init` and `render` show: the summary before writing and the connector form values after. */
import { relative } from 'node:path';
import type { ChalkInstance } from 'chalk';
import {
  CLOUDS,
  GRAPH_ALERTS_PERMISSION,
  GRAPH_EVENTS_TOP,
  apiOf,
  deriveUrls,
  graphAdminConsentUrl,
  type ConnectorValues,
  type OutputTarget,
  type PlannedFile,
  type WrittenFile,
} from '../../connector/index.js';

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
  const graph = apiOf(values) === 'graph';
  return [
    'Summary:',
    rows([
      ['Source API', graph ? 'graph (Microsoft Graph security alerts_v2)' : 'siem (WDATP SIEM API, deprecated)'],
      ['Tenant', values.tenant],
      ['Cloud', `${cloud.label}${values.region ? `, region ${values.region}` : ''}`],
      ['Client ID', values.clientId],
      ['Client secret', secretStatusText(secret)],
      graph ? ['Scope', urls.scope] : ['Resource', values.resource ?? ''],
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
  if (apiOf(values) === 'graph') lines.push('', graphNotesText(values, c));
  return `${lines.join('\n')}\n`;
}

/**
 * What a Graph set-up needs on the app registration, and what nobody has documented about the FlexConnector REST
 * talking to alerts_v2, with the route that does not depend on it.
 */
export function graphNotesText(values: ConnectorValues, c: ChalkInstance): string {
  const consent = graphAdminConsentUrl(values.cloud, values.tenant, values.clientId, values.redirectUri);
  return [
    c.bold('App registration:'),
    `  Microsoft Graph permission ${GRAPH_ALERTS_PERMISSION}, delegated (the refresh-token sign-in of these files), with admin consent;`,
    `  ${values.redirectUri} as a reply URL (platform Web). Admin consent (v2):`,
    `  ${consent}`,
    c.bold('Not documented for the FlexConnector REST, so check it on your connector before relying on it:'),
    `  - whether it follows @odata.nextLink: if it does not, a poll that matches more than $top=${GRAPH_EVENTS_TOP} alerts`,
    '    delivers the first page only, and the rest is skipped once $START_AT_TIME moves on;',
    '  - the format $START_AT_TIME expands to: alerts_v2 needs an unquoted ISO 8601 UTC time such as',
    '    2026-01-31T08:00:00Z in $filter; any other form is answered with HTTP 400;',
    '  - nested arrays: the evidence of an alert is an array of typed objects, and how (or whether) the connector',
    '    reaches "the first evidence of a type" in it is not documented.',
    'The route that depends on none of these: wdatp-arcsight pull polls alerts_v2 itself (paging, cursor,',
    'throttling) and delivers CEF over syslog to a SmartConnector, or to a file. See docs/graph.md.',
  ].join('\n');
}
