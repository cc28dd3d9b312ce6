/**
 * The rendered files read back by the real JVM (java.util.Properties.load on the ISO-8859-1 bytes we write),
 * through the project's PropsOracle helper: Java must see exactly the intended keys and values.
 */
import { describe, expect, it } from 'vitest';
import { CLOUD_IDS, CLOUDS, renderConnectorFiles, renderParserFile, validateValues } from '../../src/connector/index.js';
import { javaLoad } from './java-props.js';
import { expectedParserMap, V1_MAPPINGS, V1_TOKENS, V2_MAPPINGS, V2_TOKENS } from './expected-mappings.js';

const values = validateValues({
  tenant: 'contoso.onmicrosoft.com',
  region: 'uk',
  clientId: '4f6a2b1c-93d7-4e8a-b5c0-1d2e3f405162',
  redirectUri: 'http://127.0.0.1:8080/cb',
});

const secrets = ['', 'plain', ' lead\\ing=a:b#c!d\te\nf\rg', 'Ünïcødé ☃ 😀 \u0000\u007f\u00ff', 'a\\', '\\u0041'];

describe('Java reads the rendered files exactly as intended', () => {
  it('both parser files and client files with awkward secrets', async () => {
    const texts = [renderParserFile('v1'), renderParserFile('v2'), ...secrets.map((s) => renderConnectorFiles(values, s).clientProperties)];
    const loaded = await javaLoad(texts);
    expect(loaded).toHaveLength(texts.length);
    expect(loaded[0]).toEqual(Object.fromEntries(expectedParserMap(V1_TOKENS, V1_MAPPINGS)));
    expect(loaded[1]).toEqual(Object.fromEntries(expectedParserMap(V2_TOKENS, V2_MAPPINGS)));
    secrets.forEach((secret, i) => {
      expect(loaded[i + 2]).toEqual({
        client_id: values.clientId,
        client_secret: secret,
        auth_url: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/authorize?resource=https%3A%2F%2Fgraph.windows.net',
        token_url: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/token',
        redirect_uri: 'http://127.0.0.1:8080/cb',
        scope: '',
        reauthenticate: 'true',
      });
    });
  });
});

describe('Java reads Graph client files exactly as intended, for every cloud', () => {
  it.each(CLOUD_IDS)('%s', async (cloud) => {
    const graph = validateValues({
      api: 'graph',
      cloud,
      tenant: 'contoso.onmicrosoft.com',
      clientId: values.clientId,
      redirectUri: 'http://127.0.0.1:8080/cb',
    });
    const texts = secrets.map((s) => renderConnectorFiles(graph, s).clientProperties);
    const loaded = await javaLoad(texts);
    expect(loaded).toHaveLength(texts.length);
    const { loginHost, graphHost } = CLOUDS[cloud];
    secrets.forEach((secret, i) => {
      expect(loaded[i]).toEqual({
        client_id: values.clientId,
        client_secret: secret,
        auth_url: `https://${loginHost}/contoso.onmicrosoft.com/oauth2/v2.0/authorize`,
        token_url: `https://${loginHost}/contoso.onmicrosoft.com/oauth2/v2.0/token`,
        redirect_uri: 'http://127.0.0.1:8080/cb',
        scope: `offline_access https://${graphHost}/SecurityAlert.Read.All`,
        reauthenticate: 'true',
      });
    });
  });
});
