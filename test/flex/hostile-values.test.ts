import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventToJson, jsonPreview, jsonText, jsonTextPieces, MAX_JSON_NESTING, nestedDeeperThan, toCef } from '../../src/flex/index.js';
import { compile } from './support/parser-text.js';

const DEPTH = 100_000;
/** A value nested DEPTH arrays deep, made as JSON.parse makes it (no recursion involved). */
const deep = (): unknown => JSON.parse(`${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`);

describe('JSON text without recursion', () => {
  it('is JSON.stringify for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect([...jsonTextPieces(v)].join('')).toBe(JSON.stringify(v));
      }),
    );
  });

  it('still works where JSON.stringify overflows the stack', () => {
    const v = deep();
    expect(() => JSON.stringify(v)).toThrow(RangeError);
    const text = jsonText(v);
    expect(text.length).toBe(2 * DEPTH);
    expect(text.startsWith('[[[')).toBe(true);
  });

  it('a preview is at most 80 characters, whatever the depth or size', () => {
    expect(jsonPreview(deep())).toBe(`${'['.repeat(77)}...`);
    expect(jsonPreview({ a: 'x'.repeat(10_000_000) })).toBe(`{"a":"${'x'.repeat(71)}...`);
    expect(jsonPreview({ a: [1, 'b'] })).toBe('{"a":[1,"b"]}');
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        expect(jsonPreview(v)).toBe(text.length > 80 ? `${text.slice(0, 77)}...` : text);
      }),
    );
  });

  it('tells the nesting depth against a limit', () => {
    expect(nestedDeeperThan(deep(), MAX_JSON_NESTING)).toBe(true);
    expect(nestedDeeperThan(JSON.parse(`${'['.repeat(3)}${']'.repeat(3)}`), 3)).toBe(false);
    expect(nestedDeeperThan(JSON.parse(`${'[{"a":'.repeat(2)}1${'}]'.repeat(2)}`), 3)).toBe(true);
    expect(nestedDeeperThan('text', 0)).toBe(false);
  });
});

describe('a record nested 10^5 levels deep costs only the offending value', () => {
  const p = compile(
    [
      ['Id', 'String', 'id'],
      ['Title', 'String', 'title'],
      ['Extra', 'String', 'extra'],
      ['Through', 'String', 'list/name'],
    ],
    ['event.externalId=Id', 'event.name=Title', 'additionaldata.Extra=Extra', 'event.message=Through'],
  );
  const encode = (e: Parameters<typeof toCef>[0]) => [toCef(e), JSON.stringify(eventToJson(e))];

  it('as the record itself: an event with a warning, the neighbours intact', () => {
    const events = p.parse([{ id: 'a' }, deep(), { id: 'c' }]);
    expect(events.map((e) => e.fields.get('externalId'))).toEqual(['a', undefined, 'c']);
    expect(events[1]!.warnings.map((w) => w.code)).toEqual(['trigger-node-not-object']);
    expect(events[1]!.warnings[0]!.message.length).toBeLessThan(200);
    events.forEach(encode);
  });

  it('in a mapped field: the field is dropped with a warning, the rest mapped', () => {
    const [e] = p.parse({ id: 'b', title: deep(), extra: 'kept' });
    expect(eventToJson(e!)).toMatchObject({ externalId: 'b', 'additionaldata.Extra': 'kept' });
    expect(e!.fields.has('name')).toBe(false);
    expect(e!.warnings.map((w) => w.message)).toEqual([expect.stringContaining(`nested more than ${MAX_JSON_NESTING} levels deep`)]);
    encode(e!);
  });

  it('in an additional-data field', () => {
    const [e] = p.parse({ id: 'b', extra: { x: deep() } });
    expect(eventToJson(e!)).toEqual(expect.objectContaining({ externalId: 'b' }));
    expect(eventToJson(e!)).not.toHaveProperty('additionaldata.Extra');
    expect(e!.warnings.map((w) => w.code)).toEqual(['token-conversion-failed']);
  });

  it('on a path through arrays', () => {
    const [e] = p.parse({ id: 'b', list: deep() });
    expect(e!.fields.get('externalId')).toBe('b');
    // Nested arrays on a path count as their elements (flattened without recursion): no element has a name.
    expect(e!.fields.has('message')).toBe(false);
  });

  it('values within the limit are still written as JSON text', () => {
    const ok = JSON.parse(`${'['.repeat(MAX_JSON_NESTING)}1${']'.repeat(MAX_JSON_NESTING)}`) as unknown;
    const [e] = p.parse({ id: 'b', extra: ok });
    expect(eventToJson(e!)['additionaldata.Extra']).toBe(JSON.stringify(ok));
  });
});
