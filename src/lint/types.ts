/** How bad a finding is. `info` never fails a run unless asked (`--fail-on` stops at warning). */
export type Severity = 'error' | 'warning' | 'info';

/** One problem in one file, 1-based positions as editors and SARIF count them. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** One sentence saying how to fix this occurrence (the rule's documented fix when nothing more specific). */
  hint?: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** The kinds of file validate understands. */
export type FileKind = 'client-properties' | 'parser-properties' | 'values-json';

/** Which family a rule belongs to; the family decides the rule id range (WDA1xx..WDA4xx). */
export type RuleFamily = 'client' | 'parser' | 'cross' | 'values';

/** Everything docs/rules.md and SARIF say about a rule. */
export interface RuleMeta {
  /** Stable id, e.g. WDA101. Never reused for another meaning. */
  id: string;
  /** Stable kebab-case name, e.g. `missing-required-key`. */
  name: string;
  family: RuleFamily;
  /** Default severity; a single finding may be milder or stronger when its message says why. */
  severity: Severity;
  /** One line: what the rule checks. */
  description: string;
  /** One or two sentences: how to fix what it reports. */
  fix: string;
  /** A paragraph: why it matters for the connector. */
  help: string;
}

/** A finding before the framework adds the rule id, the file and the default severity. */
export interface Issue {
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity?: Severity;
  hint?: string;
  /** Cross-file rules name the file they report on; single-file rules leave it out. */
  file?: string;
}

export interface Rule<C> extends RuleMeta {
  check(context: C): Iterable<Issue>;
}

/**
 * A file's lines with every secret masked, built line by line on demand: a code frame needs only the lines that
 * have findings, and masking every line of a large file up front costs time and memory for nothing.
 */
export interface DisplayLines {
  /** How many lines the file has. */
  readonly count: number;
  /** How many lines have been masked so far (each is masked once, when first asked for). */
  readonly materialised: number;
  /** Line n (1-based), masked; undefined outside the file. */
  get(n: number): string | undefined;
}

/** One input file as validate saw it: what was checked and the lines code frames may show (secrets masked). */
export interface LintedFile {
  /** As given or found (relative to the working folder when it is inside it). */
  file: string;
  kind: FileKind;
  /** The file's lines, with every secret replaced by asterisks: the only source text renderers ever see. */
  displayLines: DisplayLines;
}

export interface LintResult {
  files: LintedFile[];
  /** Sorted by file, line, column, rule id. */
  findings: Finding[];
}

export interface LintSummary {
  errors: number;
  warnings: number;
  infos: number;
  files: number;
}
