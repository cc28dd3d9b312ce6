import { defineRule } from '../../rule.js';
import { syntaxIssues, utf8Issues } from '../shared/encoding.js';
import { isSensitiveKey, type ClientContext } from './context.js';

const clientNonLatin1 = defineRule<ClientContext>({
  id: 'WDA129',
  name: 'client-non-latin1',
  family: 'client',
  severity: 'error',
  description: 'Characters outside ISO-8859-1 are written as \\uXXXX escapes (no UTF-8 bytes, no byte order mark).',
  fix: 'Write the character as a \\uXXXX escape, or save the file as ISO-8859-1 without a byte order mark.',
  help:
    'Java reads .properties files as ISO-8859-1. A UTF-8 "é" arrives as "Ã©", and a byte order mark becomes part ' +
    'of the first key, so that key is not found.',
  *check(ctx) {
    // secret[n] is 1 on the lines of secret entries: one byte a line (a secret may run over many continuation lines)
    const secret = new Uint8Array(ctx.lines.length + 2);
    for (const e of ctx.doc.entries) {
      if (isSensitiveKey(e.key)) secret.fill(1, e.line, Math.min(Math.max(e.line, e.endLine), ctx.lines.length + 1) + 1);
    }
    yield* utf8Issues(ctx, (line) => secret[line] !== 1);
  },
});

const clientSyntax = defineRule<ClientContext>({
  id: 'WDA130',
  name: 'client-properties-syntax',
  family: 'client',
  severity: 'error',
  description: 'The file loads with java.util.Properties (no malformed \\u escapes).',
  fix: 'Correct the escape: \\u must be followed by exactly four hex digits; write a literal backslash as \\\\.',
  help: "Java's Properties.load throws on a malformed \\uXXXX escape, so the connector cannot read the file at all.",
  check: (ctx) => syntaxIssues(ctx),
});

/** The client file encoding and syntax rules. Only listed rules run: lint/registry.ts gathers these lists, and a rule left out is an unused local. */
export const CLIENT_ENCODING_RULES = [clientNonLatin1, clientSyntax];
