import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { binPath, runCli, type CliResult } from '../support/cli.js';
import { suiteTempDir } from '../support/temp.js';

// `parse` cuts NDJSON into chunks of whole lines (1 MiB) and, with --jobs N, parses them on N threads. What a
// user sees must not depend on that: same bytes on stdout, same messages (line numbers, event numbers, warning
// limit, assumptions) on stderr, same exit code. The input below spans several chunks and has every irregularity
// NDJSON files have in the wild.

const PARSER = 'fixtures/parsers/sample-alert.jsonparser.properties';
const dir = suiteTempDir('parse-parallel');

interface Input {
  path: string;
  /** externalId of every event, in input order. */
  ids: string[];
  /** Lines (1-based) that are not JSON, and the column where each stops being JSON. */
  badLines: { line: number; column: number }[];
  records: number;
}

/** ~4 MiB of NDJSON: BOM, CRLF, blank lines, bad lines, arrays on a line, non-ASCII, invalid UTF-8, a 1.5 MiB line. */
function buildInput(): Input {
  const parts: Buffer[] = [Buffer.from([0xef, 0xbb, 0xbf])];
  const ids: string[] = [];
  const badLines: Input['badLines'] = [];
  let line = 0;
  let records = 0;
  const alert = (id: string, extra: Record<string, unknown> = {}) => {
    ids.push(id);
    records++;
    return { AlertId: id, AlertTitle: `Alert ${id}`, Severity: 'High', Source: 'EDR', Description: 'd'.repeat(400), ...extra };
  };
  const push = (text: string | Buffer, eol = '\n') => {
    line++;
    parts.push(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, Buffer.from(eol));
  };
  for (let i = 0; i < 7000; i++) {
    if (i % 97 === 5) push('   ');
    else if (i % 1013 === 7) {
      const text = `{"AlertId": "bad-${i}",,}`;
      push(text);
      badLines.push({ line, column: text.indexOf(',,') + 2 });
    } else if (i % 501 === 3) push(JSON.stringify([alert(`arr-${i}-a`), alert(`arr-${i}-b`)]));
    else if (i % 211 === 9) push(JSON.stringify(alert(`ip-${i}`, { IpAddress: 'not-an-ip', AlertPart: 'x' })));
    else if (i % 333 === 1) push(JSON.stringify(alert(`intl-${i}`, { AlertTitle: 'Überwachung ✓ 😀 "quoted" \\ back' })));
    else if (i % 777 === 2) {
      // A byte that is not UTF-8 inside a string: decoded as U+FFFD, as a stream decoder does.
      const a = Buffer.from(JSON.stringify(alert(`raw-${i}`, { AlertTitle: 'bad#byte' })), 'utf8');
      a[a.indexOf('#')] = 0xff;
      push(a);
    } else if (i === 3500) push(JSON.stringify(alert('long', { Description: 'L'.repeat(1_500_000) })));
    else push(JSON.stringify(alert(`a-${i}`)), i % 3 === 0 ? '\r\n' : '\n');
  }
  // The last line has no line break.
  line++;
  parts.push(Buffer.from(JSON.stringify(alert('last'))));
  const path = join(dir, 'alerts.ndjson');
  writeFileSync(path, Buffer.concat(parts));
  return { path, ids, badLines, records };
}

let input: Input;
beforeAll(() => {
  input = buildInput();
});

const parse = (args: string[], options: { input?: Buffer } = {}) => runCli(['parse', '--parser', PARSER, ...args], { ...options, timeoutMs: 120_000 });

function expectSameRun(a: CliResult, b: CliResult): void {
  expect(b.code).toBe(a.code);
  // Compared whole, but without printing megabytes when they differ.
  expect(b.stdout.length).toBe(a.stdout.length);
  expect(b.stdout === a.stdout).toBe(true);
  expect(b.stderr).toBe(a.stderr);
}

