import { basename } from 'node:path';
import { deriveUrls, validateValues } from '../connector/index.js';
import { loadParserSpec } from '../flex/index.js';
import { JsonSyntaxError, parseJsonWithPositions } from '../text/index.js';
import { arrayLines, propertiesSource, splitLines, type SourceLines } from './properties-source.js';
import { createRedactor, secretSpans, secretValuesOf, valuesSecretSpans, type SecretSpan } from './redact.js';
import { CLIENT_RULES, CROSS_RULES, PARSER_RULES, VALUES_RULES } from './registry.js';
import { runRule } from './rule.js';
import { compareText } from './compare.js';
import { clientContext, type ClientContext } from './rules/client/context.js';
import type { EventsUrlSource, ProjectContext } from './rules/cross/context.js';
import { parserContext, type ParserContext } from './rules/parser/context.js';
import { fieldSpan, type ValuesContext } from './rules/values/context.js';
import type { FileKind, Finding, LintedFile, LintResult } from './types.js';

/** One input: its name as shown in findings, its bytes, and what kind of file it is. */
export interface SourceFile {
  file: string;
  kind: FileKind;
  bytes: Uint8Array;
  /** The file's permission bits, when read from disk (for the client file's secrecy). */
  mode?: number;
}

export interface LintOptions {
  /** The FlexConnector "Events URL" to check (it lives in the connector wizard, not in these files). */
  eventsUrl?: string;
}

/**
 * Runs every rule over the given files and the cross-file rules over all of them together. Pure: no file
 * system access; never throws on content (a rule that throws is a bug, reported as an internal error).
 */
export function lintSources(sources: readonly SourceFile[], options: LintOptions = {}): LintResult {
  const clients: ClientContext[] = [];
  const parsers: ParserContext[] = [];
  const values: ValuesContext[] = [];
  const findings: Finding[] = [];
  const lines = new Map<string, SourceLines>();

  for (const s of sources) {
    if (s.kind === 'client-properties') {
      const ctx = clientContext(propertiesSource(s.file, s.bytes), s.mode);
      clients.push(ctx);
      lines.set(s.file, ctx.lines);
      for (const rule of CLIENT_RULES) findings.push(...runRule(rule, ctx, s.file));
    } else if (s.kind === 'parser-properties') {
      const source = propertiesSource(s.file, s.bytes);
      const { spec, findings: loaderFindings } = loadParserSpec(source.text, { file: s.file });
      const ctx = parserContext(source, spec, loaderFindings);
      parsers.push(ctx);
      lines.set(s.file, ctx.lines);
      for (const rule of PARSER_RULES) findings.push(...runRule(rule, ctx, s.file));
    } else {
      const ctx = valuesContext(s.file, s.bytes);
      values.push(ctx);
      lines.set(s.file, arrayLines(ctx.lines));
      for (const rule of VALUES_RULES) findings.push(...runRule(rule, ctx, s.file));
    }
  }

  const eventsUrls: EventsUrlSource[] = [];
  if (options.eventsUrl !== undefined) eventsUrls.push({ kind: 'flag', url: options.eventsUrl });
  for (const v of values) {
    if (!v.values) continue;
    const field = v.values.region !== undefined ? 'region' : 'cloud';
    eventsUrls.push({ kind: 'values', url: deriveUrls(v.values).eventsUrl, file: v.file, span: fieldSpan(v, field) });
  }
  const anchorFile = clients[0]?.file ?? parsers[0]?.file ?? values[0]?.file ?? sources[0]?.file;
  if (anchorFile !== undefined) {
    const project: ProjectContext = { clients, parsers, values, eventsUrls, anchorFile };
    for (const rule of CROSS_RULES) findings.push(...runRule(rule, project, anchorFile));
  }

  const redactor = createRedactor(secretValuesOf(clients, values));
  const spans = new Map<string, SecretSpan[]>();
  for (const c of clients) spans.set(c.file, secretSpans(c));
  for (const v of values) spans.set(v.file, valuesSecretSpans(v));
  const files: LintedFile[] = sources.map((s) => ({
    file: s.file,
    kind: s.kind,
    displayLines: redactor.maskLines(lines.get(s.file) ?? arrayLines([]), spans.get(s.file)),
  }));
  for (const f of findings) {
    f.message = redactor.text(f.message);
    if (f.hint !== undefined) f.hint = redactor.text(f.hint);
  }
  return {
    files,
    findings: sortFindings(
      findings,
      sources.map((s) => s.file),
    ),
  };
}

function valuesContext(file: string, bytes: Uint8Array): ValuesContext {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const ctx: ValuesContext = { file, text, lines: splitLines(text) };
  try {
    ctx.document = parseJsonWithPositions(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    ctx.syntaxError = error;
    return ctx;
  }
  try {
    ctx.values = validateValues(ctx.document.value, basename(file));
  } catch {
    // The values rules report why; cross-file rules simply have no values to compare with.
  }
  return ctx;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Stable order: files in input order, then line, column, severity, rule id. */
export function sortFindings(findings: Finding[], fileOrder: readonly string[]): Finding[] {
  const rank = new Map(fileOrder.map((f, i) => [f, i]));
  return [...findings].sort(
    (a, b) =>
      (rank.get(a.file) ?? Infinity) - (rank.get(b.file) ?? Infinity) ||
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      compareText(a.ruleId, b.ruleId) ||
      compareText(a.message, b.message),
  );
}
