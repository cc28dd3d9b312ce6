import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  compareEvents,
  discoverCases,
  filterMatcher,
  jsonReport,
  junitReport,
  runCases,
  snapshot,
  textReport,
  updateCases,
  type CaseDocument,
} from '../../src/conformance/index.js';
import { tempDir } from '../support/temp.js';

let dir: string;
beforeEach(() => {
  dir = tempDir('conformance');
});

async function writeCase(name: string, doc: unknown): Promise<string> {
  const file = join(dir, name);
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, `${JSON.stringify(doc, null, 2)}\n`);
  return file;
}

const alert = { AlertTitle: 'Suspicious File Activity', Severity: 'High', AlertTime: '2020-09-30T14:09:20.35743Z', IpAddress: '10.0.0.1' };

describe('compareEvents', () => {
  const produced = [
    {
      fields: { name: 'x', deviceCustomNumber1: 1, sourceAddress: '10.0.0.1' },
      warnings: [{ code: 'field-truncated', message: 'event.name: 600 characters truncated to 512' }],
    },
  ];

  it('reports each wrong, missing and present-but-absent field by name, with both values', () => {
    const diffs = compareEvents([{ fields: { name: 'y', deviceCustomNumber1: '1', fileName: 'a.exe' }, absent: ['sourceAddress'] }], produced, false);
    expect(diffs.map((d) => [d.kind, d.field, d.message])).toEqual([
      ['field-value', 'name', 'expected "y", got "x"'],
      ['field-value', 'deviceCustomNumber1', 'expected "1", got 1'],
      ['field-missing', 'fileName', 'expected "a.exe", but the field is not set'],
      ['field-present', 'sourceAddress', 'expected no value, got "10.0.0.1"'],
    ]);
  });

  it('in exact mode reports fields and warnings the expectation does not list', () => {
    const diffs = compareEvents([{ fields: { name: 'x', deviceCustomNumber1: 1 } }], produced, true);
    expect(diffs.map((d) => d.kind)).toEqual(['field-unexpected', 'warning-unexpected']);
    expect(diffs[0]!.field).toBe('sourceAddress');
  });

  it('matches warnings by code and message substring, and reports forbidden ones', () => {
    expect(compareEvents([{ warnings: [{ code: 'field-truncated', message: 'event.name' }] }], produced, false)).toEqual([]);
    const diffs = compareEvents([{ warnings: [{ message: 'event.fileName' }], forbiddenWarnings: [{ code: 'field-truncated' }] }], produced, false);
    expect(diffs.map((d) => d.kind)).toEqual(['warning-missing', 'warning-forbidden']);
  });

  it('reports a different number of events and still compares the pairs', () => {
    const diffs = compareEvents([{ fields: { name: 'x' } }, { fields: { name: 'z' } }], produced, false);
    expect(diffs).toHaveLength(1);
    expect(diffs[0]!.message).toBe('expected 2 events, got 1');
  });

  it('points at the first difference of long strings', () => {
    const long = 'a'.repeat(100);
    const [d] = compareEvents([{ fields: { name: `${long}b` } }], [{ fields: { name: `${long}c` }, warnings: [] }], false);
    expect(d!.message).toContain('first difference at character 101');
  });
});

describe('filterMatcher', () => {
  it('matches substrings, and * as any run of characters', () => {
    expect(filterMatcher('sever')('v2/severity-high')).toBe(true);
    expect(filterMatcher('v1/*time')('v1/severity')).toBe(false);
    expect(filterMatcher('v1/*legacy')('v1/time-legacy-utc')).toBe(true);
    expect(filterMatcher('a.b')('axb')).toBe(false);
  });
});

describe('discoverCases', () => {
  it('finds *.case.json files and folder cases, in a stable order, and names them by path', async () => {
    await writeCase('b/one.case.json', { description: 'd', input: [], events: [] });
    await writeCase('a/folder/case.json', { description: 'd', inputFile: 'in.json', events: [] });
    await writeFile(join(dir, 'a/folder/in.json'), '[]');
    await writeFile(join(dir, 'a/folder/other.case.json'), 'not looked at: inside a folder case');
    await writeFile(join(dir, 'notes.json'), '{}');
    const { cases, invalid } = await discoverCases([dir]);
    expect(invalid).toEqual([]);
    expect(cases.map((c) => c.id)).toEqual(['a/folder', 'b/one']);
  });

  it('returns schema errors with the file and the JSON path instead of running the case', async () => {
    const file = await writeCase('bad.case.json', { description: 'd', input: [], inputFile: 'x', profile: 'v4', events: [{ fields: { name: null } }] });
    await writeCase('nojson.case.json', {});
    await writeFile(join(dir, 'nojson.case.json'), '{\n  "description": "d",\n  oops\n}');
    const { cases, invalid } = await discoverCases([dir]);
    expect(cases).toEqual([]);
    const bad = invalid.find((i) => i.file === file)!;
    expect(bad.errors).toEqual(
      expect.arrayContaining([
        '/profile: must be equal to one of the allowed values: "v1", "v2", "v3"',
        '/events/0/fields/name: must be string,number',
        '/inputFile: not allowed here (cannot be used together with input)',
      ]),
    );
    const broken = invalid.find((i) => i.file.endsWith('nojson.case.json'))!;
    expect(broken.errors[0]).toMatch(/^not valid JSON/);
    expect(broken.line).toBe(3);
  });

  it('chooses the parser: the case file, else its profile, else --parser, else the v2 template', async () => {
    await writeFile(join(dir, 'p.jsonparser.properties'), 'trigger.node.location=/\n');
    await writeCase('own.case.json', { description: 'd', parser: 'p.jsonparser.properties', input: [], events: [] });
    await writeCase('profile.case.json', { description: 'd', profile: 'v1', input: [], events: [] });
    await writeCase('plain.case.json', { description: 'd', input: [], events: [] });
    const byId = async (parser?: string) => Object.fromEntries((await discoverCases([dir], { parser })).cases.map((c) => [c.id, c.parser]));
    expect(await byId()).toEqual({
      own: { kind: 'file', path: join(dir, 'p.jsonparser.properties'), origin: 'case' },
      plain: { kind: 'profile', profile: 'v2', origin: 'default' },
      profile: { kind: 'profile', profile: 'v1', origin: 'case' },
    });
    expect((await byId('/x/user.jsonparser.properties')).plain).toEqual({ kind: 'file', path: '/x/user.jsonparser.properties', origin: 'option' });
  });
});

