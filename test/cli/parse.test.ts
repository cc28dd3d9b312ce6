import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { binPath, runCli } from '../support/cli.js';
import { TRIGGERED_FILTERS_PARSER_LINES, TRIGGERED_FILTERS_RECORD } from '../support/collection-example.js';
import { decodeCef } from '../flex/support/cef-decoder.js';
import { suiteTempDir } from '../support/temp.js';

const PARSER = 'fixtures/parsers/sample-alert.jsonparser.properties';
const SAMPLE = 'fixtures/alerts/sample-2020.json';
const dir = suiteTempDir('parse-cli');
let n = 0;
function file(text: string, ext = 'json'): string {
  const p = join(dir, `f${n++}.${ext}`);
  writeFileSync(p, text, 'latin1');
  return p;
}

const alert = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ AlertId: id, AlertTitle: `Title ${id}`, Severity: 'Medium', Source: 'EDR', ...extra });

describe('wdatp-arcsight parse', () => {
  it('table (default): each event as field name and value; a summary on stderr', async () => {
    const r = await runCli(['parse', '--parser', PARSER, SAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Event 1 \(fixtures\/alerts\/sample-2020\.json, record 1\)$/m);
    expect(r.stdout).toMatch(/^ {2}deviceReceiptTime +2020-09-30T14:09:20\.000Z$/m);
    expect(r.stdout).toMatch(/^ {2}agentSeverity +High$/m);
    expect(r.stderr).toMatch(/^1 event from 1 record, 0 warnings, 0 inputs skipped$/m);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('--show-tokens: the tokens each field came from, and every token', async () => {
    const r = await runCli(['parse', '--parser', PARSER, SAMPLE, '--show-tokens']);
    expect(r.stdout).toMatch(
      /^ {2}filePath +C:\\WINDOWS\\SysWOW64\\boo3\\qwerty\\cmdParent\.exe {2}<- FilePath="C:\\\\WINDOWS\\\\SysWOW64\\\\boo3\\\\qwerty", FileName="cmdParent.exe"$/m,
    );
    expect(r.stdout).toMatch(/^ {2}tokens:$/m);
    expect(r.stdout).toMatch(/^ {4}IpAddress +null$/m);
  });

  it('json: an array of events in the stable JSON form', async () => {
    const r = await runCli(['parse', '--parser', PARSER, SAMPLE, '--format', 'json']);
    expect(r.code).toBe(0);
    const events = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      externalId: 'da637370718981685665_16349121',
      deviceReceiptTime: '2020-09-30T14:09:20.000Z',
      deviceCustomNumber3: 1053729833,
      agentSeverity: 'High',
    });
  });

  it('json with no events is an empty array', async () => {
    const r = await runCli(['parse', '--parser', PARSER, '--format', 'json', '-'], { input: '[]' });
    expect([r.code, JSON.parse(r.stdout)]).toEqual([0, []]);
  });

  it('ndjson from stdin, one line per event', async () => {
    const r = await runCli(['parse', '--parser', PARSER, '--format', 'ndjson'], { input: `${alert('a')}\n${alert('b')}\n` });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.externalId, l.agentSeverity, l.deviceEventCategory])).toEqual([
      ['a', 'Medium', 'Endpoint detection and response'],
      ['b', 'Medium', 'Endpoint detection and response'],
    ]);
    expect(r.stderr).toMatch(/2 events from 2 records/);
  });

  it('cef: one CEF line per event that a CEF decoder reads back', async () => {
    const r = await runCli(['parse', '--parser', PARSER, '--format', 'cef', SAMPLE, '-'], { input: alert('x|y=z') });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map(decodeCef);
    expect(lines.map((l) => [l.header[0], l.header[4], l.header[5]])).toEqual([
      ['Microsoft', 'Suspicious File Activity', '8'],
      ['Microsoft', 'Title x|y=z', '5'],
    ]);
    expect(lines[1]!.extensions).toContainEqual(['externalId', 'x|y=z']);
    expect(lines[0]!.extensions).toContainEqual(['rt', '1601474960000']);
  });

  it('--timezone reads zone-less timestamps in that zone', async () => {
    const r = await runCli(['parse', '--parser', PARSER, SAMPLE, '--format', 'ndjson', '--timezone', 'Asia/Tokyo']);
    expect(JSON.parse(r.stdout).deviceReceiptTime).toBe('2020-09-30T05:09:20.000Z');
  });

  it('an unknown --timezone is a usage error', async () => {
    const r = await runCli(['parse', '--parser', PARSER, SAMPLE, '--timezone', 'Mars/Olympus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--timezone Mars\/Olympus is not a time zone/);
  });

  it('event warnings go to stderr with the event number; the event is still written', async () => {
    const r = await runCli(['parse', '--parser', PARSER, '--format', 'ndjson', '-'], {
      input: `${alert('a')}\n${alert('b', { IpAddress: 'not-an-ip', AlertPart: 'x' })}\n`,
    });
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(
      /^warning: event 2 \(<stdin>:2\): token IpAddress \(IPAddress\): cannot convert "not-an-ip": not an IPv4 or IPv6 address; the token is null \[token-conversion-failed\]$/m,
    );
    expect(r.stderr).toMatch(/2 events from 2 records, 2 warnings, 0 inputs skipped/);
  });

  it('a bad NDJSON line is reported with line and column, the rest is parsed, exit 2', async () => {
    const p = file(`${alert('a')}\n{"AlertId": "b",,}\n${alert('c')}\n`);
    const r = await runCli(['parse', '--parser', PARSER, '--format', 'ndjson', p]);
    expect(r.code).toBe(2);
    expect(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).externalId),
    ).toEqual(['a', 'c']);
    expect(r.stderr).toContain(`error: ${p}:2:17: malformed JSON on line 2`);
    expect(r.stderr).toMatch(/2 events from 2 records, 0 warnings, 1 input skipped/);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s while reading stdin exits 130, also when stdin closes afterwards; the events so far are written',
    async (signal) => {
      const child = spawn(process.execPath, [binPath, 'parse', '--parser', PARSER, '--format', 'ndjson'], { env: { ...process.env, NO_COLOR: '1' } });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
      child.stdin.on('error', () => {}); // the pipe may be closed by then
      child.stdin.write(`${alert('a')}\n`);
      while (!out.includes('"a"')) await new Promise((r) => setTimeout(r, 10));
      child.kill(signal);
      // The writer goes on and then closes stdin: that does not turn the interrupted run into a success.
      await new Promise((r) => setTimeout(r, 200));
      child.stdin.end(`${alert('b')}\n`);
      expect(await exit).toBe(130);
      expect(
        out
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l).externalId),
      ).toEqual(['a']);
      expect(err).toMatch(/Interrupted: stopped after 1 event from 1 record/);
    },
  );

  it('malformed JSON names file, line and column; exit 2', async () => {
    const p = file('[\n  {"AlertId": "a"},\n  {"AlertId" "b"}\n]\n');
    const r = await runCli(['parse', '--parser', PARSER, p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${p}:3:14: malformed JSON`);
  });

  it('a parser-file error costs only its mapping: the events are written, exit 1; --strict stops before parsing (exit 2)', async () => {
    const parser = file(
      'trigger.node.location=/\ntoken.count=1\ntoken[0].name=A\ntoken[0].location=AlertId\nevent.sourceHostname=A\nevent.externalId=A\n',
      'properties',
    );
    const r = await runCli(['parse', '--parser', parser, '--format', 'ndjson', SAMPLE]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ externalId: 'da637370718981685665_16349121' });
    expect(r.stderr).toContain(`${parser}:5:7: error: event.sourceHostname is not an ArcSight event field [unknown-field]`);
    expect(r.stderr).toContain('fix: Did you mean event.sourceHostName?');
    expect(r.stderr).toMatch(/error: the parser file has 1 error \(listed above\); what failed to load was left out of every event/);

    const strict = await runCli(['parse', '--strict', '--parser', parser, SAMPLE]);
    expect(strict.code).toBe(2);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toMatch(/the parser file has 1 error/);
  });

  it('a file no event can come from (no trigger node) stops the run, exit 2', async () => {
    const parser = file('token.count=1\ntoken[0].name=A\ntoken[0].location=a\nevent.message=A\n', 'properties');
    const r = await runCli(['parse', '--parser', parser, SAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${parser}:1:1: error: trigger.node.location is not set [trigger-node-missing]`);
  });

  it('issue example: geo fields and requestUrlHost are reported, event.message still makes the event', async () => {
    const parser = file(
      'trigger.node.location=/\ntoken.count=1\ntoken[0].name=a\ntoken[0].type=String\ntoken[0].location=a\nevent.destinationGeoLatitude=a\nevent.destinationGeoCountryCode=a\nevent.requestUrlHost=a\nevent.message=a\n',
      'properties',
    );
    const r = await runCli(['parse', '--parser', parser, '--format', 'ndjson', '-'], { input: '{"a":"x"}' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"message":"x"}\n');
    expect(r.stderr).toContain(
      `${parser}:6:7: warning: event.destinationGeoLatitude is not a field a parser sets: ArcSight fills it from the geo-location of the destination address`,
    );
    expect(r.stderr).toContain(`${parser}:7:7: warning: event.destinationGeoCountryCode is not a field a parser sets`);
    expect(r.stderr).toContain(`${parser}:8:7: warning: event.requestUrlHost is not a field a parser sets: ArcSight derives it from requestUrl`);
  });

  it('issue example: the __collection file gives clean values, and names its assumption', async () => {
    const parser = file(TRIGGERED_FILTERS_PARSER_LINES.join('\n'), 'properties');
    const input = JSON.stringify(TRIGGERED_FILTERS_RECORD);
    const r = await runCli(['parse', '--parser', parser, '--format', 'ndjson', '-'], { input });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"requestUrl":"/gate.php","destinationAddress":"203.0.113.7"}\n');
    expect(r.stderr).toMatch(/info: emulation assumption \(collection-elements\): .*last member/);
    expect(r.stderr).toMatch(/1 event from 1 record, 0 warnings/);
  });

  it('160 keys of an extra processor are one notice on stderr', async () => {
    const extra = Array.from({ length: 160 }, (_, i) => `extraprocessor[${Math.floor(i / 4)}].k${i % 4}=v`).join('\n');
    const parser = file(`trigger.node.location=/\ntoken.count=1\ntoken[0].name=A\ntoken[0].location=AlertId\nevent.externalId=A\n${extra}\n`, 'properties');
    const r = await runCli(['parse', '--parser', parser, '--format', 'ndjson', SAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/\[unsupported-key\]/g)).toHaveLength(1);
    expect(r.stderr).toContain(`${parser}:6:1: info: 160 extraprocessor.* keys (lines 6-165) belong to another parser type`);
  });

  it('parser-file warnings are printed and the run continues', async () => {
    const parser = file('trigger.node.location=/\ntoken.count=1\ntoken[0].name=A\ntoken[0].location=AlertId\nevent.externalId==A\n', 'properties');
    const r = await runCli(['parse', '--parser', parser, '--format', 'ndjson', SAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${parser}:5:18: warning:`);
    expect(r.stderr).toContain('[double-equals]');
    expect(JSON.parse(r.stdout)).toEqual({ externalId: 'da637370718981685665_16349121' });
  });

  it('emulation guesses are announced once per run', async () => {
    const parser = file('trigger.node.location=/\ntoken.count=1\ntoken[0].name=A\ntoken[0].location=flag\nevent.message=A\n', 'properties');
    const r = await runCli(['parse', '--parser', parser, '--format', 'ndjson', '-'], { input: '{"flag":true}\n{"flag":false}\n' });
    expect(r.stdout).toBe('{"message":"true"}\n{"message":"false"}\n');
    expect(r.stderr.match(/\[emulation-assumption\]/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/info: emulation assumption \(boolean-as-string\)/);
  });

  it('a record without the trigger node is counted as skipped', async () => {
    const parser = file('trigger.node.location=/payload\ntoken.count=1\ntoken[0].name=A\ntoken[0].location=a\nevent.message=A\n', 'properties');
    const r = await runCli(['parse', '--parser', parser, '--format', 'ndjson', '-'], { input: '{"payload":{"a":"x"}}\n{"other":1}\n' });
    expect(r.stdout).toBe('{"message":"x"}\n');
    expect(r.stderr).toMatch(/<stdin>:2: record 2 has no trigger node \/payload; no event/);
    expect(r.stderr).toMatch(/1 event from 2 records, 0 warnings, 1 input skipped/);
  });

  it('an unknown option is a usage error, not an input file', async () => {
    const r = await runCli(['parse', '--parser', PARSER, '--formt', 'json', SAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown argument: --formt/);
  });

  it('a missing parser file is a configuration error', async () => {
    const r = await runCli(['parse', '--parser', join(dir, 'missing.properties'), SAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read the parser file/);
  });
});

describe('parse: argument parsing', () => {
  it('parses plain argument lists without yargs, and declines anything else', async () => {
    const { default: parse } = await import('../../src/cli/commands/parse.js');
    const parseParseArgs = (args: string[]) => parse.parseFast?.(args);
    expect(parseParseArgs(['--parser', 'p.properties', 'a.json', '-', '--format=cef', '--jobs', '2', '--show-tokens', '--strict', '--no-color'])).toEqual({
      inputs: ['a.json', '-'],
      parser: 'p.properties',
      format: 'cef',
      timezone: 'UTC',
      maxWarnings: 100,
      jobs: 2,
      showTokens: true,
      strict: true,
      color: false,
    });
    for (const declined of [
      [],
      ['a.json'],
      ['--parser'],
      ['--parser', 'p', '--help'],
      ['--parser', 'p', '--format', 'xml'],
      ['--parser', 'p', '--jobs', 'two'],
      ['--parser', 'p', '--show-tokens', 'false'],
      ['--parser', 'p', '--formt', 'json'],
      ['--parser', 'p', '--parser', 'q'],
    ]) {
      expect(parseParseArgs(declined), declined.join(' ')).toBeUndefined();
    }
  });
});
