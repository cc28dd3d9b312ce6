import { describe, expect, it } from 'vitest';
import { renderParserFile } from '../../src/connector/index.js';
import { FLEX_FINDING_CODES } from '../../src/flex/index.js';
import { EMULATION_ONLY_CODES, LOADER_CODES, RULES, ruleIdForLoaderCode } from '../../src/lint/index.js';
import { bytes, findingsOf, fixture, idsOf, lintOne, spanText, withRule } from './helpers.js';

/** A parser file with the given tokens ([name, type, format?]) and mapping lines. */
function parser(tokens: Array<[string, string, string?]>, lines: string[]): string {
  const out = ['trigger.node.location=/', `token.count=${tokens.length}`];
  tokens.forEach(([name, type, format], i) => {
    out.push(`token[${i}].name=${name}`, `token[${i}].type=${type}`, `token[${i}].location=${name}`);
    if (format !== undefined) out.push(`token[${i}].format=${format}`);
  });
  return [...out, ...lines].join('\n') + '\n';
}

const parse = (text: string) => findingsOf('parser-properties', text);
const noiseFree = (text: string) => parse(text).filter((f) => f.severity !== 'info');

describe('loader findings become WDA2xx rules', () => {
  it('gives every loader code its own documented rule id', () => {
    expect([...LOADER_CODES, ...EMULATION_ONLY_CODES].sort()).toEqual(Object.keys(FLEX_FINDING_CODES).sort());
    const ids = LOADER_CODES.map(ruleIdForLoaderCode);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^WDA2\d\d$/);
      const rule = RULES.find((r) => r.id === id)!;
      expect(rule.fix.length).toBeGreaterThan(10);
    }
    expect(ruleIdForLoaderCode('some-future-code')).toBe('WDA299');
  });

  it("leaves notes about the emulator's own confidence to parse and conformance", () => {
    const text = parser([['A', 'String']], ['event.name=__regexToken(A,"(.*)")', 'event.message=__getNormalizedOS(A)']);
    expect(parse(text)).toEqual([]);
  });

  it('reports an unknown field, an unknown operation and a misspelt token under their ids', () => {
    const text = parser([['AlertTitle', 'String']], ['event.nmae=AlertTitle', 'event.message=__toUpper(AlertTitle)', 'event.name=AlertTitel']);
    const findings = parse(text);
    expect(withRule(findings, 'WDA230')).toHaveLength(1);
    expect(spanText(text, withRule(findings, 'WDA230')[0]!)).toContain('nmae');
    expect(withRule(findings, 'WDA222')).toHaveLength(1);
    const undeclared = withRule(findings, 'WDA226')[0]!;
    expect(undeclared.severity).toBe('warning');
    expect(spanText(text, undeclared)).toBe('AlertTitel');
  });

  it('tolerates real-world oddities (==, keys with spaces, duplicated indices) with findings, not a crash', () => {
    const text = [
      'trigger.node.location=/',
      'token.count=2',
      'token[0].name=A',
      'token[0].location=A',
      'token[0].name=B',
      'token[1].name=C',
      'token[1].location=C',
      'event.deviceCustomString4==__stringConstant("x")',
      'additionaldata.Connection Number=C',
      'ecent.deviceVendor=__stringConstant("v")',
    ].join('\n');
    const ids = idsOf(parse(text));
    expect(ids).toEqual(expect.arrayContaining(['WDA207', 'WDA232', 'WDA233', 'WDA235']));
  });
});

