/**
 * The mapping-expression language of FlexConnector parser files (the right-hand side of `event.<field>=`):
 *
 *   expr := __operation(arg, arg, ...)  |  "quoted literal"  |  bare text
 *   arg  := expr  |  <empty>            (an empty argument is null)
 *
 * Bare text is a token reference when a token of that name is declared, else a literal; the parser cannot know
 * which, so it yields `bare` nodes and `resolveExpression` decides once the tokens are known. Token names may
 * contain spaces and `/`; `$N` and `%N` are positional references (meaningful only in regex sub-messages).
 * Offsets are 0-based indexes into the expression text, `end` exclusive.
 */
export interface NodeBase {
  start: number;
  end: number;
}
export interface CallNode extends NodeBase {
  kind: 'call';
  name: string;
  args: ExprNode[];
  /** Offset just after the operation name (where `(` is). */
  nameEnd: number;
}
/** A double-quoted literal, its text exactly as written between the quotes. */
export interface StringNode extends NodeBase {
  kind: 'string';
  value: string;
}
/** Bare text before resolution. */
export interface BareNode extends NodeBase {
  kind: 'bare';
  text: string;
}
export interface TokenNode extends NodeBase {
  kind: 'token';
  name: string;
}
/** Bare text that names no declared token: its text is the value. */
export interface LiteralNode extends NodeBase {
  kind: 'literal';
  value: string;
  /** Set when the parser has __collection tokens: a collection element of this name wins over the text. */
  maybeToken?: true;
}
export interface GroupNode extends NodeBase {
  kind: 'group';
  ref: string;
}
export interface EmptyNode extends NodeBase {
  kind: 'empty';
}
export type ExprNode = CallNode | StringNode | BareNode | TokenNode | LiteralNode | GroupNode | EmptyNode;

export interface ExpressionError {
  message: string;
  /** Offset of the offending character. */
  offset: number;
}

export interface ParsedExpression {
  /** Absent only when the text does not parse. */
  ast?: ExprNode;
  error?: ExpressionError;
}

class SyntaxFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
const GROUP_REF = /^[$%]\d+$/;

export function parseExpression(text: string): ParsedExpression {
  const p = new Parser(text);
  try {
    return { ast: p.parseTop() };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { error: { message: error.message, offset: error.offset } };
    throw error;
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseTop(): ExprNode {
    this.skipSpace();
    const node = this.parseTerm(true);
    this.skipSpace();
    if (this.pos < this.text.length) {
      throw new SyntaxFailure(`unexpected ${describe(this.text[this.pos]!)} after the expression`, this.pos);
    }
    return node;
  }

  private parseTerm(top: boolean): ExprNode {
    this.skipSpace();
    const start = this.pos;
    const ch = this.text[this.pos];
    if (ch === '"') return this.parseString(top);
    const name = this.identifierBeforeParen();
    if (name !== undefined) return this.parseCall(name, start);
    return this.parseBare(top, start);
  }

  /** An identifier immediately followed by `(` (the start of a call), without consuming anything otherwise. */
  private identifierBeforeParen(): string | undefined {
    const t = this.text;
    let i = this.pos;
    if (i >= t.length || !IDENT_START.test(t[i]!)) return undefined;
    while (i < t.length && IDENT_PART.test(t[i]!)) i++;
    if (t[i] !== '(') return undefined;
    return t.slice(this.pos, i);
  }

  private parseCall(name: string, start: number): CallNode {
    const nameEnd = start + name.length;
    const open = nameEnd;
    this.pos = nameEnd + 1;
    const args: ExprNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ')') {
      this.pos++;
      return { kind: 'call', name, args, start, end: this.pos, nameEnd };
    }
    for (;;) {
      args.push(this.parseTerm(false));
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ')') {
        this.pos++;
        return { kind: 'call', name, args, start, end: this.pos, nameEnd };
      }
      if (c === undefined) throw new SyntaxFailure(`missing ')' to close ${name}(`, open);
      throw new SyntaxFailure(`expected ',' or ')' in the arguments of ${name}, found ${describe(c)}`, this.pos);
    }
  }

  /**
   * A quoted literal has no escapes (regexes in parser files keep their backslashes as written): it ends at the
   * first `"` that is followed by `,` or `)` (or the end of the expression at the top level), so a quote
   * elsewhere is part of the text.
   */
  private parseString(top: boolean): StringNode {
    const t = this.text;
    const start = this.pos;
    let firstQuote = -1;
    for (let i = t.indexOf('"', start + 1); i !== -1; i = t.indexOf('"', i + 1)) {
      if (firstQuote === -1) firstQuote = i;
      let j = i + 1;
      while (j < t.length && isSpace(t[j]!)) j++;
      const next = t[j];
      if (next === undefined || (!top && (next === ',' || next === ')'))) {
        this.pos = i + 1;
        return { kind: 'string', value: t.slice(start + 1, i), start, end: i + 1 };
      }
    }
    if (firstQuote === -1) throw new SyntaxFailure('unterminated string literal: no closing "', start);
    let after = firstQuote + 1;
    while (after < t.length && isSpace(t[after]!)) after++;
    throw new SyntaxFailure(`expected ${top ? 'the end' : "',' or ')'"} after the string literal, found ${describe(t[after]!)}`, after);
  }

  private parseBare(top: boolean, start: number): ExprNode {
    const t = this.text;
    let i = this.pos;
    if (top) i = t.length;
    else while (i < t.length && t[i] !== ',' && t[i] !== ')') i++;
    let end = i;
    while (end > start && isSpace(t[end - 1]!)) end--;
    this.pos = i;
    const text = t.slice(start, end);
    if (text === '') return { kind: 'empty', start, end: start };
    if (GROUP_REF.test(text)) return { kind: 'group', ref: text, start, end };
    return { kind: 'bare', text, start, end };
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && isSpace(this.text[this.pos]!)) this.pos++;
  }
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\f' || c === '\r' || c === '\n';
}

function describe(c: string): string {
  return c === ' ' ? 'a space' : `'${c}'`;
}

/** Walks every node of an expression, parents before children. */
export function walkExpression(node: ExprNode, visit: (n: ExprNode) => void): void {
  visit(node);
  if (node.kind === 'call') for (const a of node.args) walkExpression(a, visit);
}

/** The expression written back as text (for messages and `--show-tokens`). */
export function formatExpression(node: ExprNode): string {
  switch (node.kind) {
    case 'call':
      return `${node.name}(${node.args.map(formatExpression).join(',')})`;
    case 'string':
      return `"${node.value}"`;
    case 'bare':
      return node.text;
    case 'token':
      return node.name;
    case 'literal':
      return node.value;
    case 'group':
      return node.ref;
    case 'empty':
      return '';
  }
}

/** Names of the tokens an expression reads (declared tokens and possible __collection elements). */
export function walkTokens(node: ExprNode): string[] {
  const names: string[] = [];
  walkExpression(node, (n) => {
    if (n.kind === 'token') names.push(n.name);
    else if (n.kind === 'literal' && n.maybeToken) names.push(n.value);
  });
  return names;
}
