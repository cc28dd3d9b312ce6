import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormatsM from 'ajv-formats';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { FINDINGS_RENDERERS, escapeData, escapeProperty } from '../../src/cli/render/findings/index.js';
import { lintSources, RULES, type LintResult, type SourceFile } from '../../src/lint/index.js';
import { fixture } from './helpers.js';

const addFormats = addFormatsM.default;
const plain = new Chalk({ level: 0 });
const options = { chalk: plain, tool: { name: 'wdatp-arcsight', version: '9.9.9' } };
const SECRET = 'fak8Q~StoredSecretThatMustNeverBePrinted9';

function badResult(): LintResult {
  const files: SourceFile[] = [
    { file: 'bad/WDATP-connector.properties', kind: 'client-properties', bytes: fixture('bad', 'WDATP-connector.properties') },
    { file: 'bad/WDATP-connector.jsonparser.properties', kind: 'parser-properties', bytes: fixture('bad', 'WDATP-connector.jsonparser.properties') },
    { file: 'bad/WDATP-connector.values.json', kind: 'values-json', bytes: fixture('bad', 'WDATP-connector.values.json') },
    { file: 'good/WDATP-connector.properties', kind: 'client-properties', bytes: fixture('good', 'WDATP-connector.properties') },
  ];
  return lintSources(files, { eventsUrl: 'https://wdatp-alertexporter-eu.windows.com/api/alerts' });
}

describe('text', () => {
  it('groups by file and shows rule id, severity, message, a code frame with carets under the span, and the fix', () => {
    const out = FINDINGS_RENDERERS.text(badResult(), options);
    expect(out).toContain('bad/WDATP-connector.properties\n');
    const lines = out.split('\n');
    const i = lines.findIndex((l) => l.includes('WDA126'));
    expect(lines[i]).toMatch(/^ {2}6:22 {2}error {2}WDA126 {2}redirect_uri points at arcsight\.example\.com/);
    expect(lines[i + 1]).toBe('    6 | redirect_uri=https://arcsight.example.com/wdatpconnector');
    expect(lines[i + 2]).toBe(`      | ${' '.repeat('redirect_uri=https://'.length)}${'^'.repeat('arcsight.example.com'.length)}`);
    expect(lines[i + 3]).toMatch(/^ {4}fix: /);
    expect(out.trimEnd().split('\n').pop()).toMatch(/^✖ \d+ errors?, \d+ warnings?, \d+ notices? \(4 files checked\)\.$/);
  });

  it('masks the secret in code frames and messages, keeping the carets aligned', () => {
    const out = FINDINGS_RENDERERS.text(badResult(), options);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain('5f0c2b6e-3a1d-4c9b-8e7f-0a1b2c3d4e5f');
    expect(out).not.toContain('NotARealSecretJustForLintTests');
    expect(out).toContain(`client_secret=${'*'.repeat(36)}`);
  });

  it('colours only through the chalk it is given', () => {
    expect(FINDINGS_RENDERERS.text(badResult(), options)).not.toMatch(/\u001b\[/);
    expect(FINDINGS_RENDERERS.text(badResult(), { ...options, chalk: new Chalk({ level: 1 }) })).toMatch(/\u001b\[31m/);
  });

  it('replaces control characters and cuts long lines around the column', () => {
    const text = `client_id=\u001b[2J${'x'.repeat(300)}\n`;
    const result = lintSources([{ file: 'c.properties', kind: 'client-properties', bytes: Buffer.from(text, 'latin1') }]);
    const out = FINDINGS_RENDERERS.text(result, options);
    expect(out).not.toContain('\u001b');
    for (const line of out.split('\n')) expect(line.length).toBeLessThan(400);
  });

  it('says so when there is nothing to report', () => {
    const out = FINDINGS_RENDERERS.text({ files: [], findings: [] }, options);
    expect(out).toBe('✔ No problems found (0 files checked).\n');
  });
});

describe('json', () => {
  it('has the documented, versioned shape', () => {
    const result = badResult();
    const report = JSON.parse(FINDINGS_RENDERERS.json(result, options));
    expect(Object.keys(report)).toEqual(['version', 'tool', 'summary', 'files', 'findings']);
    expect(report.version).toBe(1);
    expect(report.tool).toEqual({ name: 'wdatp-arcsight', version: '9.9.9' });
    expect(report.summary.files).toBe(4);
    expect(report.summary.errors + report.summary.warnings + report.summary.infos).toBe(result.findings.length);
    for (const f of report.findings) {
      expect(Object.keys(f).filter((k) => !['ruleId', 'severity', 'message', 'hint', 'file', 'line', 'column', 'endLine', 'endColumn'].includes(k))).toEqual(
        [],
      );
    }
    expect(JSON.stringify(report)).not.toContain(SECRET);
  });
});

describe('sarif', () => {
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new Ajv04.default({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it('is valid SARIF 2.1.0 by the official schema', () => {
    const log = JSON.parse(FINDINGS_RENDERERS.sarif(badResult(), options));
    expect(validate(log), JSON.stringify(validate.errors, null, 1)).toBe(true);
    const empty = JSON.parse(FINDINGS_RENDERERS.sarif({ files: [], findings: [] }, options));
    expect(validate(empty)).toBe(true);
  });

  it('gives every result a location, a stable rule id with help, and a fingerprint', () => {
    const log = JSON.parse(FINDINGS_RENDERERS.sarif(badResult(), options));
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const rule of run.tool.driver.rules) expect(rule.help.text).toContain('Fix:');
    const fingerprints = new Set<string>();
    for (const r of run.results) {
      expect(r.locations).toHaveLength(1);
      expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      fingerprints.add(r.partialFingerprints['wdatpArcsightFinding/v1']);
    }
    expect(fingerprints.size).toBe(run.results.length);
    expect(JSON.stringify(log)).not.toContain(SECRET);
  });

  it('keeps fingerprints when lines move', () => {
    const text = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'lint', 'bad', 'WDATP-connector.properties'), 'latin1');
    const print = (t: string) => {
      const result = lintSources([{ file: 'c.properties', kind: 'client-properties', bytes: Buffer.from(t, 'latin1') }]);
      const log = JSON.parse(FINDINGS_RENDERERS.sarif(result, options));
      return new Set(log.runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['wdatpArcsightFinding/v1']));
    };
    const moved = print(`# a new comment line\n\n${text}`);
    for (const p of print(text)) expect(moved.has(p)).toBe(true);
  });
});