describe('runCases and the reports', () => {
  it('runs a passing and a failing case; the text report ends with the summary line', async () => {
    await writeCase('good.case.json', {
      description: 'good',
      input: [alert],
      events: [{ fields: { name: 'Suspicious File Activity', agentSeverity: 'High' } }],
    });
    await writeCase('wrong.case.json', {
      description: 'deliberately wrong',
      input: [alert],
      events: [{ fields: { deviceReceiptTime: '2020-09-30T14:09:20.000Z', name: 'Suspicious File Activity' }, absent: ['sourceAddress'] }],
    });
    const { cases } = await discoverCases([dir]);
    const summary = await runCases(cases);
    expect([summary.passed, summary.failed]).toEqual([1, 1]);
    const text = textReport(summary);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('PASS good');
    expect(lines[1]).toMatch(/^FAIL wrong {2}\(.*wrong\.case\.json, parser profile:v2, time zone UTC\)$/);
    expect(lines).toContain('     event 1 deviceReceiptTime: expected "2020-09-30T14:09:20.000Z", got "2020-09-30T14:09:20.357Z"');
    expect(lines).toContain('     event 1 sourceAddress: expected no value, got "10.0.0.1"');
    expect(lines.at(-1)).toBe('1 passed, 1 failed');

    const json = jsonReport(summary);
    expect(json.version).toBe(1);
    expect(json.summary).toEqual({ total: 2, passed: 1, failed: 1 });
    expect(json.cases[1]!.differences.map((d) => d.field)).toEqual(['deviceReceiptTime', 'sourceAddress']);

    const xml = junitReport(summary);
    expect(xml).toContain('<testsuites name="wdatp-arcsight conformance" tests="2" failures="1"');
    expect(xml).toContain('<failure message="2 differences: event 1 deviceReceiptTime: expected &quot;2020-09-30T14:09:20.000Z&quot;');
  });

  it('runs a case once per time zone it names', async () => {
    await writeCase('zones.case.json', {
      description: 'v1 legacy time in two zones must differ, so one expectation cannot hold in both',
      profile: 'v1',
      timezone: ['UTC', 'Asia/Kolkata'],
      input: [alert],
      events: [{ fields: { deviceReceiptTime: '2020-09-30T14:09:20.000Z' } }],
    });
    const summary = await runCases((await discoverCases([dir])).cases);
    expect(summary.results.map((r) => [r.name, r.status])).toEqual([
      ['zones [UTC]', 'passed'],
      ['zones [Asia/Kolkata]', 'failed'],
    ]);
  });
});

describe('snapshot and updateCases', () => {
  it('keeps the other keys and their order, the comments, exact flags and absent entries that still hold', () => {
    const doc: CaseDocument = {
      description: 'd',
      profile: 'v2',
      input: [],
      events: [{ $comment: 'c', fields: { name: 'old' }, absent: ['fileName', 'name'], forbiddenWarnings: [{ code: 'field-truncated' }], exact: true }],
    };
    const out = snapshot(doc, [{ fields: { name: 'new', deviceVendor: 'Microsoft' }, warnings: [] }]);
    expect(Object.keys(out)).toEqual(['description', 'profile', 'input', 'events']);
    expect(out.events).toEqual([
      {
        $comment: 'c',
        fields: { name: 'new', deviceVendor: 'Microsoft' },
        absent: ['fileName'],
        forbiddenWarnings: [{ code: 'field-truncated' }],
        exact: true,
      },
    ]);
  });

  it('rewrites only failing cases, and they pass afterwards', async () => {
    const good = await writeCase('good.case.json', { description: 'good', input: [alert], events: [{ fields: { name: 'Suspicious File Activity' } }] });
    const wrong = await writeCase('wrong.case.json', { description: 'wrong', input: [alert], events: [{ fields: { name: 'nope' } }] });
    const goodText = await readFile(good, 'utf8');
    const first = await discoverCases([dir]);
    const outcome = await updateCases(first.cases, (await runCases(first.cases)).results);
    expect(outcome).toEqual({ changed: [wrong], conflicting: [] });
    expect(await readFile(good, 'utf8')).toBe(goodText);
    const updated = JSON.parse(await readFile(wrong, 'utf8')) as CaseDocument;
    expect(updated.description).toBe('wrong');
    expect(updated.events[0]!.fields!.name).toBe('Suspicious File Activity');
    expect((await runCases((await discoverCases([dir])).cases)).failed).toBe(0);
  });

  it('leaves a case alone when its time zones disagree', async () => {
    const file = await writeCase('zones.case.json', { description: 'd', profile: 'v1', timezone: ['UTC', 'Asia/Kolkata'], input: [alert], events: [] });
    const before = await readFile(file, 'utf8');
    const { cases } = await discoverCases([dir]);
    expect(await updateCases(cases, (await runCases(cases)).results)).toEqual({ changed: [], conflicting: [file] });
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});
