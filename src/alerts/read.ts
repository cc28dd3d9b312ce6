import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { Tokenizer, TokenParser } from '@streamparser/json';
import { ConfigError, InterruptedError } from '../errors/index.js';
import { findJsonSyntaxError, stripBom, utf8BomLength } from '../text/index.js';
import { describeJsonError, malformedLineError, scanNdjsonLines, type NdjsonLineSink } from './ndjson-lines.js';

/** One alert read from an input, with where it came from. */
export interface AlertRecord {
  value: unknown;
  /** File name, or the name given for a stream (`<stdin>`). */
  source: string;
  /** Line of the record (NDJSON: its line; otherwise absent). */
  line?: number;
  /** 0-based position of the record in its source. */
  index: number;
}

export interface ReadAlertsOptions {
  /** Name used in records and errors (default: the file path, or `<stdin>` for a stream). */
  name?: string;
  /**
   * Called for each NDJSON line that is not valid JSON (a ConfigError with line and column); reading goes on
   * with the next line. Without it, the first bad line throws.
   */
  onError?: (error: ConfigError) => void;
  /** Yield each JSON document whole instead of unwrapping arrays and `{"value":[...]}` envelopes. */
  documents?: boolean;
  /**
   * Documents up to this many bytes are parsed in one go (JSON.parse); larger ones stream element by element.
   * Default 16 MiB.
   */
  bufferLimit?: number;
}

const DEFAULT_BUFFER_LIMIT = 16 * 1024 * 1024;

/**
 * Reads alerts from a file path or a stream: a JSON array (one record per element), a single object, NDJSON
 * (one document per line), or an API envelope `{"value":[...]}`. Memory stays bounded for NDJSON and for large
 * arrays (streamed element by element). Malformed JSON throws a ConfigError naming file:line:column.
 */
export async function* readAlerts(source: AlertSource, options: ReadAlertsOptions = {}): AsyncGenerator<AlertRecord> {
  for await (const batch of readAlertBatches(source, options)) yield* batch;
}

/** A file path, or a stream (or any async iterable) of bytes. */
export type AlertSource = string | NodeJS.ReadableStream | AsyncIterable<Buffer>;

/** The same records as `readAlerts`, a chunk's worth at a time (cheaper per record on big inputs). */
export async function* readAlertBatches(source: AlertSource, options: ReadAlertsOptions = {}): AsyncGenerator<AlertRecord[]> {
  const name = options.name ?? (typeof source === 'string' ? source : '<stdin>');
  const reader = new Reader(name, options);
  yield* reader.run(inputChunks(source, name));
}

/**
 * The bytes of an input as Buffers; a file that cannot be read is a ConfigError naming it. (`name` is how the
 * input is called in messages.) With `reuse`, a file is read into the same two buffers over and over: each
 * piece is valid only until the next is asked for (for a reader that copies at once, and leaves no garbage).
 */
export async function* inputChunks(source: AlertSource, name: string, options: { reuse?: boolean } = {}): AsyncGenerator<Buffer> {
  const size = 256 * 1024;
  try {
    if (typeof source === 'string' && options.reuse) {
      const file = await open(source, 'r');
      // Two buffers: the next read runs while the reader handles the piece just yielded.
      let [current, spare] = [Buffer.allocUnsafeSlow(size), Buffer.allocUnsafeSlow(size)];
      let pending = file.read(current, 0, size, null);
      try {
        for (;;) {
          const { bytesRead } = await pending;
          if (bytesRead === 0) return;
          pending = file.read(spare, 0, size, null);
          yield current.subarray(0, bytesRead);
          [current, spare] = [spare, current];
        }
      } finally {
        // Stopped early: the read ahead is not wanted (close waits for it).
        pending.catch(() => undefined);
        await file.close();
      }
    }
    const stream = typeof source === 'string' ? createReadStream(source, { highWaterMark: size }) : source;
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    }
  } catch (error) {
    // A stream destroyed because the run was interrupted: not a problem of the input.
    if (error instanceof InterruptedError) throw error;
    const e = error as NodeJS.ErrnoException;
    throw new ConfigError(`cannot read ${name}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`, { file: name, cause: error });
  }
}

class Reader {
  private index = 0;
  private readonly limit: number;

  constructor(
    private readonly name: string,
    private readonly options: ReadAlertsOptions,
  ) {
    this.limit = options.bufferLimit ?? DEFAULT_BUFFER_LIMIT;
  }

