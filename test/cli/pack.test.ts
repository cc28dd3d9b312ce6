import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.js';
import { suiteTempDir } from '../support/temp.js';

// What a user gets from the registry is the packed tarball, not this work tree: it must carry everything the
// binary needs (bundle, templates, schemas' validators) and run with only its declared dependencies. Packed with
// --ignore-scripts: dist/ is already built by npm test, and rebuilding it here would race the other CLI tests.
describe('the packed tarball', () => {
  const dir = suiteTempDir('pack');

  it('runs with npx: --help, render of the example values, parse on two threads', () => {
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: repoRoot, stdio: 'pipe' });
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    const npx = (args: string[]) =>
      spawnSync('npx', ['--yes', `./${tarball}`, ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' },
        timeout: 240_000,
      });
    const help = npx(['--help']);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('wdatp-arcsight validate');
    const out = join(dir, 'out');
    const render = npx(['render', '--values', join(repoRoot, 'fixtures', 'values', 'example.json'), '--out', out]);
    expect(render.status, render.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['WDATP-connector.jsonparser.properties', 'WDATP-connector.properties', 'WDATP-connector.values.json'].sort());
    // parse on two threads: the worker thread's own entry file ships too.
    const alerts = join(dir, 'alerts.ndjson');
    writeFileSync(alerts, `${JSON.stringify({ AlertId: 'a', Severity: 'High' })}\n${JSON.stringify({ AlertId: 'b', Severity: 'Low' })}\n`);
    const parse = npx(['parse', '--parser', join(out, 'WDATP-connector.jsonparser.properties'), '--format', 'ndjson', '--jobs', '2', alerts]);
    expect(parse.status, parse.stderr).toBe(0);
    expect(
      parse.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).externalId),
    ).toEqual(['a', 'b']);
    // The conformance suite ships: without a folder, the packaged one runs, and checks a parser file given.
    const conformance = npx(['conformance', '--parser', join(out, 'WDATP-connector.jsonparser.properties')]);
    expect(conformance.status, conformance.stdout + conformance.stderr).toBe(0);
    expect(conformance.stdout).toMatch(/^\d+ passed, 0 failed$/m);
  }, 300_000);
});
