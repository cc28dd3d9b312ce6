import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOUD_IDS, graphEndpoints, type Cloud } from '../../src/connector/index.js';
import { RULES } from '../../src/lint/index.js';
import { GRAPH_TENANT, bytes, clientWith, findingsOf, fixture, graphClientWith, idsOf, lintOne, spanText, withRule } from './helpers.js';
import { tempDir } from '../support/temp.js';

const TENANT = '8eaef023-2b34-4da1-9baa-8bc8c9d6a490';
const client = (overrides: Record<string, string | undefined>, extra: string[] = []) => {
  const text = clientWith(overrides, extra);
  return { text, findings: findingsOf('client-properties', text) };
};

describe('the good client file', () => {
  it('has no errors or warnings, only the redirect scheme notice and the legacy set-up notices', () => {
    const { findings } = lintOne('client-properties', fixture('good', 'WDATP-connector.properties'));
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(idsOf(findings)).toEqual(['WDA128', 'WDA308', 'WDA309']);
  });
});

/**
 * One row per rule: a file that triggers it (with the text its span should mark, when it marks one), and
 * the valid file (clientWith({})) that must not trigger it.
 */
const CASES: Array<{ id: string; overrides: Record<string, string | undefined>; extra?: string[]; marks?: string; message?: RegExp; severity?: string }> = [
  { id: 'WDA101', overrides: { token_url: undefined }, message: /token_url is missing/ },
  { id: 'WDA102', overrides: {}, extra: ['redirect_url=https://localhost:44300/x'], marks: 'redirect_url', message: /did you mean redirect_uri/ },
  { id: 'WDA103', overrides: {}, extra: ['scope='], marks: 'scope', message: /first on line 6/ },
  { id: 'WDA104', overrides: { client_id: 'WDATP SIEM app' }, marks: 'WDATP SIEM app', message: /not a GUID/ },
  { id: 'WDA105', overrides: { client_secret: '' }, message: /empty/ },
  { id: 'WDA106', overrides: { client_secret: '<client secret>' }, message: /placeholder/ },
  { id: 'WDA107', overrides: { client_secret: '5f0c2b6e-3a1d-4c9b-8e7f-0a1b2c3d4e5f' }, message: /secret ID/ },
  { id: 'WDA108', overrides: { client_secret: 'fak8Q~NotARealSecretJustForLintTests0123 ' }, message: /ends with whitespace/ },
  { id: 'WDA109', overrides: { client_secret: 'fak8Q~NotARealSecret\\JustForLintTests0123' }, message: /backslash at column 35/ },
  { id: 'WDA110', overrides: { client_id: '"11111111-2222-3333-4444-555555555555"' }, message: /wrapped in quotes/ },
  { id: 'WDA111', overrides: { token_url: `https://login.microsoftonline.com/${TENANT}/oauth2/token  ` }, marks: '  ' },
  { id: 'WDA112', overrides: { scope: '\\' }, message: /continues onto line 7/ },
  { id: 'WDA113', overrides: { scope: 'https://graph.windows.net/.default' }, marks: 'https://graph.windows.net/.default' },
  { id: 'WDA114', overrides: { reauthenticate: 'yes' }, marks: 'yes', message: /reads as false/ },
  { id: 'WDA115', overrides: { reauthenticate: undefined }, severity: 'info' },
  { id: 'WDA116', overrides: { redirect_uri: 'localhost:44300/wdatpconnector' }, message: /not an absolute URL/ },
  { id: 'WDA117', overrides: { token_url: `http://login.microsoftonline.com/${TENANT}/oauth2/token` }, marks: 'http' },
  { id: 'WDA118', overrides: { token_url: `https://login.example.com/${TENANT}/oauth2/token` }, marks: 'login.example.com' },
  {
    id: 'WDA119',
    overrides: {
      token_url: `http://127.0.0.1:8443/${TENANT}/oauth2/token`,
      auth_url: `http://127.0.0.1:8443/${TENANT}/oauth2/authorize?resource=https%3A%2F%2Fgraph.windows.net`,
    },
    severity: 'info',
    marks: '127.0.0.1',
  },
  { id: 'WDA120', overrides: { token_url: `https://login.microsoftonline.us/${TENANT}/oauth2/token` }, marks: 'login.microsoftonline.us' },
  {
    id: 'WDA121',
    overrides: { auth_url: 'https://login.microsoftonline.com/<tenantID>/oauth2/authorize?resource=https%3A%2F%2Fgraph.windows.net' },
    marks: '<tenantID>',
    message: /placeholder/,
  },
  { id: 'WDA122', overrides: { token_url: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/token' }, marks: 'contoso.onmicrosoft.com' },
  {
    id: 'WDA123',
    overrides: { auth_url: `https://login.microsoftonline.com/${TENANT}?resource=https%3A%2F%2Fgraph.windows.net` },
    message: /lacks \/oauth2\/v2\.0\/authorize \(or \/oauth2\/authorize/,
  },
  { id: 'WDA124', overrides: { auth_url: `https://login.microsoftonline.com/${TENANT}/oauth2/authorize` }, message: /no resource=/ },
  {
    id: 'WDA125',
    overrides: { token_url: `https://login.microsoftonline.com/${TENANT}/oauth2/authorize` },
    marks: `/${TENANT}/oauth2/authorize`,
    message: /the authorize endpoint; it must be the token endpoint \(…\/oauth2\/token\)/,
  },
  { id: 'WDA126', overrides: { redirect_uri: 'https://arcsight.example.com:44300/wdatpconnector' }, marks: 'arcsight.example.com' },
  { id: 'WDA127', overrides: { redirect_uri: 'https://localhost/wdatpconnector' }, marks: 'localhost', message: /port 443/ },
  { id: 'WDA128', overrides: { redirect_uri: 'http://localhost:44300/wdatpconnector' }, marks: 'http', message: /no certificate prompt/ },
  { id: 'WDA130', overrides: { scope: '\\u00zz' }, message: /./ },
  {
    id: 'WDA137',
    overrides: { client_secret: 'fak8Q~NotARealSecret\\u0000JustForLintTests0123' },
    message: /control character U\+0000 at column/,
    severity: 'warning',
  },
];

describe('client properties rules', () => {
  it.each(CASES)('$id fires on its bad input and not on the valid file', ({ id, overrides, extra, marks, message, severity }) => {
    const { text, findings } = client(overrides, extra);
    const hits = withRule(findings, id);
    expect(hits.length, `${id} in ${JSON.stringify(findings, null, 1)}`).toBeGreaterThan(0);
    const hit = hits[0]!;
    if (marks !== undefined) expect(spanText(text, hit)).toBe(marks);
    if (message) expect(hit.message).toMatch(message);
    if (severity) expect(hit.severity).toBe(severity);
    expect(RULES.some((r) => r.id === id)).toBe(true);
    expect(withRule(client({}).findings, id)).toEqual(id === 'WDA128' ? withRule(client({}).findings, id) : []);
  });

  it('WDA138: a client file with a secret readable by group or others is a warning; mode 0600 is not', async () => {
    const { writeFile, chmod } = await import('node:fs/promises');
    const { lintPaths } = await import('../../src/lint/index.js');
    const dir = tempDir('perm');
    const file = join(dir, 'WDATP-connector.properties');
    await writeFile(file, clientWith({}), 'latin1');
    for (const [mode, expected] of [
      [0o644, /readable by everyone \(mode 0644\)/],
      [0o640, /readable by its group \(mode 0640\)/],
      [0o600, undefined],
    ] as const) {
      await chmod(file, mode);
      const hits = withRule((await lintPaths([file], { cwd: dir })).findings, 'WDA138');
      if (expected) expect(hits.map((h) => [h.severity, h.message])).toEqual([['warning', expect.stringMatching(expected)]]);
      else expect(hits).toEqual([]);
    }
  });

  it.each([
    ['auth_url', '/oauth2/token', 'WDA123', 'auth_url is the token endpoint; it must be the authorize endpoint (…/oauth2/authorize).'],
    ['auth_url', '/oauth2/v2.0/token', 'WDA123', 'auth_url is the token endpoint; it must be the authorize endpoint (…/oauth2/v2.0/authorize).'],
    ['auth_url', '', 'WDA123', 'auth_url stops after the tenant: it lacks /oauth2/v2.0/authorize (or /oauth2/authorize for the SIEM API).'],
    ['auth_url', '/oauth2/Authorise', 'WDA123', 'auth_url path ends in /oauth2/authorise, not /oauth2/v2.0/authorize (or /oauth2/authorize).'],
    ['token_url', '/oauth2/authorize', 'WDA125', 'token_url is the authorize endpoint; it must be the token endpoint (…/oauth2/token).'],
    ['token_url', '/oauth2/v2.0/authorize', 'WDA125', 'token_url is the authorize endpoint; it must be the token endpoint (…/oauth2/v2.0/token).'],
    ['token_url', '', 'WDA125', 'token_url stops after the tenant: it lacks /oauth2/v2.0/token (or /oauth2/token for the SIEM API).'],
    ['token_url', '/v2.0/token', 'WDA125', 'token_url path ends in /v2.0/token, not /oauth2/v2.0/token (or /oauth2/token).'],
  ])('%s ending in "%s": %s says exactly what is wrong', (key, path, id, message) => {
    const query = key === 'auth_url' ? '?resource=https%3A%2F%2Fgraph.windows.net' : '';
    const { findings } = client({ [key]: `https://login.microsoftonline.com/${TENANT}${path}${query}` });
    expect(withRule(findings, id).map((f) => f.message)).toEqual([message]);
  });

  it('explains client_ID: keys are case-sensitive and the connector reads client_id', () => {
    const text = clientWith({ client_id: undefined }, ['client_ID=11111111-2222-3333-4444-555555555555']);
    const findings = findingsOf('client-properties', text);
    const unknown = withRule(findings, 'WDA102')[0]!;
    expect(unknown.severity).toBe('error');
    expect(unknown.message).toMatch(/case-sensitive/);
    expect(unknown.message).toMatch(/Microsoft's setup page writes client_ID/);
    expect(withRule(findings, 'WDA101')).toEqual([]);
  });

  it('reads values as Java does: \\: escapes and continuation lines keep columns right', () => {
    const text = clientWith({
      token_url: `https\\://login.microsoftonline.com/${TENANT}/oauth2/token`,
      auth_url: `https\\://login.microsoftonline.com/${TENANT}/oauth2/\\\n    authorize?resource=https%3A%2F%2Fgraph.windows.net`,
    });
    const findings = findingsOf('client-properties', text);
    expect(findings.filter((f) => f.severity !== 'info' && f.ruleId !== 'WDA112')).toEqual([]);
    const mismatch = findingsOf('client-properties', clientWith({ token_url: `https\\://login.microsoftonline.com/contoso.com/oauth2/token` }));
    const hit = withRule(mismatch, 'WDA122')[0]!;
    expect(hit.column).toBe('token_url=https\\://login.microsoftonline.com/'.length + 1);
  });

  it('accepts a Java-escaped secret (\\= and \\\\) and flags a swallowed backslash without quoting the secret', () => {
    expect(withRule(client({ client_secret: 'fak8Q~NotARealSecret\\=JustForLint\\\\Tests' }).findings, 'WDA109')).toEqual([]);
    const hit = withRule(client({ client_secret: 'fak8Q~NotARealSecret\\tJustForLintTests' }).findings, 'WDA109')[0]!;
    expect(hit.message).not.toContain('NotARealSecret');
  });

  it('joins a secret continued by a trailing backslash and says so', () => {
    const text = clientWith({ client_secret: 'fak8Q~NotARealSecret\\' }).replace('auth_url', '   auth_url');
    const findings = findingsOf('client-properties', text);
    expect(withRule(findings, 'WDA109')[0]!.message).toMatch(/joins the next line/);
    expect(withRule(findings, 'WDA101').map((f) => f.message)).toContain('auth_url is missing.');
  });

  it('spots a GUID secret that is the client id', () => {
    const hit = withRule(client({ client_secret: '11111111-2222-3333-4444-555555555555' }).findings, 'WDA107')[0]!;
    expect(hit.message).toMatch(/is the client id/);
  });

  it('treats the legacy login.windows.net as a warning and another cloud as an error', () => {
    const legacy = withRule(client({ token_url: `https://login.windows.net/${TENANT}/oauth2/token` }).findings, 'WDA118')[0]!;
    expect(legacy.severity).toBe('warning');
    expect(withRule(client({ token_url: `https://login.windows.net/${TENANT}/oauth2/token` }).findings, 'WDA120')).toEqual([]);
  });

  it('flags an unknown and a doubly encoded resource', () => {
    const unknown = withRule(
      client({ auth_url: `https://login.microsoftonline.com/${TENANT}/oauth2/authorize?resource=https%3A%2F%2Fmanagement.azure.com` }).findings,
      'WDA124',
    )[0]!;
    expect(unknown.severity).toBe('warning');
    const twice = withRule(
      client({ auth_url: `https://login.microsoftonline.com/${TENANT}/oauth2/authorize?resource=https%253A%252F%252Fgraph.windows.net` }).findings,
      'WDA124',
    )[0]!;
    expect(twice.severity).toBe('error');
    expect(twice.message).toMatch(/twice/);
  });

  it('accepts both known resources, in any case, and a verified domain as tenant', () => {
    for (const r of ['https%3A%2F%2FWDATPAlertExport.Seville.onmicrosoft.com', 'https://graph.windows.net/']) {
      const f = client({
        auth_url: `https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/authorize?resource=${r}`,
        token_url: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/token',
      }).findings;
      expect(f.filter((x) => x.severity !== 'info')).toEqual([]);
    }
  });

  it('rejects common as a tenant', () => {
    const hit = withRule(client({ token_url: 'https://login.microsoftonline.com/common/oauth2/token' }).findings, 'WDA121')[0]!;
    expect(hit.message).toMatch(/name it/);
  });

  it('reports UTF-8 characters with their \\u escape, and a byte order mark', () => {
    const text = clientWith({ scope: '' }, ['# café in a comment is harmless']).replace('scope=', 'scope=Défense');
    const findings = findingsOf('client-properties', bytes(text, 'utf8'));
    const hits = withRule(findings, 'WDA129');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hint).toContain('\\u00e9');
    expect(hits[0]!.message).toContain('Ã©');
    const bom = findingsOf('client-properties', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(clientWith({}))]));
    expect(withRule(bom, 'WDA129')[0]!.message).toMatch(/byte order mark/);
    expect(withRule(bom, 'WDA101').map((f) => f.message)).toContain('client_id is missing.');
    expect(withRule(findingsOf('client-properties', Buffer.from(clientWith({ scope: 'D\u00e9fense' }), 'latin1')), 'WDA129')).toEqual([]);
  });

  it('never quotes the secret in messages, even a UTF-8 character of it', () => {
    const text = clientWith({ client_secret: 'fak8Q~NotARéalSecretJustForLintTests012 ' });
    const findings = findingsOf('client-properties', bytes(text, 'utf8'));
    expect(withRule(findings, 'WDA129')).toHaveLength(1);
    for (const f of findings) expect(`${f.message} ${f.hint}`).not.toMatch(/NotAR|é/);
  });
});

describe('Graph client files (identity platform v2, Microsoft Graph scope)', () => {
  const graph = (overrides: Record<string, string | undefined>, cloud: Cloud = 'commercial') => {
    const text = graphClientWith(overrides, { cloud });
    return { text, findings: findingsOf('client-properties', text) };
  };
  const e = graphEndpoints('commercial', GRAPH_TENANT);
  const V1_AUTH = `https://login.microsoftonline.com/${GRAPH_TENANT}/oauth2/authorize?resource=https%3A%2F%2Fgraph.windows.net`;
  const V1_TOKEN = `https://login.microsoftonline.com/${GRAPH_TENANT}/oauth2/token`;

  it.each(CLOUD_IDS)('the file the contract describes for %s validates clean: no error, no warning, no legacy notice', (cloud) => {
    const text = graphClientWith({}, { cloud, escape: true });
    expect(text).toContain('auth_url=https\\://login.microsoftonline.');
    const findings = findingsOf('client-properties', text);
    expect(
      findings.filter((f) => f.severity !== 'info'),
      JSON.stringify(findings, null, 1),
    ).toEqual([]);
    expect(idsOf(findings)).toEqual(['WDA128']);
  });

  it('accepts /.default and SecurityAlert.ReadWrite.All as the alerts permission', () => {
    for (const scope of [
      `offline_access ${e.defaultScope}`,
      'offline_access https://graph.microsoft.com/SecurityAlert.ReadWrite.All',
      'offline_access SecurityAlert.Read.All',
    ]) {
      expect(
        graph({ scope }).findings.filter((f) => f.severity !== 'info'),
        scope,
      ).toEqual([]);
    }
  });

  const GRAPH_CASES: Array<{ id: string; overrides: Record<string, string | undefined>; cloud?: Cloud; marks?: string; message: RegExp; severity?: string }> = [
    { id: 'WDA131', overrides: { token_url: V1_TOKEN }, marks: `/${GRAPH_TENANT}/oauth2/token`, message: /v1 token endpoint but auth_url is the v2\.0/ },
    {
      id: 'WDA131',
      overrides: { auth_url: V1_AUTH },
      marks: `/${GRAPH_TENANT}/oauth2/v2.0/token`,
      message: /v2\.0 token endpoint but auth_url is written for v1/,
    },
    {
      id: 'WDA131',
      overrides: { auth_url: `https://login.microsoftonline.com/${GRAPH_TENANT}?resource=https%3A%2F%2Fgraph.windows.net` },
      marks: `/${GRAPH_TENANT}/oauth2/v2.0/token`,
      message: /auth_url is written for v1/,
    },
    {
      id: 'WDA132',
      overrides: { auth_url: `${e.authUrl}?resource=https%3A%2F%2Fgraph.microsoft.com` },
      marks: 'resource=https%3A%2F%2Fgraph.microsoft.com',
      message: /AADSTS901002/,
    },
    {
      id: 'WDA132',
      overrides: { token_url: `${e.tokenUrl}?resource=https://graph.microsoft.com` },
      marks: 'resource=https://graph.microsoft.com',
      message: /token_url is a v2\.0 endpoint/,
    },
    {
      id: 'WDA133',
      overrides: { scope: e.scope.replace('offline_access ', '') },
      marks: 'https://graph.microsoft.com/SecurityAlert.Read.All',
      message: /lacks offline_access, so no refresh token/,
    },
    { id: 'WDA133', overrides: { scope: '' }, message: /scope is empty/ },
    { id: 'WDA133', overrides: { scope: undefined }, message: /scope is missing/ },
    {
      id: 'WDA134',
      overrides: { scope: 'offline_access openid profile' },
      marks: 'offline_access openid profile',
      message: /no permission that reads alerts_v2/,
    },
    {
      id: 'WDA134',
      overrides: { scope: 'offline_access https://graph.windows.net/.default' },
      marks: 'https://graph.windows.net/.default',
      message: /Azure AD Graph/,
    },
    {
      id: 'WDA134',
      overrides: { scope: 'offline_access https://api.securitycenter.microsoft.com/Alert.Read.All' },
      marks: 'https://api.securitycenter.microsoft.com/Alert.Read.All',
      message: /not Microsoft Graph/,
    },
    {
      id: 'WDA135',
      overrides: { scope: 'offline_access https://graph.microsoft.com/SecurityEvents.Read.All' },
      marks: 'https://graph.microsoft.com/SecurityEvents.Read.All',
      message: /retiring \/security\/alerts/,
      severity: 'error',
    },
    {
      id: 'WDA135',
      overrides: { scope: `${e.scope} SecurityEvents.Read.All` },
      marks: 'SecurityEvents.Read.All',
      message: /does not need/,
      severity: 'warning',
    },
    {
      id: 'WDA136',
      overrides: { scope: 'offline_access https://graph.microsoft.us/SecurityAlert.Read.All' },
      marks: 'graph.microsoft.us',
      message: /GCC High.*signs in to Commercial/,
    },
    { id: 'WDA136', overrides: { scope: e.scope }, cloud: 'dod', marks: 'graph.microsoft.com', message: /Commercial/ },
  ];

  it.each(GRAPH_CASES)('$id: $message', ({ id, overrides, cloud, marks, message, severity }) => {
    const { text, findings } = graph(overrides, cloud);
    const hits = withRule(findings, id);
    expect(hits.length, `${id} in ${JSON.stringify(findings, null, 1)}`).toBe(1);
    const hit = hits[0]!;
    expect(hit.message).toMatch(message);
    if (marks !== undefined) expect(spanText(text, hit)).toBe(marks);
    expect(hit.severity).toBe(severity ?? RULES.find((r) => r.id === id)!.severity);
    expect(withRule(graph({}, cloud).findings, id)).toEqual([]);
  });

  it('WDA110: quotes around a Graph scope', () => {
    const { text, findings } = graph({ scope: `"${e.scope}"` });
    expect(spanText(text, withRule(findings, 'WDA110')[0]!)).toBe(`"${e.scope}"`);
    expect(withRule(client({ scope: '""' }).findings, 'WDA110')).toEqual([]);
  });

  it('the hint names the scope of the cloud the file signs in to', () => {
    const hit = withRule(graph({ scope: 'offline_access' }, 'gcc-high').findings, 'WDA134')[0]!;
    expect(hit.hint).toBe(
      'Write scope=offline_access https://graph.microsoft.us/SecurityAlert.Read.All or scope=offline_access https://dod-graph.microsoft.us/SecurityAlert.Read.All.',
    );
  });

  it('v1 rules stay silent on a v2 file, and v2 rules on a v1 file', () => {
    const v2 = idsOf(graph({}).findings);
    for (const id of ['WDA113', 'WDA123', 'WDA124', 'WDA125']) expect(v2).not.toContain(id);
    const v1 = idsOf(client({ scope: 'offline_access' }).findings);
    expect(v1).toContain('WDA113');
    for (const id of ['WDA131', 'WDA132', 'WDA133', 'WDA134', 'WDA135', 'WDA136']) expect(v1).not.toContain(id);
  });

  it('shows the span in the code frame through \\: escapes', () => {
    const text = graphClientWith({ scope: 'offline_access https://graph.microsoft.us/SecurityAlert.Read.All' }, { escape: true });
    const hit = withRule(findingsOf('client-properties', text), 'WDA136')[0]!;
    expect(spanText(text, hit)).toBe('graph.microsoft.us');
  });
});
