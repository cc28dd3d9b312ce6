import { recordFailure, scanNdjsonBytes, unwrapAlerts } from '../alerts/index.js';
import { eventToJsonText, toCef, type AssumptionId, type CompiledParser, type ParsedEvent } from '../flex/index.js';
import type { BufferPool } from './buffer-pool.js';
import { EncodedOutput } from './encoded-output.js';

/**
 * Something to report about one chunk of input, numbered from the chunk's start (records and events from 0,
 * lines from 1) so that a chunk can be parsed anywhere, a worker thread included, and renumbered in order.
 */
export type ChunkEntry =
  | { kind: 'malformed'; line: number; column: number; detail: string }
  | { kind: 'no-trigger'; record: number; line?: number }
  /** A record that could not be processed (too deep, too large for the engine): skipped, the run goes on. */
  | { kind: 'rejected'; record: number; line?: number; reason: string }
  | { kind: 'warning'; event: number; line?: number; message: string; code: string };

export interface ChunkResult {
  /** The chunk's events, encoded. */
  output: Uint8Array[];
  records: number;
  events: number;
  /** Lines the chunk spanned (NDJSON): where the next chunk's line numbers start. */
  lines: number;
  warnings: number;
  /** Warnings by code, codes in the order they first appeared. */
  byCode: [string, number][];
  /** In input order; event warnings only up to the run's limit of printed warnings. */
  entries: ChunkEntry[];
  /** Emulation assumptions this parser met for the first time while parsing the chunk, in order. */
  assumptions: AssumptionId[];
}

/** Writes one event to the output; numbers are relative to the chunk (0-based event and record; line from 1 when known). */
export type ChunkEventWriter = (e: ParsedEvent, out: EncodedOutput, event: number, record: number, line: number | undefined) => void;

/** Event formats that depend on nothing but the event, so worker threads can produce them by name. */
export const PORTABLE_ENCODINGS = {
  ndjson: (e: ParsedEvent, out: EncodedOutput) => out.add(`${eventToJsonText(e)}\n`),
  cef: (e: ParsedEvent, out: EncodedOutput) => out.add(`${toCef(e)}\n`),
} satisfies Record<string, ChunkEventWriter>;
export type PortableEncoding = keyof typeof PORTABLE_ENCODINGS;

export interface ChunkOptions {
  write: ChunkEventWriter;
  /** Event warnings listed per chunk at most (the run prints no more than this in all). */
  maxWarnings: number;
  /** Each JSON document is one record (no unwrapping of arrays and `{"value":[...]}`). */
  documents: boolean;
  /** Where the output buffers come from. */
  pool: BufferPool;
}

/** Collects the output and the entries of one chunk while its records are parsed. */
export class ChunkBuilder {
  private readonly output: EncodedOutput;
  private readonly entries: ChunkEntry[] = [];
  private readonly byCode = new Map<string, number>();
  private readonly knownAssumptions: number;
  private records = 0;
  private events = 0;
  private warnings = 0;
  private listedWarnings = 0;

  constructor(
    private readonly parser: CompiledParser,
    private readonly options: ChunkOptions,
  ) {
    this.knownAssumptions = parser.assumptions.size;
    this.output = new EncodedOutput(options.pool);
  }

  malformed(line: number, column: number, detail: string): void {
    this.entries.push({ kind: 'malformed', line, column, detail });
  }

  /** Parses one record (an alert, or the whole document when the trigger is not `/`). */
  record(value: unknown, line: number | undefined): void {
    const record = this.records++;
    let events: ParsedEvent[];
    try {
      events = this.parser.parse(value);
    } catch (error) {
      // A record the engine cannot take costs itself only (see guardRecord).
      const reason = recordFailure(error);
      this.entries.push(line === undefined ? { kind: 'rejected', record, reason } : { kind: 'rejected', record, line, reason });
      return;
    }
    if (events.length === 0) {
      this.entries.push(line === undefined ? { kind: 'no-trigger', record } : { kind: 'no-trigger', record, line });
      return;
    }
    for (const e of events) {
      const event = this.events++;
      this.options.write(e, this.output, event, record, line);
      for (const w of e.warnings) {
        this.warnings++;
        this.byCode.set(w.code, (this.byCode.get(w.code) ?? 0) + 1);
        if (this.listedWarnings < this.options.maxWarnings) {
          this.listedWarnings++;
          this.entries.push({ kind: 'warning', event, line, message: w.message, code: w.code });
        }
      }
    }
  }

  finish(lines = 0): ChunkResult {
    return {
      output: this.output.take(),
      records: this.records,
      events: this.events,
      lines,
      warnings: this.warnings,
      byCode: [...this.byCode],
      entries: this.entries,
      assumptions: [...this.parser.assumptions.keys()].slice(this.knownAssumptions),
    };
  }
}

/** Parses a chunk of NDJSON made of whole lines (from a line start to just after a line break, or the end). */
export function parseNdjsonChunk(parser: CompiledParser, bytes: Buffer, options: ChunkOptions): ChunkResult {
  const builder = new ChunkBuilder(parser, options);
  const next = scanNdjsonBytes(bytes, 1, {
    value: (value, lineNo) => {
      if (options.documents) builder.record(value, lineNo);
      else for (const item of unwrapAlerts(value)) builder.record(item, lineNo);
    },
    malformed: (lineNo, column, detail) => builder.malformed(lineNo, column, detail),
  });
  return builder.finish(next - 1);
}
