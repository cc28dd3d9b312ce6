// Runs every benchmark in this folder, one after the other (never in parallel: they measure this machine), each
// with its own defaults, and stops at the first that fails. `npm run bench` builds first (see package.json).
//   node bench/run-all.mjs          run them all
//   node bench/run-all.mjs --help   list them and run none
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run-all.mjs')
  .sort();

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(
    'Usage: node bench/run-all.mjs\n\nRuns each benchmark below in turn with its defaults (see bench/README.md for their options):\n' +
      benches.map((b) => `  bench/${b}\n`).join(''),
  );
  process.exit(0);
}

for (const bench of benches) {
  process.stdout.write(`\n== bench/${bench}\n`);
  const r = spawnSync(process.execPath, [join(here, bench)], { stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`bench/${bench} failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
}
