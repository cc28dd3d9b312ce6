/**
 * The emulator-only `name[member=value]` location step ("the first element of this kind"): its syntax, what it
 * selects, how it behaves on hostile input, and that the loader and validate mark it as emulator-only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEmulatorOnlyLocation, loadParserSpec, parseLocation } from '../../src/flex/index.js';
import { compile, parserText } from './support/parser-text.js';
import { lintOne, withRule } from '../lint/helpers.js';

describe('parseLocation', () => {
  it('plain slash paths are member steps; a leading slash and empty segments are ignored', () => {
    expect(parseLocation('/a//b/0')).toEqual([
      { kind: 'member', name: 'a' },
      { kind: 'member', name: 'b' },
      { kind: 'member', name: '0' },
    ]);
  });

  it('name[member=value] is a selector step; the value is the rest up to "]", "=" and "#" included', () => {
    expect(parseLocation('evidence[@odata.type=#x.y=z]/userAccount/accountName')).toEqual([
      { kind: 'select', name: 'evidence', member: '@odata.type', value: '#x.y=z' },
      { kind: 'member', name: 'userAccount' },
      { kind: 'member', name: 'accountName' },
    ]);
    expect(parseLocation('list[k=]')).toEqual([{ kind: 'select', name: 'list', member: 'k', value: '' }]);
  });

  it.each(['a[b]', 'a[=x]', '[a=b]', 'a[b=c]d', 'a[b[c=d]', 'a[b=c]]'])('%s is not a selector: it stays a plain key', (loc) => {
    expect(parseLocation(loc)).toEqual([{ kind: 'member', name: loc }]);
    expect(isEmulatorOnlyLocation(loc)).toBe(false);
  });
});

describe('first element of a kind', () => {
  const p = compile(
    [
      ['Host', 'String', 'items[type=device]/dns'],
      ['User', 'String', 'items[type=user]/account/name'],
      ['Whole', 'String', 'items[type=file]'],
      ['Num', 'String', 'items[n=2]/v'],
      ['Bool', 'String', 'items[ok=true]/v'],
      ['Tags', 'String', 'items[type=device]/tags'],
      ['Nested', 'String', 'groups[id=g2]/members[role=admin]/name'],
    ],
    [
      'event.sourceHostName=Host',
      'event.sourceUserName=User',
      'event.deviceCustomString1=Whole',
      'event.deviceCustomString2=Num',
      'event.deviceCustomString3=Bool',
      'event.deviceCustomString4=Tags',
      'event.deviceCustomString5=Nested',
    ],
  );
  const fields = (input: unknown) => Object.fromEntries(p.parse(input)[0]!.fields);

  it('the first matching element wins; elements of other kinds are passed over', () => {
    const f = fields({
      items: [
        { type: 'user', account: { name: 'alice' } },
        { type: 'device', dns: 'pc1' },
        { type: 'process', account: { name: 'SYSTEM' } },
        { type: 'device', dns: 'pc2' },
        { type: 'user', account: { name: 'bob' } },
      ],
    });
    expect(f.sourceHostName).toBe('pc1');
    expect(f.sourceUserName).toBe('alice');
  });

  it('the first element of the kind decides, even when its member is missing (no fall-through to a later one)', () => {
    const f = fields({ items: [{ type: 'device' }, { type: 'device', dns: 'pc2' }] });
    expect(f.sourceHostName).toBeUndefined();
  });

  it('no element of the kind, an empty array or a missing array: the token is absent, without warnings', () => {
    for (const input of [{ items: [{ type: 'other', dns: 'x' }] }, { items: [] }, {}]) {
      const [e] = p.parse(input);
      expect(e!.fields.has('sourceHostName')).toBe(false);
      expect(e!.warnings).toEqual([]);
    }
  });

  it('the selected element itself is its compact JSON text; its array members too', () => {
    const f = fields({
      items: [
        { type: 'file', name: 'a.exe', size: 3 },
        { type: 'device', dns: 'pc', tags: ['t1', 't2'] },
      ],
    });
    expect(f.deviceCustomString1).toBe('{"type":"file","name":"a.exe","size":3}');
    expect(f.deviceCustomString4).toBe('["t1","t2"]');
  });

  it('numbers and booleans compare as their text; null, objects and arrays never match', () => {
    const f = fields({
      items: [
        { n: null, v: 'null' },
        { n: [2], v: 'array' },
        { n: { x: 2 }, v: 'object' },
        { n: '2', v: 'text' },
        { ok: 'True', v: 'wrong case' },
        { ok: true, v: 'bool' },
      ],
    });
    expect(f.deviceCustomString2).toBe('text');
    expect(f.deviceCustomString3).toBe('bool');
    expect(fields({ items: [{ n: 2, v: 'number' }] }).deviceCustomString2).toBe('number');
    expect(
      fields({
        items: [
          { n: 2.0, v: 'two' },
          { n: 2.5, v: 'x' },
        ],
      }).deviceCustomString2,
    ).toBe('two');
  });

  it('selectors chain: the first group of one kind, then its first member of another', () => {
    const f = fields({
      groups: [
        { id: 'g1', members: [{ role: 'admin', name: 'wrong group' }] },
        {
          id: 'g2',
          members: [
            { role: 'user', name: 'u' },
            { role: 'admin', name: 'root' },
          ],
        },
      ],
    });
    expect(f.deviceCustomString5).toBe('root');
  });

  it('a single object in place of the array is a list of one: used when it matches', () => {
    expect(fields({ items: { type: 'device', dns: 'solo' } }).sourceHostName).toBe('solo');
    expect(fields({ items: { type: 'user', dns: 'solo' } }).sourceHostName).toBeUndefined();
  });

  it('records the emulation choice once it is exercised', () => {
    p.parse({ items: [{ type: 'device', dns: 'pc' }] });
    expect(p.assumptions.has('first-element-selector')).toBe(true);
  });
});

describe('first element of a kind: property', () => {
  const p = compile([['V', 'String', 'list[k=a]/v']], ['event.message=V']);
  const scalar = fc.oneof(fc.constantFrom('a', 'b', 'A', ''), fc.integer({ min: -2, max: 2 }), fc.boolean(), fc.constant(null));
  const element = fc.oneof(
    fc.record({ k: scalar, v: fc.oneof(fc.string({ minLength: 1, maxLength: 4 }), fc.constant(null)) }, { requiredKeys: [] }),
    scalar,
    fc.constant([]),
  );

  it('equals "the v of the first object whose k is the text a", for any list', () => {
    fc.assert(
      fc.property(fc.array(element, { maxLength: 12 }), (list) => {
        const first = list.find((el) => el !== null && typeof el === 'object' && !Array.isArray(el) && (el as { k?: unknown }).k === 'a') as
          { v?: unknown } | undefined;
        const want = typeof first?.v === 'string' && first.v !== '' ? first.v : undefined;
        expect(p.parse({ list })[0]!.fields.get('message')).toBe(want);
      }),
      { numRuns: 300 },
    );
  });
});

describe('* as the last step: the members no other token reads', () => {
  const p = compile(
    [
      ['Id', 'String', 'id'],
      ['Host', 'String', 'items[type=device]/dns'],
      ['MetaA', 'String', 'meta/a'],
      ['Rest', 'String', '*'],
      ['MetaRest', 'String', 'meta/*'],
      ['Star', 'String', 'odd/*/x'],
    ],
    [
      'event.externalId=Id',
      'event.sourceHostName=Host',
      'event.message=MetaA',
      'event.deviceCustomString1=Rest',
      'event.deviceCustomString2=MetaRest',
      'event.deviceCustomString3=Star',
    ],
  );
  const fields = (input: unknown) => Object.fromEntries(p.parse(input)[0]!.fields);

  it('collects the other members in their order as one JSON object; names other tokens read (plain or selector) are left out', () => {
    const f = fields({ id: '1', newer: 'n', items: [], meta: { a: 'A', b: 2 }, last: [true, null], nullish: null });
    expect(f.deviceCustomString1).toBe('{"newer":"n","last":[true,null],"nullish":null}');
    expect(f.deviceCustomString2).toBe('{"b":2}');
  });

  it('nothing left over, or no object there: no value and no warning', () => {
    const [e] = p.parse({ id: '1', items: [], meta: { a: 'A' }, odd: 1 });
    expect(e!.fields.has('deviceCustomString2')).toBe(false);
    expect(e!.warnings).toEqual([]);
    expect(fields({ id: '1', meta: 'text' }).deviceCustomString2).toBeUndefined();
    expect(fields({ id: '1', meta: ['a'] }).deviceCustomString2).toBeUndefined();
  });

  it('a * that is not the last step is the plain key "*", as before', () => {
    expect(parseLocation('odd/*/x')).toEqual([
      { kind: 'member', name: 'odd' },
      { kind: 'member', name: '*' },
      { kind: 'member', name: 'x' },
    ]);
    expect(fields({ odd: { '*': { x: 'star key' } } }).deviceCustomString3).toBe('star key');
    expect(isEmulatorOnlyLocation('odd/*/x')).toBe(false);
    expect(isEmulatorOnlyLocation('meta/*')).toBe(true);
  });

  it('a member named __proto__ is kept as an ordinary member, not a prototype', () => {
    const f = fields(JSON.parse('{"id":"1","__proto__":{"polluted":true},"constructor":"c"}'));
    expect(f.deviceCustomString1).toBe('{"__proto__":{"polluted":true},"constructor":"c"}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an object with 200 000 unread members: one pass, the event still produced', () => {
    const big: Record<string, unknown> = { id: 'big' };
    for (let i = 0; i < 200_000; i++) big[`m${i}`] = i;
    const [e] = p.parse(big);
    expect(e!.fields.get('externalId')).toBe('big');
    expect(String(e!.fields.get('deviceCustomString1'))).toHaveLength(4000);
    expect(e!.warnings.map((w) => w.code)).toEqual(['field-truncated']);
  });

  it('records the emulation choice once something is left over', () => {
    const q = compile(
      [
        ['Id', 'String', 'id'],
        ['Rest', 'String', '*'],
      ],
      ['event.externalId=Id', 'event.message=Rest'],
    );
    q.parse({ id: '1' });
    expect(q.assumptions.has('other-members')).toBe(false);
    q.parse({ id: '1', extra: 2 });
    expect(q.assumptions.has('other-members')).toBe(true);
  });
});