  async *run(chunks: AsyncGenerator<Buffer>): AsyncGenerator<AlertRecord[]> {
    // Gather the start: until the first line is complete (NDJSON is decided by it) or the limit is reached.
    const head: Buffer[] = [];
    let headBytes = 0;
    let ended = false;
    for (;;) {
      const r = await chunks.next();
      if (r.done) {
        ended = true;
        break;
      }
      head.push(r.value);
      headBytes += r.value.length;
      if (r.value.includes(10) || headBytes > this.limit) break;
    }
    const start = Buffer.concat(head);
    if (startsAsNdjson(start)) {
      yield* this.ndjson(start, chunks);
      return;
    }
    // A whole document: small ones in one JSON.parse, big ones streamed.
    const parts: Buffer[] = [start];
    let total = start.length;
    while (!ended && total <= this.limit) {
      const r = await chunks.next();
      if (r.done) ended = true;
      else {
        parts.push(r.value);
        total += r.value.length;
      }
    }
    if (ended) {
      yield this.whole(stripBom(Buffer.concat(parts).toString('utf8')));
      return;
    }
    yield* this.streamed(parts, chunks);
  }

  /** A document read completely: JSON.parse, or NDJSON when it is several documents on separate lines. */
  private whole(text: string): AlertRecord[] {
    if (text.trim() === '') return [];
    try {
      return this.records(JSON.parse(text), undefined);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      if (looksLikeNdjson(text)) return this.ndjsonText(text);
      const syntax = findJsonSyntaxError(text);
      if (!syntax) throw error;
      throw new ConfigError(`malformed JSON: ${describeJsonError(syntax)}`, {
        file: this.name,
        line: syntax.line,
        column: syntax.column,
        hint: 'Give a JSON array, a single object, NDJSON (one object per line) or an API response {"value":[...]}.',
      });
    }
  }

  /** NDJSON whose first line is bad (so it was not recognised up front): each line on its own. */
  private ndjsonText(text: string): AlertRecord[] {
    const out: AlertRecord[] = [];
    scanNdjsonLines(text, 1, true, this.lineSink(out));
    return out;
  }

  private async *ndjson(start: Buffer, chunks: AsyncGenerator<Buffer>): AsyncGenerator<AlertRecord[]> {
    const decoder = new StringDecoder('utf8');
    let rest = stripBom(decoder.write(start));
    let lineNo = 1;
    const consume = (data: string, final: boolean): AlertRecord[] => {
      const out: AlertRecord[] = [];
      const scanned = scanNdjsonLines(data, lineNo, final, this.lineSink(out));
      lineNo = scanned.line;
      rest = data.slice(scanned.rest);
      return out;
    };
    let batch = consume(rest, false);
    if (batch.length) yield batch;
    for (;;) {
      const r = await chunks.next();
      if (r.done) break;
      batch = consume(rest + decoder.write(r.value), false);
      if (batch.length) yield batch;
    }
    batch = consume(rest + decoder.end(), true);
    if (batch.length) yield batch;
  }

  private lineSink(out: AlertRecord[]): NdjsonLineSink {
    return {
      value: (value, line) => {
        for (const r of this.records(value, line)) out.push(r);
      },
      malformed: (line, column, detail) => {
        const error = malformedLineError(this.name, line, column, detail);
        if (!this.options.onError) throw error;
        this.options.onError(error);
      },
    };
  }

  /** A big document: @streamparser/json emits each element of the top-level array (or of an envelope's value). */
  private async *streamed(parts: Buffer[], chunks: AsyncGenerator<Buffer>): AsyncGenerator<AlertRecord[]> {
    const first = firstNonSpace(parts[0]!);
    const documents = this.options.documents === true;
    const path = first === 0x7b /* { */ ? '$.value.*' : '$.*';
    // Tokenizer and token parser wired by hand, to know the byte offset of the token a structural error is at.
    const tokenizer = new Tokenizer();
    const tokens = new TokenParser({ paths: documents ? ['$'] : [path], keepStack: false });
    let lastOffset = 0;
    let sawToken = false;
    tokenizer.onToken = (info) => {
      sawToken = true;
      lastOffset = info.offset;
      tokens.write(info);
    };
    tokenizer.onEnd = () => {
      if (!tokens.isEnded) tokens.end();
    };
    tokens.onEnd = () => {
      if (!tokenizer.isEnded) tokenizer.end();
    };
    let out: AlertRecord[] = [];
    tokens.onValue = ({ value }) => {
      out.push({ value, source: this.name, index: this.index++ });
    };
    const position = new PositionTracker();
    const feed = (b: Buffer) => {
      position.push(b);
      try {
        tokenizer.write(b);
      } catch (error) {
        throw this.streamError(error as Error, position, lastOffset);
      }
    };
    for (const b of parts) feed(b);
    if (out.length) {
      yield out;
      out = [];
    }
    for (;;) {
      const r = await chunks.next();
      if (r.done) break;
      feed(r.value);
      if (out.length) {
        yield out;
        out = [];
      }
    }
    // Only whitespace, however much of it: no records, as for a small input (see whole()).
    if (!sawToken) return;
    if (!tokenizer.isEnded || !tokens.isEnded) {
      const at = position.end();
      throw new ConfigError('malformed JSON: unexpected end of the input', { file: this.name, line: at.line, column: at.column });
    }
    if (out.length) yield out;
  }

