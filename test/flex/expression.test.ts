import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatExpression, parseExpression, type ExprNode } from '../../src/flex/expression.js';

function ast(text: string): ExprNode {
  const r = parseExpression(text);
  if (!r.ast) throw new Error(`did not parse: ${r.error!.message} at ${r.error!.offset}`);
  return r.ast;
}

/** The tree without positions, for readable expectations. */
function shape(n: ExprNode): unknown {
  switch (n.kind) {
    case 'call':
      return { [n.name]: n.args.map(shape) };
    case 'string':
      return `"${n.value}"`;
    case 'bare':
      return n.text;
    case 'group':
      return n.ref;
    case 'empty':
      return null;
    default:
      return n;
  }
}

describe('expression grammar', () => {
  it('reads a bare token reference', () => {
    expect(shape(ast('AlertTitle'))).toBe('AlertTitle');
  });

  it('reads nested calls with quoted and bare literals', () => {
    expect(shape(ast('__safeToInteger(__regexToken(Destination port,".*:(\\d+)"))'))).toEqual({
      __safeToInteger: [{ __regexToken: ['Destination port', '".*:(\\d+)"'] }],
    });
  });

  it('keeps token names with spaces and slashes, trimmed at both ends', () => {
    expect(shape(ast('__ifThenElse( i/f_dir , "inbound",Connection hostname,)'))).toEqual({
      __ifThenElse: ['i/f_dir', '"inbound"', 'Connection hostname', null],
    });
  });

  it('reads empty arguments as null, and () as no arguments', () => {
    expect(shape(ast('__ifThenElseAddress(source,,final_source,source)'))).toEqual({
      __ifThenElseAddress: ['source', null, 'final_source', 'source'],
    });
    expect(shape(ast('__currentTimestampInSeconds()'))).toEqual({ __currentTimestampInSeconds: [] });
  });

  it('reads $N and %N as positional references', () => {
    expect(shape(ast('__createLocalTimeStampFromSecondsSinceEpoch($5)'))).toEqual({ __createLocalTimeStampFromSecondsSinceEpoch: ['$5'] });
    expect(shape(ast('__split(%1,": ",1)'))).toEqual({ __split: ['%1', '": "', '1'] });
  });

  it('keeps backslashes in quoted literals as written (regexes)', () => {
    const n = ast('__regexToken(URI,".*\\{.value.:.(.*).\\}.*")') as Extract<ExprNode, { kind: 'call' }>;
    expect(n.args[1]).toMatchObject({ kind: 'string', value: '.*\\{.value.:.(.*).\\}.*' });
  });

  it('ends a quoted literal only at a quote followed by , or )', () => {
    const n = ast('__concatenate("say "hi"","\\")') as Extract<ExprNode, { kind: 'call' }>;
    expect(n.args.map((a) => (a as { value: string }).value)).toEqual(['say "hi"', '\\']);
  });

  it('records offsets of every node', () => {
    const n = ast('__concatenate(A, "b")') as Extract<ExprNode, { kind: 'call' }>;
    expect([n.start, n.end, n.nameEnd]).toEqual([0, 21, 13]);
    expect([n.args[0]!.start, n.args[0]!.end]).toEqual([14, 15]);
    expect([n.args[1]!.start, n.args[1]!.end]).toEqual([17, 20]);
  });

  it.each([
    ['__concatenate(a,b', 13, /missing '\)'/],
    ['__concatenate("a', 14, /unterminated string/],
    ['__concatenate("a" b)', 18, /expected ',' or '\)'/],
    ['__f(a) trailing', 7, /unexpected 't' after the expression/],
    ['__f(__g(x)y)', 10, /expected ',' or '\)'/],
  ])('reports %j at offset %i', (text, offset, message) => {
    const r = parseExpression(text);
    expect(r.ast).toBeUndefined();
    expect(r.error!.offset).toBe(offset);
    expect(r.error!.message).toMatch(message);
  });

  it('property: formatting a parsed expression and parsing it again gives the same tree', () => {
    const name = fc.stringMatching(/^__[a-z][A-Za-z]{0,8}$/);
    const bare = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 /_]{0,10}[A-Za-z0-9]$/);
    const quoted = fc.stringMatching(/^[^"]{0,12}$/).map((s) => `"${s}"`);
    const { expr } = fc.letrec<{ expr: string; arg: string }>((tie) => ({
      expr: fc.oneof(
        { depthSize: 'small' },
        bare,
        fc.tuple(name, fc.array(tie('arg'), { maxLength: 4 })).map(([n, args]) => `${n}(${args.join(',')})`),
      ),
      arg: fc.oneof(tie('expr'), quoted, fc.constant('')),
    }));
    fc.assert(
      fc.property(expr, (text) => {
        const first = ast(text);
        const again = ast(formatExpression(first));
        expect(shape(again)).toEqual(shape(first));
      }),
      { numRuns: 300 },
    );
  });
});
