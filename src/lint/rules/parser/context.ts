import type { FlexFinding, ParserSpec } from '../../../flex/index.js';
import type { PropertyEntry } from '../../../properties/index.js';
import { valueText, type PropertiesSource, type Span, type ValueText } from '../../properties-source.js';

export interface ParserContext extends PropertiesSource {
  spec: ParserSpec;
  /** What the emulator's loader reported (mapped to WDA2xx rules one to one). */
  loaderFindings: FlexFinding[];
  /** The decoded value of the entry whose value starts at this position, with position mapping. */
  valueAt(line: number, column: number): ValueText | undefined;
  /** The last entry with this key. */
  entry(key: string): PropertyEntry | undefined;
  /** True when the file reads Defender alerts (SIEM API or Graph alerts_v2): only then do messages speak of WDATP. */
  readsDefenderAlerts: boolean;
}

/**
 * Alert members only Defender alerts have: the SIEM API's (AlertTime, LinkToWDATP, ...) and Graph alerts_v2's
 * (alertWebUrl, detectionSource, ...). Generic names (id, title, severity, createdDateTime) prove nothing.
 */
const DEFENDER_MEMBERS = new Set([
  'AlertTime',
  'AlertId',
  'AlertTitle',
  'AlertPart',
  'FullId',
  'LinkToWDATP',
  'IncidentLinkToWDATP',
  'LinkToMTP',
  'MachineName',
  'ComputerDnsName',
  'LastProcessedTimeUtc',
  'ThreatFamily',
  'RemediationIsSuccess',
  'ReportID',
  'alertWebUrl',
  'incidentWebUrl',
  'detectionSource',
  'serviceSource',
  'providerAlertId',
  'detectorId',
  'mitreTechniques',
  'threatDisplayName',
  'threatFamilyName',
  'firstActivityDateTime',
  'lastActivityDateTime',
]);

/** A Defender parser file by evidence: at least two tokens read members only Defender alerts have. */
export function readsDefenderAlerts(spec: ParserSpec): boolean {
  const hits = new Set(spec.tokens.map((t) => t.location.split('/').find((s) => s !== '') ?? '').filter((m) => DEFENDER_MEMBERS.has(m)));
  return hits.size >= 2;
}

/** Where an expression of the loader's spec sits: value start, and the offset where the expression text begins. */
export interface ExpressionSource {
  line: number;
  column: number;
  shift: number;
}

export function parserContext(source: PropertiesSource, spec: ParserSpec, loaderFindings: FlexFinding[]): ParserContext {
  const byValueStart = new Map<string, PropertyEntry>();
  for (const e of source.doc.entries) byValueStart.set(`${e.valueLine}:${e.valueColumn}`, e);
  const texts = new Map<PropertyEntry, ValueText>();
  return {
    ...source,
    spec,
    loaderFindings,
    valueAt(line, column) {
      const e = byValueStart.get(`${line}:${column}`);
      if (!e) return undefined;
      let t = texts.get(e);
      if (!t) {
        t = valueText(e, source.lines);
        texts.set(e, t);
      }
      return t;
    },
    entry: (key) => source.doc.get(key),
    readsDefenderAlerts: readsDefenderAlerts(spec),
  };
}

/** Span of [start, end) of an expression's text (offsets as the loader's AST gives them). */
export function expressionSpan(ctx: ParserContext, src: ExpressionSource, start: number, end: number): Span {
  const t = ctx.valueAt(src.line, src.column);
  if (t) return t.span(src.shift + start, src.shift + end);
  const length = (ctx.lines.line(src.line) ?? '').length;
  const column = Math.min(Math.max(src.column, 1), length + 1);
  return { line: src.line, column, endLine: src.line, endColumn: column };
}
