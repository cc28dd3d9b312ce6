import { describe, expect, it } from 'vitest';
import { FLEX_FINDING_CODES, loadParserSpec, type FlexFinding } from '../../src/flex/index.js';

const HEAD = ['trigger.node.location=/', 'token.count=2', 'token[0].name=A', 'token[0].location=a', 'token[1].name=B', 'token[1].location=b'];

/** Loads HEAD plus the given lines (so the first extra line is line 7). */
function load(...lines: string[]) {
  return loadParserSpec([...HEAD, ...lines].join('\n'));
}

function only(findings: FlexFinding[], code: string): FlexFinding {
  const hits = findings.filter((f) => f.code === code);
  expect(hits, `findings: ${JSON.stringify(findings)}`).toHaveLength(1);
  return hits[0]!;
}

function at(f: FlexFinding): [number, number] {
  return [f.line, f.column];
}

describe('loading a parser file: what it contains', () => {
  it('reads trigger, tokens with types and formats, mappings, severity map, conditional maps and additional data', () => {
    const { spec, findings } = loadParserSpec(
      [
        '# comment',
        'trigger.node.location=/UserData',
        'token.count=3',
        'token[0].name=Time',
        'token[0].type=TimeStamp',
        "token[0].format=yyyy-MM-dd'T'HH\\:mm\\:ss",
        'token[0].location=EventXML/Time',
        'token[1].name=Code',
        'token[1].type=Integer',
        'token[1].location=EventXML/Code',
        'token[2].name=Filters',
        'token[2].format=__collection(filterType,false,false)',
        'token[2].location=triggeredFilters',
        'event.deviceReceiptTime=Time',
        'event.name=__concatenate("Code ",Code)',
        'severity.map.veryhigh.if.deviceSeverity=6,7',
        'additionaldata.enabled=true',
        'additionaldata.Raw Code=Code',
        'conditionalmap.count=1',
        'conditionalmap[0].field=event.name',
        'conditionalmap[0].mappings.count=1',
        'conditionalmap[0].mappings[0].values=Code 1, Code 2',
        'conditionalmap[0].mappings[0].event.deviceSeverity=__stringConstant("7")',
      ].join('\n'),
    );
    expect(spec.triggerNode).toBe('/UserData');
    expect(spec.tokens.map((t) => [t.name, t.type, t.location, t.format])).toEqual([
      ['Time', 'TimeStamp', 'EventXML/Time', "yyyy-MM-dd'T'HH:mm:ss"],
      ['Code', 'Integer', 'EventXML/Code', undefined],
      ['Filters', 'String', 'triggeredFilters', undefined],
    ]);
    expect(spec.tokens[2]!.collection).toEqual({ keyField: 'filterType', flags: ['false', 'false'] });
    expect(spec.mappings.map((m) => [m.field, m.text])).toEqual([
      ['deviceReceiptTime', 'Time'],
      ['name', '__concatenate("Code ",Code)'],
    ]);
    expect(spec.severityMap).toMatchObject([{ level: 'Very-High', values: ['6', '7'] }]);
    expect(spec.additionalDataEnabled).toBe(true);
    // "Raw Code": Java ends the key at the space, so the name is Raw and the value "Code=Code".
    expect(spec.additionalData.map((a) => [a.name, a.text])).toEqual([['Raw', 'Code=Code']]);
    expect(spec.conditionalMaps).toMatchObject([{ selector: { kind: 'field', field: 'name' }, mappings: [{ values: ['Code 1', 'Code 2'] }] }]);
    expect(findings.map((f) => f.code)).toEqual(['key-with-space', 'collection-reference']);
  });

  it('defaults a token without a type to String', () => {
    expect(load().spec.tokens.map((t) => t.type)).toEqual(['String', 'String']);
  });

  it('exports a one-line description for every finding code it can report', () => {
    for (const [code, meta] of Object.entries(FLEX_FINDING_CODES)) {
      expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(meta.description.length).toBeGreaterThan(10);
    }
  });
});

