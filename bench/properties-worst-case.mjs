// The costliest .properties file under the 1 MiB limit: one value continued over ~333,000 physical lines (`key=`,
// then `a\` on every line, then `end`). Loading must stay linear: this prints the median wall time and the peak RSS
// of validate, parse --parser and token --config on that file against the same command on a 4-byte file, as
// ratios. The commands exit 1 or 2 (findings, not a working set-up); anything else fails the bench.
//   npm run build && node bench/properties-worst-case.mjs [runs]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 5);
const bin = join(root, 'dist', 'bundle', 'bin.js');
const dir = mkdtempSync(join(tmpdir(), 'wdatp-props-bench-'));
const tiny = join(dir, 'tiny.properties');
const worst = join(dir, 'worst.properties');
const alerts = join(dir, 'alerts.json');
const rssFile = join(dir, 'rss');
writeFileSync(tiny, 'a=b\n');
writeFileSync(worst, `key=${'a\\\n'.repeat(333_000)}end`, 'latin1');
writeFileSync(alerts, '[]');
// Records the child's own peak RSS (getrusage maxrss, KiB) when it exits, whatever way it exits.
const hook = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(process.env.WDATP_BENCH_RSS, String(process.resourceUsage().maxRSS)));",
)}`;

function measure(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', hook, bin, ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', WDATP_BENCH_RSS: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 1 && r.status !== 2) throw new Error(`${args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr}`);
  return { wall, rss: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const commands = [
  ['validate', (f) => ['validate', f]],
  ['parse --parser', (f) => ['parse', '--parser', f, alerts]],
  ['token --config', (f) => ['token', '--config', f]],
];
const text = readFileSync(worst, 'latin1');
const size = text.length;
const lines = text.split('\n').length;
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, node ${process.version}, load average ${loadavg()[0].toFixed(2)}`);
console.log(`worst case: ${size} bytes, ${lines} lines; median of ${runs} runs, interleaved with the 4-byte file`);
try {
  for (const [name, argsOf] of commands) {
    const small = [];
    const big = [];
    for (let i = 0; i < runs; i++) {
      small.push(measure(argsOf(tiny)));
      big.push(measure(argsOf(worst)));
    }
    const [sw, bw] = [median(small.map((m) => m.wall)), median(big.map((m) => m.wall))];
    const [sr, br] = [median(small.map((m) => m.rss)), median(big.map((m) => m.rss))];
    console.log(
      `${name.padEnd(15)} time ${sw.toFixed(0)} -> ${bw.toFixed(0)} ms (${(bw / sw).toFixed(2)}x)   ` +
        `peak RSS ${sr.toFixed(1)} -> ${br.toFixed(1)} MiB (${(br / sr).toFixed(2)}x, +${(br - sr).toFixed(1)} MiB = ${((br - sr) / (size / 2 ** 20)).toFixed(1)}x the file)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
