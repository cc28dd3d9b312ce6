import { renderConnectorFiles, validateValues, type ConnectorValues, type SourceApi } from '../connector/index.js';
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
export function sandboxConnectorFiles(
  sandbox: Sandbox,
  options: { api?: SourceApi; redirectUri?: string; mapping?: 'v1' | 'v2'; prefix?: string } = {},
): SandboxConnectorFiles {
  const graph = options.api === 'graph';
  const common = {
    tenant: sandbox.tenant,
    cloud: 'commercial',
    clientId: sandbox.clientId,
    redirectUri: options.redirectUri ?? sandbox.redirectUris[0],
    reauthenticate: true,
    prefix: options.prefix ?? 'WDATP-connector',
  };
  // Graph: identity platform v2 and the v3 parser, the sandbox playing graph.microsoft.com (commercial cloud).
  const values = validateValues(
    graph ? { ...common, api: 'graph', mapping: 'v3' } : { ...common, region: 'eu', resource: sandbox.resource, mapping: options.mapping ?? 'v2' },
    'the sandbox',
  );
  const rendered = renderConnectorFiles(values, sandbox.clientSecret);
  const clientProperties = editProperties(rendered.clientProperties, [
    { set: 'auth_url', value: graph ? sandbox.graphAuthUrl : sandbox.authUrl },
    { set: 'token_url', value: graph ? sandbox.graphTokenUrl : sandbox.tokenUrl },
  ]);
  return {
    values,
    clientFileName: rendered.clientFileName,
    clientProperties,
    parserFileName: rendered.parserFileName,
    parserProperties: rendered.parserProperties,
  };
}
