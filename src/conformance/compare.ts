import type { Difference, ExpectedEvent, ProducedEvent, ProducedWarning, WarningPattern } from './types.js';

/**
 * Field-by-field comparison of produced events with the expectation. The number of events must match; pairs
 * are compared up to the shorter list. `exact` (the case's default, or the event's own) also reports fields and
 * warnings the expectation does not list.
 */
export function compareEvents(expected: readonly ExpectedEvent[], produced: readonly ProducedEvent[], caseExact: boolean): Difference[] {
  const out: Difference[] = [];
  if (expected.length !== produced.length) {
    out.push({
      kind: 'event-count',
      expected: expected.length,
      actual: produced.length,
      message: `expected ${expected.length} event${expected.length === 1 ? '' : 's'}, got ${produced.length}`,
    });
  }
  const n = Math.min(expected.length, produced.length);
  for (let i = 0; i < n; i++) out.push(...compareEvent(i + 1, expected[i]!, produced[i]!, expected[i]!.exact ?? caseExact));
  return out;
}

function compareEvent(event: number, want: ExpectedEvent, got: ProducedEvent, exact: boolean): Difference[] {
  const out: Difference[] = [];
  const fields = want.fields ?? {};
  for (const [field, value] of Object.entries(fields)) {
    if (!Object.hasOwn(got.fields, field) || got.fields[field] === null) {
      out.push({ kind: 'field-missing', event, field, expected: value, message: `expected ${show(value)}, but the field is not set` });
    } else if (got.fields[field] !== value) {
      const actual = got.fields[field];
      out.push({
        kind: 'field-value',
        event,
        field,
        expected: value,
        actual,
        message: `expected ${show(value)}, got ${show(actual)}${whereDiffers(value, actual)}`,
      });
    }
  }
  for (const field of want.absent ?? []) {
    if (Object.hasOwn(got.fields, field) && got.fields[field] !== null) {
      out.push({ kind: 'field-present', event, field, actual: got.fields[field], message: `expected no value, got ${show(got.fields[field])}` });
    }
  }
  if (exact) {
    for (const [field, value] of Object.entries(got.fields)) {
      if (value !== null && !Object.hasOwn(fields, field)) {
        out.push({ kind: 'field-unexpected', event, field, actual: value, message: `not expected (exact case), got ${show(value)}` });
      }
    }
  }
  for (const pattern of want.warnings ?? []) {
    if (!got.warnings.some((w) => matches(pattern, w))) {
      out.push({ kind: 'warning-missing', event, expected: pattern, message: `expected a warning ${describe(pattern)}${listWarnings(got.warnings)}` });
    }
  }
  for (const pattern of want.forbiddenWarnings ?? []) {
    for (const w of got.warnings.filter((x) => matches(pattern, x))) {
      out.push({
        kind: 'warning-forbidden',
        event,
        expected: pattern,
        actual: w,
        message: `forbidden warning ${describe(pattern)} was produced: [${w.code}] ${w.message}`,
      });
    }
  }
  if (exact) {
    for (const w of got.warnings) {
      if (!(want.warnings ?? []).some((p) => matches(p, w))) {
        out.push({ kind: 'warning-unexpected', event, actual: w, message: `unexpected warning (exact case): [${w.code}] ${w.message}` });
      }
    }
  }
  return out;
}

export function matches(pattern: WarningPattern, w: ProducedWarning): boolean {
  return (pattern.code === undefined || pattern.code === w.code) && (pattern.message === undefined || w.message.includes(pattern.message));
}

function describe(p: WarningPattern): string {
  const parts: string[] = [];
  if (p.code !== undefined) parts.push(`code ${p.code}`);
  if (p.message !== undefined) parts.push(`message containing ${JSON.stringify(p.message)}`);
  return parts.join(' and ');
}

function listWarnings(ws: readonly ProducedWarning[]): string {
  if (ws.length === 0) return ', but none was produced';
  return `; produced: ${ws.map((w) => `[${w.code}] ${w.message}`).join('; ')}`;
}

/** A value as JSON (so "1" and 1 differ visibly); very long strings are shortened around nothing: shown whole up to 200 chars. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 160)}...(${typeof value === 'string' ? `${value.length} characters` : 'long'})` : text;
}

/** For long strings, where they first differ: the whole values are too long to compare by eye. */
function whereDiffers(a: unknown, b: unknown): string {
  if (typeof a !== 'string' || typeof b !== 'string' || (a.length < 60 && b.length < 60)) return '';
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return ` (first difference at character ${i + 1}: expected ${JSON.stringify(a.slice(i, i + 20))}, got ${JSON.stringify(b.slice(i, i + 20))}; lengths ${a.length} and ${b.length})`;
}
