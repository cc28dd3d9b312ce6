// Cold start of `wdatp-arcsight validate` on the two connector files, against `node -e 0` on the same machine.
// Budget (DESIGN.md): validate takes at most 2.5x the wall time of `node -e 0`. Prints medians and ratios of wall
// time and of CPU time (user + system, read with the shell's `times`): on a busy machine the wall ratio is noisy,
// the CPU ratio much less so.
//   npm run build && node bench/validate-startup.mjs [runs]
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 20);
const bin = join(root, 'dist', 'bundle', 'bin.js');
const files = ['fixtures/lint/good/WDATP-connector.properties', 'fixtures/lint/good/WDATP-connector.jsonparser.properties'];

/** Runs node with args under bash and returns wall and child CPU milliseconds. */
function measure(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', '"$0" "$@" >/dev/null || exit 9; times', process.execPath, ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr}`);
  // `times` prints the shell's own user/sys times, then its children's: "0m0.093s 0m0.012s".
  const child = r.stdout.trim().split('\n')[1] ?? '';
  const secs = [...child.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return { wall, cpu: (secs[0] + secs[1]) * 1000 };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// Interleaved, so background load affects both alike; one warm-up each for the file cache.
const baselineArgs = ['-e', '0'];
const validateArgs = [bin, 'validate', ...files];
measure(baselineArgs);
measure(validateArgs);
const base = [];
const validate = [];
for (let i = 0; i < runs; i++) {
  base.push(measure(baselineArgs));
  validate.push(measure(validateArgs));
}
const bw = median(base.map((m) => m.wall));
const vw = median(validate.map((m) => m.wall));
const bc = median(base.map((m) => m.cpu));
const vc = median(validate.map((m) => m.cpu));
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, node ${process.version}, load average ${loadavg()[0].toFixed(2)}`);
console.log(`node -e 0:                median wall ${bw.toFixed(1)} ms, cpu ${bc.toFixed(1)} ms (${runs} runs)`);
console.log(`validate (2 files, text): median wall ${vw.toFixed(1)} ms, cpu ${vc.toFixed(1)} ms (${runs} runs)`);
console.log(`wall ratio: ${(vw / bw).toFixed(2)}x (budget 2.5x) ${vw / bw <= 2.5 ? 'OK' : 'OVER BUDGET'}`);
console.log(`cpu ratio:  ${(vc / bc).toFixed(2)}x`);
