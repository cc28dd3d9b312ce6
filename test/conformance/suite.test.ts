// The shipped suite (fixtures/conformance), one vitest test per case and time zone, through the library.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { differenceLine, discoverCases, ParserCache, runCase } from '../../src/conformance/index.js';
import { repoRoot } from '../support/cli.js';

const suiteDir = join(repoRoot, 'fixtures', 'conformance');
const { cases, invalid } = await discoverCases([suiteDir]);
const cache = new ParserCache();

describe('shipped conformance suite', () => {
  it('has only valid case files, at least 70 cases, covering the three mapping profiles and a custom parser', () => {
    expect(invalid).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(70);
    const kinds = new Set(cases.map((c) => (c.parser.kind === 'profile' ? c.parser.profile : 'file')));
    expect([...kinds].sort()).toEqual(['file', 'v1', 'v2', 'v3']);
    expect(cases.filter((c) => c.parser.kind === 'profile' && c.parser.profile === 'v3').length).toBeGreaterThanOrEqual(30);
    expect(cases.filter((c) => c.parser.kind === 'profile' && c.parser.profile === 'v1').length).toBeGreaterThanOrEqual(15);
    expect(cases.filter((c) => c.parser.kind === 'profile' && c.parser.profile === 'v2').length).toBeGreaterThanOrEqual(15);
  });

  const runs = cases.flatMap((c) => c.timeZones.map((zone) => ({ c, zone, name: c.timeZones.length > 1 ? `${c.id} [${zone}]` : c.id })));
  it.each(runs)('$name', async ({ c, zone }) => {
    const result = await runCase(c, zone, cache);
    // The differences themselves as the failure message: what a reader needs to fix the case or the mapping.
    expect(result.differences.map(differenceLine)).toEqual([]);
    expect(result.events.length).toBe(c.doc.events.length);
  });
});

describe('fixtures/conformance/README.md', () => {
  it('has exactly one line per case, saying what it proves', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(join(suiteDir, 'README.md'), 'utf8');
    const listed = [...text.matchAll(/^\| `([^`]+)` \| (.+) \|$/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(cases.map((c) => c.id).sort());
  });
});
