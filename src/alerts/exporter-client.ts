import { AlertApiError, getAlertJson, type AlertService, type FetchLike } from './alert-api-get.js';

/** Array.isArray, saying what JSON gives: a list whose items are still unknown. */
const isList: (value: unknown) => value is unknown[] = Array.isArray;

/**
 * GETs one page of alerts: `Authorization: Bearer`, a JSON array in reply (a single object, as in the 2017
 * sample, counts as a page of one). HTTP errors and bodies that are not JSON become AlertApiError; network
 * errors come through as the client's RemoteError.
 */
export async function fetchAlertPage(client: FetchLike, url: string, accessToken: string, signal?: AbortSignal): Promise<unknown[]> {
  const { body, host, status } = await getAlertJson(client, url, accessToken, SIEM_API, signal);
  if (isList(body)) return body;
  if (body !== null && typeof body === 'object') {
    const envelope = (body as { value?: unknown }).value;
    return isList(envelope) ? envelope : [body];
  }
  throw new AlertApiError(`The alert API at ${host} sent JSON that is not a list of alerts.`, 'malformed', {
    status,
    hint: 'Check that the Events URL points at /api/alerts of the alert export service.',
  });
}

const SIEM_API: AlertService = {
  name: 'The alert API',
  errorText: describeError,
  hint: hintFor,
  notJsonHint: 'A proxy cutting responses short, or a service fault. If it persists, capture the response with curl and check it.',
};

/** The service's own error text, when it sent one, for the message (short; never the request's token). */
function describeError(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message);
    return typeof message === 'string' && message ? `: ${message.slice(0, 300)}` : '';
  } catch {
    return '';
  }
}

function hintFor(status: number): string | undefined {
  switch (status) {
    case 401:
      return 'The access token was refused: check that auth_url asks for the resource the alert API expects (https://graph.windows.net, or https://WDATPAlertExport.Seville.onmicrosoft.com for old apps) and that the app may read alerts.';
    case 403:
      return 'The service refuses this tenant or app ("any of the domains is not managed by the tenant administrator or tenant state is deleted"): check the SIEM integration in the Defender portal and the app permissions.';
    case 400:
    case 404:
      return 'Check the Events URL: host and region (-eu, -us, -uk), path /api/alerts, and the query parameters.';
    default:
      return status >= 500 ? 'A problem on the service side; pull retries with backoff.' : undefined;
  }
}