describe('hostile input costs at most its own record', () => {
  const p = compile(
    [
      ['Host', 'String', 'items[type=device]/dns'],
      ['Through', 'String', 'deep/name'],
      ['Id', 'String', 'id'],
    ],
    ['event.sourceHostName=Host', 'event.message=Through', 'event.externalId=Id'],
  );

  it('a huge array: one pass, stopping at the first match', () => {
    const items: unknown[] = Array.from({ length: 300_000 }, (_, i) => ({ type: 'file', dns: `f${i}` }));
    items.push({ type: 'device', dns: 'last' }, { type: 'device', dns: 'not this' });
    // Count the element reads: one pass reads each element up to the first match once, and nothing after it.
    const reads = new Map<string, number>();
    const counted = new Proxy(items, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads.set(key, (reads.get(key) ?? 0) + 1);
        return Reflect.get(target, key, receiver);
      },
    });
    const [e] = p.parse({ items: counted });
    expect(e!.fields.get('sourceHostName')).toBe('last');
    expect(reads.size).toBe(items.length - 1);
    expect([...reads.values()].filter((n) => n !== 1)).toEqual([]);
  });

  it('odd types where the array should be: strings, numbers, booleans, null, nested arrays give no value and no crash', () => {
    for (const items of ['device', 42, true, null, [[{ type: 'device', dns: 'inner' }]], [null, 1, 'x', [], { type: { nested: 'device' } }]]) {
      const events = p.parse([
        { id: 'a', items },
        { id: 'b', items: [{ type: 'device', dns: 'ok' }] },
      ]);
      expect(events.map((e) => e.fields.get('externalId'))).toEqual(['a', 'b']);
      expect(events[0]!.fields.has('sourceHostName')).toBe(false);
      expect(events[1]!.fields.get('sourceHostName')).toBe('ok');
    }
  });

  it('prototype names as array, member or value select nothing and leak nothing', () => {
    const q = compile(
      [
        ['A', 'String', 'constructor[name=Object]'],
        ['B', 'String', 'items[__proto__=x]/v'],
        ['C', 'String', 'items[toString=x]/v'],
      ],
      ['event.deviceCustomString1=A', 'event.deviceCustomString2=B', 'event.deviceCustomString3=C'],
    );
    const [e] = q.parse(JSON.parse('{"items":[{"v":"no"}]}'));
    expect(Object.fromEntries(e!.fields)).toEqual({});
    const [own] = q.parse(JSON.parse('{"items":[{"__proto__":"x","v":"own key"}]}'));
    expect(own!.fields.get('deviceCustomString2')).toBe('own key');
  });

  it('arrays nested 200 000 deep under a path through an array do not exhaust the stack', () => {
    const depth = 200_000;
    const text = `{"id":"deep","deep":${'['.repeat(depth)}{"name":"bottom"}${']'.repeat(depth)}}`;
    const [e] = p.parse(JSON.parse(text));
    expect(e!.fields.get('externalId')).toBe('deep');
    expect(e!.fields.get('message')).toBe('["bottom"]');
  });

  it('a selected value nested too deeply to write as JSON text costs that token only, with a warning', () => {
    const depth = 200_000;
    const text = `{"id":"n","items":[{"type":"device","dns":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}]}`;
    const [e, next] = p.parse([JSON.parse(text), { id: 'next', items: [{ type: 'device', dns: 'pc' }] }]);
    expect(e!.fields.get('externalId')).toBe('n');
    expect(e!.fields.has('sourceHostName')).toBe(false);
    expect(e!.warnings).toEqual([expect.objectContaining({ code: 'token-conversion-failed', token: 'Host' })]);
    expect(e!.warnings[0]!.message).toContain('nested more than');
    expect(next!.fields.get('sourceHostName')).toBe('pc');
  });
});

