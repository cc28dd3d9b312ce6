import { compileParser, loadParserSpec, type CompiledParser, type CompileOptions } from '../../../src/flex/index.js';

/** [name, type, location, format?] */
export type TokenRow = [string, string, string, string?];

/** Parser-file text with the given tokens (indexed in order) and extra lines. */
export function parserText(tokens: TokenRow[], lines: string[], trigger = '/'): string {
  const out = [`trigger.node.location=${trigger}`, `token.count=${tokens.length}`];
  tokens.forEach(([name, type, location, format], i) => {
    out.push(`token[${i}].name=${name}`, `token[${i}].type=${type}`, `token[${i}].location=${location}`);
    if (format !== undefined) out.push(`token[${i}].format=${format}`);
  });
  return [...out, ...lines].join('\n');
}

/** Loads and compiles; fails the test on any loader error. */
export function compile(tokens: TokenRow[], lines: string[], options: CompileOptions & { trigger?: string } = {}): CompiledParser {
  const { spec, findings } = loadParserSpec(parserText(tokens, lines, options.trigger));
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length) throw new Error(`loader errors: ${JSON.stringify(errors)}`);
  return compileParser(spec, options);
}
