import { GRAPH_ALERTS_PATH, GRAPH_ALERTS_PERMISSION, cloudsForGraphHost } from '../connector/index.js';
import { RemoteError, UsageError } from '../errors/index.js';
import { grantedPermissions, readAccessTokenClaims } from './access-token.js';
import { adminConsentUrls } from './authorize-url.js';
import { createHttpClient, readBody } from './http.js';
import { scopeResource } from './scope.js';
import { escapeControl } from './terminal-text.js';
import type { ClientConfig, HttpOptions } from './types.js';

export interface AlertApiCheck {
  url: string;
  status: number;
  /** Alerts in the answer (at most 1: the request asks for limit=1, or $top=1 on Graph). */
  count: number;
}

/**
 * The request `--verify` sends: the events URL without ArcSight's `$START_AT_TIME` placeholder (the API then
 * covers the last two hours) and with limit=1, so the check is cheap whatever the tenant holds.
 */
export function verificationUrl(eventsUrl: string): string {
  const url = eventsUrlOf(eventsUrl);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/api/alerts';
  for (const [k, v] of [...url.searchParams]) if (v.includes('$')) url.searchParams.delete(k);
  url.searchParams.set('limit', '1');
  return url.toString();
}

/** The --events-url flag's value as a URL, or a usage error naming the flag. */
function eventsUrlOf(text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new UsageError(`--events-url is not a URL: ${text}`);
  }
}

/** Calls the alert API once with the access token; HTTP errors become RemoteError with the API's documented meaning. */
export async function verifyAlertApi(eventsUrl: string, accessToken: string, opts: HttpOptions = {}): Promise<AlertApiCheck> {
  const url = verificationUrl(eventsUrl);
  const http = await createHttpClient(opts);
  try {
    const response = await http.fetch(url, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } });
    const { json } = await readBody(response);
    if (!response.ok) throw alertApiError(response.status, new URL(url).host);
    return { url, status: response.status, count: countAlerts(json) };
  } finally {
    await http.close();
  }
}

function countAlerts(json: unknown): number {
  if (Array.isArray(json)) return json.length;
  if (json && typeof json === 'object') {
    const value = (json as { value?: unknown }).value;
    return Array.isArray(value) ? value.length : 1;
  }
  return 0;
}

/** The alert API's own error statuses (401, 403, 500), explained. */
export function alertApiError(status: number, host: string): RemoteError {
  switch (status) {
    case 401:
      return new RemoteError(`The alert API at ${host} refused the access token (HTTP 401: malformed request or invalid token).`, {
        status,
        hint: 'The token is for another resource or app: the resource in auth_url must be the one the SIEM app was created for (https://graph.windows.net for portal-created apps), and the app needs the alert-export permission.',
      });
    case 403:
      return new RemoteError(
        `The alert API at ${host} refused access (HTTP 403: a domain is not managed by the tenant administrator, or the tenant state is deleted).`,
        {
          status,
          hint: "Check that SIEM integration is enabled in the Defender portal for this tenant, and that the events URL's region (eu, us, uk) is your tenant's data centre.",
        },
      );
    case 404:
      return new RemoteError(`The alert API at ${host} answered HTTP 404.`, { status, hint: 'Check the events URL path: it ends in /api/alerts.' });
    default:
      if (status >= 500) {
        return new RemoteError(`The alert API at ${host} reported an error in the service (HTTP ${status}).`, {
          status,
          hint: 'A problem on its side: retry later.',
        });
      }
      return new RemoteError(`The alert API at ${host} answered HTTP ${status}.`, { status, hint: 'Check the events URL.' });
  }
}

/**
 * The request `--verify` sends to Graph: the alerts_v2 URL (the Events URL's path, or alerts_v2 on a bare host)
 * without the `$filter` that holds ArcSight's `$START_AT_TIME`, with `$top=1`. The `$` of OData options is kept
 * literal, as Graph's documentation writes them.
 */
export function graphVerificationUrl(alertsUrl: string): string {
  const url = eventsUrlOf(alertsUrl);
  if (url.pathname === '/' || url.pathname === '') url.pathname = GRAPH_ALERTS_PATH;
  const kept = [...url.searchParams].filter(([k, v]) => !v.includes('$') && k.toLowerCase() !== '$top');
  const odata = (s: string) => encodeURIComponent(s).replace(/^%24/, '$');
  url.search = [...kept, ['$top', '1']].map(([k, v]) => `${odata(k!)}=${encodeURIComponent(v!)}`).join('&');
  return url.toString();
}

/** Calls Graph alerts_v2 once; a 401/403 is explained from the access token's own claims. */
export async function verifyGraphAlerts(alertsUrl: string, accessToken: string, cfg: ClientConfig, opts: HttpOptions = {}): Promise<AlertApiCheck> {
  const url = graphVerificationUrl(alertsUrl);
  const http = await createHttpClient(opts);
  try {
    const response = await http.fetch(url, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } });
    const { json } = await readBody(response);
    if (!response.ok) throw graphAlertsError(response.status, new URL(url).host, json, accessToken, cfg);
    return { url, status: response.status, count: countAlerts(json) };
  } finally {
    await http.close();
  }
}

