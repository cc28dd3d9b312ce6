import type { ExprNode, MappingSpec, ParserSpec } from '../../../flex/index.js';
import type { ExpressionSource } from './context.js';

/** A mapping to an event field, from the plain `event.*` lines or from a conditional map. */
export interface FieldMapping {
  field: string;
  expr: ExprNode;
  source: ExpressionSource;
  /** Position of the key (for findings about the mapping as a whole). */
  keyLine: number;
  keyColumn: number;
}

function sourceOf(m: MappingSpec): ExpressionSource {
  return { line: m.value.line, column: m.value.column, shift: m.value.shift };
}

export function fieldMappings(spec: ParserSpec): FieldMapping[] {
  const out: FieldMapping[] = [];
  const add = (m: MappingSpec): void => {
    out.push({ field: m.field, expr: m.expr, source: sourceOf(m), keyLine: m.pos.line, keyColumn: m.pos.column });
  };
  for (const m of spec.mappings) add(m);
  for (const c of spec.conditionalMaps) for (const cm of c.mappings) for (const a of cm.assignments) add(a);
  return out;
}

/** Every expression of the file with where it is: field mappings and additional data. */
export function allExpressions(spec: ParserSpec): Array<{ expr: ExprNode; source: ExpressionSource }> {
  const list: Array<{ expr: ExprNode; source: ExpressionSource }> = fieldMappings(spec).map((m) => ({ expr: m.expr, source: m.source }));
  for (const a of spec.additionalData) list.push({ expr: a.expr, source: { line: a.value.line, column: a.value.column, shift: a.value.shift } });
  return list;
}

export function walk(node: ExprNode, visit: (n: ExprNode) => void): void {
  visit(node);
  if (node.kind === 'call') for (const a of node.args) walk(a, visit);
}