describe('parse --jobs: the same output whatever the number of threads', () => {
  it('ndjson: identical stdout and stderr on 1, 2 and 3 threads; events in input order; bad lines named', async () => {
    const [one, two, three] = await Promise.all([1, 2, 3].map((j) => parse(['--format', 'ndjson', '--jobs', String(j), input.path])));
    expectSameRun(one!, two!);
    expectSameRun(one!, three!);

    expect(one!.code).toBe(2);
    const events = one!.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.map((e) => e.externalId)).toEqual(input.ids);
    expect(events.find((e) => String(e.externalId).startsWith('intl-'))?.name).toBe('Überwachung ✓ 😀 "quoted" \\ back');
    expect(events.find((e) => String(e.externalId).startsWith('raw-'))?.name).toBe('bad\ufffdbyte');
    for (const { line, column } of input.badLines) {
      expect(one!.stderr).toContain(`error: ${input.path}:${line}:${column}: malformed JSON on line ${line}: unexpected ","; the line is skipped`);
    }
    expect(one!.stderr).toContain(
      `${input.ids.length} events from ${input.records} records, ${one!.stderr.match(/(\d+) warnings,/)![1]} warnings, ${input.badLines.length} inputs skipped`,
    );
  });

  it('cef and a warning limit: identical on 1 and 2 threads, the same warnings listed and counted', async () => {
    const [one, two] = await Promise.all([1, 2].map((j) => parse(['--format', 'cef', '--max-warnings', '7', '--jobs', String(j), input.path])));
    expectSameRun(one!, two!);
    expect(one!.stderr.match(/^warning: event \d+ \(/gm)).toHaveLength(7);
    expect(one!.stderr).toMatch(/warning: \d+ more warnings not shown \(token-conversion-failed \d+/);
  });

  it('stdin is cut into chunks the same way as a file', async () => {
    const fromFile = await parse(['--format', 'ndjson', '--jobs', '2', input.path]);
    const fromStdin = await parse(['--format', 'ndjson', '--jobs', '2', '-'], { input: readFileSync(input.path) });
    expect(fromStdin.code).toBe(fromFile.code);
    expect(fromStdin.stdout === fromFile.stdout).toBe(true);
    expect(fromStdin.stderr).toBe(fromFile.stderr.replaceAll(input.path, '<stdin>'));
  });

  it('a reader that stops early (`| head`) ends the run quietly, exit 0', async () => {
    const child = spawn(process.execPath, [binPath, 'parse', '--parser', PARSER, '--format', 'ndjson', input.path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Like `head -c`: read the first piece, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Internal error/);
  });

  it('a live stream on stdin (`tail -f ... | parse -`): each event is written while the input stays open', async () => {
    for (const jobs of [[], ['--jobs', '2']]) {
      const child = spawn(process.execPath, [binPath, 'parse', '--parser', PARSER, '--format', 'ndjson', ...jobs, '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
      const lines: string[] = [];
      let waiting: (() => void) | undefined;
      child.stdout.on('data', (d: Buffer) => {
        lines.push(...d.toString('utf8').trimEnd().split('\n'));
        waiting?.();
      });
      const nextEvent = (count: number) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no event ${count} within 10 s (${jobs.join(' ') || 'default threads'})`)), 10_000);
          waiting = () => {
            if (lines.length >= count) {
              clearTimeout(timer);
              resolve();
            }
          };
          waiting();
        });
      for (const id of ['live-1', 'live-2', 'live-3']) {
        child.stdin.write(`${JSON.stringify({ AlertId: id, Severity: 'High' })}\n`);
        await nextEvent(Number(id.slice(-1)));
      }
      child.stdin.end();
      const [code] = (await once(child, 'close')) as [number];
      expect(code).toBe(0);
      expect(lines.map((l) => JSON.parse(l).externalId)).toEqual(['live-1', 'live-2', 'live-3']);
    }
  });

  it('--jobs must be a whole number of threads', async () => {
    for (const bad of ['0', '1.5', 'many']) {
      const r = await parse(['--jobs', bad, input.path]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--jobs/);
    }
  });
});
