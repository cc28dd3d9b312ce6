import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/index.js';
import { checkField, checkValues, validateValues } from '../../src/connector/index.js';

const valid = {
  tenant: '8eaef023-2b34-4da1-9baa-8bc8c9d6a490',
  region: 'eu',
  clientId: '4f6a2b1c-93d7-4e8a-b5c0-1d2e3f405162',
};

function problemsOf(input: unknown): Record<string, string> {
  return Object.fromEntries(checkValues(input).map((p) => [p.field ?? '', p.message]));
}

describe('validateValues', () => {
  it('applies every default', () => {
    expect(validateValues(valid)).toEqual({
      tenant: valid.tenant,
      cloud: 'commercial',
      region: 'eu',
      clientId: valid.clientId,
      resource: 'https://graph.windows.net',
      redirectUri: 'https://localhost:44300/wdatpconnector',
      reauthenticate: true,
      prefix: 'WDATP-connector',
      mapping: 'v2',
    });
  });

  it('accepts a verified domain tenant, a government cloud without region, and a $schema key', () => {
    const v = validateValues({ $schema: './x.json', tenant: 'contoso.onmicrosoft.com', cloud: 'gcc-high', clientId: valid.clientId });
    expect(v.tenant).toBe('contoso.onmicrosoft.com');
    expect(v.region).toBeUndefined();
    expect('$schema' in v).toBe(false);
  });

  it('throws a ConfigError naming the source and listing every problem', () => {
    let error: unknown;
    try {
      validateValues({ tenant: 'common', clientId: 'nope' }, 'values.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('values.json');
    expect(message).toMatch(/tenant .*multi-tenant alias/);
    expect(message).toMatch(/region is required for the commercial cloud/);
    expect(message).toMatch(/clientId must be .*11111111-2222-3333-4444-555555555555/);
  });
});

describe('friendly messages name the key and show a valid example', () => {
  it.each([
    ['common', /multi-tenant alias.*contoso\.onmicrosoft\.com/],
    ['organizations', /multi-tenant alias/],
    ['consumers', /multi-tenant alias/],
    ['00000000-0000-0000-0000-000000000000', /empty GUID.*AADSTS90002/],
    ['contoso', /tenant must be .*GUID such as 8eaef023-.*contoso\.onmicrosoft\.com/],
    ['8eaef023-2b34-4da1-9baa-8bc8c9d6a49', /tenant must be/],
    ['https://login.microsoftonline.com/contoso.com', /tenant must be/],
  ])('tenant %s', (tenant, message) => {
    expect(problemsOf({ ...valid, tenant }).tenant).toMatch(message);
  });

  it.each([
    ['clientId', 'x', /clientId must be .*GUID such as/],
    ['cloud', 'azure', /cloud must be one of commercial, gcc, gcc-high, dod/],
    ['region', 'au', /region must be one of eu, us, uk/],
    ['resource', 'https://api.securitycenter.microsoft.com', /resource must be "https:\/\/graph\.windows\.net"/],
    ['redirectUri', 'https://localhost/wdatpconnector', /redirectUri must be a loopback .*explicit port.*https:\/\/localhost:44300\/wdatpconnector/],
    ['redirectUri', 'https://example.com:44300/cb', /redirectUri must be a loopback/],
    ['redirectUri', 'https://localhost:70000/cb', /redirectUri must be a loopback/],
    ['reauthenticate', 'true', /reauthenticate must be true or false \(JSON boolean/],
    ['prefix', '../etc/passwd', /prefix must be a file-name prefix .*WDATP-connector/],
    ['prefix', 'WDATP-connector.properties', /prefix must be/],
    ['mapping', 'v3', /mapping "v3" maps Graph alerts_v2 and needs api "graph".*"v2" or "v1"/],
    ['mapping', 'v4', /mapping must be "v3" \(api graph\), or "v2"/],
    ['api', 'mde', /api must be "graph" .* or "siem"/],
  ])('%s = %j', (field, value, message) => {
    expect(problemsOf({ ...valid, [field]: value })[field]).toMatch(message);
  });

  it('accepts the loopback forms', () => {
    for (const redirectUri of ['http://127.0.0.1:8080/cb', 'https://[::1]:44300', 'https://localhost:1/x/y']) {
      expect(problemsOf({ ...valid, redirectUri })).toEqual({});
    }
  });

  it('refuses a client secret in the values file and says where it goes instead', () => {
    expect(problemsOf({ ...valid, clientSecret: 's3cret' }).clientSecret).toMatch(/--client-secret-env VAR or --client-secret-stdin.*prompt/);
    expect(problemsOf({ ...valid, client_secret: 's3cret' }).client_secret).toMatch(/must not be stored/);
  });

  it('suggests the key a typo meant', () => {
    expect(problemsOf({ ...valid, clientID: valid.clientId, clientId: undefined }).clientID).toMatch(/did you mean clientId\?/);
    expect(problemsOf({ ...valid, redirect_uri: 'x' }).redirect_uri).toMatch(/did you mean redirectUri\?/);
  });

  it('requires the region only for the commercial cloud and forbids it elsewhere', () => {
    const { region: _r, ...noRegion } = valid;
    expect(problemsOf(noRegion).region).toMatch(/region is required for the commercial cloud/);
    expect(problemsOf({ ...valid, cloud: 'gcc' }).region).toMatch(/region applies only to the commercial cloud/);
    expect(problemsOf({ ...noRegion, cloud: 'dod' })).toEqual({});
  });

  it('names missing required keys', () => {
    expect(problemsOf({ region: 'eu' })).toEqual({
      tenant: expect.stringMatching(/^tenant is required/),
      clientId: expect.stringMatching(/^clientId is required/),
    });
    expect(problemsOf([])['']).toMatch(/JSON object/);
  });
});

describe('api: graph', () => {
  const graph = { api: 'graph', tenant: valid.tenant, clientId: valid.clientId };

  it('has its own defaults: mapping v3, no region, no resource', () => {
    expect(validateValues(graph)).toEqual({
      api: 'graph',
      tenant: valid.tenant,
      cloud: 'commercial',
      clientId: valid.clientId,
      redirectUri: 'https://localhost:44300/wdatpconnector',
      reauthenticate: true,
      prefix: 'WDATP-connector',
      mapping: 'v3',
    });
    expect(problemsOf({ ...graph, cloud: 'dod' })).toEqual({});
  });

  it('refuses what belongs to the SIEM API, saying why', () => {
    expect(problemsOf({ ...graph, region: 'eu' }).region).toMatch(/region does not apply to api graph: Microsoft Graph has one alerts_v2 endpoint per cloud/);
    expect(problemsOf({ ...graph, resource: 'https://graph.windows.net' }).resource).toMatch(/resource does not apply to api graph: .*scope/);
    expect(problemsOf({ ...graph, mapping: 'v2' }).mapping).toMatch(/mapping must be "v3" with api graph/);
    expect(problemsOf({ ...graph, mapping: 'v1' }).mapping).toMatch(/mapping must be "v3" with api graph/);
  });

  it('a values file without api is siem, with its defaults and rules, as before', () => {
    expect(validateValues(valid).api).toBeUndefined();
    expect(validateValues({ ...valid, api: 'siem' })).toEqual({ ...validateValues(valid), api: 'siem' });
    const { region: _r, ...noRegion } = valid;
    expect(problemsOf({ ...noRegion, api: 'siem' }).region).toMatch(/region is required/);
  });

  it('checkField follows the api of the answers so far', () => {
    expect(checkField('tenant', 'contoso.onmicrosoft.com', { api: 'graph' })).toBeUndefined();
    expect(checkField('region', 'eu', { api: 'graph' })).toMatch(/region does not apply to api graph/);
    expect(checkField('mapping', 'v3', { api: 'siem' })).toMatch(/needs api "graph"/);
    expect(checkField('api', 'graph', { mapping: 'v3' })).toBeUndefined();
  });
});

describe('checkField (prompt validation)', () => {
  it('judges one answer with the schema, ignoring keys not yet answered', () => {
    expect(checkField('tenant', 'common')).toMatch(/multi-tenant alias/);
    expect(checkField('tenant', 'contoso.onmicrosoft.com')).toBeUndefined();
    expect(checkField('clientId', '4f6a2b1c-93d7-4e8a-b5c0-1d2e3f405162')).toBeUndefined();
    expect(checkField('prefix', 'bad name')).toMatch(/prefix must be/);
    expect(checkField('redirectUri', 'http://localhost:8080/x', { cloud: 'gcc' })).toBeUndefined();
  });
});
