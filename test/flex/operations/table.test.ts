import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPERATION_SPECS, OPERATIONS, OperationCompileError, UNEMULATED_OPERATIONS, updateOperationsDoc } from '../../../src/flex/operations/index.js';
import { IpAddress, MacAddress, type FlexValue } from '../../../src/flex/value.js';
import { context, type Warning } from './harness.js';

const REQUIRED = `__stringConstant __getVendor __integerConstant __longConstant __oneOf __oneOfInteger __oneOfLong __oneOfAddress
__oneOfMac __oneOfDateTime __oneOfHostName __oneOfNetBIOSName __concatenate __ifThenElse __ifThenElseAddress __ifAorBThenElse
__ifGreaterOrEqual __ifPositive __simpleMap __regexToken __regexTokenNoWarning __regexTokenAsAddress __regexTokenAsInteger
__regexTokenAsLong __split __splitAsAddress __splitAsInteger __splitAsLong __replaceAll __replaceFirst __toLowerCase
__toUpperCase __stringTrim __length __lengthOperation __safeToInteger __safeToLong __integerToLong __longToInteger
__longToString __sum __subtract __product __divide __firstOfPositiveInteger __getNotZeroPort __getDeviceDirection
__getOriginator __getType __getProtocolName __getProtocolNameFromString __extractNTDomain __extractNTUser __extractProtocol
__BASE64Decode __hexStringToString __hexStringToLong __toHex __longToDot4QuadAddress __hexStringToAddress
__reverseDottedDecimalAddressByteOrder __getLongMACAddressByString __getLongMACAddressByHexString
__createOptionalTimeStampFromString __safeToDate __longToTimeStamp __createLocalTimeStampFromSecondsSinceEpoch
__hourMinuteSecondsToSeconds __currentTimestampInSeconds __createTimeStamp __stringToIPv6Address __numberToAddress`.split(/\s+/);

const DOC = new URL('../../../docs/operations.md', import.meta.url);

function isFlexValue(v: unknown): boolean {
  if (v === null) return true;
  if (typeof v === 'string' || typeof v === 'bigint') return true;
  if (typeof v === 'number') return true;
  if (v instanceof Date) return !Number.isNaN(v.getTime());
  return v instanceof IpAddress || v instanceof MacAddress;
}

const flexValue: fc.Arbitrary<FlexValue> = fc.oneof(
  fc.constant(null),
  fc.string(),
  fc.constantFrom(
    '',
    '0',
    '-1',
    '23',
    '1:00:00',
    '10.0.0.1',
    '::1',
    'AA:BB:CC:DD:EE:FF',
    '2020-09-30T14:09:20Z',
    'true',
    '=',
    'a=b',
    '\\\\x',
    '0x1F',
    '(',
    '$1',
  ),
  fc.integer(),
  fc.double(),
  fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }),
  fc.integer({ min: -8.64e15, max: 8.64e15 }).map((n) => new Date(n)),
  fc.integer({ min: 0, max: 0xffffffff }).map((n) => new IpAddress(`${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`, 4)),
  fc.constant(new IpAddress('2001:db8::1', 6)),
  fc.constant(new MacAddress('00:11:22:33:44:55')),
);

describe('the OPERATIONS table', () => {
  it('has every operation the issue requires', () => {
    expect(REQUIRED.filter((n) => !OPERATIONS.has(n))).toEqual([]);
  });
  it('has complete metadata for every entry, keyed by its name or alias', () => {
    for (const [key, op] of OPERATIONS) {
      expect(key.startsWith('__'), key).toBe(true);
      const spec = OPERATION_SPECS.find((s) => s === op)!;
      expect([spec.name, ...(spec.aliases ?? [])]).toContain(key);
      expect(op.summary.length, key).toBeGreaterThan(10);
      expect(Number.isInteger(op.minArgs) && op.minArgs >= 0, key).toBe(true);
      expect(op.maxArgs === Infinity || (Number.isInteger(op.maxArgs) && op.maxArgs >= op.minArgs), key).toBe(true);
      expect(op.unverified === true, key).toBe(spec.source === 'unverified');
    }
  });
  it('keeps emulated and not-emulated names apart', () => {
    expect([...UNEMULATED_OPERATIONS].filter((n) => OPERATIONS.has(n))).toEqual([]);
  });
  it('every operation survives null, garbage and any argument count in range without throwing', () => {
    const names = [...OPERATIONS.keys()];
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.array(flexValue, { maxLength: 7 }),
        fc.array(fc.boolean(), { maxLength: 7 }),
        fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata', 'No/Such_Zone'),
        (name, raw, literalFlags, timeZone) => {
          const op = OPERATIONS.get(name)!;
          const count = Math.min(Math.max(raw.length, op.minArgs), op.maxArgs === Infinity ? op.minArgs + 6 : op.maxArgs);
          const args = Array.from({ length: count }, (_, i) => raw[i] ?? null);
          const literals = args.map((a, i) => (literalFlags[i] && typeof a === 'string' ? a : undefined));
          let impl;
          try {
            impl = op.compile(literals, { timeZone });
          } catch (e) {
            // Only a bad literal may stop compilation, and it must say which argument.
            expect(e).toBeInstanceOf(OperationCompileError);
            expect((e as OperationCompileError).argIndex).toBeLessThan(count);
            return;
          }
          const warnings: Warning[] = [];
          const value = impl(args, context(warnings, timeZone));
          expect(isFlexValue(value), `${name} returned ${String(value)}`).toBe(true);
          for (const w of warnings) expect(w.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
        },
      ),
      { numRuns: 3000 },
    );
  });
  it('every operation given only nulls returns null or a value, never throws', () => {
    for (const [name, op] of OPERATIONS) {
      const count = op.maxArgs === Infinity ? op.minArgs + 2 : op.maxArgs;
      const impl = op.compile(new Array(count).fill(undefined), { timeZone: 'UTC' });
      const value = impl(new Array<FlexValue>(count).fill(null), context([]));
      expect(isFlexValue(value), name).toBe(true);
    }
  });
});

describe('docs/operations.md', () => {
  it('carries the current generated operation table (UPDATE_DOCS=1 rewrites it)', () => {
    const current = readFileSync(DOC, 'utf8');
    const expected = updateOperationsDoc(current);
    if (process.env.UPDATE_DOCS === '1' && current !== expected) writeFileSync(DOC, expected);
    else expect(current).toBe(expected);
  });
});
