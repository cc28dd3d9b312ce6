import { RemoteError, UsageError } from '../errors/index.js';
import { createHttpClient, readBody } from './http.js';
import type { HttpOptions } from './types.js';

export interface AlertApiCheck {
  url: string;
  status: number;
  /** Alerts in the answer (at most 1: the request asks for limit=1). */
  count: number;
}

/**
 * The request `--verify` sends: the events URL without ArcSight's `$START_AT_TIME` placeholder (the API then
 * covers the last two hours) and with limit=1, so the check is cheap whatever the tenant holds.
 */
export function verificationUrl(eventsUrl: string): string {
  let url: URL;
  try {
    url = new URL(eventsUrl);
  } catch {
    throw new UsageError(`--events-url is not a URL: ${eventsUrl}`);
  }
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/api/alerts';
  for (const [k, v] of [...url.searchParams]) if (v.includes('$')) url.searchParams.delete(k);
  url.searchParams.set('limit', '1');
  return url.toString();
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
      return new RemoteError(`The alert API at ${host} refused access (HTTP 403: a domain is not managed by the tenant administrator, or the tenant state is deleted).`, {
        status,
        hint: "Check that SIEM integration is enabled in the Defender portal for this tenant, and that the events URL's region (eu, us, uk) is your tenant's data centre.",
      });
    case 404:
      return new RemoteError(`The alert API at ${host} answered HTTP 404.`, { status, hint: 'Check the events URL path: it ends in /api/alerts.' });
    default:
      if (status >= 500) {
        return new RemoteError(`The alert API at ${host} reported an error in the service (HTTP ${status}).`, { status, hint: 'A problem on its side: retry later.' });
      }
      return new RemoteError(`The alert API at ${host} answered HTTP ${status}.`, { status, hint: 'Check the events URL.' });
  }
}
