import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../../src/sandbox/index.js';
import { runCli } from '../support/cli.js';
import { pullFixture, signIn, type PullFixture } from '../pull/support.js';

const NOW = Math.floor(Date.now() / 1000) * 1000;

describe('wdatp-arcsight pull', () => {
  let f: PullFixture;
  let base: string[];
  beforeAll(async () => {
    // https, so the CA file path of the command is exercised too.
    f = await pullFixture({
      https: true,
      generate: 12,
      seed: 2,
      clock: createClock({ start: NOW, frozen: true }),
      generateFrom: NOW - 60 * 60_000,
      generateSpanMs: 50 * 60_000,
    });
    base = ['pull', '--config', f.clientFile, '--parser', f.parserFile, '--events-url', f.sandbox.eventsUrl, '--ca-file', f.caFile!, '--once'];
  });
  afterAll(() => f.close());

  it('prints CEF lines on stdout and progress on stderr, rotating the refresh token in its file', async () => {
    const before = await readFile(f.refreshFile, 'utf8');
    const r = await runCli([...base, '--refresh-token-file', f.refreshFile]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(12);
    for (const line of lines) expect(line).toMatch(/^CEF:0\|Microsoft\|/);
    expect(r.stderr).toMatch(/Poll 1: 12 alerts received, 12 new → 12 events/);
    expect(r.stderr).toContain('Stored the rotated refresh token');
    const after = await readFile(f.refreshFile, 'utf8');
    expect(after).not.toBe(before);
    expect((await stat(f.refreshFile)).mode & 0o777).toBe(0o600);
    expect(r.stdout + r.stderr).not.toContain(after.trim());
    expect(r.stdout + r.stderr).not.toContain(f.sandbox.clientSecret);
  });

  it('shows a table with --format table and writes NDJSON to --output with a checkpoint beside it', async () => {
    const table = await runCli([...base, '--refresh-token-file', f.refreshFile, '--format', 'table']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^deviceReceiptTime\s+severity\s+host\s+externalId\s+name/);
    expect(table.stdout.trim().split('\n')).toHaveLength(12 + 2);

    const out = join(f.dir, 'cli.ndjson');
    const ndjson = await runCli([...base, '--refresh-token-file', f.refreshFile, '--format', 'ndjson', '--output', out]);
    expect(ndjson.code, ndjson.stderr).toBe(0);
    expect(ndjson.stdout).toBe('');
    expect(ndjson.stderr).toContain('Checkpoint: ');
    const events = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events).toHaveLength(12);
    expect(events.every((e) => typeof e['additionaldata.FullId'] === 'string')).toBe(true);
    const cp = JSON.parse(await readFile(`${out}.checkpoint.json`, 'utf8')) as { delivered: number; output: { bytes: number } };
    expect(cp.delivered).toBe(12);
    expect(cp.output.bytes).toBe((await stat(out)).size);
    // Again: nothing new, nothing repeated.
    const again = await runCli([...base, '--refresh-token-file', f.refreshFile, '--format', 'ndjson', '--output', out]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/Poll 1: (\d+) alerts received, 0 new → 0 events, \1 already delivered/);
    expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(12);
  });

  it('takes the refresh token from an environment variable (rotations kept in memory, with a notice)', async () => {
    const token = await signIn(f.sandbox, f.clientFile);
    const r = await runCli([...base, '--refresh-token-env', 'WDATP_RT'], { env: { WDATP_RT: token } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('kept in memory only');
    expect(r.stderr).not.toContain(token);
  });

  it('exits 3 with the fix when the refresh token has expired', async () => {
    f.sandbox.identity.expireRefreshTokens();
    const r = await runCli([...base, '--refresh-token-file', f.refreshFile]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/refresh token is no longer accepted \(AADSTS700082\)/);
    expect(r.stderr).toContain(`Fix: Sign in again: wdatp-arcsight token --config ${f.clientFile} --output ${f.refreshFile} --force`);
    expect(r.stdout).toBe('');
  });

  it('exits 3 after the retries when the service keeps failing', async () => {
    const token = await signIn(f.sandbox, f.clientFile);
    f.sandbox.addFault({ kind: 'status', status: 500, count: 3 });
    const r = await runCli([...base, '--refresh-token-env', 'RT', '--retries', '2', '--backoff', '0.01'], { env: { RT: token } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Giving up on the alert API after 3 attempts/);
  });

  it('exits 2 for usage and parser-file errors, naming the flag or file:line:column', async () => {
    const noToken = await runCli(base);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('--refresh-token-file FILE or --refresh-token-env VAR');

    const badParser = join(f.dir, 'bad.jsonparser.properties');
    await writeFile(badParser, (await readFile(f.parserFile, 'latin1')).replace(/^event\.name=.*$/m, 'event.name=__noSuchOperation(AlertTitle)'), 'latin1');
    const bad = await runCli(
      ['pull', '--config', f.clientFile, '--parser', badParser, '--events-url', f.sandbox.eventsUrl, '--refresh-token-env', 'RT', '--once'],
      { env: { RT: 'x' } },
    );
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toMatch(/bad\.jsonparser\.properties:\d+:\d+: /);

    const since = await runCli([...base, '--refresh-token-env', 'RT', '--since', 'yesterday'], { env: { RT: 'x' } });
    expect(since.code).toBe(2);
    expect(since.stderr).toContain('--since yesterday');

    const both = await runCli([...base, '--refresh-token-env', 'RT', '--interval', '5'], { env: { RT: 'x' } });
    expect(both.code).toBe(2);
  });
});
