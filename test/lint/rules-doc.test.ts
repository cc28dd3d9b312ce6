import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/lint/index.js';
import { repoRoot } from '../support/cli.js';
import { renderRulesDoc } from '../../scripts/gen-rules-doc.mjs';

describe('rule metadata and docs/rules.md', () => {
  it('has at least 30 rules with unique, well-formed ids and complete documentation', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
    const range = { client: '1', parser: '2', cross: '3', values: '4' } as const;
    for (const r of RULES) {
      expect(r.id).toMatch(new RegExp(`^WDA${range[r.family]}\\d\\d$`));
      expect(r.name).toMatch(/^[a-z0-9]+(-[a-z0-9.]+)*$/);
      expect(r.description.length, r.id).toBeGreaterThan(15);
      expect(r.fix.length, r.id).toBeGreaterThan(10);
      expect(r.help.length, r.id).toBeGreaterThan(30);
    }
  });

  it('the committed docs/rules.md is what scripts/gen-rules-doc.mjs generates', () => {
    const committed = readFileSync(join(repoRoot, 'docs', 'rules.md'), 'utf8');
    expect(committed).toBe(renderRulesDoc(RULES));
  });
});
