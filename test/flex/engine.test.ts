import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileParser, eventToJson, loadParserSpec, type ParsedEvent } from '../../src/flex/index.js';
import { OPERATIONS } from '../../src/flex/operations/index.js';
import type { OperationDef } from '../../src/flex/operations/types.js';
import { compile } from './support/parser-text.js';

const json = (e: ParsedEvent) => eventToJson(e);
const codes = (e: ParsedEvent) => e.warnings.map((w) => w.code);

describe('trigger node', () => {
  const p = compile([['Id', 'String', 'id']], ['event.externalId=Id']);

  it('"/" on a top-level array: one event per element', () => {
    expect(p.parse([{ id: 'a' }, { id: 'b' }, { id: 'c' }]).map((e) => e.fields.get('externalId'))).toEqual(['a', 'b', 'c']);
  });

  it('"/" on an object: one event', () => {
    expect(p.parse({ id: 'a' }).map(json)).toEqual([{ externalId: 'a' }]);
  });

  it('an element that is not an object gives an event with null tokens and a warning', () => {
    const [e] = p.parse([42]);
    expect(json(e!)).toEqual({});
    expect(codes(e!)).toEqual(['trigger-node-not-object']);
  });

  it('a nested trigger path, through objects and arrays', () => {
    const nested = compile([['Id', 'String', 'id']], ['event.externalId=Id'], { trigger: '/response/items' });
    expect(nested.parse({ response: { items: [{ id: 'x' }, { id: 'y' }] } }).map((e) => e.fields.get('externalId'))).toEqual(['x', 'y']);
    expect(nested.parse({ response: { items: { id: 'z' } } }).map((e) => e.fields.get('externalId'))).toEqual(['z']);
    expect(nested.parse([{ response: { items: { id: 'p' } } }, { response: { items: { id: 'q' } } }]).length).toBe(2);
    expect(nested.parse({ response: {} })).toEqual([]);
  });
});

describe('token locations', () => {
  const p = compile(
    [
      ['Deep', 'String', 'a/b/c'],
      ['Scalars', 'String', 'list'],
      ['Objects', 'String', 'objs'],
      ['Through', 'String', 'objs/name'],
      ['Second', 'String', 'list/1'],
      ['Flag', 'String', 'flag'],
      ['Num', 'String', 'num'],
    ],
    [
      'event.message=Deep',
      'event.deviceCustomString1=Scalars',
      'event.deviceCustomString2=Objects',
      'event.deviceCustomString3=Through',
      'event.deviceCustomString4=Second',
      'event.deviceCustomString5=Flag',
      'event.deviceCustomString6=Num',
    ],
  );
  const [e] = p.parse({ a: { b: { c: 'deep' } }, list: ['x', 'y'], objs: [{ name: 'n1' }, { name: 'n2', v: 1 }], flag: false, num: 1.5 });

  it('follows nested objects', () => expect(e!.fields.get('message')).toBe('deep'));
  it('an array of scalars is its compact JSON text', () => expect(e!.fields.get('deviceCustomString1')).toBe('["x","y"]'));
  it('an array of objects is its compact JSON text', () => expect(e!.fields.get('deviceCustomString2')).toBe('[{"name":"n1"},{"name":"n2","v":1}]'));
  it('a path through an array collects every element', () => expect(e!.fields.get('deviceCustomString3')).toBe('["n1","n2"]'));
  it('a numeric segment indexes an array', () => expect(e!.fields.get('deviceCustomString4')).toBe('y'));
  it('booleans become "true"/"false", numbers their text', () => {
    expect(e!.fields.get('deviceCustomString5')).toBe('false');
    expect(e!.fields.get('deviceCustomString6')).toBe('1.5');
  });
  it('the guesses are recorded for the once-per-run notice', () => {
    expect([...p.assumptions.keys()].sort()).toEqual(['array-index-path', 'boolean-as-string', 'container-as-json', 'path-through-array']);
  });
});

