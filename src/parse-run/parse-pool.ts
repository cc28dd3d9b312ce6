import { Worker } from 'node:worker_threads';
import type { BufferPool } from './buffer-pool.js';
import type { ChunkResult, PortableEncoding } from './chunk.js';

/** What each worker needs to build the same parser as the main thread. */
export interface WorkerSetup {
  parserText: string;
  parserFile: string;
  timeZone: string;
  encoding: PortableEncoding;
  maxWarnings: number;
  documents: boolean;
}

export interface ChunkRequest {
  seq: number;
  bytes: Uint8Array;
  /** Written output buffers, for the worker to reuse. */
  spares: ArrayBuffer[];
}

export interface ChunkReply {
  seq: number;
  result: ChunkResult;
  /** The request's chunk memory, handed back for the next read. */
  input: ArrayBuffer;
}

/** Size of the output buffers (pooled on both sides). */
export const OUTPUT_BUFFER_BYTES = 64 * 1024;
/** Spare output buffers sent with a request: about a chunk's worth of output. */
const SPARES_PER_REQUEST = 40;

/** Chunks in flight per worker: one being parsed, one waiting, so a worker never idles between replies. */
const IN_FLIGHT_PER_WORKER = 2;
/** Chunks the calling thread may parse ahead of the oldest one still at a worker: bounds memory (~2 MiB each). */
const AHEAD_HERE = 6;

/**
 * Worker threads, and the calling thread, parse NDJSON chunks in parallel; results come back in input order.
 * A chunk goes to a worker with room, else the calling thread parses it itself, so `count` workers keep
 * `count + 1` threads busy (one isolate fewer than `count + 1` workers: memory). At most a few chunks are
 * between reading and writing, so memory stays bounded however big the input, and reading waits for the output.
 */
export class ParsePool {
  private readonly workers: { worker: Worker; busy: number }[];
  private failure: Error | undefined;
  private closing = false;
  private wake: (() => void) | undefined;
  private readonly done = new Map<number, ChunkResult>();
  /** Starts writing what is next in order (set by `run`). */
  private onReply: () => void = () => undefined;

  /**
   * `parseHere` parses a chunk on the calling thread exactly as a worker would. Chunks come back to `inputs`
   * once parsed; `outputs` supplies spare output buffers for the workers.
   */
  constructor(
    count: number,
    setup: WorkerSetup,
    private readonly parseHere: (bytes: Buffer) => ChunkResult,
    private readonly inputs: BufferPool,
    private readonly outputs: BufferPool,
  ) {
    this.workers = Array.from({ length: count }, () => {
      // A young generation of 16 MiB instead of V8's 48: the same speed, ~16 MiB less memory per worker.
      const options = { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: 16 } };
      const slot = { worker: new Worker(new URL('./parse-worker.js', import.meta.url), options), busy: 0 };
      slot.worker.on('message', ({ seq, result, input }: ChunkReply) => {
        slot.busy--;
        this.inputs.give(input);
        this.done.set(seq, result);
        this.onReply();
        this.notify();
      });
      slot.worker.on('error', (error) => this.fail(error));
      slot.worker.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`a parse worker thread stopped unexpectedly (exit code ${code})`));
      });
      return slot;
    });
  }

  /** Sends every chunk to a worker and calls `onResult` with each chunk's result, in the chunks' order. */
  async run(chunks: AsyncIterable<Buffer>, onResult: (result: ChunkResult) => Promise<void>): Promise<void> {
    let sent = 0;
    let next = 0;
    // Results are written as soon as they are next in order, while reading goes on (a live stream's events must
    // not wait for its next line); one delivery at a time, each one after the other.
    let delivering = Promise.resolve();
    const deliver = async () => {
      for (let r = this.done.get(next); r !== undefined; r = this.done.get(next)) {
        this.done.delete(next++);
        await onResult(r);
        this.notify();
      }
    };
    this.onReply = () => {
      delivering = delivering.then(deliver);
      delivering.catch((error: Error) => this.fail(error));
    };
    // Chunks between reading and writing, at most.
    const lookahead = this.workers.length * IN_FLIGHT_PER_WORKER + AHEAD_HERE;
    try {
      for await (const chunk of chunks) {
        this.check();
        const slot = this.workers.reduce((x, y) => (y.busy < x.busy ? y : x));
        if (slot.busy < IN_FLIGHT_PER_WORKER) {
          slot.busy++;
          const spares = this.outputs.spares(SPARES_PER_REQUEST);
          slot.worker.postMessage({ seq: sent++, bytes: chunk, spares } satisfies ChunkRequest, [chunk.buffer as ArrayBuffer, ...spares]);
        } else {
          // Every worker has its next chunk waiting: this thread parses this one meanwhile.
          this.done.set(sent++, this.parseHere(chunk));
          this.inputs.give(chunk.buffer);
          this.onReply();
        }
        while (sent - next >= lookahead) {
          this.check();
          await this.event();
        }
      }
      while (next < sent) {
        this.check();
        await this.event();
      }
      await delivering;
    } finally {
      this.onReply = () => undefined;
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.notify();
  }

  /** Resolves at the next reply or failure. (Nothing can arrive between a check and this call: both are synchronous.) */
  private event(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
