import type { Finding, Issue, Rule, RuleMeta } from './types.js';

/** Declares a rule: its metadata (stable id, name, documentation) and the check that yields issues. */
export function defineRule<C>(rule: Rule<C>): Rule<C> {
  return rule;
}

/** Runs one rule and turns its issues into findings: rule id, file and default severity and fix filled in. */
export function runRule<C>(rule: Rule<C>, context: C, file: string): Finding[] {
  const findings: Finding[] = [];
  for (const issue of rule.check(context)) findings.push(toFinding(rule, issue, file));
  return findings;
}

export function toFinding(rule: RuleMeta, issue: Issue, file: string): Finding {
  const finding: Finding = {
    ruleId: rule.id,
    severity: issue.severity ?? rule.severity,
    message: issue.message,
    hint: issue.hint ?? rule.fix,
    file: issue.file ?? file,
    line: issue.line,
    column: issue.column,
  };
  if (issue.endLine !== undefined) finding.endLine = issue.endLine;
  if (issue.endColumn !== undefined) finding.endColumn = issue.endColumn;
  return finding;
}

/** A file-level issue (a missing key, a wrong file name): line 1, column 1, no span, so no code frame is drawn. */
export function fileLevel(message: string, extra: Partial<Issue> = {}): Issue {
  return { message, line: 1, column: 1, ...extra };
}
