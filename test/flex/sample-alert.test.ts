import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileParser, eventToJson, loadParserSpec, toCef } from '../../src/flex/index.js';
import { repoRoot } from '../support/cli.js';

const parserText = readFileSync(join(repoRoot, 'fixtures/parsers/sample-alert.jsonparser.properties'), 'latin1');
const sample = JSON.parse(readFileSync(join(repoRoot, 'fixtures/alerts/sample-2020.json'), 'utf8')) as unknown[];

describe('the documented 2020 sample alert through fixtures/parsers/sample-alert', () => {
  const { spec, findings } = loadParserSpec(parserText, { file: 'sample-alert.jsonparser.properties' });

  it('loads without errors or warnings', () => {
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('produces the event ArcSight would show', () => {
    const events = compileParser(spec).parse(sample);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(eventToJson(e)).toEqual({
      deviceVendor: 'Microsoft',
      deviceProduct: 'Microsoft Defender ATP',
      deviceVersion: '2.0',
      // Only the pattern's prefix is parsed (the fraction and the Z are ignored, as DateFormat.parse does).
      deviceReceiptTime: '2020-09-30T14:09:20.000Z',
      name: 'Suspicious File Activity',
      deviceSeverity: 'High',
      externalId: 'da637370718981685665_16349121',
      deviceCustomNumber3: 1053729833,
      deviceCustomNumber3Label: 'Report ID',
      filePath: 'C:\\WINDOWS\\SysWOW64\\boo3\\qwerty\\cmdParent.exe',
      fileName: 'cmdParent.exe',
      sourceHostName: 'MYMACHINE1',
      deviceEventCategory: 'Endpoint detection and response',
      agentSeverity: 'High',
      'additionaldata.AlertPart': '0',
    });
    // "" (IpAddress) and null (RemediationIsSuccess) are absent: no field, no warning.
    expect(e.warnings).toEqual([]);
    expect(e.fields.get('deviceCustomNumber3')).toBe(1053729833n);
    expect(e.tokens.get('AlertPart')).toBe(0);
    expect(e.tokens.get('IpAddress')).toBeNull();
  });

  it('reads zone-less timestamps in the connector time zone', () => {
    const e = compileParser(spec, { timeZone: 'America/New_York' }).parse(sample)[0]!;
    expect(eventToJson(e).deviceReceiptTime).toBe('2020-09-30T18:09:20.000Z');
  });

  it('encodes the event as CEF', () => {
    const e = compileParser(spec).parse(sample)[0]!;
    expect(toCef(e)).toBe(
      'CEF:0|Microsoft|Microsoft Defender ATP|2.0||Suspicious File Activity|8|rt=1601474960000 deviceSeverity=High externalId=da637370718981685665_16349121 cn3=1053729833 cn3Label=Report ID filePath=C:\\\\WINDOWS\\\\SysWOW64\\\\boo3\\\\qwerty\\\\cmdParent.exe fname=cmdParent.exe shost=MYMACHINE1 cat=Endpoint detection and response ad.AlertPart=0',
    );
  });
});
