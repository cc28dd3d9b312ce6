import { availableParallelism } from 'node:os';
import { inputChunks, malformedLineError, readAlertBatches, startsAsNdjson, type AlertSource } from '../alerts/index.js';
import { ConfigError, InterruptedError } from '../errors/index.js';
import type { AssumptionId, CompiledParser, ParsedEvent } from '../flex/index.js';
import { ChunkBuilder, parseNdjsonChunk, PORTABLE_ENCODINGS, type ChunkEventWriter, type ChunkResult, type PortableEncoding } from './chunk.js';
import { lineChunks } from './line-chunks.js';
import { OUTPUT_BUFFER_BYTES, ParsePool } from './parse-pool.js';
import { BufferPool } from './buffer-pool.js';
import { utf8BomLength } from '../text/index.js';

export interface ParseInput {
  source: AlertSource;
  /** How the input is named in messages (the path, or `<stdin>`). */
  name: string;
}

/** Where an event came from. */
export interface EventOrigin {
  /** 1-based number of the event in the whole run. */
  number: number;
  source: string;
  /** NDJSON: the line of the record. */
  line?: number;
  /** 0-based index of the record in its source. */
  record: number;
}

/** What the run has to say, in input order. Event warnings stop after `maxWarnings`; the summary counts all. */
export type ParseDiagnostic =
  /** An input (or an NDJSON line) that is not JSON or cannot be read; the run goes on without it. */
  | { kind: 'input-error'; source: string; error: ConfigError }
  /** A record without the trigger node: no event. `record` is 1-based. */
  | { kind: 'no-trigger'; source: string; line?: number; record: number }
  /** A record that could not be processed (nested too deeply, too large): skipped, the run goes on. `record` is 1-based. */
  | { kind: 'rejected'; source: string; line?: number; record: number; reason: string }
  | { kind: 'warning'; event: number; source: string; line?: number; message: string; code: string };

export interface ParseRunOptions {
  parser: CompiledParser;
  /**
   * How events are written: a function giving each event's text, or the name of one of the PORTABLE_ENCODINGS
   * (which need nothing but the event, so any thread can write them).
   */
  encode: PortableEncoding | ((e: ParsedEvent, origin: EventOrigin) => string);
  /**
   * With a portable `encode`: NDJSON inputs of at least `minBytes` are parsed on `threads` threads (this one and
   * `threads - 1` workers, each compiling the parser file's text itself).
   */
  workers?: { threads: number; minBytes: number; parserText: string; parserFile: string; timeZone: string };
  /** Event warnings to report at most (all are counted). */
  maxWarnings: number;
  /** Each JSON document is one record (the trigger is not `/`): arrays and envelopes are not unwrapped. */
  documents: boolean;
  /** Writes events out; calls `written(chunk)` once a chunk's bytes are written, so its memory can be reused. */
  write(chunks: readonly Uint8Array[], written: (chunk: Uint8Array) => void): Promise<void>;
  report(diagnostic: ParseDiagnostic): void;
  /**
   * Aborting stops the run after the chunk in hand (stream inputs are destroyed, so a pending read ends too);
   * runParse then rejects with InterruptedError. Events written so far are whole.
   */
  signal?: AbortSignal;
}

export interface ParseRunSummary {
  records: number;
  events: number;
  warnings: number;
  reportedWarnings: number;
  /** Records without an event, bad NDJSON lines and unreadable inputs. */
  skipped: number;
  /** Inputs and NDJSON lines that were not JSON (or could not be read). */
  malformed: number;
  /** Records skipped because they could not be processed (counted in `skipped` too). */
  rejected: number;
  /** Warnings by code, codes in the order they first appeared. */
  byCode: Map<string, number>;
  /** The emulation guesses the run relied on, in the order they were first needed. */
  assumptions: AssumptionId[];
}

/** NDJSON inputs this big go to worker threads when the count is automatic (smaller ones are not worth starting them). */
export const AUTO_WORKERS_MIN_BYTES = 8 * 1024 * 1024;

/** Threads by default: one per CPU, up to 4 (past that, writing the output is the limit). */
export function defaultThreads(): number {
  return Math.min(availableParallelism(), 4);
}

/** Bytes read before deciding how to parse an input when its first line is longer (as the alert reader). */
const HEAD_LIMIT = 16 * 1024 * 1024;
/** NDJSON is parsed in chunks of whole lines of about this size... */
const CHUNK_BYTES = 1024 * 1024;
/** ...cut in pooled buffers with room for a chunk and the next piece read. */
const CHUNK_BUFFER_BYTES = CHUNK_BYTES + 512 * 1024;

