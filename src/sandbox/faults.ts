/**
 * Failures the alert API produces on demand, so clients can be tested against the bad days of a real service.
 * Faults queue up and each request to /api/alerts takes the first one (its count goes down; at 0 it is gone).
 */
export type AlertFault =
  /** Answer with this HTTP status and an error body (401, 403, 500, 502, 503 ...). */
  | { kind: 'status'; status: number; count?: number }
  /** 429 Too Many Requests with a Retry-After header (seconds). */
  | { kind: 'throttle'; retryAfterSeconds?: number; count?: number }
  /** Wait, then answer normally. */
  | { kind: 'slow'; delayMs: number; count?: number }
  /** 200 with a JSON array cut off half-way. */
  | { kind: 'malformed'; count?: number }
  /** Close the connection without answering (a network error for the client). */
  | { kind: 'disconnect'; count?: number };

export type AlertFaultKind = AlertFault['kind'];

export class FaultQueue {
  #faults: Array<AlertFault & { count: number }> = [];

  add(fault: AlertFault): void {
    this.#faults.push({ ...fault, count: fault.count ?? 1 });
  }

  /** The fault for the next request, if any. */
  take(): AlertFault | undefined {
    const first = this.#faults[0];
    if (!first) return undefined;
    first.count -= 1;
    if (first.count <= 0) this.#faults.shift();
    return { ...first };
  }

  list(): AlertFault[] {
    return this.#faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.#faults = [];
  }
}

/** Checks a fault that came in as JSON over the control endpoint; throws an Error whose message says what is wrong. */
export function toAlertFault(input: unknown): AlertFault {
  if (input === null || typeof input !== 'object') throw new Error('A fault is a JSON object such as {"kind":"status","status":500}.');
  const f = input as Record<string, unknown>;
  const count = f.count === undefined ? undefined : positiveInt(f.count, 'count');
  switch (f.kind) {
    case 'status': {
      const status = positiveInt(f.status, 'status');
      if (status < 400 || status > 599) throw new Error('status must be an HTTP error status (400-599).');
      return { kind: 'status', status, count };
    }
    case 'throttle':
      return { kind: 'throttle', retryAfterSeconds: f.retryAfterSeconds === undefined ? 1 : nonNegative(f.retryAfterSeconds, 'retryAfterSeconds'), count };
    case 'slow':
      return { kind: 'slow', delayMs: nonNegative(f.delayMs, 'delayMs'), count };
    case 'malformed':
    case 'disconnect':
      return { kind: f.kind, count };
    default:
      throw new Error(`Unknown fault kind ${JSON.stringify(f.kind)}; use status, throttle, slow, malformed or disconnect.`);
  }
}

function positiveInt(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number.`);
  return value;
}

function nonNegative(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0.`);
  return value;
}