describe('github', () => {
  it('escapes data and properties as the workflow-command syntax needs', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('writes one annotation per finding (notice for info) and a summary line', () => {
    const result = badResult();
    const out = FINDINGS_RENDERERS.github(result, options).trimEnd().split('\n');
    expect(out).toHaveLength(result.findings.length + 1);
    expect(out.at(-1)).toMatch(/^wdatp-arcsight validate: \d+ errors?, \d+ warnings?, \d+ notices? in 4 files\.$/);
    const annotation = out.find((l) => l.includes('WDA126'))!;
    expect(annotation).toMatch(
      /^::error file=bad\/WDATP-connector\.properties,line=6,col=22,endColumn=42,title=WDA126 redirect-uri-not-loopback::redirect_uri points at arcsight\.example\.com, not at this machine\.%0AFix: /,
    );
    expect(out.some((l) => l.startsWith('::notice '))).toBe(true);
    for (const l of out.slice(0, -1)) {
      expect(l).toMatch(/^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+(,endLine=\d+|,endColumn=\d+)?,title=[^,:]+::/);
      expect(l).not.toMatch(/[\r]/);
    }
    expect(out.join('\n')).not.toContain(SECRET);
  });

  it('escapes a colon and comma in file names', () => {
    const result = lintSources([{ file: 'a:b,c.properties', kind: 'client-properties', bytes: Buffer.from('client_id=x\n') }]);
    expect(FINDINGS_RENDERERS.github(result, options)).toContain('file=a%3Ab%2Cc.properties,');
  });
});