  private streamError(error: Error, position: PositionTracker, lastTokenOffset: number): ConfigError {
    // Tokenizer errors name the byte offset; token-parser errors (a misplaced token) are at the last token.
    const m = /absolute position "(\d+)"/.exec(error.message);
    const at = position.at(m ? Number(m[1]) : lastTokenOffset);
    const what = error.message.replace(/ at chunk position.*$/, '').replace(/ in state .*$/, '');
    return new ConfigError(`malformed JSON: ${what}`, { file: this.name, line: at.line, column: at.column, cause: error });
  }

  /** Unwraps an array or an API envelope into records (unless whole documents were asked for). */
  private records(value: unknown, line: number | undefined): AlertRecord[] {
    const items = this.options.documents ? [value] : unwrap(value);
    const out = new Array<AlertRecord>(items.length);
    for (let i = 0; i < items.length; i++) {
      const r: AlertRecord = { value: items[i], source: this.name, index: this.index++ };
      if (line !== undefined) r.line = line;
      out[i] = r;
    }
    return out;
  }
}

/** An array's elements; an API response `{"value":[...]}` (other keys only `@odata.*`) its value; else itself. */
export function unwrap(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (Array.isArray(o.value) && Object.keys(o).every((k) => k === 'value' || k.startsWith('@odata'))) return o.value;
  }
  return [value];
}

function firstNonSpace(b: Buffer): number | undefined {
  let i = utf8BomLength(b);
  while (i < b.length && (b[i] === 32 || b[i] === 9 || b[i] === 13 || b[i] === 10)) i++;
  return b[i];
}

/** Whether bytes read from the start of an input begin with a complete line that is JSON on its own (NDJSON). */
export function startsAsNdjson(start: Buffer): boolean {
  const line = firstLineOf(start);
  return line !== undefined && parsesAlone(line);
}

/** The first line (without its line break) when the buffer holds a complete one. */
function firstLineOf(b: Buffer): string | undefined {
  const nl = b.indexOf(10);
  if (nl === -1) return undefined;
  return stripBom(b.subarray(0, nl).toString('utf8')).trim();
}

/** Several lines that each start a JSON object, at least one of which parses alone. */
function looksLikeNdjson(text: string): boolean {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length < 2 || !lines.every((l) => l.startsWith('{') || l.startsWith('['))) return false;
  return lines.some(parsesAlone);
}

function parsesAlone(line: string): boolean {
  const c = line[0];
  if (c !== '{' && c !== '[') return false;
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/** Maps absolute byte offsets of a stream to line:column, remembering only the current chunk. */
class PositionTracker {
  private linesBefore = 0;
  private bytesBefore = 0;
  private lastLineStart = 0;
  private current: Buffer = Buffer.alloc(0);
  private currentStart = 0;

  push(b: Buffer): void {
    // Account for the previous chunk before replacing it.
    this.advance(this.current);
    this.current = b;
    this.currentStart = this.bytesBefore;
  }

  private advance(b: Buffer): void {
    let i = b.indexOf(10);
    while (i !== -1) {
      this.linesBefore++;
      this.lastLineStart = this.bytesBefore + i + 1;
      i = b.indexOf(10, i + 1);
    }
    this.bytesBefore += b.length;
  }

  at(offset: number): { line: number; column: number } {
    const rel = offset - this.currentStart;
    if (rel < 0 || rel > this.current.length) return { line: this.linesBefore + 1, column: 1 };
    let line = this.linesBefore + 1;
    let lineStart = this.lastLineStart;
    let i = this.current.indexOf(10);
    while (i !== -1 && i < rel) {
      line++;
      lineStart = this.currentStart + i + 1;
      i = this.current.indexOf(10, i + 1);
    }
    const fromLineStart =
      lineStart >= this.currentStart
        ? this.current.subarray(lineStart - this.currentStart, rel).toString('utf8').length
        : rel + (this.currentStart - lineStart);
    return { line, column: fromLineStart + 1 };
  }

  end(): { line: number; column: number } {
    return this.at(this.currentStart + this.current.length);
  }
}