describe('absent values: null, "" and missing are the same', () => {
  const p = compile(
    [
      ['V', 'Integer', 'v'],
      ['S', 'String', 's'],
      ['T', 'TimeStamp', 't', 'yyyy-MM-dd'],
    ],
    ['event.deviceCustomNumber1=V', 'event.message=S', 'event.startTime=T'],
  );
  it.each([[{ v: null, s: null, t: null }], [{ v: '', s: '', t: '' }], [{}]])('%j: no field, no warning', (alert) => {
    const [e] = p.parse(alert);
    expect(json(e!)).toEqual({});
    expect(e!.warnings).toEqual([]);
    expect([...e!.tokens.values()]).toEqual([null, null, null]);
  });
});

describe('token types and conversion failures', () => {
  const p = compile(
    [
      ['I', 'Integer', 'i'],
      ['L', 'Long', 'l'],
      ['IP', 'IPAddress', 'ip'],
      ['IP6', 'IPv6Address', 'ip6'],
      ['MAC', 'MacAddress', 'mac'],
      ['TS', 'TimeStamp', 'ts', "yyyy-MM-dd'T'HH:mm:ss.SSSX"],
      ['D', 'Date', 'd', 'dd/MM/yyyy'],
      ['TM', 'Time', 'tm'],
    ],
    [
      'event.deviceCustomNumber1=I',
      'event.deviceCustomNumber2=L',
      'event.sourceAddress=IP',
      'event.deviceCustomIPv6Address1=IP6',
      'event.sourceMacAddress=MAC',
      'event.startTime=TS',
      'event.endTime=D',
      'event.deviceCustomDate1=TM',
    ],
  );

  it('converts valid values', () => {
    const [e] = p.parse({
      i: '2147483647',
      l: 9007199254740993n.toString(),
      ip: '10.1.2.3',
      ip6: '2001:DB8:0:0:0:0:0:1',
      mac: 'aa-bb-cc-dd-ee-0f',
      ts: '2020-09-30T14:09:20.357+02:00',
      d: '30/09/2020',
      tm: '01:02:03',
    });
    expect(e!.warnings).toEqual([]);
    expect(json(e!)).toEqual({
      deviceCustomNumber1: 2147483647,
      deviceCustomNumber2: '9007199254740993',
      sourceAddress: '10.1.2.3',
      deviceCustomIPv6Address1: '2001:db8::1',
      sourceMacAddress: 'AA:BB:CC:DD:EE:0F',
      startTime: '2020-09-30T12:09:20.357Z',
      endTime: '2020-09-30T00:00:00.000Z',
      deviceCustomDate1: '1970-01-01T01:02:03.000Z',
    });
    expect(e!.fields.get('deviceCustomNumber2')).toBe(9007199254740993n);
  });

  it('JSON numbers for Integer and Long tokens', () => {
    const [e] = p.parse({ i: -5, l: 1600000000000 });
    expect(e!.tokens.get('I')).toBe(-5);
    expect(e!.tokens.get('L')).toBe(1600000000000n);
  });

  it('a failed conversion nulls the token and warns with token, value and reason; the event is still produced', () => {
    const [e] = p.parse({ i: '2147483648', l: 'ten', ip: '10.1.2.300', ip6: 'fe80::1::2', mac: '00:11', ts: '30.09.2020', d: 7.5, tm: 'noon' });
    expect(json(e!)).toEqual({});
    expect(e!.warnings.map((w) => [w.code, w.token])).toEqual([
      ['token-conversion-failed', 'I'],
      ['token-conversion-failed', 'L'],
      ['token-conversion-failed', 'IP'],
      ['token-conversion-failed', 'IP6'],
      ['token-conversion-failed', 'MAC'],
      ['token-conversion-failed', 'TS'],
      ['token-conversion-failed', 'D'],
      ['token-conversion-failed', 'TM'],
    ]);
    expect(e!.warnings[0]!.message).toBe('token I (Integer): cannot convert "2147483648": not an Integer (Integer.parseInt fails); the token is null');
    expect(e!.warnings[2]!.message).toMatch(/token IP \(IPAddress\): cannot convert "10.1.2.300": not an IPv4 or IPv6 address/);
    expect(e!.warnings[5]!.message).toMatch(/does not match the date pattern/);
  });

  it('Integer tokens follow Integer.parseInt: no spaces, no fractions', () => {
    expect(codes(p.parse({ i: ' 42' })[0]!)).toEqual(['token-conversion-failed']);
    expect(codes(p.parse({ i: 4.2 })[0]!)).toEqual(['token-conversion-failed']);
    expect(p.parse({ i: '+42' })[0]!.tokens.get('I')).toBe(42);
  });

  it('a Long JSON number beyond 2^53 warns about lost precision', () => {
    expect(codes(p.parse({ l: 2 ** 60 })[0]!)).toEqual(['token-precision-lost']);
  });

  it('zone-less timestamps are read in the connector time zone', () => {
    const zoned = compile([['T', 'TimeStamp', 't', 'yyyy-MM-dd HH:mm:ss']], ['event.startTime=T'], { timeZone: 'Europe/Berlin' });
    expect(json(zoned.parse({ t: '2020-07-01 12:00:00' })[0]!)).toEqual({ startTime: '2020-07-01T10:00:00.000Z' });
    const utc = compile([['T', 'TimeStamp', 't', 'yyyy-MM-dd HH:mm:ss']], ['event.startTime=T']);
    expect(json(utc.parse({ t: '2020-07-01 12:00:00' })[0]!)).toEqual({ startTime: '2020-07-01T12:00:00.000Z' });
  });
});

