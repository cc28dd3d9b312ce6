import type { Finding, LintResult, LintSummary, Severity } from './types.js';

export type FailOn = Severity | 'none';

export function summarize(result: LintResult): LintSummary {
  const count = (s: Severity): number => result.findings.filter((f) => f.severity === s).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info'), files: result.files.length };
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** True when some finding is at or above the threshold (`none`: never). */
export function failsAt(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  return findings.some((f) => RANK[f.severity] >= RANK[failOn]);
}
