// Worker thread of `parse`: compiles its own copy of the parser and turns NDJSON chunks into encoded events.
// Started by ParsePool (parse-pool.ts), which sends chunks and puts the replies back in input order.
import { parentPort, workerData } from 'node:worker_threads';
import { compileParser, loadParserSpec } from '../flex/index.js';
import { parseNdjsonChunk, PORTABLE_ENCODINGS } from './chunk.js';
import type { ChunkReply, ChunkRequest, WorkerSetup } from './parse-pool.js';

const setup = workerData as WorkerSetup;
const parser = compileParser(loadParserSpec(setup.parserText, { file: setup.parserFile }).spec, { timeZone: setup.timeZone });
const options = { write: PORTABLE_ENCODINGS[setup.encoding], maxWarnings: setup.maxWarnings, documents: setup.documents };

parentPort!.on('message', ({ seq, bytes }: ChunkRequest) => {
  const result = parseNdjsonChunk(parser, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), options);
  // Each output buffer owns its memory (EncodedOutput): hand it over instead of copying it.
  const transfer = [...new Set(result.output.map((b) => b.buffer as ArrayBuffer))];
  parentPort!.postMessage({ seq, result } satisfies ChunkReply, transfer);
});