describe('values are converted to the field type', () => {
  const p = compile(
    [
      ['S', 'String', 's'],
      ['N', 'Integer', 'n'],
    ],
    [
      'event.sourceAddress=S',
      'event.deviceCustomNumber1=S',
      'event.externalId=S',
      'event.destinationPort=N',
      'event.deviceDirection=S',
      'event.sourceMacAddress=S',
      'event.deviceCustomFloatingPoint1=S',
      'event.deviceCustomIPv6Address1=S',
    ],
  );

  it('a string that is not an address into an address field: unset, with a warning', () => {
    const [e] = p.parse({ s: 'host.example.com', n: 80 });
    expect(e!.fields.has('sourceAddress')).toBe(false);
    const w = e!.warnings.find((x) => x.field === 'sourceAddress')!;
    expect(w.code).toBe('field-conversion-failed');
    expect(w.message).toMatch(/event.sourceAddress \(IPAddress\): cannot store "host.example.com"/);
  });

  it('a numeric string into a Long field is parsed', () => {
    const [e] = p.parse({ s: '1', n: 80 });
    expect(e!.fields.get('deviceCustomNumber1')).toBe(1n);
    expect(e!.fields.get('deviceDirection')).toBe(1);
    expect(e!.fields.get('deviceCustomFloatingPoint1')).toBe(1);
    expect(e!.fields.get('destinationPort')).toBe(80);
  });

  it('over-long strings are truncated to the field maximum, with a warning', () => {
    const [e] = p.parse({ s: 'x'.repeat(50) });
    expect(e!.fields.get('externalId')).toBe('x'.repeat(40));
    expect(e!.warnings.find((w) => w.code === 'field-truncated')).toMatchObject({
      field: 'externalId',
      message: 'event.externalId: 50 characters truncated to 40',
    });
    expect(p.assumptions.has('string-truncated')).toBe(true);
  });

  it('numbers outside a field range leave it unset', () => {
    const [e] = p.parse({ n: 70000, s: '2' });
    expect(e!.fields.has('destinationPort')).toBe(false);
    expect(e!.fields.has('deviceDirection')).toBe(false);
    expect(codes(e!).filter((c) => c === 'field-out-of-range')).toHaveLength(2);
  });

  it('an IPv4 address in an IPv6 field is refused; MAC text is normalised', () => {
    const [e] = p.parse({ s: '001122334455' });
    expect(e!.fields.get('sourceMacAddress')).toBe('00:11:22:33:44:55');
    const [v4] = p.parse({ s: '1.2.3.4' });
    expect(v4!.fields.has('deviceCustomIPv6Address1')).toBe(false);
    expect(v4!.fields.get('sourceAddress')).toBe('1.2.3.4');
  });
});

