import { chmod, copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormatsM from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../support/cli.js';
import { cliSnapshot } from '../support/snapshot.js';
import { suiteTempDir } from '../support/temp.js';

const goodSource = join(repoRoot, 'fixtures', 'lint', 'good');
/** The good files as a user has them: the client file (it holds the secret) with mode 0600, which git cannot record. */
let good: string;
const badDir = join(repoRoot, 'fixtures', 'lint', 'bad');
/** The Graph fixtures, copied the same way (client files at mode 0600). */
let graphGood: string;
let graphBad: string;
const GRAPH_EVENTS_URL = 'https://graph.microsoft.com/v1.0/security/alerts_v2?$filter=lastUpdateDateTime%20ge%20$START_AT_TIME&$top=2000';
const VALUES_SECRET = 'fak8Q~StoredSecretThatMustNeverBePrinted9';
const GOOD_SECRET = 'fak8Q~NotARealSecretJustForLintTests0123';
const BAD_SECRET = '5f0c2b6e-3a1d-4c9b-8e7f-0a1b2c3d4e5f';
const dir = suiteTempDir('validate');

beforeAll(async () => {
  good = join(dir, 'good');
  await mkdir(good);
  for (const f of ['WDATP-connector.properties', 'WDATP-connector.jsonparser.properties', 'WDATP-connector.values.json'])
    await copyFile(join(goodSource, f), join(good, f));
  await chmod(join(good, 'WDATP-connector.properties'), 0o600);
  graphGood = await copyAsUserHasIt(join(repoRoot, 'fixtures', 'lint', 'graph', 'good'), 'graph-good');
  graphBad = await copyAsUserHasIt(join(repoRoot, 'fixtures', 'lint', 'graph', 'bad'), 'graph-bad');
  // The bad files with a fixed mode (the checkout's depends on the umask), for snapshots that include WDA138.
  await mkdir(join(dir, 'bad'));
  for (const f of await readdir(badDir)) await copyFile(join(badDir, f), join(dir, 'bad', f));
  await chmod(join(dir, 'bad', 'WDATP-connector.properties'), 0o644);
});

/** A fixture folder copied into the temp folder with its client files at mode 0600, as init writes them. */
async function copyAsUserHasIt(source: string, name: string): Promise<string> {
  const target = join(dir, name);
  await mkdir(target, { recursive: true });
  for (const f of await readdir(source)) {
    await copyFile(join(source, f), join(target, f));
    if (f.endsWith('.properties') && !f.endsWith('.jsonparser.properties')) await chmod(join(target, f), 0o600);
  }
  return target;
}

async function folderWith(name: string, files: Record<string, string>): Promise<string> {
  const d = join(dir, name);
  await mkdir(d, { recursive: true });
  for (const [f, text] of Object.entries(files)) await writeFile(join(d, f), text, 'latin1');
  return d;
}

describe('validate: exit codes', () => {
  it('0 for the good files (notices do not fail), with the files found in the current folder', async () => {
    const r = await runCli(['validate'], { cwd: good });
    expect(cliSnapshot(r)).toMatchSnapshot();
  });

  it('1 for errors, with the findings grouped by file on stdout', async () => {
    const r = await runCli(['validate', 'bad'], { cwd: dir });
    expect(cliSnapshot(r)).toMatchSnapshot();
  });

  it('--fail-on: none never fails; warning fails on warnings; the default error does not', async () => {
    const warnOnly = await folderWith('warn-only', {
      'WDATP-connector.properties': readFileSync(join(good, 'WDATP-connector.properties'), 'latin1').replace('scope=', 'scope=openid'),
    });
    expect((await runCli(['validate', warnOnly])).code).toBe(0);
    expect((await runCli(['validate', warnOnly, '--fail-on', 'warning'])).code).toBe(1);
    expect((await runCli(['validate', badDir, '--fail-on', 'none'])).code).toBe(0);
    expect((await runCli(['validate', good, '--fail-on', 'warning'])).code).toBe(0);
  });

  it('2 for unreadable input, an empty folder, an unknown file kind or a bad flag, naming the problem on stderr', async () => {
    let r = await runCli(['validate', join(dir, 'missing.properties')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Cannot read .*missing\.properties: no such file/);
    expect(r.stdout).toBe('');
    const empty = await folderWith('empty', { 'notes.txt': 'hello' });
    r = await runCli(['validate', empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No connector files in/);
    r = await runCli(['validate', join(empty, 'notes.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Cannot tell what kind of connector file/);
    r = await runCli(['validate', good, '--format', 'xml']);
    expect(r.code).toBe(2);
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked.properties');
      await writeFile(locked, 'client_id=x\n');
      await chmod(locked, 0);
      r = await runCli(['validate', locked]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/permission denied/);
    }
  });
});

describe('validate: formats', () => {
  it('json: the documented shape on stdout', async () => {
    const r = await runCli(['validate', 'bad', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout);
    expect(report.findings.length).toBe(report.summary.errors + report.summary.warnings + report.summary.infos);
    expect(cliSnapshot(r)).toMatchSnapshot();
  });

  it('sarif: accepted by the official SARIF 2.1.0 schema, paths relative to the working folder', async () => {
    const r = await runCli(['validate', 'fixtures/lint/bad', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    const ajv = new Ajv04.default({ allErrors: true, strict: false });
    addFormatsM.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(repoRoot, 'test', 'lint', 'sarif-schema-2.1.0.json'), 'utf8')));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const uris = new Set(
      log.runs[0].results.map(
        (x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => x.locations[0]!.physicalLocation.artifactLocation.uri,
      ),
    );
    expect([...uris].sort()).toEqual([
      'fixtures/lint/bad/WDATP-connector.jsonparser.properties',
      'fixtures/lint/bad/WDATP-connector.properties',
      'fixtures/lint/bad/WDATP-connector.values.json',
    ]);
  });

  it('github: escaped annotations and a summary line', async () => {
    const r = await runCli(['validate', 'bad', '--format', 'github'], { cwd: dir });
    expect(cliSnapshot(r)).toMatchSnapshot();
  });

  it('never colours machine formats, even with FORCE_COLOR', async () => {
    for (const format of ['json', 'sarif', 'github']) {
      const r = await runCli(['validate', badDir, '--format', format], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
      expect(r.stdout).not.toMatch(/\u001b\[/);
    }
    const text = await runCli(['validate', badDir], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(text.stdout).toMatch(/\u001b\[/);
  });

  it('--output-file writes the report there and nothing to stdout', async () => {
    const out = join(dir, 'report.sarif');
    const r = await runCli(['validate', badDir, '--format', 'sarif', '--output-file', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Wrote the sarif report/);
    expect(JSON.parse(await readFile(out, 'utf8')).version).toBe('2.1.0');
  });
});

describe('validate: secrets', () => {
  it('never prints the client secret or a secret stored in a values file, in any format', async () => {
    const both = await folderWith('secrets', {});
    await copyFile(join(badDir, 'WDATP-connector.values.json'), join(both, 'WDATP-connector.values.json'));
    await copyFile(join(good, 'WDATP-connector.properties'), join(both, 'WDATP-connector.properties'));
    await copyFile(join(badDir, 'WDATP-connector.properties'), join(both, 'other.properties'));
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const r = await runCli(['validate', both, '--format', format, '--events-url', 'https://wdatp-alertexporter-eu.windows.com/api/alerts']);
      expect(r.code).toBe(1);
      for (const secret of [VALUES_SECRET, GOOD_SECRET, BAD_SECRET]) {
        expect(r.stdout, format).not.toContain(secret);
        expect(r.stderr, format).not.toContain(secret);
      }
    }
  });
});

describe('validate: Events URL', () => {
  it('checks --events-url against the login host of the client file', async () => {
    const r = await runCli([
      'validate',
      join(good, 'WDATP-connector.properties'),
      '--events-url',
      'https://wdatp-alertexporter-us.securitycenter.windows.us/api/alerts',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    const ids = JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['WDA303', 'WDA304']));
  });
});

describe('validate: argument parsing', () => {
  it('parses plain argument lists without yargs, and declines anything else', async () => {
    const { default: validate } = await import('../../src/cli/commands/validate.js');
    const parseValidateArgs = (args: string[]) => validate.parseFast?.(args);
    expect(parseValidateArgs(['a.properties', '--format', 'sarif', '--fail-on=warning', '--no-color', 'dir'])).toEqual({
      files: ['a.properties', 'dir'],
      format: 'sarif',
      failOn: 'warning',
      color: false,
    });
    expect(parseValidateArgs(['--events-url=https://x/api/alerts?a=b', '--output-file', 'out.json', '--debug'])).toEqual({
      files: [],
      format: 'text',
      failOn: 'error',
      eventsUrl: 'https://x/api/alerts?a=b',
      outputFile: 'out.json',
      debug: true,
    });
    for (const declined of [
      ['--help'],
      ['-h'],
      ['--format', 'xml'],
      ['--format'],
      ['--fail-on', 'info'],
      ['--format', 'json', '--format', 'text'],
      ['--unknown'],
      ['--', 'x'],
      ['--output-file='],
    ]) {
      expect(parseValidateArgs(declined), declined.join(' ')).toBeUndefined();
    }
  });

  it('--help still goes through yargs and lists the options', async () => {
    const r = await runCli(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--format/);
    expect(r.stdout).toMatch(/--fail-on/);
    expect(r.stdout).toMatch(/--events-url/);
  });

  it('global flags before the command work on the fast path too', async () => {
    const r = await runCli(['--no-color', 'validate', join(good, 'WDATP-connector.properties'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.files).toBe(1);
  });
});

describe('validate: Graph alerts_v2 set-ups', () => {
  it('0 for the Graph client file and its Events URL: no error, no warning, no legacy notice', async () => {
    const r = await runCli(['validate', graphGood, '--events-url', GRAPH_EVENTS_URL]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/WDA30[89]/);
    expect(r.stdout).toMatch(/\n\S+ 0 errors, 0 warnings, 1 notice \(1 file checked\)\.\n$/);
  });

  it('1 for Graph mistakes, each with a code frame under the offending value (through \\: escapes)', async () => {
    const r = await runCli(['validate', join(graphBad, 'WDATP-connector.properties')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      [
        '  7:16  error  WDA136  scope names graph.microsoft.us (US Government GCC High), but the file signs in to Commercial (worldwide) / US Government Community Cloud (GCC).',
        '    7 | scope=https\\://graph.microsoft.us/SecurityEvents.Read.All',
        '      |                ^^^^^^^^^^^^^^^^^^',
        '    fix: Write scope=offline_access https://graph.microsoft.com/SecurityAlert.Read.All.',
      ].join('\n'),
    );
    for (const id of ['WDA132', 'WDA133', 'WDA135']) expect(r.stdout).toContain(`error  ${id}  `);
    expect(r.stdout).toMatch(/✖ 4 errors, 0 warnings, 1 notice \(1 file checked\)\.\n$/);
  });

  it('checks a Graph --events-url: the retiring /security/alerts, unsupported $filter fields, raw spaces', async () => {
    const url = "https://graph.microsoft.com/v1.0/security/alerts?$filter=lastUpdateDateTime ge $START_AT_TIME and title eq 'x'";
    const r = await runCli(['validate', graphGood, '--events-url', url, '--format', 'json']);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout).findings as Array<{ ruleId: string; message: string }>;
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['WDA128', 'WDA310', 'WDA311', 'WDA312']);
    expect(findings.find((f) => f.ruleId === 'WDA311')!.message).toMatch(/\$filter uses title/);
  });

  it('a legacy set-up stays exit 0, even with --fail-on warning, and is told about migrate', async () => {
    const r = await runCli(['validate', good, '--fail-on', 'warning']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /info {2}WDA308 {2}This set-up uses the WDATP SIEM API, deprecated since December 31, 2023; Microsoft may switch it off without notice since December 31, 2024\.\n/,
    );
    expect(r.stdout).toContain('fix: Run `wdatp-arcsight migrate` to write a Graph alerts_v2 set-up beside this one');
    expect(r.stdout).toMatch(
      /info {2}WDA309 {2}auth_url asks for a token for https:\/\/graph\.windows\.net \(Azure AD Graph\), which Microsoft is retiring in phases\.\n/,
    );
  });
});

describe('validate: on what init and migrate write', () => {
  const tenant = '8eaef023-2b34-4da1-9baa-8bc8c9d6a490';
  const clientId = '11111111-2222-3333-4444-555555555555';

  it.each(['commercial', 'gcc', 'gcc-high', 'dod'])('init --cloud %s: the Graph files and the Events URL init prints are clean', async (cloud) => {
    const out = join(dir, `init-${cloud}`);
    const init = await runCli(
      ['init', '--non-interactive', '--tenant', tenant, '--client-id', clientId, '--cloud', cloud, '--client-secret-stdin', '--out', out],
      {
        input: GOOD_SECRET,
      },
    );
    expect(init.code, init.stderr).toBe(0);
    const eventsUrl = /https:\/\/\S+\/v1\.0\/security\/alerts_v2\?\S+/.exec(`${init.stdout}\n${init.stderr}`)![0];
    const r = await runCli(['validate', out, '--events-url', eventsUrl, '--format', 'json']);
    expect(r.code, r.stdout).toBe(0);
    const report = JSON.parse(r.stdout) as { summary: { files: number }; findings: Array<{ ruleId: string; severity: string }> };
    expect(report.summary.files).toBe(3);
    expect(
      report.findings.filter((f) => f.severity !== 'info'),
      r.stdout,
    ).toEqual([]);
    expect(report.findings.map((f) => f.ruleId)).not.toContain('WDA308');
  });

  it('the shipped legacy set-up: exit 0 with the notices; what migrate writes beside it: clean', async () => {
    const legacy = join(dir, 'legacy-setup');
    await mkdir(legacy, { recursive: true });
    for (const name of ['WDATP-connector.properties', 'WDATP-connector.jsonparser.properties', 'WDATP-connector.values.json']) {
      await copyFile(join(repoRoot, 'fixtures', 'legacy-setup', name), join(legacy, name));
    }
    await chmod(join(legacy, 'WDATP-connector.properties'), 0o600);
    const before = await runCli(['validate', legacy, '--format', 'json']);
    expect(before.code).toBe(0);
    const ids = (JSON.parse(before.stdout) as { findings: Array<{ ruleId: string; severity: string }> }).findings;
    expect(ids.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(ids.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['WDA308', 'WDA309']));

    const migrated = join(dir, 'migrated');
    expect((await runCli(['migrate', legacy, '--out', migrated])).code).toBe(0);
    const after = await runCli(['validate', migrated, '--format', 'json']);
    expect(after.code, after.stdout).toBe(0);
    const found = (JSON.parse(after.stdout) as { findings: Array<{ ruleId: string; severity: string }> }).findings;
    expect(
      found.filter((f) => f.severity !== 'info'),
      after.stdout,
    ).toEqual([]);
    expect(found.map((f) => f.ruleId)).not.toContain('WDA308');
  });
});
