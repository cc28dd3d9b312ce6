import { describe, expect, it } from 'vitest';
import { manifest } from '../../src/cli/manifest.js';
import { runCli } from '../support/cli.js';

describe('wdatp-arcsight (root)', () => {
  it('--help lists every command and the exit codes, on stdout, exit 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const name of Object.keys(manifest)) expect(r.stdout).toContain(`wdatp-arcsight ${name}`);
    expect(r.stdout).toMatch(/Exit codes: 0 ok; 1 findings/);
    expect(r.stderr).toBe('');
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each(Object.keys(manifest))('%s --help works and exits 0', async (name) => {
    const r = await runCli([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`wdatp-arcsight ${name}`);
  });

  it('no command is a usage error (exit 2)', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Name a command/);
  });

  it('a misspelt command says so and suggests the right one (exit 2)', async () => {
    const r = await runCli(['valdate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown command "valdate". Did you mean validate?');
  });

  it('an unknown option is a usage error naming it (exit 2)', async () => {
    const r = await runCli(['render', '--values', 'x.json', '--bogus-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bogus-flag/);
  });

  it('errors carry no colour codes when NO_COLOR is set, and colour with --color', async () => {
    const plain = await runCli(['valdate']);
    expect(plain.stderr).not.toMatch(/\u001b\[/);
    const coloured = await runCli(['valdate', '--color']);
    expect(coloured.stderr).toMatch(/\u001b\[/);
  });
});
