import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatUtcTimestamp, parseUtcTimestamp, readRefreshTokenFile, ticksFromMs, type GraphPullOptions } from '../../src/alerts/index.js';
import { compileParser, loadParserSpec } from '../../src/flex/index.js';
import { readClientConfig } from '../../src/oauth/index.js';
import type { SandboxOptions } from '../../src/sandbox/index.js';
import { escapePropertyValue } from '../../src/properties/index.js';
import { deliveryOptions, pullFixture, signIn, type PullFixture } from './support.js';

/**
 * A parser for alerts_v2 as the FlexConnector would read the response (`/value`, one event per alert). The id
 * and lastUpdateDateTime travel as additional data, so a test can tell exactly which version was delivered.
 */
export const GRAPH_TEST_PARSER = `trigger.node.location=/value
token.count=4
token[0].name=id
token[0].location=id
token[1].name=lastUpdateDateTime
token[1].location=lastUpdateDateTime
token[2].name=title
token[2].location=title
token[3].name=severity
token[3].location=severity
event.deviceVendor=__stringConstant("Microsoft")
event.deviceProduct=__stringConstant("Microsoft Defender XDR")
event.name=title
event.deviceSeverity=severity
additionaldata.enabled=true
`;

export interface GraphFixture extends PullFixture {
  graphParserFile: string;
}

/** The pull fixture with tokens for Microsoft Graph and the alerts_v2 test parser. */
export async function graphFixture(options: SandboxOptions = {}): Promise<GraphFixture> {
  // Refresh tokens stay valid after use, as on Azure AD: a kill between the token answer and storing the rotated
  // one must not end the test's sign-in (single-use tokens are the identity tests' subject, not delivery's).
  const f = await pullFixture({ https: true, singleUseRefreshTokens: false, ...options });
  // The client file of a Graph set-up: identity platform v2 endpoints and the delegated scope with offline_access.
  const login = f.sandbox.tokenUrl.replace(/\/oauth2\/token$/, '/oauth2/v2.0');
  const values: Record<string, string> = {
    client_id: f.sandbox.clientId,
    client_secret: f.sandbox.clientSecret,
    auth_url: `${login}/authorize`,
    token_url: `${login}/token`,
    redirect_uri: f.sandbox.redirectUris[0]!,
    scope: 'offline_access https://graph.microsoft.com/SecurityAlert.Read.All',
    reauthenticate: 'true',
  };
  const text = Object.entries(values)
    .map(([k, v]) => `${k}=${escapePropertyValue(v)}`)
    .join('\n');
  await writeFile(f.clientFile, `${text}\n`, { encoding: 'latin1', mode: 0o600 });
  await writeFile(f.refreshFile, `${await signIn(f.sandbox, f.clientFile)}\n`, { mode: 0o600 });
  const graphParserFile = join(f.dir, 'graph-test.jsonparser.properties');
  await writeFile(graphParserFile, GRAPH_TEST_PARSER, 'latin1');
  return { ...f, graphParserFile };
}

export async function graphPullOptions(f: GraphFixture, over: Partial<GraphPullOptions> = {}): Promise<GraphPullOptions & { logs: string[] }> {
  const { spec } = loadParserSpec(GRAPH_TEST_PARSER, { file: f.graphParserFile });
  return {
    client: { ...(await readClientConfig(f.clientFile)), file: f.clientFile },
    auth: { refreshToken: await readRefreshTokenFile(f.refreshFile) },
    eventsUrl: f.sandbox.graphAlertsUrl,
    parser: compileParser(spec),
    startAt: ticksFromMs(Date.now() - 24 * 3_600_000),
    ...deliveryOptions(f, 4),
    ...over,
  };
}

/** `id@lastUpdateDateTime` of every version in the NDJSON output, in order, with the stamp normalised to 7 digits. */
export async function deliveredVersions(output: string): Promise<string[]> {
  const text = await readFile(output, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const e = JSON.parse(line) as Record<string, string>;
      return versionText(e['additionaldata.id']!, e['additionaldata.lastUpdateDateTime']!);
    });
}

export function versionText(id: string, stamp: string): string {
  return `${id}@${formatUtcTimestamp(parseUtcTimestamp(stamp)!)}`;
}
