// Public face of src/conformance: find conformance cases, run them through the FlexConnector emulation, compare
// field by field, report (text, JSON, JUnit) and update expectations (snapshot mode).
export type {
  CaseDocument,
  CaseResult,
  ConformanceCase,
  Difference,
  DifferenceKind,
  EventJson,
  ExpectedEvent,
  InvalidFixture,
  MappingProfile,
  ParserSource,
  ProducedEvent,
  ProducedWarning,
  RunSummary,
  WarningPattern,
} from './types.js';
export {
  discoverCases,
  filterMatcher,
  formatSchemaErrors,
  packagedProfileFor,
  CASE_SUFFIX,
  FOLDER_CASE_FILE,
  PACKAGED_SUITE,
  type DiscoverOptions,
  type Discovery,
} from './discover.js';
export { compareEvents } from './compare.js';
export { ParserCache, parserLabel } from './parsers.js';
export { runCase, runCases, type RunOptions } from './run.js';
export { differenceLine, jsonReport, junitReport, textReport, JSON_REPORT_VERSION, type JsonReport, type Paint } from './report.js';
export { formatCase, snapshot, updateCases, type UpdateOutcome } from './update.js';