describe('our own parser files', () => {
  it('the v2 template and the good fixture have no errors or warnings', () => {
    expect(noiseFree(renderParserFile('v2'))).toEqual([]);
    expect(lintOne('parser-properties', fixture('good', 'WDATP-connector.jsonparser.properties')).findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it("the v1 template shows the 1.0 mapping's known timestamp flaws, and nothing else that is an error", () => {
    const findings = parse(renderParserFile('v1'));
    expect(withRule(findings, 'WDA263')).toHaveLength(1);
    expect(withRule(findings, 'WDA265')).toHaveLength(1);
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['WDA263']);
  });
});

describe('timestamp patterns', () => {
  const mapped = (expr: string, tokens: Array<[string, string, string?]> = [['AlertTime', 'String']]) =>
    parse(parser(tokens, [`event.deviceReceiptTime=${expr}`]));

  it('WDA263: hh without a, in an operation argument and in a token format, marking hh', () => {
    const text = parser([['AlertTime', 'String']], ['event.deviceReceiptTime=__createOptionalTimeStampFromString(AlertTime,"yyyy-MM-dd\'T\'hh\\:mm\\:ss")']);
    const hit = withRule(parse(text), 'WDA263')[0]!;
    expect(spanText(text, hit)).toBe('hh');
    const tokenText = parser([['AlertTime', 'TimeStamp', "yyyy-MM-dd'T'hh:mm:ssX"]], ['event.deviceReceiptTime=AlertTime']);
    expect(spanText(tokenText, withRule(parse(tokenText), 'WDA263')[0]!)).toBe('hh');
    expect(withRule(mapped('__createOptionalTimeStampFromString(AlertTime,"MM/dd/yyyy hh:mm:ss a")'), 'WDA263')).toEqual([]);
    expect(withRule(mapped('__createOptionalTimeStampFromString(AlertTime,"yyyy-MM-dd\'T\'HH:mm:ssX")'), 'WDA263')).toEqual([]);
  });

  it('WDA264: more than SSS is an error; SSS on raw WDATP text is a warning; SSS on normalised text is fine', () => {
    const seven = withRule(mapped('__createOptionalTimeStampFromString(AlertTime,"yyyy-MM-dd\'T\'HH:mm:ss.SSSSSSSX")'), 'WDA264')[0]!;
    expect(seven.severity).toBe('error');
    const three = withRule(mapped('__createOptionalTimeStampFromString(AlertTime,"yyyy-MM-dd\'T\'HH:mm:ss.SSSX")'), 'WDA264')[0]!;
    expect(three.severity).toBe('warning');
    expect(withRule(mapped('__createOptionalTimeStampFromString(__stringTrim(AlertTime),"yyyy-MM-dd\'T\'HH:mm:ss.SSSX")'), 'WDA264')).toEqual([]);
  });

  it("WDA265: no zone on raw WDATP text, with a special word for a quoted 'Z'", () => {
    const none = withRule(mapped('__createOptionalTimeStampFromString(AlertTime,"yyyy-MM-dd\'T\'HH:mm:ss")'), 'WDA265')[0]!;
    expect(none.message).toMatch(/no zone/);
    const quoted = withRule(mapped("__safeToDate(AlertTime,\"yyyy-MM-dd'T'HH:mm:ss'Z'\")"), 'WDA265')[0]!;
    expect(quoted.message).toMatch(/quoted 'Z'/);
    expect(withRule(mapped('__safeToDate(AlertTime,"yyyy-MM-dd\'T\'HH:mm:ssX")'), 'WDA265')).toEqual([]);
  });

  it('WDA217: an invalid pattern letter in a token format is reported once', () => {
    const text = parser([['AlertTime', 'TimeStamp', 'yyyy-MM-dd qq']], ['event.deviceReceiptTime=AlertTime']);
    const findings = parse(text);
    expect(withRule(findings, 'WDA217')).toHaveLength(1);
    expect(withRule(findings, 'WDA263').concat(withRule(findings, 'WDA264'))).toEqual([]);
  });
});

describe('fields', () => {
  it('WDA261/WDA262: label without value and value without label', () => {
    const text = parser([['Actor', 'String']], ['event.deviceCustomString1Label=__stringConstant("Actor")', 'event.flexString2=Actor']);
    const findings = parse(text);
    expect(spanText(text, withRule(findings, 'WDA261')[0]!)).toBe('event.deviceCustomString1Label');
    expect(spanText(text, withRule(findings, 'WDA262')[0]!)).toBe('event.flexString2');
    const paired = parser([['Actor', 'String']], ['event.deviceCustomString1=Actor', 'event.deviceCustomString1Label=__stringConstant("Actor")']);
    expect(idsOf(parse(paired)).filter((id) => id === 'WDA261' || id === 'WDA262')).toEqual([]);
  });

  it('WDA266: typed tokens into incompatible fields', () => {
    const text = parser(
      [
        ['AlertPart', 'Integer'],
        ['IpAddress', 'IPAddress'],
        ['AlertTime', 'String'],
      ],
      [
        'event.sourceAddress=AlertPart',
        'event.deviceCustomNumber1=IpAddress',
        'event.deviceReceiptTime=AlertTime',
        'event.deviceCustomNumber2=AlertPart',
        'event.destinationAddress=IpAddress',
      ],
    );
    const hits = withRule(parse(text), 'WDA266');
    expect(hits.map((h) => spanText(text, h))).toEqual(['AlertPart', 'IpAddress', 'AlertTime']);
    expect(hits.map((h) => h.severity)).toEqual(['error', 'error', 'warning']);
  });

  it('WDA267: a constant longer than its field', () => {
    const long = 'x'.repeat(64);
    const findings = parse(parser([], [`event.deviceVendor=__stringConstant("${long}")`, `event.deviceCustomString1=__stringConstant("${long}")`]));
    const hits = withRule(findings, 'WDA267');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.message).toMatch(/64 characters.*at most 63/);
  });

  it('WDA260: UTF-8 bytes in a constant', () => {
    const text = parser([], ['event.deviceVendor=__stringConstant("Défense")']);
    expect(withRule(findingsOf('parser-properties', bytes(text, 'utf8')), 'WDA260')).toHaveLength(1);
    expect(withRule(findingsOf('parser-properties', bytes(text, 'latin1')), 'WDA260')).toEqual([]);
  });
});

describe('the bad parser fixture', () => {
  it('triggers one rule per mistake', () => {
    const ids = idsOf(lintOne('parser-properties', fixture('bad', 'WDATP-connector.jsonparser.properties')).findings);
    expect(ids).toEqual(expect.arrayContaining(['WDA226', 'WDA230', 'WDA237', 'WDA246', 'WDA261', 'WDA262', 'WDA263', 'WDA264', 'WDA266', 'WDA267']));
  });
});

describe('undeclared tokens', () => {
  it('suggest the declared token meant', () => {
    const text = parser([['AlertTitle', 'String']], ['event.name=AlertTitel']);
    expect(withRule(parse(text), 'WDA226')[0]!.hint).toBe('Did you mean the token AlertTitle? Token names are case-sensitive.');
  });
});

describe('what the timestamp rules claim is what Java does', () => {
  // compileSimpleDateFormat follows java.text.SimpleDateFormat (checked against the JVM in test/flex/java).
  it('hh without a reads 12:xx as 00:xx; S reads seven fraction digits as milliseconds', async () => {
    const { compileSimpleDateFormat } = await import('../../src/flex/java/index.js');
    const twelve = compileSimpleDateFormat("yyyy-MM-dd'T'hh:mm:ss").parse('2017-05-07T12:56:59.3191352Z', 'UTC');
    expect(new Date(twelve!).toISOString()).toBe('2017-05-07T00:56:59.000Z');
    const fraction = compileSimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSX").parse('2017-05-07T01:56:59.3191352Z', 'UTC');
    expect(new Date(fraction!).toISOString()).toBe('2017-05-07T02:50:10.352Z');
    const exact = compileSimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSX").parse('2017-05-07T01:56:59.319Z', 'UTC');
    expect(new Date(exact!).toISOString()).toBe('2017-05-07T01:56:59.319Z');
  });
});

describe('parser files from the wild', () => {
  it('a token index declared twice is one error (WDA207) naming the lines and the tokens lost, not one warning per key', () => {
    const text = [
      'trigger.node.location=/',
      'token.count=2',
      ...['host', 'msg', 'user'].flatMap((n) => [`token[0].name=${n}`, `token[0].type=String`, `token[0].location=${n}`]),
      'token[1].name=level',
      'token[1].location=level',
      'event.destinationHostName=host',
      'event.message=msg',
      'event.sourceUserName=user',
      'event.deviceSeverity=level',
    ].join('\n');
    const findings = parse(text);
    const dup = withRule(findings, 'WDA207');
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ severity: 'error', line: 6 });
    expect(dup[0]!.message).toContain('token[0] is declared 3 times (lines 3-11)');
    expect(dup[0]!.message).toContain('the tokens host, msg are lost');
  });

  it('a count that does not match and the indexes it leaves empty: one finding at one place, not two rules', () => {
    const text = ['trigger.node.location=/', 'token.count=4', 'token[0].name=A', 'token[0].location=a', 'event.message=A'].join('\n');
    const at = parse(text).filter((f) => f.line === 2);
    expect(at.map((f) => f.ruleId)).toEqual(['WDA205']);
    expect(at[0]!.message).toContain('no token is declared at token[1]..token[3]');
  });

  it('a mapping naming a token that did not load: no "did you mean" another token', () => {
    const text = parser(
      [
        ['t', 'TimeStamp', 'yyyy-MM-dd q'],
        ['u', 'String'],
      ],
      ['event.deviceReceiptTime=t', 'event.message=u'],
    );
    const f = withRule(parse(text), 'WDA226');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/^"t" is token\[0\], which did not load/);
    expect(f[0]!.hint).toBe('Correct token[0].');
  });

  it('tokens declared out of order: no finding', () => {
    const text = [
      'trigger.node.location=/',
      'token.count=2',
      'token[1].name=B',
      'token[1].location=b',
      'token[0].name=A',
      'token[0].location=a',
      'event.message=A',
      'event.name=B',
    ].join('\n');
    expect(parse(text)).toEqual([]);
  });

  it('timestamp findings speak of WDATP only on a file that reads Defender alerts', () => {
    const generic = parser([['ts', 'TimeStamp', "yyyy-MM-dd'T'HH:mm:ss"]], ['event.endTime=ts']);
    const noZone = withRule(parse(generic), 'WDA265')[0]!;
    expect(noZone.message).not.toMatch(/WDATP/);
    expect(noZone.hint).not.toMatch(/WDATP/);
    const defender = parser(
      [
        ['AlertTime', 'TimeStamp', "yyyy-MM-dd'T'HH:mm:ss"],
        ['AlertId', 'String'],
        ['LinkToWDATP', 'String'],
      ],
      ['event.endTime=AlertTime', 'event.externalId=AlertId', 'event.requestUrl=LinkToWDATP'],
    );
    const wdatp = withRule(parse(defender), 'WDA265')[0]!;
    expect(wdatp.message).toMatch(/WDATP's UTC times/);
    expect(wdatp.hint).toMatch(/v2 WDATP parser/);
  });

  it("a custom field without its label: the fix names that field's label", () => {
    const f = withRule(parse(parser([['a', 'String']], ['event.deviceCustomString4=a'])), 'WDA262')[0]!;
    expect(f.hint).toBe('Add event.deviceCustomString4Label=__stringConstant("<what deviceCustomString4 holds>").');
  });

  it('format __uri(): the format operation is not known (WDA252)', () => {
    const findings = parse(parser([['u', 'String', '__uri()']], ['event.requestUrl=u']));
    expect(idsOf(findings)).toEqual(['WDA252']);
  });

  it('160 extraprocessor keys: one notice (WDA236) naming the count', () => {
    const extra = Array.from({ length: 160 }, (_, i) => `extraprocessor[${Math.floor(i / 4)}].k${i % 4}=v`);
    const findings = parse(parser([['a', 'String']], ['event.message=a', ...extra]));
    expect(withRule(findings, 'WDA236')).toHaveLength(1);
    expect(withRule(findings, 'WDA236')[0]!.message).toMatch(/^160 extraprocessor\.\* keys/);
  });

  it('a conditional map keyed on a field the file never sets: a notice (WDA253)', () => {
    const text = parser(
      [['a', 'String']],
      [
        'event.message=a',
        'conditionalmap.count=1',
        'conditionalmap[0].field=event.deviceAction',
        'conditionalmap[0].mappings.count=1',
        'conditionalmap[0].mappings[0].values=x',
        'conditionalmap[0].mappings[0].event.name=a',
      ],
    );
    const f = withRule(parse(text), 'WDA253');
    expect(f).toHaveLength(1);
    expect(spanText(text, f[0]!)).toBe('event.deviceAction');
  });

  it('the code frame underlines the whole token name, spaces included', () => {
    const text = parser(
      [['tf', 'String', '__collection(filterType,false,false)']],
      ['event.requestUrl=__regexToken(Connection hostname,".*\\\\{.value.:.(.*).\\\\}.*")'],
    );
    const f = withRule(parse(text), 'WDA227')[0]!;
    expect(spanText(text, f)).toBe('Connection hostname');
  });

  it('a "==" fix pasted back into the file keeps the regex escapes', () => {
    const text = parser([['a', 'String']], ['event.message==__regexToken(a,".*\\\\{(.*)\\\\}")']);
    expect(withRule(parse(text), 'WDA232')[0]!.hint).toBe('Write event.message=__regexToken(a,".*\\\\{(.*)\\\\}")');
  });
});
