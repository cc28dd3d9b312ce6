#!/usr/bin/env node
// Benchmark of `wdatp-arcsight parse` (see bench/README.md). Prints events/s of the built CLI next to two
// baselines run on the same machine and the same file: (a) a bare Node loop that JSON.parses each line and reads
// the fields the parser reads, (b) jq doing the same field mapping; then the peak RSS of parse on a large NDJSON
// input. Not a test: it asserts nothing, it prints figures and the ratios the design budgets refer to.
//
//   node bench/parse.mjs [--alerts 100000] [--jq-alerts 10000] [--rss-mb 100] [--runs 3] [--keep]
//   node bench/parse.mjs --rss-mb 1024        # the 1 GB memory check of the design budget
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sandbox } from '../dist/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'dist', 'bundle', 'bin.js');

function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const v = process.argv[i + 1];
  return v === undefined || v.startsWith('--') ? true : Number.isNaN(Number(v)) ? v : Number(v);
}
const ALERTS = flag('alerts', 100_000);
const RSS_MB = flag('rss-mb', 100);
const RUNS = flag('runs', 3);
const KEEP = flag('keep', false) === true;
// jq is two orders of magnitude slower: it maps a prefix of the same file (the rate is per event either way).
const JQ_ALERTS = Math.min(ALERTS, flag('jq-alerts', 10_000));

// ---- data: alerts shaped like the documented 50-field sample, with varied values ----

// The sandbox's seeded generator (from the build), so the data is the same on every machine and run.
const rand = sandbox.seededRandom(42).next;
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');
const maybe = (p, v) => (rand() < p ? v : pick(['', null]));
const TITLES = [
  'Suspicious File Activity',
  'Mimikatz credential theft tool',
  'Suspicious PowerShell command line',
  "Microsoft Defender AV detected 'Mikatz' high-severity malware",
  'Communication to a malicious network destination',
];
const CATEGORIES = ['Malware', 'SuspiciousActivity', 'CredentialAccess', 'Privilege Escalation', 'CommandAndControl'];
const SEVERITIES = ['High', 'Medium', 'Low', 'Informational', 'UnSpecified'];
const SOURCES = ['EDR', 'WindowsDefenderAv', 'WindowsDefenderAtp', 'CustomerTI'];

function alert(i) {
  const ticks = 637370718981685665n + BigInt(i) * 10_000_000n;
  const id = `da${ticks}_${Math.floor(rand() * 2 ** 31) - 2 ** 30}`;
  const t = new Date(Date.UTC(2020, 8, 30, 14, 9, 20) + i * 1137);
  const frac = String(Math.floor(rand() * 1e7))
    .padStart(7, '0')
    .slice(0, 1 + Math.floor(rand() * 7));
  const time = `${t.toISOString().slice(0, 19)}.${frac}Z`;
  const machine = `desktop-${hex(6)}`;
  const domain = pick(['contoso.com', 'fabrikam.local', 'domain.com']);
  return {
    AlertTime: time,
    ComputerDnsName: `${machine}.${domain}`,
    AlertTitle: pick(TITLES),
    Category: pick(CATEGORIES),
    Severity: pick(SEVERITIES),
    AlertId: id,
    Actor: maybe(0.1, pick(['BORON', 'STRONTIUM'])),
    LinkToWDATP: `https://securitycenter.windows.com/alert/${id}`,
    IocName: '',
    IocValue: '',
    CreatorIocName: '',
    CreatorIocValue: '',
    Sha1: hex(40),
    FileName: pick(['cmdParent.exe', 'powershell.exe', 'Robocopy.exe', 'mimikatz.exe']),
    FilePath: pick(['C:\\WINDOWS\\SysWOW64\\boo3\\qwerty', 'C:\\Windows\\System32', 'C:\\Users\\liz\\Downloads']),
    IpAddress: maybe(0.3, `${1 + Math.floor(rand() * 222)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}`),
    Url: maybe(0.2, pick(['down.esales360.cn', 'bad.example.net'])),
    IoaDefinitionId: `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
    UserName: maybe(0.5, pick(['liz.bean', 'jay.hardee'])),
    AlertPart: Math.floor(rand() * 3),
    FullId: `${id}:${Buffer.from(hex(32), 'hex').toString('base64')}`,
    LastProcessedTimeUtc: new Date(t.getTime() + 120_000).toISOString().replace('Z', '4321Z'),
    ThreatCategory: maybe(0.3, 'HackTool'),
    ThreatFamily: maybe(0.3, 'Mikatz'),
    ThreatName: maybe(0.3, 'HackTool:Win32/Mikatz!dha'),
    RemediationAction: maybe(0.3, 'quarantine'),
    RemediationIsSuccess: pick([true, false, null]),
    Source: pick(SOURCES),
    Md5: hex(32),
    Sha256: maybe(0.5, hex(64)),
    WasExecutingWhileDetected: pick([true, false, null]),
    UserDomain: maybe(0.5, 'CONTOSO'),
    LogOnUsers: maybe(0.5, 'contoso\\liz-bean; contoso\\jay-hardee'),
    MachineDomain: domain,
    MachineName: machine,
    InternalIPv4List: '192.168.1.7, 10.1.14.1',
    InternalIPv6List: 'fd30:0000:0000:0001:ff4e:003e:0009:000e',
    FileHash: hex(40),
    DeviceID: hex(40),
    MachineGroup: maybe(0.5, 'UKMachines'),
    Description: pick(['Test Alert', 'A process ran a suspicious command line.\r\nInvestigate the device.']),
    DeviceCreatedMachineTags: '',
    CloudCreatedMachineTags: '',
    CommandLine: maybe(0.4, 'powershell.exe -enc SQBFAFgA'),
    IncidentLinkToWDATP: `https://securitycenter.windows.com/incidents/byalert?alertId=${id}&source=SIEM`,
    ReportID: Math.floor(rand() * 2 ** 31),
    LinkToMTP: `https://security.microsoft.com/alert/${id}`,
    IncidentLinkToMTP: `https://security.microsoft.com/incidents/byalert?alertId=${id}&source=SIEM`,
    ExternalId: hex(40).toUpperCase(),
    IocUniqueId: Buffer.from(hex(32), 'hex').toString('base64'),
  };
}