/**
 * Runs a compiled parser over alert inputs: events are encoded and written in input order, diagnostics reported
 * in input order. NDJSON is cut into chunks of whole lines, parsed here or on worker threads with identical
 * results; other JSON (arrays, objects, envelopes) streams through the alert reader.
 */
export async function runParse(inputs: readonly ParseInput[], options: ParseRunOptions): Promise<ParseRunSummary> {
  const run = new Run(options);
  const { signal } = options;
  const stop = (): void => {
    for (const { source } of inputs) if (typeof source !== 'string' && 'destroy' in source) (source as { destroy(e: Error): void }).destroy(run.interrupted());
  };
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for (const input of inputs) {
      if (signal?.aborted) throw run.interrupted();
      await run.input(input);
    }
  } finally {
    signal?.removeEventListener('abort', stop);
    await run.close();
  }
  return run.summary;
}

/** Numbering where the next chunk of one input starts. */
interface Bases {
  line: number;
  record: number;
}

class Run {
  readonly summary: ParseRunSummary;
  private readonly known: Set<AssumptionId>;
  private pool: ParsePool | undefined;
  private readonly inputBuffers = new BufferPool(CHUNK_BUFFER_BYTES, 16);
  private readonly outputBuffers = new BufferPool(OUTPUT_BUFFER_BYTES, 256);
  private readonly written = (chunk: Uint8Array) => this.outputBuffers.give(chunk.buffer);

  constructor(private readonly options: ParseRunOptions) {
    this.known = new Set(options.parser.assumptions.keys());
    this.summary = {
      records: 0,
      events: 0,
      warnings: 0,
      reportedWarnings: 0,
      skipped: 0,
      malformed: 0,
      rejected: 0,
      byCode: new Map(),
      assumptions: [...this.known],
    };
  }

