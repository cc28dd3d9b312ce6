import type { OperationSpec } from './define.js';
import { OPERATION_SPECS, UNEMULATED_OPERATIONS } from './registry.js';

/** The operation reference tables of docs/operations.md, generated from the operation metadata. */

export const TABLE_START = '<!-- operations-table:start (generated from src/flex/operations; do not edit by hand) -->';
export const TABLE_END = '<!-- operations-table:end -->';

/** Table-cell text: pipes escaped, operation names as code (a bare `__name` would start bold text). */
function cell(text: string): string {
  return text
    .replaceAll('|', '\\|')
    .replaceAll('\n', ' ')
    .replace(/(?<![\w`])(__[A-Za-z0-9]+)/g, '`$1`');
}

function arity(spec: OperationSpec): string {
  if (spec.maxArgs === Infinity) return `${spec.minArgs}+`;
  return spec.minArgs === spec.maxArgs ? String(spec.minArgs) : `${spec.minArgs}-${spec.maxArgs}`;
}

export function renderOperationsTables(): string {
  const lines = [TABLE_START, '', '| operation | args | returns | semantics | source |', '|---|---|---|---|---|'];
  for (const spec of OPERATION_SPECS) {
    const names = [spec.name, ...(spec.aliases ?? [])].map((n) => `\`${n}\``).join(' / ');
    const semantics = spec.details ? `${spec.summary} ${spec.details}` : spec.summary;
    lines.push(`| ${names} | ${arity(spec)} | ${spec.returns} | ${cell(semantics)} | ${spec.source} |`);
  }
  lines.push(
    '',
    'Known to exist in ArcSight but not emulated, because no public source describes what they do',
    '(`UNEMULATED_OPERATIONS`, so the loader can say "not emulated" rather than "unknown"):',
    '',
    [...UNEMULATED_OPERATIONS].map((n) => `\`${n}\``).join(', '),
    '',
    TABLE_END,
  );
  return lines.join('\n');
}

/** `document` with its generated section replaced by the current tables (appended when missing). */
export function updateOperationsDoc(document: string): string {
  const start = document.indexOf(TABLE_START);
  const end = document.indexOf(TABLE_END);
  if (start < 0 || end < start) return `${document.trimEnd()}\n\n${renderOperationsTables()}\n`;
  return document.slice(0, start) + renderOperationsTables() + document.slice(end + TABLE_END.length);
}
