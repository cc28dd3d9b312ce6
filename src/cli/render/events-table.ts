import { printable } from '../../errors/index.js';
import { jsonValueOf, walkTokens, type ParsedEvent, type ParserSpec } from '../../flex/index.js';
import type { EventOrigin, EventWriter, EventWriterOptions } from './events.js';

/**
 * The human view of events: per event a heading, then one line per field (full ArcSight name, value) and, with
 * --show-tokens, the tokens each field's mapping reads and their values.
 */
export function eventTableWriter(options: EventWriterOptions): EventWriter {
  const c = options.color;
  const sources = options.showTokens ? tokensByField(options.spec) : new Map<string, string[]>();
  return {
    event(e: ParsedEvent, o: EventOrigin): string {
      const rows: Array<[string, string, string]> = [];
      for (const [name, value] of e.fields) rows.push([name, show(jsonValueOf(name, value)), tokenNote(e, sources.get(name))]);
      if (e.agentSeverity !== undefined) rows.push(['agentSeverity', e.agentSeverity, options.showTokens ? 'severity.map' : '']);
      for (const [name, value] of e.additionalData) rows.push([`additionaldata.${name}`, show(value), '']);
      const width = Math.max(12, ...rows.map((r) => r[0].length));
      const where = `${printable(o.source)}${o.line !== undefined ? `:${o.line}` : ''}, record ${o.record + 1}`;
      const lines = [c.bold(`Event ${o.number}`) + c.dim(` (${where})`)];
      if (rows.length === 0) lines.push(c.dim('  (no fields set)'));
      for (const [name, value, note] of rows) {
        lines.push(`  ${c.cyan(name.padEnd(width))}  ${value}${note ? c.dim(`  <- ${note}`) : ''}`);
      }
      if (options.showTokens) {
        lines.push(c.dim('  tokens:'));
        const tokenWidth = Math.max(0, ...[...e.tokens.keys()].map((k) => k.length));
        for (const [name, value] of e.tokens) lines.push(c.dim(`    ${name.padEnd(tokenWidth)}  ${tokenText(value)}`));
      }
      return `${lines.join('\n')}\n\n`;
    },
    end: (count) => (count === 0 ? `${c.dim('(no events)')}\n` : ''),
  };
}

/** Field → the tokens its mappings (plain and conditional) read. */
function tokensByField(spec: ParserSpec): Map<string, string[]> {
  const map = new Map<string, Set<string>>();
  const add = (field: string, expr: Parameters<typeof walkTokens>[0]) => {
    let set = map.get(field);
    if (!set) map.set(field, (set = new Set()));
    for (const t of walkTokens(expr)) set.add(t);
  };
  for (const m of spec.mappings) add(m.field, m.expr);
  for (const c of spec.conditionalMaps) for (const m of c.mappings) for (const a of m.assignments) add(a.field, a.expr);
  return new Map([...map].map(([k, v]) => [k, [...v]]));
}

function tokenNote(e: ParsedEvent, names: string[] | undefined): string {
  if (!names || names.length === 0) return '';
  return names.map((n) => `${n}=${tokenText(e.tokens.get(n) ?? null)}`).join(', ');
}

function tokenText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value === 'string') return JSON.stringify(value.length > 120 ? `${value.slice(0, 117)}...` : value);
  if (typeof value === 'bigint') return `${value}L`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // What else a token holds is an IP or MAC address, shown as its canonical text.
  return typeof value === 'object' && 'text' in value && typeof value.text === 'string' ? value.text : JSON.stringify(value);
}

function show(value: string | number): string {
  // Control characters would break the table's lines or act on the terminal: show them escaped.
  return typeof value === 'string' ? printable(value) : String(value);
}
