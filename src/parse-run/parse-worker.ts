// Worker thread of `parse`: compiles its own copy of the parser and turns NDJSON chunks into encoded events.
// Started by ParsePool (parse-pool.ts), which sends chunks and puts the replies back in input order. Buffers
// travel both ways by transfer: each chunk goes back with the reply, output buffers come back as spares.
import { parentPort, workerData } from 'node:worker_threads';
import { compileParser, loadParserSpec } from '../flex/index.js';
import { BufferPool } from './buffer-pool.js';
import { parseNdjsonChunk, PORTABLE_ENCODINGS } from './chunk.js';
import { OUTPUT_BUFFER_BYTES, type ChunkReply, type ChunkRequest, type WorkerSetup } from './parse-pool.js';

const setup = workerData as WorkerSetup;
const parser = compileParser(loadParserSpec(setup.parserText, { file: setup.parserFile }).spec, { timeZone: setup.timeZone });
const pool = new BufferPool(OUTPUT_BUFFER_BYTES, 128);
const options = { write: PORTABLE_ENCODINGS[setup.encoding], maxWarnings: setup.maxWarnings, documents: setup.documents, pool };

parentPort!.on('message', ({ seq, bytes, spares }: ChunkRequest) => {
  for (const spare of spares) pool.give(spare);
  const result = parseNdjsonChunk(parser, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), options);
  const input = bytes.buffer as ArrayBuffer;
  const transfer = new Set<ArrayBuffer>([input]);
  for (const b of result.output) transfer.add(b.buffer as ArrayBuffer);
  parentPort!.postMessage({ seq, result, input } satisfies ChunkReply, [...transfer]);
});
