import { defineRule } from '../../rule.js';
import { syntaxIssues, utf8Issues } from '../shared/encoding.js';
import { isSensitiveKey, type ClientContext } from './context.js';

export const clientNonLatin1 = defineRule<ClientContext>({
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
    // The lines of secret entries, as ranges (a secret may run over thousands of continuation lines).
    const secrets = ctx.doc.entries.filter((e) => isSensitiveKey(e.key));
    yield* utf8Issues(ctx, (line) => !secrets.some((e) => line >= e.line && line <= Math.max(e.line, e.endLine)));
  },
});

export const clientSyntax = defineRule<ClientContext>({
  id: 'WDA130',
  name: 'client-properties-syntax',
  family: 'client',
  severity: 'error',
  description: 'The file loads with java.util.Properties (no malformed \\u escapes).',
  fix: 'Correct the escape: \\u must be followed by exactly four hex digits; write a literal backslash as \\\\.',
  help: 'Java\'s Properties.load throws on a malformed \\uXXXX escape, so the connector cannot read the file at all.',
  check: (ctx) => syntaxIssues(ctx),
});
