import { printable } from '../../../errors/index.js';
import { summarize, type LintResult, type Severity } from '../../../lint/index.js';
import { RULES } from '../../../lint/index.js';
import { plural } from './text.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Workflow-command message escaping: %, CR and LF. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property escaping: as data, plus the separators ':' and ','. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions annotations (`::error file=…,line=…::message`), one per finding, then a plain summary line.
 * GitHub shows at most 10 annotations of each type per step; the SARIF upload carries the full list.
 */
export function renderGithub(result: LintResult): string {
  const names = new Map(RULES.map((r) => [r.id, r.name]));
  const lines = result.findings.map((f) => {
    const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.column}`];
    if (f.endLine !== undefined && f.endLine !== f.line) props.push(`endLine=${f.endLine}`);
    else if (f.endColumn !== undefined) props.push(`endColumn=${f.endColumn}`);
    props.push(`title=${escapeProperty(`${f.ruleId} ${names.get(f.ruleId) ?? ''}`.trim())}`);
    // Other control characters would reach the log raw (escapeData only encodes CR and LF).
    const message = f.hint ? `${printable(f.message)}\nFix: ${printable(f.hint)}` : printable(f.message);
    return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(message)}`;
  });
  const s = summarize(result);
  lines.push(
    `wdatp-arcsight validate: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'notice')} in ${plural(s.files, 'file')}.`,
  );
  return `${lines.join('\n')}\n`;
}