describe('severity.map', () => {
  const p = compile(
    [['Sev', 'String', 'sev']],
    [
      'event.deviceSeverity=Sev',
      'severity.map.veryhigh.if.deviceSeverity=6,7',
      'severity.map.high.if.deviceSeverity=High,5',
      'severity.map.unknown.if.deviceSeverity=UnSpecified',
    ],
  );

  it.each([
    ['High', 'High'],
    ['5', 'High'],
    ['7', 'Very-High'],
    ['UnSpecified', 'Unknown'],
  ])('deviceSeverity %s → agentSeverity %s; deviceSeverity keeps the raw value', (raw, level) => {
    const [e] = p.parse({ sev: raw });
    expect(e!.agentSeverity).toBe(level);
    expect(e!.fields.get('deviceSeverity')).toBe(raw);
  });

  it('an unmatched value leaves the agent severity unset and records the assumption', () => {
    const [e] = p.parse({ sev: 'high' });
    expect(e!.agentSeverity).toBeUndefined();
    expect(p.assumptions.has('severity-unmatched')).toBe(true);
  });
});

describe('conditionalmap', () => {
  const p = compile(
    [
      ['Code', 'Integer', 'code'],
      ['Kind', 'String', 'kind'],
    ],
    [
      'event.deviceEventClassId=Code',
      'event.name=__stringConstant("generic")',
      'conditionalmap.count=2',
      'conditionalmap[0].field=event.deviceEventClassId',
      'conditionalmap[0].mappings.count=2',
      'conditionalmap[0].mappings[0].values=400,401,403',
      'conditionalmap[0].mappings[0].event.name=__concatenate("client error ",Code)',
      'conditionalmap[0].mappings[0].event.priority=Code',
      'conditionalmap[0].mappings[1].values=500',
      'conditionalmap[0].mappings[1].event.name=__stringConstant("server error")',
      'conditionalmap[1].token=Kind',
      'conditionalmap[1].mappings.count=1',
      'conditionalmap[1].mappings[0].values=audit',
      'conditionalmap[1].mappings[0].event.deviceEventCategory=__stringConstant("Audit")',
    ],
  );

  it('runs after the event mappings, on the field they set, overriding', () => {
    expect(json(p.parse({ code: 401 })[0]!)).toEqual({ deviceEventClassId: '401', name: 'client error 401' });
    expect(json(p.parse({ code: 500 })[0]!)).toEqual({ deviceEventClassId: '500', name: 'server error' });
  });

  it('leaves the event alone when no value matches', () => {
    expect(json(p.parse({ code: 200 })[0]!)).toEqual({ deviceEventClassId: '200', name: 'generic' });
  });

  it('can select on a token', () => {
    expect(json(p.parse({ kind: 'audit' })[0]!)).toEqual({ name: 'generic', deviceEventCategory: 'Audit' });
  });
});

describe('additional data', () => {
  it('explicit additionaldata.<name> entries', () => {
    const p = compile(
      [
        ['A', 'String', 'a'],
        ['B', 'Integer', 'b'],
      ],
      ['event.message=A', 'additionaldata.Doubled=__concatenate(A,A)', 'additionaldata.B=B'],
    );
    const [e] = p.parse({ a: 'x', b: 3 });
    expect([...e!.additionalData]).toEqual([
      ['Doubled', 'xx'],
      ['B', '3'],
    ]);
    expect(json(e!)).toEqual({ message: 'x', 'additionaldata.Doubled': 'xx', 'additionaldata.B': '3' });
  });

  it('additionaldata.enabled attaches every token no mapping uses', () => {
    const p = compile(
      [
        ['A', 'String', 'a'],
        ['B', 'Integer', 'b'],
        ['C', 'String', 'c'],
      ],
      ['event.message=A', 'additionaldata.enabled=true'],
    );
    const [e] = p.parse({ a: 'x', b: 3 });
    expect([...e!.additionalData]).toEqual([['B', '3']]);
  });
});

