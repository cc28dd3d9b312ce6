import { describe, expect, it } from 'vitest';
import { OPERATIONS, OperationCompileError } from '../../../src/flex/operations/index.js';
import { IpAddress } from '../../../src/flex/value.js';
import { call, run, runTokens } from './harness.js';

const tok = (n: number) => ({ literal: [false, ...Array<boolean>(n).fill(true)] });

describe('__regexToken', () => {
  it('returns group 1 when the whole text matches (reference: .*sessID\\=([^\\!]+)\\!.*)', () => {
    const text = 'a;b;sessID=Ps21Nw0HgHxf2kzvPnzDZ5QSj2Rp-BLVs67zV6dL00dhv1mxh71RK!rest';
    expect(call('__regexToken', [text, '.*sessID\\=([^\\!]+)\\!.*'], tok(1)).value).toBe('Ps21Nw0HgHxf2kzvPnzDZ5QSj2Rp-BLVs67zV6dL00dhv1mxh71RK');
    expect(call('__regexToken', ['x#modelbreach/Device / New', '.*#modelbreach\\/(.*)'], tok(1)).value).toBe('Device / New');
  });
  it('uses matches(): a partial match is no match, and the warning says so', () => {
    // The tested-examples table shows user\=(.*)\s.* extracting "mrossi" from this text, which needs find();
    // the emulation reads __regexToken as matches() (see docs/operations.md) and explains the difference.
    const r = call('__regexToken', ['somestringofletters;user=mrossi someotherstringofcharacters', 'user\\=(.*)\\s.*'], tok(1));
    expect(r.value).toBeNull();
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]!.code).toBe('regex-no-match');
    expect(r.warnings[0]!.message).toContain('matches part of it');
    const none = call('__regexToken', ['abc', 'x(.*)'], tok(1));
    expect(none.warnings[0]!.message).not.toContain('part of it');
  });
  it('null input gives null silently; a group that did not take part gives null', () => {
    expect(call('__regexToken', [null, '(.*)'], tok(1))).toEqual({ value: null, warnings: [] });
    expect(call('__regexToken', ['b', '(a)?b'], tok(1)).value).toBeNull();
  });
  it('a pattern without a group gives null with a warning', () => {
    const r = call('__regexToken', ['abc', 'abc'], tok(1));
    expect(r.value).toBeNull();
    expect(r.warnings[0]?.code).toBe('regex-no-group');
  });
  it('a literal pattern that is not a valid Java regex fails at load time, naming the argument', () => {
    const op = OPERATIONS.get('__regexToken')!;
    let error: unknown;
    try {
      op.compile([undefined, '(unclosed'], { timeZone: 'UTC' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OperationCompileError);
    expect((error as OperationCompileError).argIndex).toBe(1);
  });
  it('a pattern from a token is compiled at run time; an invalid one warns', () => {
    expect(runTokens('__regexToken', 'k=v', 'k=(.*)')).toBe('v');
    const r = call('__regexToken', ['abc', '(unclosed'], { literal: [false, false] });
    expect(r.value).toBeNull();
    expect(r.warnings[0]?.code).toBe('invalid-argument');
  });
  it('follows Java regex syntax (possessive quantifiers, \\p classes)', () => {
    expect(call('__regexToken', ['id: 12345 end', '.*?(\\p{Digit}++).*'], tok(1)).value).toBe('12345');
  });
});

describe('__regexTokenNoWarning', () => {
  it('same result, no warning on a mismatch (reference)', () => {
    expect(call('__regexTokenNoWarning', ['abc', 'x(.*)'], tok(1))).toEqual({ value: null, warnings: [] });
    expect(call('__regexTokenNoWarning', ['k=v', 'k=(.*)'], tok(1)).value).toBe('v');
  });
});

describe('typed __regexToken variants', () => {
  it('__regexTokenAsAddress converts the group', () => {
    const v = call('__regexTokenAsAddress', ['Joe with IP 192.168.10.12 logged in', '.* ([0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+) .*'], tok(1)).value;
    expect(v).toBeInstanceOf(IpAddress);
    expect(String(v)).toBe('192.168.10.12');
  });
  it('__regexTokenAsInteger / __regexTokenAsLong', () => {
    expect(call('__regexTokenAsInteger', ['port=443', 'port=(\\d+)'], tok(1)).value).toBe(443);
    expect(call('__regexTokenAsLong', ['size=9007199254740993', 'size=(\\d+)'], tok(1)).value).toBe(9007199254740993n);
  });
  it('a group that does not convert gives null with a warning', () => {
    const r = call('__regexTokenAsInteger', ['port=99999999999', 'port=(\\d+)'], tok(1));
    expect(r.value).toBeNull();
    expect(r.warnings[0]?.code).toBe('conversion-failed');
  });
});

