import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/lint/index.js';
import { repoRoot } from '../support/cli.js';

const registered = new Set(RULES.map((r) => r.id));

/** The rule ids docs/rules.md names: once in a family table and once as a heading of the details. */
function documentedIds(): { table: string[]; headings: string[] } {
  const text = readFileSync(join(repoRoot, 'docs', 'rules.md'), 'utf8');
  return {
    table: [...text.matchAll(/^\| \[(WDA\d{3})\]\(#wda\d{3}\) \|/gm)].map((m) => m[1] ?? ''),
    headings: [...text.matchAll(/^### (WDA\d{3})$/gm)].map((m) => m[1] ?? ''),
  };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('rule registry', () => {
  it('registers every rule docs/rules.md documents, and documents every registered rule, once each', () => {
    const { table, headings } = documentedIds();
    expect(table.length).toBe(RULES.length);
    expect(headings.length).toBe(RULES.length);
    expect(new Set(table)).toEqual(registered);
    expect(new Set(headings)).toEqual(registered);
  });

  it("registers every rule id written in src/lint/rules (a rule left off its file's list never runs)", () => {
    const rulesDir = join(repoRoot, 'src', 'lint', 'rules');
    const unregistered: string[] = [];
    for (const file of sourceFiles(rulesDir)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'(WDA\d{3})'/g)) {
        const id = m[1] ?? '';
        if (!registered.has(id)) unregistered.push(`${relative(repoRoot, file)}: ${id}`);
      }
    }
    expect(unregistered).toEqual([]);
  });

  it('lists the rules in id order, as validate runs them and SARIF lists them', () => {
    const ids = RULES.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
  });
});
