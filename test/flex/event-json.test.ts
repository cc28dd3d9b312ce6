import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventToJson, eventToJsonText, EVENT_FIELDS, type AgentSeverity, type EventValue, type ParsedEvent } from '../../src/flex/index.js';

describe('the JSON form of events', () => {
  it('DateTime as ISO-8601 UTC with ms, Long beyond 2^53 as a string, agentSeverity, additional data', () => {
    const e: ParsedEvent = {
      fields: new Map<string, EventValue>([
        ['deviceReceiptTime', 1601474960357],
        ['deviceCustomNumber1', 2n ** 60n],
        ['deviceCustomNumber2', 5n],
        ['name', 'x'],
      ]),
      agentSeverity: 'Very-High',
      additionalData: new Map([['Raw', '1']]),
      warnings: [],
      tokens: new Map(),
    };
    expect(eventToJson(e)).toEqual({
      deviceReceiptTime: '2020-09-30T14:09:20.357Z',
      deviceCustomNumber1: '1152921504606846976',
      deviceCustomNumber2: 5,
      name: 'x',
      agentSeverity: 'Very-High',
      'additionaldata.Raw': '1',
    });
  });

  it('property: the fast NDJSON text is exactly JSON.stringify of the JSON form', () => {
    const names = [...EVENT_FIELDS.keys()];
    const value = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.integer(),
      fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      fc.double(),
      fc.integer({ min: 0, max: 4e12 }),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.constantFrom(...names), value), { selector: ([k]) => k, maxLength: 8 }),
        fc.option(fc.constantFrom<AgentSeverity>('Low', 'Medium', 'High', 'Very-High', 'Unknown'), { nil: undefined }),
        fc.array(fc.tuple(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' })), { maxLength: 4 }),
        (fields, agentSeverity, data) => {
          const e: ParsedEvent = { fields: new Map(fields), additionalData: new Map(data), warnings: [], tokens: new Map() };
          if (agentSeverity) e.agentSeverity = agentSeverity;
          expect(eventToJsonText(e)).toBe(JSON.stringify(eventToJson(e)));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the engine’s slot-based NDJSON text', () => {
  it('property: for events of both shipped parser files it equals JSON.stringify of the Map-based JSON form', async () => {
    const { loadParserSpec, compileParser } = await import('../../src/flex/index.js');
    const { renderParserFile } = await import('../../src/connector/index.js');
    const parsers = (['v1', 'v2'] as const).map((profile) => compileParser(loadParserSpec(renderParserFile(profile)).spec));
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('', 'High', 'true', 'false', '10.0.0.1', '::1', '2020-09-30T14:09:20.35743Z'));
    const alert = fc.dictionary(
      fc.constantFrom(
        'AlertTime',
        'AlertTitle',
        'Severity',
        'IpAddress',
        'RemediationIsSuccess',
        'WasExecutingWhileDetected',
        'AlertPart',
        'FilePath',
        'Description',
        'LastProcessedTimeUtc',
        'MachineName',
        'Unmapped',
      ),
      fc.oneof(text, fc.boolean(), fc.constant(null), fc.integer()),
    );
    fc.assert(
      fc.property(alert, (record) => {
        for (const parser of parsers) {
          for (const e of parser.parse(record)) {
            const fast = eventToJsonText(e); // before the Maps are handed out, the slots answer
            expect(fast).toBe(JSON.stringify(eventToJson(e)));
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
