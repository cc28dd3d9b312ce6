import { Readable } from 'node:stream';
import { dirname, join } from 'node:path';
import { readAlerts } from '../alerts/index.js';
import { eventToJson } from '../flex/index.js';
import { compareEvents } from './compare.js';
import { ParserCache, parserLabel } from './parsers.js';
import type { CaseResult, ConformanceCase, ProducedEvent, RunSummary } from './types.js';

export interface RunOptions {
  /** Share one cache between runs (e.g. the re-run after --update) so parsers compile once. */
  cache?: ParserCache;
}

/** Runs every case in each of its time zones; one result per (case, zone). */
export async function runCases(cases: readonly ConformanceCase[], options: RunOptions = {}): Promise<RunSummary> {
  const cache = options.cache ?? new ParserCache();
  const results: CaseResult[] = [];
  for (const c of cases) for (const zone of c.timeZones) results.push(await runCase(c, zone, cache));
  const passed = results.filter((r) => r.status === 'passed').length;
  return { passed, failed: results.length - passed, results };
}

/** One case in one time zone: read the input as `parse` does, run it, compare. */
export async function runCase(c: ConformanceCase, timeZone: string, cache: ParserCache = new ParserCache()): Promise<CaseResult> {
  const { spec, parser } = await cache.get(c.parser, timeZone);
  // As in `parse`: with a trigger node below the root, each document is the trigger's root (no unwrapping).
  const documents = spec.triggerNode.split('/').some((s) => s !== '');
  const source = c.doc.inputFile !== undefined ? join(dirname(c.file), c.doc.inputFile) : Readable.from([Buffer.from(JSON.stringify(c.doc.input), 'utf8')]);
  const name = c.doc.inputFile !== undefined ? (source as string) : `${c.file} (input)`;
  const events: ProducedEvent[] = [];
  for await (const record of readAlerts(source, { name, documents })) {
    for (const e of parser.parse(record.value)) {
      events.push({ fields: eventToJson(e), warnings: e.warnings.map((w) => ({ code: w.code, message: w.message })) });
    }
  }
  const differences = compareEvents(c.doc.events, events, c.doc.exact === true);
  return {
    id: c.id,
    name: c.timeZones.length > 1 ? `${c.id} [${timeZone}]` : c.id,
    file: c.file,
    description: c.doc.description,
    timeZone,
    parser: parserLabel(c.parser),
    status: differences.length === 0 ? 'passed' : 'failed',
    differences,
    events,
  };
}
