import type { CaseResult, Difference, RunSummary } from './types.js';

/** Colouring for the text report; the default is none (the CLI passes chalk). */
export interface Paint {
  pass(text: string): string;
  fail(text: string): string;
  dim(text: string): string;
}
const NO_PAINT: Paint = { pass: (t) => t, fail: (t) => t, dim: (t) => t };

/**
 * People's report: one line per case, the field-by-field differences under each failure, and as the last line
 * `N passed, N failed` (exactly that shape: scripts and CI logs rely on it).
 */
export function textReport(summary: RunSummary, paint: Paint = NO_PAINT): string {
  let out = '';
  for (const r of summary.results) {
    if (r.status === 'passed') {
      out += `${paint.pass('PASS')} ${r.name}\n`;
      continue;
    }
    out += `${paint.fail('FAIL')} ${r.name}  ${paint.dim(`(${r.file}, parser ${r.parser}, time zone ${r.timeZone})`)}\n`;
    out += `     ${paint.dim(r.description)}\n`;
    for (const d of r.differences) out += `     ${differenceLine(d)}\n`;
  }
  out += `${summary.passed} passed, ${summary.failed} failed\n`;
  return out;
}

/** `event 1 deviceReceiptTime: expected "...", got "..."` */
export function differenceLine(d: Difference): string {
  const where = d.event === undefined ? 'events' : `event ${d.event}${d.field !== undefined ? ` ${d.field}` : ''}`;
  return `${where}: ${d.message}`;
}

/** Version of the JSON report shape; bumped only on incompatible changes (documented in docs/conformance.md). */
export const JSON_REPORT_VERSION = 1;

export interface JsonReport {
  version: number;
  summary: { total: number; passed: number; failed: number };
  /** Each case's result without the produced events (the report says what differed, not everything produced). */
  cases: Array<Omit<CaseResult, 'events'>>;
}

export function jsonReport(summary: RunSummary): JsonReport {
  return {
    version: JSON_REPORT_VERSION,
    summary: { total: summary.results.length, passed: summary.passed, failed: summary.failed },
    cases: summary.results.map((r) => ({
      id: r.id,
      name: r.name,
      file: r.file,
      description: r.description,
      timeZone: r.timeZone,
      parser: r.parser,
      status: r.status,
      differences: r.differences,
    })),
  };
}

/**
 * JUnit XML as CI systems read it: one <testsuite> per top folder of the case ids, one <testcase> per case and
 * zone, a <failure> holding the differences, the description in <system-out>.
 */
export function junitReport(summary: RunSummary, name = 'wdatp-arcsight conformance'): string {
  const suites = new Map<string, CaseResult[]>();
  for (const r of summary.results) {
    const slash = r.id.indexOf('/');
    const suite = slash === -1 ? '(root)' : r.id.slice(0, slash);
    const list = suites.get(suite) ?? [];
    list.push(r);
    suites.set(suite, list);
  }
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out += `<testsuites name="${xml(name)}" tests="${summary.results.length}" failures="${summary.failed}" errors="0" skipped="0">\n`;
  for (const [suite, results] of suites) {
    const failures = results.filter((r) => r.status === 'failed').length;
    out += `  <testsuite name="${xml(suite)}" tests="${results.length}" failures="${failures}" errors="0" skipped="0">\n`;
    for (const r of results) {
      out += `    <testcase name="${xml(r.name)}" classname="${xml(`conformance.${suite}`)}" file="${xml(r.file)}">\n`;
      if (r.status === 'failed') {
        const n = r.differences.length;
        out += `      <failure message="${xml(`${n} difference${n === 1 ? '' : 's'}: ${r.differences[0] ? differenceLine(r.differences[0]) : ''}`)}" type="ConformanceMismatch">`;
        out += xmlText(r.differences.map(differenceLine).join('\n'));
        out += '</failure>\n';
      }
      out += `      <system-out>${xmlText(`${r.description}\nparser: ${r.parser}\ntime zone: ${r.timeZone}`)}</system-out>\n`;
      out += '    </testcase>\n';
    }
    out += '  </testsuite>\n';
  }
  out += '</testsuites>\n';
  return out;
}

/** Escapes for XML element text; characters XML 1.0 cannot hold at all become U+FFFD. */
function xmlText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** Escapes for an attribute value (line breaks and tabs kept as character references, not normalised away). */
function xml(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
