import type { ChalkInstance } from 'chalk';
import { printable } from '../../../errors/index.js';
import { summarize, type DisplayLines, type Finding, type LintedFile, type Severity } from '../../../lint/index.js';
import type { FindingsRenderOptions } from './types.js';

const LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info' };
/** Longest stretch of a line shown in a code frame; longer lines are cut around the column. */
const FRAME_WIDTH = 100;

function paint(c: ChalkInstance, severity: Severity, text: string): string {
  return severity === 'error' ? c.red(text) : severity === 'warning' ? c.yellow(text) : c.cyan(text);
}

/** In a code frame, control characters show as '?' (one column each, so the carets stay under the column). */
function frameText(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?').replace(/\t/g, ' ');
}

/** The line of a finding with the column marked by carets (the caller only passes masked display lines). */
export function codeFrame(f: Finding, lines: DisplayLines | undefined, c: ChalkInstance): string[] {
  const text = lines?.get(f.line);
  if (text === undefined) return [];
  const startCol = Math.min(Math.max(f.column, 1), text.length + 1);
  let endCol = f.endLine !== undefined && f.endLine !== f.line ? text.length + 1 : (f.endColumn ?? startCol + 1);
  endCol = Math.min(Math.max(endCol, startCol + 1), Math.max(text.length + 1, startCol + 1));
  let from = 0;
  if (text.length > FRAME_WIDTH) from = Math.max(0, Math.min(startCol - 1 - 20, text.length - FRAME_WIDTH));
  const shown = text.slice(from, from + FRAME_WIDTH);
  const lead = from > 0 ? '…' : '';
  const tail = from + FRAME_WIDTH < text.length ? '…' : '';
  const caretStart = startCol - 1 - from + lead.length;
  const caretLength = Math.max(1, Math.min(endCol - startCol, shown.length + lead.length - caretStart + 1));
  const gutter = String(f.line);
  const pad = ' '.repeat(gutter.length);
  return [
    `    ${c.dim(`${gutter} |`)} ${lead}${frameText(shown)}${tail}`,
    `    ${c.dim(`${pad} |`)} ${' '.repeat(Math.max(0, caretStart))}${paint(c, f.severity, '^'.repeat(caretLength))}`,
  ];
}

export function renderText(result: { files: LintedFile[]; findings: Finding[] }, options: FindingsRenderOptions): string {
  const c = options.chalk;
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const displayLines = new Map(result.files.map((f) => [f.file, f.displayLines]));
  for (const [file, findings] of byFile) {
    out.push(c.bold.underline(printable(file)));
    for (const f of findings) {
      // Messages quote the files' keys and values: a key with "\n::error::" must not start a line of its own.
      out.push(`  ${c.dim(`${f.line}:${f.column}`)}  ${paint(c, f.severity, LABEL[f.severity])}  ${c.dim(f.ruleId)}  ${printable(f.message)}`);
      // File-level findings (no span) have no line worth showing.
      if (f.endColumn !== undefined) out.push(...codeFrame(f, displayLines.get(file), c));
      if (f.hint) out.push(`    ${c.green('fix:')} ${printable(f.hint)}`);
    }
    out.push('');
  }
  const s = summarize({ files: result.files, findings: result.findings });
  const counts = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'notice')}`;
  const checked = `${plural(s.files, 'file')} checked`;
  if (result.findings.length === 0) out.push(c.green(`✔ No problems found (${checked}).`));
  else out.push(`${s.errors > 0 ? c.red('✖') : s.warnings > 0 ? c.yellow('⚠') : c.cyan('ℹ')} ${counts} (${checked}).`);
  return `${out.join('\n')}\n`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
