import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { accessToken, getAlerts, ids } from './support.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');

const alert = (id: string, lastProcessed: string | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  AlertId: id,
  FullId: `${id}:x`,
  ...(lastProcessed === undefined ? {} : { LastProcessedTimeUtc: lastProcessed }),
  MachineGroup: '',
  DeviceCreatedMachineTags: '',
  CloudCreatedMachineTags: '',
  ...extra,
});

const ALERTS = [
  alert('a1', '2024-05-01T10:00:00Z', { MachineGroup: 'UKMachines', DeviceCreatedMachineTags: 'VIP, Finance' }),
  alert('a2', '2024-05-01T10:00:00.0000001Z'),
  alert('a3', '2024-05-01T10:30:00.5Z', { MachineGroup: 'FranceMachines', CloudCreatedMachineTags: 'Critical' }),
  alert('a4', '2024-05-01T11:00:00.1234567Z', { MachineGroup: 'Servers' }),
  alert('a5', '2024-05-01T12:30:00Z'),
  alert('a0', '2024-05-01T09:59:59.9999999Z'),
];

describe('sandbox alert API: query parameters', () => {
  let sandbox: Sandbox;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ alerts: ALERTS, clock: createClock({ start: NOW, frozen: true }) });
    token = await accessToken(sandbox);
  });
  afterAll(() => sandbox.close());

  const query = async (q: string): Promise<string[]> => {
    const res = await getAlerts(sandbox, q, token);
    expect(res.status, res.text).toBe(200);
    return ids(res.json);
  };

  it('returns the last two hours, oldest first, when neither sinceTimeUtc nor ago is given', async () => {
    // 10:00:00 is exactly two hours back (inclusive); 09:59:59.9999999 is 100 ns too old; 12:30 has not arrived yet.
    expect(await query('')).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  it('filters sinceTimeUtc on LastProcessedTimeUtc, inclusive, at 100 ns precision, with or without Z', async () => {
    expect(await query('sinceTimeUtc=2024-05-01T10:00:00.0000001')).toEqual(['a2', 'a3', 'a4']);
    expect(await query('sinceTimeUtc=2024-05-01T10:00:00.0000001Z')).toEqual(['a2', 'a3', 'a4']);
    expect(await query('sinceTimeUtc=2024-05-01T10:00:00')).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(await query('sinceTimeUtc=2024-05-01T09:00:00.000')).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
    expect(await query('sinceTimeUtc=2024-05-01T10%3A30%3A00.5%2B00%3A00')).toEqual(['a3', 'a4']);
  });

  it('bounds the window with untilTimeUtc (inclusive) and never returns alerts that have not arrived', async () => {
    expect(await query('sinceTimeUtc=2024-05-01T00:00:00Z&untilTimeUtc=2024-05-01T10:30:00.5Z')).toEqual(['a0', 'a1', 'a2', 'a3']);
    expect(await query('sinceTimeUtc=2024-05-01T00:00:00Z&untilTimeUtc=2024-05-02T00:00:00Z')).not.toContain('a5');
  });

  it('takes ago as an ISO-8601 duration back from now', async () => {
    expect(await query('ago=PT1H')).toEqual(['a4']);
    expect(await query('ago=PT2H')).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(await query('ago=P1D')).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
  });

  it('limit keeps the most recent N of the window', async () => {
    expect(await query('sinceTimeUtc=2024-05-01T00:00:00Z&limit=2')).toEqual(['a3', 'a4']);
    expect(await query('limit=100')).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  it('filters repeated machinegroups and the two tag parameters, case-insensitively', async () => {
    expect(await query('ago=P1D&machinegroups=UKMachines&machinegroups=FranceMachines')).toEqual(['a1', 'a3']);
    expect(await query('ago=P1D&MachineGroups=servers')).toEqual(['a4']);
    expect(await query('ago=P1D&DeviceCreatedMachineTags=vip')).toEqual(['a1']);
    expect(await query('ago=P1D&DeviceCreatedMachineTags=Finance')).toEqual(['a1']);
    expect(await query('ago=P1D&CloudCreatedMachineTags=Critical')).toEqual(['a3']);
    expect(await query('ago=P1D&CloudCreatedMachineTags=Crit')).toEqual([]);
  });

  it('lets alerts arrive when the clock moves on', async () => {
    sandbox.clock.advance(45 * 60_000);
    try {
      expect(await query('sinceTimeUtc=2024-05-01T11:00:00Z')).toEqual(['a4', 'a5']);
    } finally {
      sandbox.clock.advance(-45 * 60_000);
    }
  });

  it('answers 400 naming the parameter for values it cannot use', async () => {
    const cases: Array<[string, string]> = [
      ['sinceTimeUtc=yesterday', 'sinceTimeUtc'],
      ['sinceTimeUtc=2024-05-01T10:00:00.12345678Z', 'sinceTimeUtc'],
      ['sinceTimeUtc=2024-02-30T10:00:00Z', 'sinceTimeUtc'],
      ['untilTimeUtc=2024-05-01', 'untilTimeUtc'],
      ['ago=10m', 'ago'],
      ['ago=PT1H&sinceTimeUtc=2024-05-01T10:00:00Z', 'ago'],
      ['limit=0', 'limit'],
      ['limit=ten', 'limit'],
    ];
    for (const [q, parameter] of cases) {
      const res = await getAlerts(sandbox, q, token);
      expect(res.status, q).toBe(400);
      expect((res.json as { error: { target: string; message: string } }).error.target, q).toBe(parameter);
    }
  });

  it('serves an alert without a usable LastProcessedTimeUtc from its load time on', async () => {
    const undated = await startSandbox({ alerts: [alert('u1', undefined), alert('u2', 'not a time')], clock: createClock({ start: NOW, frozen: true }) });
    try {
      const t = await accessToken(undated);
      expect(ids((await getAlerts(undated, '', t)).json)).toEqual(['u1', 'u2']);
      expect(ids((await getAlerts(undated, 'sinceTimeUtc=2024-05-01T12:00:01Z', t)).json)).toEqual([]);
    } finally {
      await undated.close();
    }
  });
});

describe('sandbox alert API: bearer check', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ generate: 5, clock: createClock({ start: NOW, frozen: true }), accessTtlMs: 60_000 });
  });
  afterAll(() => sandbox.close());

  it('answers 401 with a JSON error and WWW-Authenticate for a missing, unknown or expired token', async () => {
    const missing = await getAlerts(sandbox, '', undefined);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token", error_description="The access token is missing\."/);
    expect((missing.json as { error: { code: string } }).error.code).toBe('Unauthorized');

    const unknown = await getAlerts(sandbox, '', 'not-a-token');
    expect(unknown.status).toBe(401);
    expect(unknown.text).toContain('invalid');

    const token = await accessToken(sandbox);
    expect((await getAlerts(sandbox, '', token)).status).toBe(200);
    sandbox.clock.advance(61_000);
    const expired = await getAlerts(sandbox, '', token);
    expect(expired.status).toBe(401);
    expect(expired.text).toContain('expired');
  });

  it('answers 404 elsewhere and 405 for other methods', async () => {
    const token = await accessToken(sandbox);
    const res = await fetch(`${sandbox.url}/api/alerts`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(405);
    expect((await fetch(`${sandbox.url}/nothing`)).status).toBe(404);
    // The path is matched like the service's: any case, optional trailing slash.
    expect((await fetch(`${sandbox.url}/api/Alerts/?ago=PT1H`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});
