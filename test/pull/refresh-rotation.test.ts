import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { followRedirectsBrowser } from '../../src/oauth/index.js';
import { createClock } from '../../src/sandbox/index.js';
import { binPath, runCli, type CliResult } from '../support/cli.js';
import { deliveredIds, fullIds, pullFixture, type PullFixture, pullBaseArgs } from './support.js';

/**
 * The window between the token endpoint rotating the refresh token and pull storing the new one. The sandbox kills
 * pull (SIGKILL) at the moment it issues the rotated token, before the answer is sent: the token endpoint has
 * replaced the token, and the file still holds the old one, exactly as when pull dies after receiving the answer
 * but before its atomic write. What happens next depends on whether the provider still accepts a redeemed token.
 */
const NOW = Math.floor(Date.now() / 1000) * 1000;
const env = { DISPLAY: '', WAYLAND_DISPLAY: '', SSH_CONNECTION: '', SSH_TTY: '', HTTPS_PROXY: '', HTTP_PROXY: '', https_proxy: '', http_proxy: '' };

let f: PullFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

function spawnCli(args: string[]): { child: ChildProcess; stderr: () => string; done: Promise<CliResult & { signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, [binPath, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, stderr: () => stderr, done };
}

/** A sandbox that kills the armed process when it issues a refresh token. */
async function fixture(singleUseRefreshTokens?: boolean): Promise<{ f: PullFixture; arm: (child: ChildProcess) => void }> {
  let target: ChildProcess | undefined;
  const fx = await pullFixture({
    generate: 6,
    seed: 21,
    clock: createClock({ start: NOW, frozen: true }),
    generateFrom: NOW - 60 * 60_000,
    generateSpanMs: 50 * 60_000,
    singleUseRefreshTokens,
    onIssue: (kind) => {
      if (kind !== 'refresh_token' || !target) return;
      // Synchronous, before the token answer is written: pull never runs another instruction.
      target.kill('SIGKILL');
      target = undefined;
    },
  });
  f = fx;
  return { f: fx, arm: (child) => (target = child) };
}

const pullArgs = (fx: PullFixture) => [...pullBaseArgs(fx), '--output', fx.output, '--format', 'ndjson', '--once'];

async function killedInTheWindow(fx: PullFixture, arm: (child: ChildProcess) => void): Promise<string> {
  const before = await readFile(fx.refreshFile, 'utf8');
  const run = spawnCli(pullArgs(fx));
  arm(run.child);
  const killed = await run.done;
  expect(killed.signal).toBe('SIGKILL');
  // The rotated token never reached the file; nothing was delivered.
  expect(await readFile(fx.refreshFile, 'utf8')).toBe(before);
  expect(await deliveredIds(fx.output)).toEqual([]);
  return before;
}

describe('pull killed after the token endpoint rotated the refresh token, before it was stored', () => {
  it('single-use refresh tokens (the sandbox default): the next run says exactly how to recover, and after that delivers everything once', async () => {
    const { f: fx, arm } = await fixture();
    await killedInTheWindow(fx, arm);

    const next = await runCli(pullArgs(fx), { env });
    expect(next.code).toBe(3);
    expect(next.stdout).toBe('');
    expect(next.stderr).toMatch(
      /The refresh token is no longer accepted \(AADSTS70000\): it expired \(unused for 90 days\), was revoked or was already replaced\./,
    );
    const fix = `Fix: Sign in again: wdatp-arcsight token --config ${fx.clientFile} --output ${fx.refreshFile} --force; then run pull again (the checkpoint keeps its place).`;
    expect(next.stderr).toContain(fix);

    // Do what it says: the token command it names, then pull again.
    const token = spawnCli(['token', '--config', fx.clientFile, '--output', fx.refreshFile, '--force']);
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\S+\/oauth2\/authorize\?\S+)$/m.exec(token.stderr());
        if (m) {
          clearInterval(timer);
          resolve(m[1]!);
        } else if (token.child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`token exited early:\n${token.stderr()}`));
        }
      }, 20);
    });
    await followRedirectsBrowser()(url);
    const signedIn = await token.done;
    expect(signedIn.code, signedIn.stderr).toBe(0);

    const recovered = await runCli(pullArgs(fx), { env });
    expect(recovered.code, recovered.stderr).toBe(0);
    expect((await deliveredIds(fx.output)).sort()).toEqual(fullIds(fx.sandbox).sort());
  }, 120_000);

  it('when the provider keeps a redeemed token usable (as Azure AD may), the next run just carries on', async () => {
    const { f: fx, arm } = await fixture(false);
    const before = await killedInTheWindow(fx, arm);

    const next = await runCli(pullArgs(fx), { env });
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toContain('Stored the rotated refresh token');
    expect(await readFile(fx.refreshFile, 'utf8')).not.toBe(before);
    expect((await deliveredIds(fx.output)).sort()).toEqual(fullIds(fx.sandbox).sort());
  }, 120_000);
});
