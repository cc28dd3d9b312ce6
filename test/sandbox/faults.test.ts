import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { accessToken, getAlerts, sandboxFetch } from './support.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');

describe('sandbox faults and control endpoint', () => {
  let sandbox: Sandbox;
  let token: string;
  beforeAll(async () => {
    sandbox = await startSandbox({
      generate: 6,
      seed: 4,
      clock: createClock({ start: NOW, frozen: true }),
      generateFrom: NOW - 3600_000,
      generateSpanMs: 1800_000,
    });
    token = await accessToken(sandbox);
  });
  afterAll(() => sandbox.close());

  it('serves queued faults in order, each for its count, then answers normally', async () => {
    sandbox.addFault({ kind: 'status', status: 500, count: 2 });
    sandbox.addFault({ kind: 'status', status: 403 });
    sandbox.addFault({ kind: 'throttle', retryAfterSeconds: 7 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await getAlerts(sandbox, '', token);
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
      if (res.status === 403) expect(res.text).toContain('not managed by the tenant administrator');
    }
    expect(statuses).toEqual([500, 500, 403, 429, 200]);
    expect(retryAfter).toBe('7');
  });

  it('answers a 401 fault even to a valid token (the "invalid token" case of the service)', async () => {
    sandbox.addFault({ kind: 'status', status: 401 });
    expect((await getAlerts(sandbox, '', token)).status).toBe(401);
    expect((await getAlerts(sandbox, '', token)).status).toBe(200);
  });

  it('cuts the JSON of a malformed page so it does not parse', async () => {
    sandbox.addFault({ kind: 'malformed' });
    const bad = await getAlerts(sandbox, '', token);
    expect(bad.status).toBe(200);
    expect(bad.text.startsWith('[')).toBe(true);
    expect(() => JSON.parse(bad.text)).toThrow();
    expect(Array.isArray((await getAlerts(sandbox, '', token)).json)).toBe(true);
  });

  it('delays a slow response and then answers it in full', async () => {
    sandbox.addFault({ kind: 'slow', delayMs: 300 });
    const started = Date.now();
    const res = await getAlerts(sandbox, '', token);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(sandbox.requests.at(-1)).toMatchObject({ path: '/api/alerts', status: 200, fault: 'slow' });
  });

  it('drops the connection for a disconnect fault', async () => {
    sandbox.addFault({ kind: 'disconnect' });
    await expect(getAlerts(sandbox, '', token)).rejects.toThrow();
    expect((await getAlerts(sandbox, '', token)).status).toBe(200);
  });

  it('takes faults, clock moves and refresh-token expiry over HTTP', async () => {
    const f = sandboxFetch(sandbox);
    const post = (path: string, body: unknown): ReturnType<typeof f> =>
      f(`${sandbox.url}/_sandbox${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

    expect((await post('/faults', { kind: 'status', status: 503, count: 1 })).status).toBe(200);
    expect((await getAlerts(sandbox, '', token)).status).toBe(503);

    const bad = await post('/faults', { kind: 'explode' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('Unknown fault kind');

    await post('/faults', [{ kind: 'status', status: 500 }, { kind: 'malformed' }]);
    expect(((await (await f(`${sandbox.url}/_sandbox/faults`)).json()) as unknown[]).length).toBe(2);
    expect((await f(`${sandbox.url}/_sandbox/faults`, { method: 'DELETE' })).status).toBe(200);
    expect((await getAlerts(sandbox, '', token)).status).toBe(200);

    const before = (await (await f(`${sandbox.url}/_sandbox`)).json()) as { now: string; alerts: { total: number; arrived: number } };
    const after = (await (await post('/clock', { advance: 'PT10M' })).json()) as { now: string };
    expect(Date.parse(after.now) - Date.parse(before.now)).toBe(600_000);
    expect(before.alerts.total).toBe(6);
    expect((await post('/clock', { advance: 'ten minutes' })).status).toBe(400);

    // An Azure AD error for the token endpoint goes to the identity provider.
    await post('/faults', { target: 'token', code: 7000215 });
    const refused = await f(sandbox.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: sandbox.clientId,
        client_secret: sandbox.clientSecret,
        resource: sandbox.resource,
      }),
    });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error_codes: number[] }).error_codes).toEqual([7000215]);

    expect((await post('/expire-refresh-tokens', {})).status).toBe(200);
    const all = (await (await f(`${sandbox.url}/_sandbox/alerts`)).json()) as unknown[];
    expect(all).toHaveLength(6);
  });
});

describe('sandbox over https', () => {
  it('serves with a generated certificate that clients trust through the returned CA, and only that way', async () => {
    const sandbox = await startSandbox({ https: true, generate: 3 });
    try {
      expect(sandbox.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(sandbox.ca).toContain('BEGIN CERTIFICATE');
      expect(sandbox.eventsUrl).toBe(`${sandbox.url}/api/alerts?sinceTimeUtc=$START_AT_TIME`);
      expect(sandbox.authUrl).toBe(`${sandbox.url}/${sandbox.tenant}/oauth2/authorize?resource=https%3A%2F%2Fgraph.windows.net`);
      const token = await accessToken(sandbox);
      expect((await getAlerts(sandbox, '', token)).status).toBe(200);
      // Without the CA the certificate is refused.
      await expect(fetch(`${sandbox.url}/_sandbox`)).rejects.toThrow();
    } finally {
      await sandbox.close();
    }
  });

  it('listens on loopback only', async () => {
    const sandbox = await startSandbox({ generate: 1 });
    try {
      expect(new URL(sandbox.url).hostname).toBe('127.0.0.1');
    } finally {
      await sandbox.close();
    }
  });
});