describe('marked emulator-only', () => {
  const text = parserText(
    [
      ['Host', 'String', 'evidence[@odata.type=#device]/deviceDnsName'],
      ['Id', 'String', 'id'],
      ['Ip', 'String', 'evidence[@odata.type=#ip]/ipAddress'],
    ],
    ['event.sourceHostName=Host', 'event.externalId=Id', 'event.sourceAddress=Ip'],
  );

  it('the loader reports emulator-only-location (info) once per file, at the first such location, naming the others', () => {
    const { findings } = loadParserSpec(text);
    const marked = findings.filter((f) => f.code === 'emulator-only-location');
    expect(marked).toHaveLength(1);
    // The whole value: token[0].location=evidence[@odata.type=#device]/deviceDnsName ends at column 62.
    expect(marked[0]).toMatchObject({ severity: 'info', line: 5, column: 19, endLine: 5, endColumn: 62 });
    expect(marked[0]!.message).toContain('evidence[@odata.type=#device]/deviceDnsName');
    expect(marked[0]!.message).toContain('(and 1 more token location: token[2])');
  });

  it('plain paths, indexes and paths through arrays are not marked', () => {
    const plain = parserText(
      [
        ['A', 'String', 'a/b'],
        ['B', 'String', 'list/0'],
        ['C', 'String', 'objs/name'],
      ],
      ['event.message=A', 'event.name=B', 'event.reason=C'],
    );
    expect(loadParserSpec(plain).findings.filter((f) => f.code === 'emulator-only-location')).toEqual([]);
  });

  it('validate reports it as WDA247, a notice that does not fail the check', () => {
    const result = lintOne('parser-properties', text);
    const found = withRule(result.findings, 'WDA247');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'info', line: 5, column: 19 });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
