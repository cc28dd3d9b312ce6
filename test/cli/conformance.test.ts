import { execFileSync, spawnSync } from 'node:child_process';
import { cp, readFile, readdir, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../support/cli.js';
import { cliSnapshot } from '../support/snapshot.js';
import { suiteTempDir } from '../support/temp.js';

const suite = join(repoRoot, 'fixtures', 'conformance');
const work = suiteTempDir('conformance-cli');

/** A fresh copy of the shipped suite to break or update. */
async function copySuite(name: string): Promise<string> {
  const dir = join(work, name);
  await cp(suite, dir, { recursive: true });
  return dir;
}

async function caseFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && (e.name.endsWith('.case.json') || e.name === 'case.json')) out.push(join(e.parentPath, e.name));
  }
  return out.sort();
}

describe('wdatp-arcsight conformance', () => {
  it('passes the shipped suite: exit 0, one line per case, last line "N passed, 0 failed"', async () => {
    const r = await runCli(['conformance', 'fixtures/conformance']);
    expect(cliSnapshot(r)).toMatchSnapshot();
  });

  it('fails a deliberately wrong expectation with a field-by-field diff and exit 1', async () => {
    const dir = await copySuite('wrong');
    const file = join(dir, 'v2', 'severity-informational.case.json');
    const doc = JSON.parse(await readFile(file, 'utf8'));
    doc.events[0].fields.agentSeverity = 'Medium';
    doc.events[0].fields.fileName = 'missing.exe';
    await writeFile(file, JSON.stringify(doc));
    const r = await runCli(['conformance', dir]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^\d+ passed, 1 failed$/);
    const at = lines.findIndex((l) => l.startsWith('FAIL v2/severity-informational'));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines.slice(at + 1, at + 4)).toEqual([
      `     ${doc.description}`,
      '     event 1 agentSeverity: expected "Medium", got "Low"',
      '     event 1 fileName: expected "missing.exe", but the field is not set',
    ]);
  });

  it('reports an invalid fixture with exit 2, naming the file and the schema error, and runs nothing', async () => {
    const dir = await copySuite('invalid');
    const file = join(dir, 'v1', 'severity.case.json');
    const doc = JSON.parse(await readFile(file, 'utf8'));
    delete doc.description;
    doc.events[0].feilds = {};
    await writeFile(file, JSON.stringify(doc));
    expect(cliSnapshot(await runCli(['conformance', dir]))).toMatchSnapshot();
  });

  it('--update rewrites exactly the changed cases; the others stay byte-identical with their mtimes', async () => {
    const dir = await copySuite('update');
    const files = await caseFiles(dir);
    const changedA = join(dir, 'v2', 'ip-v6.case.json');
    const changedB = join(dir, 'custom', 'firewall', 'case.json');
    for (const f of [changedA, changedB]) {
      const doc = JSON.parse(await readFile(f, 'utf8'));
      doc.events[0].fields.sourceAddress = '192.0.2.1';
      await writeFile(f, `${JSON.stringify(doc, null, 2)}\n`);
    }
    const before = new Map<string, { text: string; mtimeMs: number }>();
    for (const f of files) before.set(f, { text: await readFile(f, 'utf8'), mtimeMs: (await stat(f)).mtimeMs });
    await new Promise((r) => setTimeout(r, 20)); // so a rewrite would show in the mtime

    const r = await runCli(['conformance', dir, '--update']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('2 cases changed');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
    for (const f of files) {
      const now = { text: await readFile(f, 'utf8'), mtimeMs: (await stat(f)).mtimeMs };
      if (f === changedA || f === changedB) {
        expect(now.text).not.toBe(before.get(f)!.text);
        const doc = JSON.parse(now.text);
        expect(doc.description).toBe(JSON.parse(before.get(f)!.text).description);
      } else {
        expect(now).toEqual(before.get(f));
      }
    }
    const a = JSON.parse(await readFile(changedA, 'utf8'));
    expect(a.events[0].fields.sourceAddress).toBe('fe80:cd00:0:cde:1257:0:211e:729c');
    expect(a.events[0].forbiddenWarnings).toEqual([{ code: 'token-conversion-failed' }]);

    // A second update finds nothing to change.
    const again = await runCli(['conformance', dir, '--update']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('0 cases changed');
  });

  it('--filter runs only the matching cases; no match is a usage error', async () => {
    const r = await runCli(['conformance', 'fixtures/conformance', '--filter', 'severity']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1).every((l) => /^PASS v[123]\/severity/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe(`${lines.length - 1} passed, 0 failed`);
    expect(lines.length - 1).toBe(14);
    const none = await runCli(['conformance', 'fixtures/conformance', '--filter', 'no-such-case']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no case matches --filter no-such-case');
  });

  it('--format json gives the versioned report', async () => {
    const r = await runCli(['conformance', 'fixtures/conformance', '--filter', 'v1/ip', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.version).toBe(1);
    expect(report.summary).toEqual({ total: 3, passed: 3, failed: 0 });
    expect(report.cases[0]).toEqual({
      id: 'v1/ip-malformed',
      name: 'v1/ip-malformed',
      file: 'fixtures/conformance/v1/ip-malformed.case.json',
      description: expect.stringContaining('malformed IpAddress'),
      timeZone: 'UTC',
      parser: 'profile:v1',
      status: 'passed',
      differences: [],
    });
  });

  it('--format junit is XML that the JUnit schema accepts, for passing and failing cases', async () => {
    const dir = await copySuite('junit');
    const file = join(dir, 'v2', 'unicode.case.json');
    const doc = JSON.parse(await readFile(file, 'utf8'));
    doc.events[0].fields.name = 'wrong <&> "quoted" \u0001 text';
    await writeFile(file, JSON.stringify(doc));
    const r = await runCli(['conformance', dir, '--format', 'junit']);
    expect(r.code).toBe(1);
    const xmlFile = join(work, 'report.xml');
    await writeFile(xmlFile, r.stdout);
    const xmllint = spawnSync('xmllint', ['--version']);
    if (xmllint.error) {
      // CI must have it (.ci/run installs libxml2-utils); elsewhere the check is skipped, visibly.
      if (process.env.CI) throw new Error('xmllint is missing: install the Debian package libxml2-utils');
      console.warn('xmllint not installed: JUnit schema check skipped');
      return;
    }
    const out = execFileSync('xmllint', ['--noout', '--schema', join(repoRoot, 'test', 'schemas', 'junit.xsd'), xmlFile], { encoding: 'utf8', stdio: 'pipe' });
    expect(out).toBe('');
    expect(r.stdout).toMatch(/<testcase name="v2\/unicode" classname="conformance.v2" file="[^"]+">\n\s+<failure message="1 difference: /);
    // The schema really rejects a broken report (so the check above can fail).
    await writeFile(xmlFile, r.stdout.replace('<testsuite name="v2"', '<testsuite'));
    const bad = spawnSync('xmllint', ['--noout', '--schema', join(repoRoot, 'test', 'schemas', 'junit.xsd'), xmlFile], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
  });

  it('without DIR uses ./conformance, else the suite shipped in the package', async () => {
    const empty = join(work, 'empty');
    await mkdir(empty, { recursive: true });
    const shipped = await runCli(['conformance'], { cwd: empty });
    expect(shipped.code).toBe(0);
    expect(shipped.stderr).toBe('running the conformance suite shipped with wdatp-arcsight\n');
    expect(shipped.stdout).toContain('PASS v2/sample-2020\n');
    expect(shipped.stdout).toContain('PASS custom/firewall\n');
    expect(shipped.stdout).toMatch(/^\d+ passed, 0 failed\n$/m);
    const project = join(work, 'project');
    await cp(join(suite, 'custom'), join(project, 'conformance'), { recursive: true });
    const r = await runCli(['conformance'], { cwd: project });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('PASS firewall\nPASS firewall-single-file\n2 passed, 0 failed\n');
  });

  /** Writes the rendered parser file of `mapping` to a fresh folder and checks it passes that mapping's shipped cases. */
  async function renderedParserPasses(mapping: 'v2' | 'v3', name: string): Promise<{ dir: string; rendered: string; stdout: string }> {
    const { renderParserFile } = await import('../../src/connector/index.js');
    const dir = join(work, name);
    await mkdir(dir, { recursive: true });
    const rendered = renderParserFile(mapping);
    const good = join(dir, 'WDATP-connector.jsonparser.properties');
    await writeFile(good, rendered, 'latin1');
    const pass = await runCli(['conformance', '--parser', good], { cwd: dir });
    expect(pass.code, pass.stdout).toBe(0);
    expect(pass.stderr).toContain(`its ${mapping} cases, with`);
    expect(pass.stdout).toMatch(/^\d+ passed, 0 failed\n$/m);
    return { dir, rendered, stdout: pass.stdout };
  }

  it('without DIR, --parser checks an edited WDATP parser file against the shipped v2 cases', async () => {
    const { dir, rendered, stdout } = await renderedParserPasses('v2', 'edited');
    expect(stdout).not.toContain('PASS custom/');
    // An edit that loses the file name: the shipped cases catch it.
    const edited = join(dir, 'edited.jsonparser.properties');
    await writeFile(edited, rendered.replace(/^event\.fileName=.*$/m, ''), 'latin1');
    const fail = await runCli(['conformance', '--parser', edited], { cwd: dir });
    expect(fail.code).toBe(1);
    expect(fail.stdout).toMatch(/fileName/);
    const update = await runCli(['conformance', '--update'], { cwd: dir });
    expect(update.code).toBe(2);
  });

  it('without DIR, --parser checks an edited Graph (v3) parser file against the shipped v3 cases', async () => {
    const { dir, rendered, stdout } = await renderedParserPasses('v3', 'edited-v3');
    expect(Number(/^(\d+) passed/m.exec(stdout)![1])).toBeGreaterThanOrEqual(30);
    // The profile comes from the trigger when the generated header is gone.
    const bare = join(dir, 'bare.jsonparser.properties');
    await writeFile(bare, rendered.replace(/^#.*\n/gm, '').replace(/^event\.sourceHostName=.*$/m, ''), 'latin1');
    const fail = await runCli(['conformance', '--parser', bare], { cwd: dir });
    expect(fail.stderr).toContain('its v3 cases, with');
    expect(fail.code).toBe(1);
    expect(fail.stdout).toMatch(/sourceHostName/);
  });

  it('runs a user parser file given with --parser for cases that name none, and a bad --timezone is a usage error', async () => {
    const dir = join(work, 'user');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'mine.jsonparser.properties'),
      'trigger.node.location=/\ntoken.count=1\ntoken[0].name=t\ntoken[0].type=String\ntoken[0].location=title\nevent.name=__toUpperCase(t)\n',
    );
    await writeFile(
      join(dir, 'title.case.json'),
      JSON.stringify({ description: 'my mapping upper-cases the title', input: { title: 'hello' }, events: [{ fields: { name: 'HELLO' }, exact: true }] }),
    );
    const r = await runCli(['conformance', dir, '--parser', join(dir, 'mine.jsonparser.properties')]);
    expect(r.stdout).toBe('PASS title\n1 passed, 0 failed\n');
    expect(r.code).toBe(0);
    const tz = await runCli(['conformance', dir, '--timezone', 'Mars/Olympus']);
    expect(tz.code).toBe(2);
    expect(tz.stderr).toContain('--timezone Mars/Olympus is not a time zone');
  });
});
