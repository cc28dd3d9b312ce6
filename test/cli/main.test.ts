import { describe, expect, it } from 'vitest';
import { manifest } from '../../src/cli/manifest.js';
import { runCli } from '../support/cli.js';
import { cliSnapshot } from '../support/snapshot.js';

describe('wdatp-arcsight (root)', () => {
  it('--help lists every command and the exit codes, on stdout, exit 0', async () => {
    const r = await runCli(['--help']);
    for (const name of Object.keys(manifest)) expect(r.stdout).toContain(`wdatp-arcsight ${name}`);
    expect(cliSnapshot(r)).toMatchSnapshot();
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each(Object.keys(manifest))('%s --help works and exits 0', async (name) => {
    const r = await runCli([name, '--help']);
    expect(r.stdout).toContain(`wdatp-arcsight ${name}`);
    expect(cliSnapshot(r)).toMatchSnapshot();
  });

  it('no command is a usage error (exit 2)', async () => {
    expect(cliSnapshot(await runCli([]))).toMatchSnapshot();
  });

  it('a misspelt command says so and suggests the right one (exit 2)', async () => {
    expect(cliSnapshot(await runCli(['valdate']))).toMatchSnapshot();
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
