import { summarize, type LintResult } from '../../../lint/index.js';
import type { FindingsRenderOptions } from './types.js';

/** Version of the JSON report shape (docs/validate.md); bumped only for incompatible changes. */
export const JSON_REPORT_VERSION = 1;

export function renderJson(result: LintResult, options: FindingsRenderOptions): string {
  const report = {
    version: JSON_REPORT_VERSION,
    tool: options.tool,
    summary: summarize(result),
    files: result.files.map((f) => ({ file: f.file, kind: f.kind })),
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      ...(f.hint !== undefined ? { hint: f.hint } : {}),
      file: f.file,
      line: f.line,
      column: f.column,
      ...(f.endLine !== undefined ? { endLine: f.endLine } : {}),
      ...(f.endColumn !== undefined ? { endColumn: f.endColumn } : {}),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
