import { describe, expect, it } from 'vitest';
import { compileParser, eventToJson, loadParserSpec } from '../../src/flex/index.js';
import { TRIGGERED_FILTERS_PARSER_LINES, TRIGGERED_FILTERS_RECORD } from '../support/collection-example.js';

/** Minimal parser files showing what real files written by other people do to the loader and the engine. */
const file = (...lines: string[]) => lines.join('\n');
const summary = (findings: ReturnType<typeof loadParserSpec>['findings']) => findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.code}`);

describe('parser files from the wild', () => {
  it('geo fields and requestUrlHost: ArcSight fills them itself; each costs only its own mapping', () => {
    const { spec, findings } = loadParserSpec(
      file(
        'trigger.node.location=/',
        'token.count=1',
        'token[0].name=a',
        'token[0].type=String',
        'token[0].location=a',
        'event.destinationGeoLatitude=a',
        'event.destinationGeoCountryCode=a',
        'event.requestUrlHost=a',
        'event.message=a',
      ),
    );
    expect(summary(findings)).toEqual(['6:7 warning connector-field', '7:7 warning connector-field', '8:7 warning connector-field']);
    expect(findings[0]!.message).toBe(
      'event.destinationGeoLatitude is not a field a parser sets: ArcSight fills it from the geo-location of the destination address; the mapping has no effect',
    );
    expect(findings[1]!.message).toMatch(/^event\.destinationGeoCountryCode is not a field a parser sets: ArcSight fills it from the geo-location/);
    expect(findings[2]!.message).toBe('event.requestUrlHost is not a field a parser sets: ArcSight derives it from requestUrl; the mapping has no effect');
    expect(compileParser(spec).parse({ a: 'x' }).map(eventToJson)).toEqual([{ message: 'x' }]);
  });

  it('__collection: the real triggeredFilters file gets clean values', () => {
    const { spec, findings } = loadParserSpec(file(...TRIGGERED_FILTERS_PARSER_LINES));
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const parser = compileParser(spec);
    const [e] = parser.parse(TRIGGERED_FILTERS_RECORD);
    expect(eventToJson(e!)).toEqual({ requestUrl: '/gate.php', destinationAddress: '203.0.113.7' });
    expect(e!.warnings).toEqual([]);
    expect(parser.assumptions.has('collection-elements')).toBe(true);
  });

  it('a token index declared twice: one error per index, naming its lines and the tokens lost', () => {
    const { spec, findings } = loadParserSpec(
      file(
        'trigger.node.location=/',
        'token.count=2',
        'token[0].name=host',
        'token[0].location=host',
        'token[0].name=msg',
        'token[0].location=msg',
        'token[1].name=user',
        'token[1].location=user',
        'event.destinationHostName=host',
        'event.message=msg',
      ),
    );
    const dup = findings.filter((f) => f.code === 'token-index-duplicate');
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({
      severity: 'error',
      line: 5,
      column: 1,
      message:
        'token[0] is declared 2 times (lines 3-6); Java keeps the last value of each key, so token[0] is msg; the token host is lost and mappings that name it get the name as literal text',
    });
    expect(spec.tokens.map((t) => t.name)).toEqual(['msg', 'user']);
    // The mapping that names the lost token says why its text is literal.
    expect(findings.find((f) => f.line === 9)).toMatchObject({
      code: 'undeclared-token',
      severity: 'warning',
      message: '"host" was token[0] until token[0] was declared again; it is used as literal text',
    });
    expect(compileParser(spec).parse({ host: 'h', msg: 'm' }).map(eventToJson)).toEqual([{ destinationHostName: 'host', message: 'm' }]);
  });

  it('a token whose declaration has an error: mappings that name it say so, not "not a declared token"', () => {
    const { findings } = loadParserSpec(
      file(
        'trigger.node.location=/',
        'token.count=2',
        'token[0].name=t',
        'token[0].type=TimeStamp',
        'token[0].format=yyyy-MM-dd q',
        'token[0].location=t',
        'token[1].name=u',
        'token[1].location=u',
        'event.deviceReceiptTime=t',
        'event.message=u',
      ),
    );
    expect(summary(findings)).toEqual(['5:17 error invalid-date-format', '9:25 warning undeclared-token']);
    expect(findings[1]).toMatchObject({
      message: '"t" is token[0], which did not load (see the error on its declaration); it is used as literal text',
      hint: 'Correct token[0].',
    });
  });

  it('tokens declared in descending order: no finding, as Java and the connector look tokens up by index', () => {
    const { findings, spec } = loadParserSpec(
      file(
        'trigger.node.location=/',
        'token.count=2',
        'token[1].name=B',
        'token[1].location=b',
        'token[0].name=A',
        'token[0].location=a',
        'event.message=A',
        'event.name=B',
      ),
    );
    expect(findings).toEqual([]);
    expect(spec.tokens.map((t) => t.name)).toEqual(['A', 'B']);
  });

  it('format __uri(): an unknown format operation, not "no effect on a String token"', () => {
    const { findings } = loadParserSpec(
      file('trigger.node.location=/', 'token.count=1', 'token[0].name=u', 'token[0].location=u', 'token[0].format=__uri()', 'event.requestUrl=u'),
    );
    expect(summary(findings)).toEqual(['5:17 warning unknown-format-operation']);
    expect(findings[0]!.message).toBe(
      'token[0].format __uri(): __uri is not a format operation the JSON parser is known to have (only __collection is); the emulation ignores the format',
    );
  });

  it('160 extraprocessor keys: one notice naming the count', () => {
    const extra = Array.from({ length: 40 }, (_, i) => [
      `extraprocessor[${i}].type=map`,
      `extraprocessor[${i}].filename=f${i}.csv`,
      `extraprocessor[${i}].clearfieldifnotfound=true`,
      `extraprocessor[${i}].conditionfield=name`,
    ]).flat();
    const { findings } = loadParserSpec(
      file('trigger.node.location=/', 'token.count=1', 'token[0].name=A', 'token[0].location=a', 'event.message=A', 'extraprocessor.count=40', ...extra),
    );
    expect(summary(findings)).toEqual(['6:1 info unsupported-key']);
    expect(findings[0]!.message).toBe(
      '161 extraprocessor.* keys (lines 6-166) belong to another parser type or an extra processor; the JSON parser emulation ignores them',
    );
  });

  it('a conditional map keyed on a field no mapping sets: a notice', () => {
    const { findings } = loadParserSpec(
      file(
        'trigger.node.location=/',
        'token.count=1',
        'token[0].name=A',
        'token[0].location=a',
        'event.message=A',
        'conditionalmap.count=1',
        'conditionalmap[0].field=event.deviceAction',
        'conditionalmap[0].mappings.count=1',
        'conditionalmap[0].mappings[0].values=x',
        'conditionalmap[0].mappings[0].event.name=A',
      ),
    );
    expect(summary(findings)).toEqual(['7:25 info conditionalmap-field-unset']);
    expect(findings[0]!.message).toBe('conditionalmap[0] tests event.deviceAction, which no mapping sets, so the map never matches');
  });

  it('a bare word with spaces: the finding spans the whole word', () => {
    const { findings } = loadParserSpec(
      file('trigger.node.location=/', 'token.count=1', 'token[0].name=A', 'token[0].location=a', 'event.message=__concatenate(A,Connection hostname)'),
    );
    const f = findings.find((x) => x.code === 'undeclared-token')!;
    expect([f.line, f.column, f.endLine, f.endColumn]).toEqual([5, 31, 5, 50]);
  });

  it('fixes quote the file as written: a "==" fix keeps the escapes Java needs', () => {
    const { findings } = loadParserSpec(
      file('trigger.node.location=/', 'token.count=1', 'token[0].name=A', 'token[0].location=a', 'event.message==__regexToken(A,".*\\\\{(.*)\\\\}")'),
    );
    expect(findings.find((f) => f.code === 'double-equals')!.hint).toBe('Write event.message=__regexToken(A,".*\\\\{(.*)\\\\}")');
  });

  it('an invalid regex is named once, not "__regexToken: __regexToken:"', () => {
    const { findings } = loadParserSpec(
      file('trigger.node.location=/', 'token.count=1', 'token[0].name=A', 'token[0].location=a', 'event.message=__regexToken(A,"(")'),
    );
    const f = findings.find((x) => x.code === 'invalid-operation-argument')!;
    expect(f.message).toMatch(/^__regexToken: invalid/);
    expect(f.message).not.toMatch(/__regexToken: __regexToken/);
  });
});

describe('parser files from the wild: repeats', () => {
  it('one unknown format operation on several tokens: one finding naming them', () => {
    const lines = ['trigger.node.location=/', 'token.count=3'];
    for (const i of [0, 1, 2]) lines.push(`token[${i}].name=t${i}`, `token[${i}].location=t${i}`, `token[${i}].format=__uri()`);
    lines.push('event.message=t0', 'event.name=t1', 'event.requestUrl=t2');
    const { findings } = loadParserSpec(lines.join('\n'));
    expect(findings.map((f) => [f.code, f.line, f.message])).toEqual([
      [
        'unknown-format-operation',
        5,
        'token[0].format __uri() (and 2 more tokens: token[1], token[2]): __uri is not a format operation the JSON parser is known to have (only __collection is); the emulation ignores the format',
      ],
    ]);
  });
});
