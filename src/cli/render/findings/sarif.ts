import { RULES, type Finding, type LintResult, type RuleMeta, type Severity } from '../../../lint/index.js';
import type { FindingsRenderOptions } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** Relative paths are given against %SRCROOT% (the repository root in CI); absolute ones as file: URIs. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file)) {
    return {
      uri: `file://${file.startsWith('/') ? '' : '/'}${file
        .replace(/\\/g, '/')
        .split('/')
        .map(encodeURIComponent)
        .join('/')
        .replace(/^\/([A-Za-z])%3A/, '/$1:')}`,
    };
  }
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function ruleDescriptor(r: RuleMeta): Record<string, unknown> {
  return {
    id: r.id,
    name: r.name.replace(/(^|-)([a-z0-9])/g, (_m, _d, ch: string) => ch.toUpperCase()),
    shortDescription: { text: r.description },
    fullDescription: { text: r.help },
    help: { text: `${r.help}\n\nFix: ${r.fix}`, markdown: `${r.help}\n\n**Fix:** ${r.fix}` },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: [r.family], precision: 'very-high', 'problem.severity': r.severity === 'info' ? 'recommendation' : r.severity },
  };
}

/**
 * FNV-1a, 64 bits, as hex: stable and well spread, which is all a fingerprint needs (no secrecy involved), and it
 * spares validate loading node:crypto at start-up.
 */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * A fingerprint that survives unrelated edits: the rule, the file, the (masked) text of the line and how many
 * times the same rule already fired on identical lines, but not the line number.
 */
function fingerprints(findings: readonly Finding[], lineText: (f: Finding) => string): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${f.ruleId}\u0000${f.file}\u0000${lineText(f).replace(/\s+/g, ' ').trim()}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${fnv1a64(base)}:${n + 1}`;
  });
}

export function renderSarif(result: LintResult, options: FindingsRenderOptions): string {
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  const lines = new Map(result.files.map((f) => [f.file, f.displayLines]));
  const prints = fingerprints(result.findings, (f) => lines.get(f.file)?.get(f.line) ?? '');
  const results = result.findings.map((f, i) => {
    const region: Record<string, number> = { startLine: f.line, startColumn: f.column };
    if (f.endLine !== undefined && f.endLine !== f.line) region.endLine = f.endLine;
    if (f.endColumn !== undefined && (f.endLine === undefined || f.endLine === f.line ? f.endColumn >= f.column : true)) region.endColumn = f.endColumn;
    return {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) ?? -1,
      level: LEVEL[f.severity],
      message: { text: f.hint ? `${f.message} Fix: ${f.hint}` : f.message },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.file), region } }],
      partialFingerprints: { 'wdatpArcsightFinding/v1': prints[i]! },
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: options.tool.name,
            version: options.tool.version,
            semanticVersion: options.tool.version,
            rules: RULES.map(ruleDescriptor),
          },
        },
        automationDetails: { id: `${options.tool.name}/validate/` },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
