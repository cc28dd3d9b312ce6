import { renderConnectorFiles, validateValues, type ConnectorValues } from '../connector/index.js';
import { editProperties, escapePropertyValue } from '../properties/index.js';
import type { Sandbox } from './server.js';

export interface SandboxConnectorFiles {
  values: ConnectorValues;
  clientFileName: string;
  clientProperties: string;
  parserFileName: string;
  parserProperties: string;
}

/**
 * The two connector files for a sandbox, made the way `init` makes them for a real tenant (same values
 * validation, same templates), then with auth_url and token_url pointed at the sandbox: the connector values
 * describe Microsoft clouds only, whose login hosts are not loopback, so the URLs are edited in place afterwards
 * (comments and order stay as rendered).
 */
export function sandboxConnectorFiles(sandbox: Sandbox, options: { redirectUri?: string; mapping?: 'v1' | 'v2'; prefix?: string } = {}): SandboxConnectorFiles {
  const values = validateValues(
    {
      tenant: sandbox.tenant,
      cloud: 'commercial',
      region: 'eu',
      clientId: sandbox.clientId,
      resource: sandbox.resource,
      redirectUri: options.redirectUri ?? sandbox.redirectUris[0],
      reauthenticate: true,
      prefix: options.prefix ?? 'WDATP-connector',
      mapping: options.mapping ?? 'v2',
    },
    'the sandbox',
  );
  const rendered = renderConnectorFiles(values, sandbox.clientSecret);
  const clientProperties = editProperties(rendered.clientProperties, [
    { set: 'auth_url', value: sandbox.authUrl },
    { set: 'token_url', value: sandbox.tokenUrl },
  ]);
  return {
    values,
    clientFileName: rendered.clientFileName,
    clientProperties,
    parserFileName: rendered.parserFileName,
    parserProperties: rendered.parserProperties,
  };
}

/**
 * The client file of a Graph set-up for a sandbox: identity platform v2 authorize and token endpoints and the
 * delegated scope with offline_access, keys and escaping as for a real tenant, URLs pointed at the sandbox.
 */
export function sandboxGraphClientFile(sandbox: Sandbox, options: { redirectUri?: string; prefix?: string } = {}): { fileName: string; text: string } {
  const values: Array<[string, string]> = [
    ['client_id', sandbox.clientId],
    ['client_secret', sandbox.clientSecret],
    ['auth_url', sandbox.graphAuthUrl],
    ['token_url', sandbox.graphTokenUrl],
    ['redirect_uri', options.redirectUri ?? sandbox.redirectUris[0]!],
    ['scope', sandbox.graphScope],
    ['reauthenticate', 'true'],
  ];
  const lines = [
    '# OAuth client of the Graph alerts_v2 connector, for the wdatp-arcsight sandbox (identity platform v2).',
    '# Same keys as for a real tenant; the URLs point at the sandbox on loopback.',
    ...values.map(([k, v]) => `${k}=${escapePropertyValue(v)}`),
  ];
  return { fileName: `${options.prefix ?? 'Graph-connector'}.properties`, text: `${lines.join('\n')}\n` };
}
