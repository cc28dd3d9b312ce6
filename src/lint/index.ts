// Lint rules for the connector's files: the OAuth 2 client properties file (WDA1xx), FlexConnector JSON parser
// files (WDA2xx), cross-file checks and the Events URL (WDA3xx) and values files (WDA4xx). Core only: returns
// findings as data; the CLI renders them.
export type { DisplayLines, FileKind, Finding, LintedFile, LintResult, LintSummary, RuleFamily, RuleMeta, Severity } from './types.js';
export { RULES } from './registry.js';
export { lintSources, sortFindings, type LintOptions, type SourceFile } from './engine.js';
export { collectSources, detectKind, displayPath } from './inputs.js';
export { ruleIdForLoaderCode, LOADER_CODES, EMULATION_ONLY_CODES } from './rules/parser/loader.js';
export { summarize, failsAt, type FailOn } from './summary.js';

import { collectSources } from './inputs.js';
import { lintSources, type LintOptions } from './engine.js';
import type { LintResult } from './types.js';

/** Reads the files (or folders) named and lints them: what `wdatp-arcsight validate` does. */
export async function lintPaths(args: readonly string[], options: LintOptions & { cwd: string }): Promise<LintResult> {
  const sources = await collectSources(args, options.cwd);
  return lintSources(sources, options);
}
