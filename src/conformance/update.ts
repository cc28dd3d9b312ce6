import { writeFileAtomic } from '../fsio/index.js';
import { matches } from './compare.js';
import type { CaseDocument, CaseResult, ConformanceCase, ExpectedEvent, ProducedEvent } from './types.js';

export interface UpdateOutcome {
  /** Case files rewritten (their expectation changed). */
  changed: string[];
  /** Failed cases whose zones produced different events: no single snapshot fits, so they are left alone. */
  conflicting: string[];
}

/**
 * Snapshot mode: every failed case gets the produced events as its new expectation. Passing cases are not
 * touched (byte for byte), so `--update` on a green suite changes nothing. Keys other than `events` keep their
 * values and order; each event keeps its `$comment` and `exact`, and the `absent` / `forbiddenWarnings`
 * entries that still hold.
 */
export async function updateCases(cases: readonly ConformanceCase[], results: readonly CaseResult[]): Promise<UpdateOutcome> {
  const outcome: UpdateOutcome = { changed: [], conflicting: [] };
  for (const c of cases) {
    const runs = results.filter((r) => r.file === c.file);
    if (!runs.some((r) => r.status === 'failed')) continue;
    const produced = runs[0]!.events;
    if (runs.some((r) => JSON.stringify(r.events) !== JSON.stringify(produced))) {
      outcome.conflicting.push(c.file);
      continue;
    }
    const text = formatCase(snapshot(c.doc, produced));
    if (text === c.text) continue;
    await writeFileAtomic(c.file, text);
    outcome.changed.push(c.file);
  }
  return outcome;
}

/** The case with `events` replaced by what was produced. */
export function snapshot(doc: CaseDocument, produced: readonly ProducedEvent[]): CaseDocument {
  const events = produced.map((p, i) => snapshotEvent(doc.events[i] ?? {}, p));
  return { ...doc, events };
}

function snapshotEvent(old: ExpectedEvent, p: ProducedEvent): ExpectedEvent {
  const fields: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p.fields)) if (v !== null) fields[k] = v;
  const out: ExpectedEvent = {};
  if (old.$comment !== undefined) out.$comment = old.$comment;
  out.fields = fields;
  const absent = (old.absent ?? []).filter((f) => !(f in fields));
  if (absent.length > 0) out.absent = absent;
  if (p.warnings.length > 0 || old.warnings !== undefined) out.warnings = p.warnings.map((w) => ({ code: w.code, message: w.message }));
  const forbidden = (old.forbiddenWarnings ?? []).filter((pattern) => !p.warnings.some((w) => matches(pattern, w)));
  if (forbidden.length > 0) out.forbiddenWarnings = forbidden;
  if (old.exact !== undefined) out.exact = old.exact;
  return out;
}

/** Stable formatting of case files: two-space JSON, key order as given, one trailing newline. */
export function formatCase(doc: CaseDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
