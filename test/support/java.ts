import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const javaDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'java');

/**
 * Compiles test/java/<Name>.java (and the shared helpers it uses, found on the source path) with the machine's
 * javac into a temp folder keyed by the sources' hash (so parallel test files and reruns share one
 * compilation), and returns the class folder. No binaries are committed.
 */
export function compileJava(name: string): string {
  const source = join(javaDir, `${name}.java`);
  const hasher = createHash('sha256');
  for (const file of readdirSync(javaDir)
    .filter((f) => f.endsWith('.java'))
    .sort()) {
    hasher.update(file).update(readFileSync(join(javaDir, file)));
  }
  const hash = hasher.digest('hex').slice(0, 16);
  const out = join(tmpdir(), 'wdatp-arcsight-java', `${name}-${hash}`);
  if (!existsSync(join(out, `${name}.class`))) {
    const staging = `${out}.${process.pid}`;
    mkdirSync(staging, { recursive: true });
    try {
      execFileSync('javac', ['-encoding', 'UTF-8', '-sourcepath', javaDir, '-d', staging, source], { stdio: 'pipe' });
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      throw error;
    }
    try {
      execFileSync('mv', ['-T', staging, out], { stdio: 'pipe' });
    } catch {
      // another worker won the race; its identical classes are used
    }
  }
  return out;
}

/** Runs a compiled helper class with `input` on stdin and resolves to its stdout (UTF-8). */
export function runJava(name: string, args: string[], input: string | Buffer): Promise<string> {
  const classes = compileJava(name);
  return new Promise((resolve, reject) => {
    const child = spawn('java', ['-Dfile.encoding=UTF-8', '-Xshare:auto', '-cp', classes, name, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`java ${name} exited ${code}: ${Buffer.concat(err).toString('utf8')}`));
    });
    child.stdin.end(input);
  });
}
