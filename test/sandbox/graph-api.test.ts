import { afterEach, describe, expect, it } from 'vitest';
import { parseUtcTimestamp } from '../../src/alerts/index.js';
import { createClock, startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { sandboxFetch } from './support.js';

const START = Date.parse('2026-03-01T10:00:00Z');
const MINUTE = 60_000;
let s: Sandbox | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

async function start(options: SandboxOptions = {}): Promise<Sandbox> {
  s = await startSandbox({
    clock: createClock({ start: START, frozen: true }),
    generate: 20,
    generateFrom: START - 60 * MINUTE,
    generateSpanMs: 50 * MINUTE,
    ...options,
  });
  return s;
}

/** An app-only Graph token from the sandbox's identity platform v2 token endpoint. */
async function graphToken(sandbox: Sandbox): Promise<string> {
  const res = await sandboxFetch(sandbox)(sandbox.graphTokenUrl, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sandbox.clientId,
      client_secret: sandbox.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

async function get(sandbox: Sandbox, url: string, token?: string): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await sandboxFetch(sandbox)(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

const q = (sandbox: Sandbox, query: string): string => `${sandbox.graphAlertsUrl}?${query}`;

describe('sandbox alerts_v2', () => {
  it("answers 401 and 403 with Graph's error bodies", async () => {
    const sandbox = await start();
    const none = await get(sandbox, sandbox.graphAlertsUrl);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({
      error: { code: 'InvalidAuthenticationToken', message: expect.any(String), innerError: { 'request-id': expect.any(String) } },
    });
    expect((await get(sandbox, sandbox.graphAlertsUrl, 'not-a-token')).status).toBe(401);
    sandbox.identity.setAlertsPermission({ application: false });
    const forbidden = await get(sandbox, sandbox.graphAlertsUrl, await graphToken(sandbox));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ error: { code: 'Forbidden', message: expect.stringContaining('SecurityAlert.Read.All') } });
  });

  it('filters on lastUpdateDateTime and createdDateTime (ge/gt/le/lt joined by and), pages with $top/$skip and a whole-URL nextLink, counts', async () => {
    const sandbox = await start();
    const token = await graphToken(sandbox);
    const all = sandbox.graph.current();
    const middle = all[8]!.lastUpdateDateTime;
    const filtered = await get(
      sandbox,
      q(
        sandbox,
        `$filter=${encodeURIComponent(`lastUpdateDateTime ge ${middle} and createdDateTime lt 2030-01-01T00:00:00Z`)}&$orderby=lastUpdateDateTime%20asc&$count=true`,
      ),
      token,
    );
    expect(filtered.status).toBe(200);
    const value = filtered.body.value as Array<{ lastUpdateDateTime: string }>;
    expect(value.map((a) => a.lastUpdateDateTime)).toEqual(all.slice(8).map((a) => a.lastUpdateDateTime));
    expect(filtered.body['@odata.count']).toBe(all.length - 8);
    expect(filtered.body['@odata.nextLink']).toBeUndefined();
    expect((await get(sandbox, q(sandbox, `$filter=${encodeURIComponent(`lastUpdateDateTime gt ${middle}`)}`), token)).body.value).toHaveLength(all.length - 9);

    const seen: string[] = [];
    let url: string | undefined = q(sandbox, '$top=6&$orderby=lastUpdateDateTime%20asc');
    const links: string[] = [];
    while (url) {
      const page = await get(sandbox, url, token);
      seen.push(...(page.body.value as Array<{ id: string }>).map((a) => a.id));
      url = page.body['@odata.nextLink'] as string | undefined;
      if (url) links.push(url);
    }
    expect(seen).toEqual(all.map((a) => a.id));
    expect(links).toHaveLength(3);
    expect(links[0]).toBe(`${sandbox.graphAlertsUrl}?$top=6&$orderby=lastUpdateDateTime%20asc&$skip=6`);
  });

  it('refuses what alerts_v2 refuses with 400 and the error body', async () => {
    const sandbox = await start();
    const token = await graphToken(sandbox);
    const bad = async (query: string): Promise<string> => {
      const r = await get(sandbox, q(sandbox, query), token);
      expect(r.status, query).toBe(400);
      expect(r.body).toMatchObject({ error: { code: 'BadRequest' } });
      return (r.body.error as { message: string }).message;
    };
    expect(await bad(`$filter=${encodeURIComponent("lastUpdateDateTime ge '2026-01-01T00:00:00Z'")}`)).toMatch(
      /incompatible types.*Edm\.DateTimeOffset.*Edm\.String/,
    );
    expect(await bad(`$filter=${encodeURIComponent('title eq x')}`)).toMatch(/Could not find a property named 'title'/);
    expect(await bad(`$filter=${encodeURIComponent('lastUpdateDateTime eq 2026-01-01T00:00:00Z')}`)).toMatch(/operator 'eq'/);
    expect(await bad(`$filter=${encodeURIComponent('lastUpdateDateTime ge 2026-01-01 or createdDateTime ge 2026-01-01T00:00:00Z')}`)).toMatch(
      /Invalid filter clause/,
    );
    expect(await bad('$top=2001')).toMatch(/between 1 and 2000/);
    expect(await bad('$top=0')).toMatch(/between 1 and 2000/);
    expect(await bad('$skip=-1')).toMatch(/non-negative/);
    expect(await bad('$orderby=title')).toMatch(/orderby/);
    expect(await bad('$expand=evidence')).toMatch(/not supported/);
  });

  it('answers 429 with Retry-After past its per-minute limit', async () => {
    const sandbox = await start({ graph: { requestsPerMinute: 2 } });
    const token = await graphToken(sandbox);
    expect((await get(sandbox, sandbox.graphAlertsUrl, token)).status).toBe(200);
    expect((await get(sandbox, sandbox.graphAlertsUrl, token)).status).toBe(200);
    const throttled = await get(sandbox, sandbox.graphAlertsUrl, token);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect(throttled.body).toMatchObject({ error: { code: 'TooManyRequests' } });
  });

  it('creates and updates alerts over time: lastUpdateDateTime moves forward, and with a lag changes show up out of stamp order', async () => {
    const sandbox = await start({ graph: { changeEveryMs: 10_000, lagMs: 5 * MINUTE } });
    const before = sandbox.graph.current().length;
    sandbox.clock.advance(30 * MINUTE);
    const history = sandbox.graph.history();
    expect(sandbox.graph.current().length).toBeGreaterThan(before);
    const byId = new Map<string, bigint[]>();
    for (const v of history) byId.set(v.id, [...(byId.get(v.id) ?? []), parseUtcTimestamp(v.lastUpdateDateTime)!]);
    const updated = [...byId.values()].filter((stamps) => stamps.length > 1);
    expect(updated.length).toBeGreaterThan(5);
    for (const stamps of updated) for (let i = 1; i < stamps.length; i++) expect(stamps[i]! > stamps[i - 1]!).toBe(true);
    // Some version became visible after another one stamped later than it.
    const late = history.some((v, i) => history.slice(0, i).some((w) => w.ticks > v.ticks));
    expect(late).toBe(true);
  });

  it('generates the alert resource with its members and evidence of several types, the same for the same seed', async () => {
    const a = (await start({ seed: 42 })).graph.current();
    await s!.close();
    const b = (await start({ seed: 42 })).graph.current();
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const first = a[0]!;
    for (const member of [
      'id',
      'providerAlertId',
      'incidentId',
      'status',
      'severity',
      'classification',
      'determination',
      'serviceSource',
      'detectionSource',
      'detectorId',
      'tenantId',
      'title',
      'description',
      'recommendedActions',
      'category',
      'assignedTo',
      'alertWebUrl',
      'incidentWebUrl',
      'actorDisplayName',
      'threatDisplayName',
      'threatFamilyName',
      'mitreTechniques',
      'createdDateTime',
      'lastUpdateDateTime',
      'resolvedDateTime',
      'firstActivityDateTime',
      'lastActivityDateTime',
      'comments',
      'evidence',
      'systemTags',
    ]) {
      expect(first, member).toHaveProperty(member);
    }
    const types = new Set(a.flatMap((x) => (x.evidence as Array<Record<string, string>>).map((e) => e['@odata.type'])));
    for (const t of ['deviceEvidence', 'fileEvidence', 'processEvidence', 'userEvidence', 'ipEvidence', 'urlEvidence', 'registryKeyEvidence'])
      expect(types).toContain(`#microsoft.graph.security.${t}`);
  });
});
