// Cold start of `wdatp-arcsight validate` on the two connector files, against `node -e 0` on the same machine.
// Budget (DESIGN.md): validate takes at most 2.5x the wall time of `node -e 0`. Prints the medians and the ratio.
//   node bench/validate-startup.mjs [runs]      (run `npm run build` first)
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 20);
const bin = join(root, 'dist', 'cli', 'bin.js');
const files = ['fixtures/lint/good/WDATP-connector.properties', 'fixtures/lint/good/WDATP-connector.jsonparser.properties'];

function wall(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// Interleave the two so background load affects both alike; one warm-up each for the file cache.
wall(['-e', '0']);
wall([bin, 'validate', ...files]);
const baseline = [];
const validate = [];
for (let i = 0; i < runs; i++) {
  baseline.push(wall(['-e', '0']));
  validate.push(wall([bin, 'validate', ...files]));
}
const b = median(baseline);
const v = median(validate);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, node ${process.version}`);
console.log(`node -e 0:                 median ${b.toFixed(1)} ms over ${runs} runs`);
console.log(`validate (2 files, text):  median ${v.toFixed(1)} ms over ${runs} runs`);
console.log(`ratio: ${(v / b).toFixed(2)}x (budget 2.5x) ${v / b <= 2.5 ? 'OK' : 'OVER BUDGET'}`);