const ALERT_PERMISSIONS = [GRAPH_ALERTS_PERMISSION, 'SecurityAlert.ReadWrite.All'].map((p) => p.toLowerCase());
const hasAlertPermission = (permissions: string[]) => permissions.some((p) => ALERT_PERMISSIONS.includes(p.toLowerCase()));
/** Graph's own app id: tokens for Graph may carry it as the audience instead of the URL. */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** Graph's refusal, explained: for 401 and 403 from the token's audience, expiry and delegated or application permissions. */
export function graphAlertsError(status: number, host: string, body: unknown, accessToken: string, cfg: ClientConfig): RemoteError {
  const error = (body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined) as { code?: unknown; message?: unknown } | undefined;
  const said = [error?.code, error?.message]
    .filter((x): x is string => typeof x === 'string')
    .map((x) => escapeControl(x, 200))
    .join(': ');
  const head = `Graph at ${host} answered HTTP ${status}${said ? ` (${said})` : ''}`;
  if (status !== 401 && status !== 403) {
    if (status === 429)
      return new RemoteError(`${head}: throttled.`, {
        status,
        hint: 'Wait a minute and verify again; Graph allows about 150 alert requests per minute per app and tenant.',
      });
    if (status >= 500) return new RemoteError(`${head}: an error in the service.`, { status, hint: 'A problem on its side: retry later.' });
    return new RemoteError(`${head}.`, { status, hint: `Check the alerts URL: https://<graph host>${GRAPH_ALERTS_PATH}.` });
  }
  const claims = readAccessTokenClaims(accessToken);
  const rerun = `wdatp-arcsight token --config ${cfg.file ?? '<client properties file>'}`;
  if (!claims) {
    return new RemoteError(`${head}; the access token is not a JWT, so it was not issued for Microsoft Graph.`, {
      status,
      hint: 'Use a Graph client file: token_url …/oauth2/v2.0/token and scope=offline_access https://<graph host>/SecurityAlert.Read.All (wdatp-arcsight migrate writes one).',
    });
  }
  // The API the token must be for: this host when it is a Graph host, else (a test server) the file's Graph host.
  const resource = cloudsForGraphHost(new URL(`https://${host}`).hostname).length ? `https://${host}` : (scopeResource(cfg.scope) ?? `https://${host}`);
  if (status === 401) {
    const expected = resource;
    const aud = claims.aud?.replace(/\/$/, '');
    if (aud && aud.toLowerCase() !== expected.toLowerCase() && aud !== GRAPH_APP_ID) {
      return new RemoteError(`${head}: the access token is for ${escapeControl(aud, 200)}, not ${expected}.`, {
        status,
        hint: `Ask for a token for ${expected}: scope=offline_access ${expected}/SecurityAlert.Read.All in ${cfg.file ?? 'the client file'} (tokens of one cloud do not work in another), then run ${rerun} again.`,
      });
    }
    if (claims.exp !== undefined && claims.exp * 1000 <= Date.now()) {
      return new RemoteError(`${head}: the access token expired at ${new Date(claims.exp * 1000).toISOString()}.`, {
        status,
        hint: "Check this machine's clock, then verify again with a fresh token.",
      });
    }
    return new RemoteError(`${head}: Graph did not accept the access token.`, {
      status,
      hint: `Run ${rerun} again for a fresh token; if it repeats, check the tenant in token_url.`,
    });
  }
  const { kind, granted, list } = grantedPermissions(claims);
  if (!hasAlertPermission(granted)) {
    const consentScope = kind === 'delegated' ? `${resource}/${GRAPH_ALERTS_PERMISSION}` : `${resource}/.default`;
    const consent = adminConsentUrls({ ...cfg, platform: 'v2' }, consentScope).adminConsent;
    const type = kind === 'delegated' ? 'Delegated' : 'Application';
    return new RemoteError(`${head}: the access token carries the ${kind} permissions ${list}, but not ${GRAPH_ALERTS_PERMISSION}.`, {
      status,
      hint:
        `Give app ${cfg.clientId} the ${kind} permission: Azure portal → App registrations → the app → API permissions → Add a permission → Microsoft Graph → ${type} permissions → ${GRAPH_ALERTS_PERMISSION}. ` +
        `An administrator then grants consent at ${consent}. ` +
        (kind === 'delegated'
          ? `Then sign in again with ${rerun} (a refresh token keeps the permissions it was issued with).`
          : `Then run ${rerun} --client-credentials --verify again.`),
    });
  }
  return new RemoteError(
    kind === 'delegated'
      ? `${head}: the token carries ${GRAPH_ALERTS_PERMISSION}, so Graph refused the signed-in user: delegated access only reaches what that user may see in Microsoft Defender.`
      : `${head} although the token carries the application permission ${GRAPH_ALERTS_PERMISSION}.`,
    {
      status,
      hint:
        kind === 'delegated'
          ? `Sign in as a user with a Defender role that can read alerts (e.g. Security Reader): ${rerun} --prompt login.`
          : 'Check that the tenant has Microsoft Defender XDR and that the consent was granted in this tenant (tid of the token).',
    },
  );
}
