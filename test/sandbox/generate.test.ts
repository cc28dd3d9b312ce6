import { describe, expect, it } from 'vitest';
import { parseUtcTimestamp, msFromTicks } from '../../src/alerts/index.js';
import { ALERT_FIELDS, generateAlerts } from '../../src/sandbox/index.js';

const START = Date.parse('2024-05-01T10:00:00Z');
const SPAN = 2 * 3600_000;

describe('generateAlerts', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateAlerts({ count: 40, seed: 7, start: START, spanMs: SPAN });
    const b = generateAlerts({ count: 40, seed: 7, start: START, spanMs: SPAN });
    const c = generateAlerts({ count: 40, seed: 8, start: START, spanMs: SPAN });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
    expect(a).toHaveLength(40);
  });

  it('uses exactly the 50 documented field names and fills every one of them somewhere', () => {
    expect(new Set(ALERT_FIELDS).size).toBe(50);
    const alerts = generateAlerts({ count: 60, seed: 3, start: START, spanMs: SPAN });
    for (const alert of alerts) for (const key of Object.keys(alert)) expect(ALERT_FIELDS).toContain(key);
    for (const field of ALERT_FIELDS) {
      const filled = alerts.some((a) => a[field] !== undefined && a[field] !== null && a[field] !== '');
      expect(filled, field).toBe(true);
    }
  });

  it('writes empty values in all three shapes: null, "" and a missing key', () => {
    const alerts = generateAlerts({ count: 15, seed: 1, start: START, spanMs: SPAN });
    expect(alerts.some((a) => Object.values(a).includes(null) && Object.keys(a).length === 50)).toBe(true);
    expect(alerts.some((a) => Object.values(a).includes('') && Object.keys(a).length === 50)).toBe(true);
    expect(alerts.some((a) => Object.keys(a).length < 50)).toBe(true);
  });

  it('covers severities, booleans, fraction digits, address kinds and backslash paths in any 30 records', () => {
    for (const seed of [1, 2, 99]) {
      const alerts = generateAlerts({ count: 30, seed, start: START, spanMs: SPAN });
      expect(new Set(alerts.map((a) => a.Severity))).toEqual(new Set(['High', 'Medium', 'Low', 'Informational', 'UnSpecified']));
      for (const field of ['RemediationIsSuccess', 'WasExecutingWhileDetected']) {
        const values = new Set(alerts.map((a) => (field in a ? a[field] : 'missing')));
        expect(values.has(true) && values.has(false), field).toBe(true);
        expect(values.has(null) || values.has('missing'), field).toBe(true);
      }
      const digits = new Set(alerts.map((a) => /\.(\d+)Z$/.exec(String(a.LastProcessedTimeUtc))?.[1]?.length ?? 0));
      expect([...digits].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      const ips = alerts.map((a) => a.IpAddress);
      expect(ips.some((ip) => typeof ip === 'string' && /^\d+\.\d+\.\d+\.\d+$/.test(ip))).toBe(true);
      expect(ips.some((ip) => typeof ip === 'string' && ip.includes(':'))).toBe(true);
      expect(ips.some((ip) => ip === undefined || ip === null || ip === '')).toBe(true);
      expect(alerts.every((a) => String(a.FilePath).includes('\\'))).toBe(true);
    }
  });

  it('splits some alerts into parts: same AlertId, AlertPart 0..n, FullId = AlertId:IocUniqueId, distinct', () => {
    const alerts = generateAlerts({ count: 50, seed: 5, start: START, spanMs: SPAN });
    const byAlert = new Map<string, typeof alerts>();
    for (const a of alerts) byAlert.set(String(a.AlertId), [...(byAlert.get(String(a.AlertId)) ?? []), a]);
    const multi = [...byAlert.values()].filter((parts) => parts.length > 1);
    expect(multi.length).toBeGreaterThan(0);
    for (const parts of multi) expect(parts.map((p) => p.AlertPart)).toEqual(parts.map((_, i) => i));
    for (const a of alerts) expect(a.FullId).toBe(`${a.AlertId}:${a.IocUniqueId}`);
    expect(new Set(alerts.map((a) => a.FullId)).size).toBe(alerts.length);
    // The first alert's parts share one LastProcessedTimeUtc instant: a tie at the poller's high-water mark.
    const first = byAlert.get(String(alerts[0]!.AlertId))!;
    const instants = first.map((p) => parseUtcTimestamp(String(p.LastProcessedTimeUtc))!);
    expect(new Set(instants).size).toBe(1);
  });

  it('spreads LastProcessedTimeUtc over the span (arrival over time) with AlertTime before it', () => {
    const alerts = generateAlerts({ count: 100, seed: 11, start: START, spanMs: SPAN });
    const times = alerts.map((a) => msFromTicks(parseUtcTimestamp(String(a.LastProcessedTimeUtc))!));
    for (const t of times) {
      expect(t).toBeGreaterThanOrEqual(START - 1);
      expect(t).toBeLessThanOrEqual(START + SPAN + 2000);
    }
    // Spread, not bunched: every quarter of the span receives alerts.
    for (let q = 0; q < 4; q++) {
      expect(
        times.some((t) => t >= START + (q * SPAN) / 4 && t < START + ((q + 1) * SPAN) / 4),
        `quarter ${q}`,
      ).toBe(true);
    }
    for (const a of alerts) {
      expect(parseUtcTimestamp(String(a.AlertTime))! < parseUtcTimestamp(String(a.LastProcessedTimeUtc))!).toBe(true);
    }
  });
});
