import { renderTemplate, toolVersion } from './templates.js';
import { deriveUrls } from './urls.js';
import { DEFAULT_VALUES, apiOf, orderValues, type ConnectorValues, type MappingProfile } from './values.js';

export interface RenderedConnectorFiles {
  /** `<prefix>.properties`: the OAuth 2 client properties file (holds the secret). */
  clientProperties: string;
  /** `<prefix>.jsonparser.properties`: the FlexConnector JSON parser file. */
  parserProperties: string;
  clientFileName: string;
  parserFileName: string;
}

export function clientFileName(prefix: string): string {
  return `${prefix}.properties`;
}

export function parserFileName(prefix: string): string {
  return `${prefix}.jsonparser.properties`;
}

/** `<prefix>.values.json`: the values used, written beside the files so `render --check` can run later. */
export function valuesFileName(prefix: string): string {
  return `${prefix}.values.json`;
}

/** The parser file of a mapping profile. It does not depend on any other value. */
export function renderParserFile(mapping: MappingProfile): string {
  return renderTemplate(`${mapping}/jsonparser.properties.hbs`, { version: toolVersion });
}

/**
 * Both connector files, as text to be written in ISO-8859-1 (non-Latin-1 characters are already `\uXXXX`).
 * Without a secret, `client_secret` is written empty.
 */
export function renderConnectorFiles(v: ConnectorValues, clientSecret: string | undefined): RenderedConnectorFiles {
  const urls = deriveUrls(v);
  // The SIEM API template is kept as it was, so set-ups rendered before Graph existed render byte for byte alike.
  const template = apiOf(v) === 'graph' ? 'client-graph.properties.hbs' : 'client.properties.hbs';
  const clientProperties = renderTemplate(template, {
    version: toolVersion,
    mapping: v.mapping,
    valuesFileName: valuesFileName(v.prefix),
    clientId: v.clientId,
    clientSecret: clientSecret ?? '',
    authUrl: urls.authUrl,
    tokenUrl: urls.tokenUrl,
    scope: urls.scope,
    redirectUri: v.redirectUri,
    reauthenticate: v.reauthenticate,
  });
  return {
    clientProperties,
    parserProperties: renderParserFile(v.mapping),
    clientFileName: clientFileName(v.prefix),
    parserFileName: parserFileName(v.prefix),
  };
}

/** The values file text: every key (defaults included) in a stable order, never the secret. */
export function renderValuesFile(v: ConnectorValues): string {
  return `${JSON.stringify(orderValues(v), null, 2)}\n`;
}

export const DEFAULT_PREFIX: string = DEFAULT_VALUES.prefix;
