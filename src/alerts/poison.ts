import { InterruptedError } from '../errors/index.js';
import type { CompiledParser, ParsedEvent } from '../flex/index.js';

/** The result of work on one record: its value, or why the record was given up. */
export type Guarded<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Runs the work of one record so that a hostile record (nested or sized beyond what the engine or an encoder
 * can take) costs that record only: whatever it throws becomes the reason it is skipped. An interruption is the
 * run's, not the record's, and passes.
 */
export function guardRecord<T>(work: () => T): Guarded<T> {
  try {
    return { ok: true, value: work() };
  } catch (error) {
    return { ok: false, reason: recordFailure(error) };
  }
}

/**
 * What an error thrown by the work of one record means to the user (V8's own words name the engine's limits, not
 * the record's); rethrows an interruption. For loops that catch per record themselves (no closure per record).
 */
export function recordFailure(error: unknown): string {
  if (error instanceof InterruptedError) throw error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError && /call stack/i.test(message)) return 'the record is nested too deeply to process';
  if (error instanceof RangeError && /string length|array length|allocation/i.test(message)) return 'the record is too large to process';
  return `the record cannot be processed: ${message}`;
}

/** One alert's events and their text in the output format. */
export interface DeliverableAlert {
  events: ParsedEvent[];
  text: string;
}

/** An alert through the parser and the output format, guarded (see guardRecord): the step every polling loop takes per alert. */
export function prepareAlert(alert: unknown, parser: CompiledParser, serialize: (events: ParsedEvent[], alert: unknown) => string): Guarded<DeliverableAlert> {
  return guardRecord(() => {
    const events = parser.parse(alert);
    return { events, text: serialize(events, alert) };
  });
}