describe('loading a parser file: mistakes become positioned findings', () => {
  it('a token index used twice (the last one wins, as in Java)', () => {
    const { spec, findings } = load('token[1].name=C');
    expect(at(only(findings, 'token-index-duplicate'))).toEqual([7, 1]);
    expect(only(findings, 'token-index-duplicate').message).toMatch(/the token B is lost/);
    expect(spec.tokens.map((t) => t.name)).toEqual(['A', 'C']);
  });

  it('a token beyond token.count is ignored', () => {
    const { spec, findings } = load('token[2].name=C', 'token[2].location=c');
    expect(at(only(findings, 'token-beyond-count'))).toEqual([7, 1]);
    expect(only(findings, 'token-count-mismatch').message).toMatch(/token.count is 2 but 3 tokens are declared/);
    expect(spec.tokens).toHaveLength(2);
  });

  it('a count larger than the tokens declared names the missing indices', () => {
    const { findings } = loadParserSpec(['trigger.node.location=/', 'token.count=13', 'token[0].name=A', 'token[0].location=a'].join('\n'));
    const f = only(findings, 'token-count-mismatch');
    expect(at(f)).toEqual([2, 13]);
    expect(f.message).toMatch(/token\[1\]\.\.token\[12\]/);
    // One problem, one finding: the mismatch already names the missing indexes.
    expect(findings.filter((x) => x.code === 'token-missing')).toEqual([]);
  });

  it('a token without a name or a location', () => {
    const { spec, findings } = loadParserSpec(
      ['trigger.node.location=/', 'token.count=2', 'token[0].location=a', 'token[1].name=B', 'token[1].type=String'].join('\n'),
    );
    expect(at(only(findings, 'token-missing-name'))).toEqual([3, 1]);
    expect(at(only(findings, 'token-missing-location'))).toEqual([4, 1]);
    expect(spec.tokens).toEqual([]);
  });

  it('an unknown token type, with a did-you-mean', () => {
    const f = only(load('token[1].type=IpAddress').findings, 'unknown-token-type');
    expect(at(f)).toEqual([7, 15]);
    expect(f.hint).toBe('Did you mean IPAddress?');
    expect(f.severity).toBe('error');
  });

  it('a TimeStamp without a format, and an invalid date pattern', () => {
    expect(at(only(load('token[1].type=TimeStamp').findings, 'token-format-missing'))).toEqual([7, 1]);
    const f = only(load('token[1].type=TimeStamp', 'token[1].format=yyyy-MM-dd bb').findings, 'invalid-date-format');
    expect(at(f)).toEqual([8, 17]);
  });

  it('an expression that does not parse: the column of the offending character', () => {
    const f = only(load('event.name=__concatenate(A,"x" B)').findings, 'expression-syntax');
    expect(at(f)).toEqual([7, 32]);
    expect(f.severity).toBe('error');
  });

  it('columns account for escapes written in the value', () => {
    // \: takes two characters in the file but one in the value.
    const f = only(load('event.name=__concatenate("a\\:b",A B C)x').findings, 'expression-syntax');
    expect(at(f)).toEqual([7, 39]);
  });

  it('an unknown operation, with a did-you-mean', () => {
    const f = only(load('event.name=__concatenate(__toUppercase(A),B)').findings, 'unknown-operation');
    expect(at(f)).toEqual([7, 26]);
    expect(f.hint).toBe('Did you mean __toUpperCase?');
  });

  it('an operation with the wrong number of arguments', () => {
    const f = only(load('event.name=__toUpperCase(A,B)').findings, 'wrong-arity');
    expect(at(f)).toEqual([7, 12]);
    expect(f.message).toMatch(/takes 1 argument, not 2/);
  });

  it('a literal argument that cannot compile (an invalid regex)', () => {
    const f = only(load('event.name=__regexToken(A,"(unclosed")').findings, 'invalid-operation-argument');
    expect(at(f)).toEqual([7, 27]);
  });

  it('a field that is not in the ArcSight schema, with a did-you-mean', () => {
    const f = only(
      load('event.deviceCustomString7=A', 'event.sourceHostname=A').findings.filter((x) => x.line === 8),
      'unknown-field',
    );
    expect(at(f)).toEqual([8, 7]);
    expect(f.hint).toBe('Did you mean event.sourceHostName?');
    expect(only(load('event.deviceCustomString7=A').findings, 'unknown-field').severity).toBe('error');
  });

  it('a field the connector sets itself', () => {
    expect(at(only(load('event.agentSeverity=A').findings, 'connector-field'))).toEqual([7, 7]);
  });

  it('"==": the extra "=" is reported and ignored', () => {
    const { spec, findings } = load('event.deviceCustomString4==__regexToken(A,"(.*)")');
    expect(at(only(findings, 'double-equals'))).toEqual([7, 27]);
    expect(spec.mappings[0]).toMatchObject({ field: 'deviceCustomString4', text: '__regexToken(A,"(.*)")' });
  });

  it('"==" keeps error columns right', () => {
    const f = only(load('event.name==__toUpperCase(A,)x').findings, 'expression-syntax');
    expect(at(f)).toEqual([7, 30]);
  });

  it('a key with a space: Java ends the key there; the tell-tale is reported', () => {
    const { spec, findings } = load('additionaldata.Connection Number=A');
    const f = only(findings, 'key-with-space');
    expect(at(f)).toEqual([7, 1]);
    expect(f.message).toMatch(/key "additionaldata.Connection" with value "Number=A"/);
    expect(f.hint).toMatch(/additionaldata\.Connection\\ Number=/);
    expect(spec.additionalData.map((a) => [a.name, a.text])).toEqual([['Connection', 'Number=A']]);
  });

  it('a key with an escaped space is fine', () => {
    const { spec, findings } = load('additionaldata.Connection\\ Number=A');
    expect(findings.filter((f) => f.code === 'key-with-space')).toEqual([]);
    expect(spec.additionalData.map((a) => a.name)).toEqual(['Connection Number']);
  });

  it('typos in key prefixes: toket[N], ecent.', () => {
    const { findings } = load('toket[1].type=Integer', 'ecent.deviceVendor=__stringConstant("x")');
    const unknown = findings.filter((f) => f.code === 'unknown-key');
    expect(unknown.map((f) => [f.line, f.column, f.hint])).toEqual([
      [7, 1, 'Did you mean token[1].type?'],
      [8, 1, 'Did you mean event.deviceVendor?'],
    ]);
  });

  it('a misspelt token attribute', () => {
    expect(only(load('token[1].locaton=b').findings, 'token-unknown-attribute').hint).toBe('Did you mean token[1].location?');
  });

  it('keys of other parser types are recognised, not emulated', () => {
    expect(only(load('regex=(.*)').findings, 'unsupported-key').severity).toBe('info');
  });

  it('a repeated key: Java keeps the last value', () => {
    const { spec, findings } = load('event.name=A', 'event.name=B');
    expect(at(only(findings, 'duplicate-key'))).toEqual([8, 1]);
    expect(spec.mappings.map((m) => m.text)).toEqual(['B']);
  });

  it('bare text that names no token is literal text (warning when it looks like a typo)', () => {
    const { findings } = load('event.name=__concatenate(Aa,"x")', 'event.message=Nothing');
    expect(findings.filter((f) => f.code === 'undeclared-token').map((f) => [f.line, f.column, f.severity, f.hint])).toEqual([
      [7, 26, 'warning', 'Did you mean the token A?'],
      [8, 15, 'warning', 'Write __stringConstant("Nothing") if the text is meant.'],
    ]);
  });

  it('numbers as bare arguments are literals without a finding', () => {
    expect(load('event.name=__split(A," ",2)', 'event.message=B').findings).toEqual([]);
  });

  it('$N in a JSON parser is always null', () => {
    expect(at(only(load('event.name=__toUpperCase($3)').findings, 'positional-reference'))).toEqual([7, 26]);
  });

  it('an empty expression', () => {
    expect(at(only(load('event.name=').findings, 'empty-expression'))).toEqual([7, 1]);
  });

  it('severity levels: unknown words and values listed twice', () => {
    const { spec, findings } = load(
      'event.deviceSeverity=A',
      'severity.map.critical.if.deviceSeverity=9',
      'severity.map.very-high.if.deviceSeverity=8',
      'severity.map.high.if.deviceSeverity=7,8',
      'severity.map.low.if.deviceSeverity=7',
    );
    expect(findings.filter((f) => f.code === 'unknown-severity-level').map((f) => [f.line, f.column, f.hint])).toEqual([
      [8, 14, 'Levels are veryhigh, high, medium, low and unknown.'],
      [9, 14, 'Did you mean severity.map.veryhigh.if.deviceSeverity?'],
    ]);
    expect(at(only(findings, 'severity-value-conflict'))).toEqual([11, 36]);
    expect(spec.severityMap.map((r) => r.level)).toEqual(['High', 'Low']);
  });

  it('a severity map without a deviceSeverity mapping', () => {
    expect(at(only(load('severity.map.high.if.deviceSeverity=High').findings, 'severity-map-unused'))).toEqual([7, 1]);
  });

  it('conditional maps: selector missing, count mismatch, entries beyond the count, values missing', () => {
    const { spec, findings } = load(
      'conditionalmap.count=1',
      'conditionalmap[0].field=event.name',
      'conditionalmap[0].mappings.count=1',
      'conditionalmap[0].mappings[0].event.message=A',
      'conditionalmap[0].mappings[1].values=x',
      'conditionalmap[1].mappings.count=0',
    );
    expect(at(only(findings, 'conditionalmap-values-missing'))).toEqual([10, 1]);
    expect(findings.filter((f) => f.code === 'conditionalmap-beyond-count').map(at)).toEqual([
      [11, 1],
      [12, 1],
    ]);
    expect(findings.filter((f) => f.code === 'conditionalmap-count-mismatch').map(at)).toEqual([
      [7, 22],
      [9, 34],
    ]);
    expect(spec.conditionalMaps).toHaveLength(1);
    expect(at(only(load('conditionalmap.count=1', 'conditionalmap[0].mappings.count=0').findings, 'conditionalmap-selector-missing'))).toEqual([8, 1]);
  });

  it('a missing trigger, a missing or invalid token.count', () => {
    expect(only(loadParserSpec('token.count=0').findings, 'trigger-node-missing').severity).toBe('error');
    expect(at(only(loadParserSpec('trigger.node.location=/\ntoken[0].name=A\ntoken[0].location=a').findings, 'token-count-missing'))).toEqual([2, 1]);
    expect(at(only(loadParserSpec('trigger.node.location=/\ntoken.count=two').findings, 'token-count-invalid'))).toEqual([2, 13]);
  });

  it('tokens no mapping uses are pointed out (unless additional data is on)', () => {
    const { findings } = load('event.name=A');
    expect(at(only(findings, 'unused-token'))).toEqual([5, 1]);
    expect(load('event.name=A', 'additionaldata.enabled=true').findings).toEqual([]);
  });

  it('additionaldata.enabled that is neither true nor false', () => {
    expect(at(only(load('additionaldata.enabled=yes').findings, 'additionaldata-enabled-invalid'))).toEqual([7, 24]);
  });

  it('an operation whose semantics are unverified is marked as an assumption', () => {
    const f = only(load('event.name=__safeToInteger(A)', 'event.message=__safeToInteger(B)').findings, 'unverified-operation');
    expect([f.severity, f.line]).toEqual(['info', 7]);
  });

  it('never throws, whatever the text', () => {
    for (const text of ['', '=', '\\', 'token[', 'token[99999999999999999999].name=x', 'event.=x', 'conditionalmap[0].mappings[0].event.=', '\u0000\uffff']) {
      expect(() => loadParserSpec(text)).not.toThrow();
    }
  });
});