  async input({ source, name }: ParseInput): Promise<void> {
    const bases: Bases = { line: 0, record: 0 };
    try {
      // Files are read into reused buffers: whatever keeps a piece copies it.
      const bytes = inputChunks(source, name, { reuse: true });
      const head: Buffer[] = [];
      let size = 0;
      let ended = false;
      /** Reads one more piece into the head; true when it holds a line break. */
      const more = async (): Promise<boolean> => {
        const r = await bytes.next();
        if (r.done) {
          ended = true;
          return false;
        }
        head.push(Buffer.from(r.value));
        size += r.value.length;
        return r.value.includes(10);
      };
      // As the alert reader decides: NDJSON when the first line is JSON on its own.
      while (!ended && size <= HEAD_LIMIT && !(await more()));
      const start = Buffer.concat(head);
      if (!startsAsNdjson(start)) {
        await this.documents(prepend([start], copies(bytes)), name);
        return;
      }
      const file = typeof source === 'string';
      let workers = typeof this.options.encode === 'string' ? this.options.workers : undefined;
      // A stream's size is unknown and waiting for `minBytes` of it would hold back live input: threads only when asked for.
      if (workers && (workers.threads < 2 || (!file && workers.minBytes > 0))) workers = undefined;
      if (workers) while (!ended && size < workers.minBytes) await more();
      // Live streams: lines that are complete when input pauses are parsed at once, not when a chunk is full.
      const lines = lineChunks(prepend([withoutBom(Buffer.concat(head))], bytes), this.inputBuffers, { size: CHUNK_BYTES, idleMs: file ? undefined : 20 });
      if (workers && !ended) await this.parallel(lines, name, bases);
      else await this.inProcess(lines, name, bases);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.summary.skipped++;
      this.summary.malformed++;
      this.options.report({ kind: 'input-error', source: name, error });
    }
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  interrupted(): InterruptedError {
    const { events, records } = this.summary;
    return new InterruptedError(
      `stopped after ${events} event${events === 1 ? '' : 's'} from ${records} record${records === 1 ? '' : 's'}; the events written are complete.`,
    );
  }

  /** NDJSON chunks parsed on this thread. */
  private async inProcess(chunks: AsyncIterable<Buffer>, name: string, bases: Bases): Promise<void> {
    const { parser, maxWarnings, documents } = this.options;
    for await (const chunk of chunks) {
      const write = this.writerAt(name, bases);
      const result = parseNdjsonChunk(parser, chunk, { write, maxWarnings, documents, pool: this.outputBuffers });
      this.inputBuffers.give(chunk.buffer);
      await this.merge(result, name, bases);
    }
  }

  /** NDJSON chunks parsed by the worker threads, merged back in order. */
  private async parallel(chunks: AsyncIterable<Buffer>, name: string, bases: Bases): Promise<void> {
    const { parser, workers, maxWarnings, documents } = this.options;
    const { threads, parserText, parserFile, timeZone } = workers!;
    const encoding = this.options.encode as PortableEncoding;
    const local = { write: PORTABLE_ENCODINGS[encoding], maxWarnings, documents, pool: this.outputBuffers };
    // This thread parses too: one worker fewer than the threads asked for.
    this.pool ??= new ParsePool(
      threads - 1,
      { parserText, parserFile, timeZone, encoding, maxWarnings, documents },
      (bytes) => parseNdjsonChunk(parser, bytes, local),
      this.inputBuffers,
      this.outputBuffers,
    );
    try {
      await this.pool.run(chunks, (result) => this.merge(result, name, bases));
    } catch (error) {
      // Replies of this input may still be on their way: the next input starts with fresh workers.
      await this.pool.close();
      this.pool = undefined;
      throw error;
    }
  }

  /** JSON that is not NDJSON: the alert reader unwraps (or streams) it into batches of records. */
  private async documents(bytes: AsyncIterable<Buffer>, name: string): Promise<void> {
    const { parser, maxWarnings, documents } = this.options;
    const onError = (error: ConfigError) => {
      this.summary.skipped++;
      this.summary.malformed++;
      this.options.report({ kind: 'input-error', source: name, error });
    };
    for await (const batch of readAlertBatches(bytes, { name, documents, onError })) {
      if (batch.length === 0) continue;
      // Records carry their own numbering (index in the source, line when NDJSON): the batch is numbered from 0.
      const bases: Bases = { line: 0, record: batch[0]!.index };
      const builder = new ChunkBuilder(parser, { write: this.writerAt(name, bases), maxWarnings, documents, pool: this.outputBuffers });
      for (const r of batch) builder.record(r.value, r.line);
      await this.merge(builder.finish(), name, bases);
    }
  }

  private writerAt(name: string, bases: Bases): ChunkEventWriter {
    const { encode } = this.options;
    if (typeof encode === 'string') return PORTABLE_ENCODINGS[encode];
    const events = this.summary.events;
    return (e, out, event, record, line) =>
      out.add(encode(e, { number: events + event + 1, source: name, record: bases.record + record, line: line === undefined ? undefined : bases.line + line }));
  }

  /** Renumbers a chunk's entries from where the input (and the run) stands, reports them and writes its events. */
  private async merge(result: ChunkResult, name: string, bases: Bases): Promise<void> {
    const { summary, options } = this;
    if (options.signal?.aborted) throw this.interrupted();
    const at = (line: number | undefined) => (line === undefined ? undefined : bases.line + line);
    for (const entry of result.entries) {
      if (entry.kind === 'malformed') {
        summary.skipped++;
        summary.malformed++;
        options.report({ kind: 'input-error', source: name, error: malformedLineError(name, bases.line + entry.line, entry.column, entry.detail) });
      } else if (entry.kind === 'rejected') {
        summary.skipped++;
        summary.rejected++;
        options.report({ kind: 'rejected', source: name, line: at(entry.line), record: bases.record + entry.record + 1, reason: entry.reason });
      } else if (entry.kind === 'no-trigger') {
        summary.skipped++;
        options.report({ kind: 'no-trigger', source: name, line: at(entry.line), record: bases.record + entry.record + 1 });
      } else if (summary.reportedWarnings < options.maxWarnings) {
        summary.reportedWarnings++;
        const { message, code } = entry;
        options.report({ kind: 'warning', event: summary.events + entry.event + 1, source: name, line: at(entry.line), message, code });
      }
    }
    for (const [code, n] of result.byCode) summary.byCode.set(code, (summary.byCode.get(code) ?? 0) + n);
    for (const id of result.assumptions) {
      if (!this.known.has(id)) {
        this.known.add(id);
        summary.assumptions.push(id);
      }
    }
    summary.records += result.records;
    summary.events += result.events;
    summary.warnings += result.warnings;
    bases.line += result.lines;
    bases.record += result.records;
    await options.write(result.output, this.written);
  }
}

async function* prepend(first: readonly Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield* first;
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
}

async function* copies(pieces: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const b of pieces) yield Buffer.from(b);
}

function withoutBom(b: Buffer): Buffer {
  return b.subarray(utf8BomLength(b));
}
