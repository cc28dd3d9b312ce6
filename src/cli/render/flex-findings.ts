import type { ChalkInstance } from 'chalk';
import type { FlexFinding } from '../../flex/index.js';

/** `file:line:column: severity: message [code]` plus an indented fix line, as compilers print. */
export function formatFlexFinding(file: string, f: FlexFinding, c: ChalkInstance): string {
  const label = f.severity === 'error' ? c.red('error:') : f.severity === 'warning' ? c.yellow('warning:') : c.blue('info:');
  const head = `${file}:${f.line}:${f.column}: ${label} ${f.message} ${c.dim(`[${f.code}]`)}`;
  return f.hint ? `${head}\n  ${c.dim('fix:')} ${f.hint}` : head;
}
