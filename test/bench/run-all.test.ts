import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.js';

// `npm run bench` must name scripts that exist; --help lists what it would run without running any benchmark.
describe('npm run bench', () => {
  it('names bench scripts that exist, and run-all --help lists every benchmark without running one', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const scripts = [...pkg.scripts['bench']!.matchAll(/node (\S+\.mjs)/g)].map((m) => m[1]!);
    expect(scripts).toEqual(['scripts/build.mjs', 'bench/run-all.mjs']);
    for (const s of scripts) expect(existsSync(join(repoRoot, s)), s).toBe(true);

    const r = spawnSync(process.execPath, [join(repoRoot, 'bench/run-all.mjs'), '--help'], { encoding: 'utf8', timeout: 10_000 });
    expect(r.status).toBe(0);
    const listed = [...r.stdout.matchAll(/^ {2}bench\/(\S+)$/gm)].map((m) => m[1]);
    const benches = readdirSync(join(repoRoot, 'bench'))
      .filter((f) => f.endsWith('.mjs') && f !== 'run-all.mjs')
      .sort();
    expect(benches.length).toBeGreaterThan(0);
    expect(listed).toEqual(benches);
    expect(r.stdout).not.toMatch(/^== bench\//m);
  });
});
