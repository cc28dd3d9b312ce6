import { Agent, fetch as undiciFetch } from 'undici';
import type { Sandbox } from '../../src/sandbox/index.js';

/** Fetch that trusts the sandbox's generated certificate when it serves https. */
export function sandboxFetch(sandbox: Sandbox): (url: string, init?: Parameters<typeof undiciFetch>[1]) => ReturnType<typeof undiciFetch> {
  const dispatcher = new Agent({ connect: sandbox.ca ? { ca: sandbox.ca } : {} });
  return (url, init) => undiciFetch(url, { ...init, dispatcher });
}

/** An access token through the client-credentials grant (the quickest real token the sandbox issues). */
export async function accessToken(sandbox: Sandbox): Promise<string> {
  const res = await sandboxFetch(sandbox)(sandbox.tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sandbox.clientId,
      client_secret: sandbox.clientSecret,
      resource: sandbox.resource,
    }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

export interface AlertsResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** GET /api/alerts with a query string and a bearer token. */
export async function getAlerts(sandbox: Sandbox, query: string, token: string | undefined): Promise<AlertsResponse> {
  const res = await sandboxFetch(sandbox)(`${sandbox.url}/api/alerts${query ? `?${query}` : ''}`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers as unknown as Headers, text, json };
}

export function ids(json: unknown): string[] {
  return (json as Array<{ AlertId: string }>).map((a) => a.AlertId);
}
