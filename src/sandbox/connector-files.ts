import { renderConnectorFiles, validateValues, type ConnectorValues } from '../connector/index.js';
import { editProperties } from '../properties/index.js';
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