async function writeNdjson(path, count) {
  const out = createWriteStream(path);
  let buf = '';
  for (let i = 0; i < count; i++) {
    buf += `${JSON.stringify(alert(i))}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise((r) => out.end(r));
}

// ---- the v2 parser file and the fields it reads ----

async function v2Parser() {
  const { renderParserFile } = await import(join(root, 'dist', 'connector', 'index.js'));
  return renderParserFile('v2');
}

// ---- runners ----

/** Runs a command with stdout to /dev/null; resolves to { ms, peakKb } (peak RSS from /proc while it runs). */
function run(cmd, args, { input } = {}) {
  return new Promise((resolve, reject) => {
    const nullFd = openSync('/dev/null', 'w');
    const inFd = input ? openSync(input, 'r') : 'ignore';
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: [inFd, nullFd, 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // the process has ended
      }
    }, 25);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      closeSync(nullFd);
      if (typeof inFd === 'number') closeSync(inFd);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
      else resolve({ ms, peakKb, stderr });
    });
  });
}

async function best(label, fn) {
  let min = Infinity;
  for (let i = 0; i < RUNS; i++) min = Math.min(min, (await fn()).ms);
  return { label, ms: min };
}

const BARE_LOOP = `
const fs = require('node:fs');
const fields = JSON.parse(process.argv[2]);
const stream = fs.createReadStream(process.argv[1], { highWaterMark: 1 << 20, encoding: 'utf8' });
let rest = '', n = 0, sink = 0;
stream.on('data', (chunk) => {
  const data = rest + chunk;
  let from = 0, nl;
  while ((nl = data.indexOf('\\n', from)) !== -1) {
    if (nl > from) {
      const a = JSON.parse(data.slice(from, nl));
      for (let i = 0; i < fields.length; i++) if (a[fields[i]] != null) sink++;
      n++;
    }
    from = nl + 1;
  }
  rest = data.slice(from);
});
stream.on('end', () => { process.stderr.write(n + ' ' + sink + '\\n'); });
`;

/** jq doing the v2 mapping: the same fields, constants, boolean → 1/0, severity map, unset when empty. */
const JQ_PROGRAM = `
def v: if . == null or . == "" then null else . end;
def b: if . == null then null else (tostring | ascii_downcase | if . == "true" then 1 elif . == "false" then 0 else null end) end;
{
  deviceVendor: "Microsoft", deviceProduct: "Microsoft Defender ATP", deviceVersion: "2.0",
  deviceReceiptTime: (.AlertTime | v | if . == null then null else ((.[0:19] + "Z" | fromdateiso8601) * 1000 + ((.[20:23] + "000")[0:3] | tonumber? // 0)) end),
  name: (.AlertTitle | v), deviceEventCategory: (.Category | v), deviceSeverity: (.Severity | v),
  externalId: (.AlertId | v), sourceServiceName: (.Source | v), flexString1: (.LinkToWDATP | v), flexString1Label: "Link to WDATP",
  sourceHostName: (.MachineName | v), sourceDnsDomain: (.MachineDomain | v), sourceNtDomain: (.UserDomain | v),
  sourceUserName: (.UserName | v), sourceUserId: (.LogOnUsers | v), fileName: (.FileName | v), filePath: (.FilePath | v),
  fileHash: (.Sha1 | v), deviceCustomString5: (.Md5 | v), deviceCustomString5Label: "MD5", deviceCustomString6: (.Sha256 | v),
  deviceCustomString6Label: "SHA256", sourceAddress: (.IpAddress | v), requestUrl: (.Url | v),
  deviceCustomString1: (.ThreatName | v), deviceCustomString1Label: "Threat Name", deviceCustomString4: (.Actor | v),
  deviceCustomString4Label: "Actor", deviceCustomNumber1: (.WasExecutingWhileDetected | b),
  deviceCustomNumber1Label: "Was Executing While Detected", deviceCustomNumber2: (.RemediationIsSuccess | b),
  deviceCustomNumber2Label: "Remediation Is Success",
  agentSeverity: ({"High": "High", "Medium": "Medium", "Low": "Low", "Informational": "Low", "UnSpecified": "Unknown"}[.Severity // ""])
} + (del(.AlertTitle, .Category, .Severity, .AlertId, .Source, .LinkToWDATP, .MachineName, .MachineDomain, .UserDomain, .UserName, .LogOnUsers, .FileName, .FilePath, .Sha1, .Md5, .Sha256, .IpAddress, .Url, .ThreatName, .Actor, .WasExecutingWhileDetected, .RemediationIsSuccess, .AlertTime, .ExternalId, .ReportID, .FileHash)
     | with_entries(select(.value != null and .value != "") | .key |= "additionaldata." + . | .value |= tostring))
| with_entries(select(.value != null))
`;

async function main() {
  if (!statSync(bin, { throwIfNoEntry: false })) throw new Error('run npm run build first');
  const dir = mkdtempSync(join(tmpdir(), 'wdatp-bench-parse-'));
  try {
    const parserPath = join(dir, 'WDATP-Connector.jsonparser.properties');
    writeFileSync(parserPath, await v2Parser(), 'latin1');
    const data = join(dir, 'alerts.ndjson');
    await writeNdjson(data, ALERTS);
    const size = statSync(data).size;
    const { loadParserSpec } = await import(join(root, 'dist', 'flex', 'index.js'));
    const fields = loadParserSpec(readFileSync(parserPath, 'latin1')).spec.tokens.map((t) => t.location);

    console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`);
    console.log(`input: ${ALERTS} alerts, ${(size / 2 ** 20).toFixed(1)} MiB NDJSON; parser: v2 (${fields.length} tokens); best of ${RUNS} runs\n`);

    const parseArgs = [bin, 'parse', '--parser', parserPath, '--format', 'ndjson', '--max-warnings', '1', data];
    const parse = await best('wdatp-arcsight parse --format ndjson', () => run(process.execPath, parseArgs));
    // The same on one thread: how much of the rate is the worker threads'.
    const single = await best('  the same with --jobs 1 (one thread)', () => run(process.execPath, [...parseArgs, '--jobs', '1']));
    const bare = await best('bare Node loop (JSON.parse + field reads)', () => run(process.execPath, ['-e', BARE_LOOP, data, JSON.stringify(fields)]));
    const jqAvailable = spawnSync('jq', ['--version']).status === 0;
    let jq;
    if (jqAvailable) {
      const prefix = join(dir, 'prefix.ndjson');
      writeFileSync(prefix, readFileSync(data, 'utf8').split('\n').slice(0, JQ_ALERTS).join('\n') + '\n');
      const r = await run('jq', ['-c', JQ_PROGRAM, prefix]);
      jq = { label: `jq (same field mapping, first ${JQ_ALERTS})`, ms: r.ms, count: JQ_ALERTS };
    }

    const rate = (r) => (r.count ?? ALERTS) / (r.ms / 1000);
    for (const r of [parse, single, bare, jq].filter(Boolean))
      console.log(`${r.label.padEnd(44)} ${String(Math.round(rate(r))).padStart(9)} events/s  (${(r.ms / 1000).toFixed(2)} s)`);
    console.log('');
    console.log(
      `parse / bare loop: ${(rate(parse) / rate(bare)).toFixed(2)}   (budget >= 0.40; one thread: ${(rate(single) / rate(bare)).toFixed(2)}, ${cpus().length} CPUs)`,
    );
    if (jq) console.log(`parse / jq:        ${(rate(parse) / rate(jq)).toFixed(2)}   (budget >= 3.00)`);
    else console.log('parse / jq:        jq not installed, skipped');

    // Peak memory on a large NDJSON input: repeat the generated file up to the requested size.
    const big = join(dir, 'big.ndjson');
    const chunk = readFileSync(data);
    const target = RSS_MB * 2 ** 20;
    const fd = openSync(big, 'w');
    let written = 0;
    while (written < target) {
      const part = chunk.subarray(0, Math.min(chunk.length, target - written + 4096));
      const cut = part.lastIndexOf(10) + 1;
      writeFileSync(fd, part.subarray(0, cut));
      written += cut;
    }
    closeSync(fd);
    const mem = await run(process.execPath, [bin, 'parse', '--parser', parserPath, '--format', 'ndjson', '--max-warnings', '1', big]);
    console.log(
      `\npeak RSS of parse on ${(written / 2 ** 20).toFixed(0)} MiB NDJSON: ${(mem.peakKb / 1024).toFixed(0)} MiB   (budget < 200 MiB on 1 GiB; ${(written / 2 ** 20 / (mem.ms / 1000)).toFixed(0)} MiB/s)`,
    );
  } finally {
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

await main();
