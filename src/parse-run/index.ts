// Public face of src/parse-run: running a compiled parser over alert inputs (NDJSON in chunks, on worker
// threads when big), events encoded in input order, diagnostics numbered as if read in one pass.
export type { PortableEncoding } from './chunk.js';
export {
  AUTO_WORKERS_MIN_BYTES,
  defaultThreads,
  runParse,
  type EventOrigin,
  type ParseDiagnostic,
  type ParseInput,
  type ParseRunOptions,
  type ParseRunSummary,
} from './run.js';