describe('__collection tokens', () => {
  const p = compile(
    [['Filters', 'String', 'triggeredFilters', '__collection(filterType,false,false)']],
    [
      'event.requestUrl=__regexToken(URI,".*.value.:.([^\\"]*).*")',
      'event.destinationHostName=__regexToken(Connection hostname,".*.value.:.([^\\"]*).*")',
      'event.message=Filters',
    ],
  );

  it("each element becomes a pseudo-token named by its key member, valued with its last member's JSON text", () => {
    const [e] = p.parse({
      triggeredFilters: [
        { filterType: 'URI', trigger: { value: 'http://x.example/a' } },
        { filterType: 'Connection hostname', trigger: { value: 'x.example' } },
      ],
    });
    expect(json(e!)).toMatchObject({ requestUrl: 'http://x.example/a', destinationHostName: 'x.example' });
    expect(e!.tokens.get('URI')).toBe('{"value":"http://x.example/a"}');
    expect(p.assumptions.has('collection-elements')).toBe(true);
  });
});

describe('compiled once', () => {
  it('operations compile per call site at compile time, never per event', () => {
    let compiles = 0;
    const counting = new Map<string, OperationDef>();
    for (const [name, def] of OPERATIONS) {
      counting.set(name, {
        ...def,
        compile: (literals, env) => {
          compiles++;
          return def.compile(literals, env);
        },
      });
    }
    const { spec } = loadParserSpec(
      [
        'trigger.node.location=/',
        'token.count=1',
        'token[0].name=A',
        'token[0].location=a',
        'event.message=__regexToken(A,"x(.*)")',
        'event.name=__toUpperCase(__replaceAll(A,"x","y"))',
      ].join('\n'),
    );
    const p = compileParser(spec, { operations: counting });
    const after = compiles;
    expect(after).toBe(3);
    const events = p.parse(Array.from({ length: 200 }, (_, i) => ({ a: `x${i}` })));
    expect(events[199]!.fields.get('message')).toBe('199');
    expect(compiles).toBe(after);
  });
});

describe('properties of the engine', () => {
  const p = compile(
    [
      ['S', 'String', 's'],
      ['I', 'Integer', 'i'],
      ['L', 'Long', 'l'],
      ['IP', 'IPAddress', 'ip'],
      ['M', 'MacAddress', 'm'],
      ['T', 'TimeStamp', 't', 'yyyy-MM-dd HH:mm:ss'],
    ],
    [
      'event.message=S',
      'event.deviceCustomNumber1=L',
      'event.baseEventCount=I',
      'event.sourceAddress=IP',
      'event.sourceMacAddress=M',
      'event.startTime=T',
      'event.name=__concatenate(S,I)',
    ],
  );
  const anyJson = fc.jsonValue({ maxDepth: 2 });

  it('never throws, makes one event per element, and every value is null or of the field type', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ s: anyJson, i: anyJson, l: anyJson, ip: anyJson, m: anyJson, t: anyJson }, { requiredKeys: [] }), { maxLength: 5 }),
        (alerts) => {
          const events = p.parse(alerts);
          expect(events).toHaveLength(alerts.length);
          for (const e of events) {
            const f = e.fields;
            if (f.has('message')) expect(typeof f.get('message')).toBe('string');
            if (f.has('deviceCustomNumber1')) expect(typeof f.get('deviceCustomNumber1')).toBe('bigint');
            if (f.has('baseEventCount')) expect(Number.isInteger(f.get('baseEventCount'))).toBe(true);
            if (f.has('startTime')) expect(Number.isFinite(f.get('startTime'))).toBe(true);
            for (const w of e.warnings) expect(w.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('String tokens carry any non-empty text unchanged (up to the field maximum)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 1100, unit: 'grapheme' }), (s) => {
        const [e] = p.parse({ s });
        expect(e!.fields.get('message')).toBe(s.slice(0, 1023));
      }),
      { numRuns: 200 },
    );
  });

  it('Integer tokens keep every int32 and refuse everything outside it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.integer({ min: 2 ** 31, max: 2 ** 40 }), fc.integer({ min: -(2 ** 40), max: -(2 ** 31) - 1 })), (n) => {
        const [e] = p.parse({ i: n });
        const ok = n >= -(2 ** 31) && n < 2 ** 31;
        expect(e!.tokens.get('I')).toBe(ok ? n : null);
        expect(codes(e!)).toEqual(ok ? [] : ['token-conversion-failed']);
      }),
      { numRuns: 300 },
    );
  });

  it('IPv4 addresses round-trip through an IPAddress token and field', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(p.parse({ ip })[0]!.fields.get('sourceAddress')).toBe(ip);
      }),
    );
  });
});
