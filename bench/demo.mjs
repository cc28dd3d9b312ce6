// `wdatp-arcsight demo` (the Graph pipeline, offline) against `node -e 0` on the same machine.
// Budget (DESIGN.md): demo under 5 s. Prints medians of wall and CPU time (user + system, read with the shell's
// `times`) and their ratios to `node -e 0`: on a busy machine the wall figure is noisy, the CPU one much less so.
//   npm run build && node bench/demo.mjs [runs]
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 5);
const bin = join(root, 'dist', 'bundle', 'bin.js');

function measure(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', '"$0" "$@" >/dev/null 2>&1 || exit 9; times', process.execPath, ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (exit ${r.status})`);
  const child = r.stdout.trim().split('\n')[1] ?? '';
  const secs = [...child.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return { wall, cpu: (secs[0] + secs[1]) * 1000 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const series = (args) => {
  const rows = Array.from({ length: runs }, () => measure(args));
  return { wall: median(rows.map((r) => r.wall)), cpu: median(rows.map((r) => r.cpu)) };
};

console.log(
  `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, Node ${process.version}; ${runs} runs each`,
);
const base = series(['-e', '0']);
const demo = series([bin, 'demo']);
console.log(`node -e 0        wall ${base.wall.toFixed(0)} ms, cpu ${base.cpu.toFixed(0)} ms`);
console.log(`demo (Graph)     wall ${demo.wall.toFixed(0)} ms, cpu ${demo.cpu.toFixed(0)} ms`);
console.log(
  `ratio            wall ${(demo.wall / base.wall).toFixed(1)}x, cpu ${(demo.cpu / Math.max(base.cpu, 1)).toFixed(1)}x node -e 0; budget under 5 s wall: ${demo.wall < 5000 ? 'met' : 'NOT met'}`,
);