describe('__split', () => {
  it('1-based field of a regex split (reference: ("The string to split"," ",2) gives string)', () => {
    expect(call('__split', ['The string to split', ' ', '2'], tok(2)).value).toBe('string');
    expect(runTokens('__split', 'The string to split', ' ', 2)).toBe('string');
  });
  it('the delimiter is a regex (FlexEngine uses String.split)', () => {
    expect(call('__split', ['a1b22c', '\\d+', '3'], tok(2)).value).toBe('c');
    expect(call('__split', ['a.b.c', '.', '1'], tok(2)).value).toBeNull();
    expect(call('__split', ['a.b.c', '\\.', '2'], tok(2)).value).toBe('b');
    expect(call('__split', ['Account: x', ': ', '1'], tok(2)).value).toBe('Account');
  });
  it('a blank delimiter or index returns the text unchanged (FlexEngine)', () => {
    expect(call('__split', ['a b', '', '1'], tok(2)).value).toBe('a b');
    expect(call('__split', ['a b', ' ', 'x'], tok(2)).value).toBe('a b');
    expect(call('__split', ['a b', null, '1'], tok(2)).value).toBe('a b');
  });
  it('an index past the fields gives null with a warning; trailing empty fields do not count', () => {
    const r = call('__split', ['a,b,,', ',', '3'], tok(2));
    expect(r.value).toBeNull();
    expect(r.warnings[0]?.code).toBe('split-index-out-of-range');
    expect(call('__split', ['a b', ' ', '0'], tok(2)).value).toBeNull();
    expect(call('__split', [null, ' ', '1'], tok(2))).toEqual({ value: null, warnings: [] });
  });
});

describe('typed __split variants', () => {
  it('__splitAsAddress (reference: (LARGE,~,3) with second~bar~192.168.10.12~)', () => {
    expect(String(call('__splitAsAddress', ['second~bar~192.168.10.12~', '~', '3'], tok(2)).value)).toBe('192.168.10.12');
    expect(String(call('__splitAsAddress', ['10.0.0.1:8080', ':', '1'], tok(2)).value)).toBe('10.0.0.1');
  });
  it('__splitAsInteger / __splitAsLong', () => {
    expect(call('__splitAsInteger', ['10.0.0.1:8080', ':', '2'], tok(2)).value).toBe(8080);
    expect(call('__splitAsLong', ['a|5000000000', '\\|', '2'], tok(2)).value).toBe(5000000000n);
    expect(call('__splitAsInteger', ['a:b', ':', '2'], tok(2)).warnings[0]?.code).toBe('conversion-failed');
  });
});

describe('__replaceAll / __replaceFirst', () => {
  it('replace all or the first match (reference: ";" by " ")', () => {
    expect(call('__replaceAll', ['a;b;c', ';', ' '], tok(2)).value).toBe('a b c');
    expect(call('__replaceFirst', ['a;b;c', ';', ' '], tok(2)).value).toBe('a b;c');
  });
  it('supports $n group references', () => {
    expect(call('__replaceAll', ['john.smith', '(\\w+)\\.(\\w+)', '$2, $1'], tok(2)).value).toBe('smith, john');
  });
  it('an invalid group reference gives null with a warning', () => {
    const r = call('__replaceAll', ['abc', 'b', '$9'], tok(2));
    expect(r.value).toBeNull();
    expect(r.warnings[0]?.code).toBe('invalid-argument');
  });
  it('null input or replacement gives null', () => {
    expect(call('__replaceAll', [null, ';', ' '], tok(2)).value).toBeNull();
    expect(call('__replaceAll', ['a;b', ';', null], tok(2)).value).toBeNull();
  });
});

describe('run-time regexes are cached, not recompiled per value', () => {
  it('many distinct inputs through one call site stay correct', () => {
    for (let i = 0; i < 200; i++) expect(runTokens('__split', `x${i}:y`, ':', 1)).toBe(`x${i}`);
    expect(run('__replaceAll', 'aaa', 'a', 'b')).toBe('bbb');
  });
});
