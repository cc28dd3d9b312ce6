import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { FINDINGS_RENDERERS } from '../../src/cli/render/findings/index.js';
import { lintSources } from '../../src/lint/index.js';
import { bytes } from './helpers.js';

// A value continued over every line of the file: the worst case for work done per physical line.
const LINES = 50_000;
const hostile = `key=a\\\n${'a\\\n'.repeat(LINES)}end`;
const options = { chalk: new Chalk({ level: 0 }), tool: { name: 'wdatp-arcsight', version: '0.0.0' } };

describe('a file of many continuation lines', () => {
  it('reads it as one entry and masks only the lines the output shows', () => {
    for (const kind of ['client-properties', 'parser-properties'] as const) {
      const result = lintSources([{ file: 'f.properties', kind, bytes: bytes(hostile) }]);
      const shown = result.files[0]!.displayLines;
      expect(shown.count).toBe(LINES + 2);
      // Linting masks nothing up front: only what a renderer asks for.
      expect(shown.materialised).toBe(0);
      const findingLines = new Set(result.findings.filter((f) => f.file === 'f.properties').map((f) => f.line));
      expect(findingLines.size).toBeLessThan(10);
      for (const render of Object.values(FINDINGS_RENDERERS)) render(result, options);
      expect(shown.materialised).toBeGreaterThan(0);
      expect(shown.materialised).toBeLessThanOrEqual(findingLines.size);
      expect(shown.get(1)).toBe('key=a\\');
      expect(shown.get(LINES + 2)).toBe('end');
      expect(shown.get(LINES + 3)).toBeUndefined();
    }
  });

  it('still shows the code frame of the continuation finding', () => {
    const result = lintSources([{ file: 'f.properties', kind: 'client-properties', bytes: bytes(hostile) }]);
    const text = FINDINGS_RENDERERS.text(result, options);
    expect(text).toContain('key continues onto line 2 because its line ends with a backslash.\n    1 | key=a\\\n      |      ^');
  });
});
