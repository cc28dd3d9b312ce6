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
  type FieldChange,
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
    lines.push(`Copy ${parser.path} into <ArcSight install>/current/user/agent/flexagent/ (or write there directly with --arcsight-home DIR).`);
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
    c.bold(`App registration ${values.clientId}:`),
    `  - API permissions: Microsoft Graph, Delegated, ${GRAPH_ALERTS_PERMISSION} (the sign-in of \`token\` and the connector);`,
    `    add it as an Application permission too if \`pull\` or \`token\` use --client-credentials.`,
    '  - Grant admin consent for the tenant (the button on that page, or open as an administrator):',
    `    ${consent}`,
    `  - Keep ${values.redirectUri} as a redirect URI (platform Web).`,
    '  - The user who signs in must see the alerts in the Defender portal: delegated results are limited to them.',
    c.bold('Not documented for the FlexConnector REST, so check it on your connector before relying on it:'),
    `  - whether it follows @odata.nextLink: if it does not, a poll that matches more than $top=${GRAPH_EVENTS_TOP} alerts`,
    '    delivers the first page only, and the rest is skipped once $START_AT_TIME moves on;',
    '  - the format $START_AT_TIME expands to: alerts_v2 needs an unquoted ISO 8601 UTC time such as',
    '    2026-01-31T08:00:00Z in $filter; any other form is refused (HTTP 400);',
    '  - nested arrays: the evidence of an alert is an array of typed objects, and how (or whether) the connector',
    '    reaches "the first evidence of a type" in it is not documented.',
    'The route that depends on none of these: wdatp-arcsight pull polls alerts_v2 itself (paging, cursor,',
    'throttling) and delivers CEF over syslog to a SmartConnector, or to a file. See docs/graph.md.',
  ].join('\n');
}

/** The field-by-field change from mapping v2 to v3, grouped: kept, changed, new, gone. */
export function fieldChangesText(changes: readonly FieldChange[], c: ChalkInstance): string {
  const groups: Array<[FieldChange['kind'], string]> = [
    ['same', 'Keep their meaning (content keeps working):'],
    ['changed', 'Change (content that compares these values needs a look):'],
    ['new', 'New in v3:'],
    ['gone', 'Gone (alerts_v2 has no such fact, or v3 has no field for it):'],
  ];
  const lines = [c.bold('What changes for ArcSight content: mapping v2 (SIEM API) to v3 (Graph alerts_v2), deviceVersion 2.0 to 3.0')];
  for (const [kind, title] of groups) {
    lines.push(c.bold(title));
    for (const f of changes.filter((x) => x.kind === kind)) {
      const source = kind === 'new' ? `from ${f.v3}` : kind === 'gone' ? `was ${f.v2}` : `${f.v2} -> ${f.v3}`;
      lines.push(`  ${f.field}: ${source}${f.note ? `; ${f.note}` : ''}`);
    }
  }
  lines.push('Events of one alert can now arrive more than once (alerts_v2 alerts are updated): deduplicate on externalId + Last Update Time.');
  return lines.join('\n');
}
