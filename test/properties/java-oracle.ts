import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { compileJava, runJava } from '../support/java.js';

/** What the JVM's Properties.load(InputStream) made of one input: its entries, or the exception it threw. */
export type JavaLoad = { ok: true; map: Map<string, string> } | { ok: false; error: string };

function unhex(s: string): string {
  if (s === '-') return '';
  let out = '';
  for (let i = 0; i < s.length; i += 4) out += String.fromCharCode(parseInt(s.slice(i, i + 4), 16));
  return out;
}

function frame(bytes: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${bytes.length}\n`, 'ascii'), bytes]);
}

/** Parses PropsOracle's output lines, starting at `lines[at]`; returns the result and the next line index. */
function parseCase(lines: string[], at: number): { result: JavaLoad; next: number } {
  const header = /^CASE \d+ (OK (\d+)|ERR (.*))$/.exec(lines[at] ?? '');
  if (!header) throw new Error(`unexpected oracle output: ${JSON.stringify(lines[at])}`);
  if (header[3] !== undefined) return { result: { ok: false, error: header[3] }, next: at + 1 };
  const count = Number(header[2]);
  const map = new Map<string, string>();
  for (let i = 1; i <= count; i++) {
    const [k, v] = lines[at + i]!.split(' ');
    map.set(unhex(k!), unhex(v!));
  }
  return { result: { ok: true, map }, next: at + 1 + count };
}

/** Loads every input in ONE JVM run (JVM start-up is the slow part). */
export async function javaLoadAll(inputs: Buffer[]): Promise<JavaLoad[]> {
  const out = await runJava('PropsOracle', [], Buffer.concat(inputs.map(frame)));
  const lines = out.split('\n');
  const results: JavaLoad[] = [];
  let at = 0;
  for (let i = 0; i < inputs.length; i++) {
    const { result, next } = parseCase(lines, at);
    results.push(result);
    at = next;
  }
  return results;
}

/**
 * One long-lived JVM answering case after case, so a property-based test can ask Java inside each run (and
 * fast-check can shrink a failure) without paying a JVM start per case.
 */
export class JavaPropsServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = '';
  private waiting: (() => void) | undefined;
  private stderr = '';
  private exited = false;

  constructor() {
    const classes = compileJava('PropsOracle');
    this.child = spawn('java', ['-Xshare:auto', '-cp', classes, 'PropsOracle', '--serve'], { stdio: 'pipe' });
    this.child.stdout.setEncoding('ascii');
    this.child.stdout.on('data', (d: string) => {
      this.buffer += d;
      this.waiting?.();
    });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.child.on('close', () => {
      this.exited = true;
      this.waiting?.();
    });
  }

  async load(input: Buffer | string): Promise<JavaLoad> {
    const bytes = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
    this.buffer = '';
    this.child.stdin.write(frame(bytes));
    for (;;) {
      const lines = this.buffer.split('\n');
      if (lines.length > 1) {
        const header = /^CASE \d+ (OK (\d+)|ERR )/.exec(lines[0]!);
        const needed = header?.[2] !== undefined ? 2 + Number(header[2]) : 2;
        if (lines.length >= needed) return parseCase(lines, 0).result;
      }
      if (this.exited) throw new Error(`PropsOracle exited: ${this.stderr}`);
      await new Promise<void>((resolve) => (this.waiting = resolve));
      this.waiting = undefined;
    }
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const closed = new Promise<void>((resolve) => this.child.on('close', () => resolve()));
    this.child.stdin.end();
    await closed;
  }
}

/** The text as the bytes of a file Java would read: one byte per character (the caller keeps it ISO-8859-1). */
export function latin1(text: string): Buffer {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0xff) throw new Error(`not ISO-8859-1 at ${i}: U+${text.charCodeAt(i).toString(16)}`);
  }
  return Buffer.from(text, 'latin1');
}
