import { VALUE_FIELDS, checkValues, type ValueProblem } from '../../../connector/index.js';
import { defineRule } from '../../rule.js';
import type { Issue } from '../../types.js';
import { fieldSpan, type ValuesContext } from './context.js';

/** Schema problems, each classified once: missing key, unknown key, secret stored, or bad value. */
type ProblemKind = 'missing' | 'unknown' | 'secret' | 'invalid';

function classify(ctx: ValuesContext, p: ValueProblem): ProblemKind {
  const data = ctx.document?.value;
  const present = p.field !== undefined && typeof data === 'object' && data !== null && Object.hasOwn(data, p.field);
  if (p.field !== undefined && /secret/i.test(p.field) && present) return 'secret';
  if (p.field !== undefined && !present) return 'missing';
  if (p.field !== undefined && p.field !== '$schema' && !(VALUE_FIELDS as readonly string[]).includes(p.field)) return 'unknown';
  return 'invalid';
}

const problemCache = new WeakMap<ValuesContext, ValueProblem[]>();
function problems(ctx: ValuesContext): ValueProblem[] {
  if (!ctx.document) return [];
  let list = problemCache.get(ctx);
  if (!list) {
    list = checkValues(ctx.document.value);
    problemCache.set(ctx, list);
  }
  return list;
}

function* problemsOf(ctx: ValuesContext, kind: ProblemKind): Iterable<Issue> {
  for (const p of problems(ctx)) {
    if (classify(ctx, p) !== kind) continue;
    const span = fieldSpan(ctx, p.field, kind === 'unknown' || kind === 'secret' ? 'key' : 'value');
    yield { message: p.message + (p.message.endsWith('.') ? '' : '.'), ...span };
  }
}

const valuesJsonSyntax = defineRule<ValuesContext>({
  id: 'WDA401',
  name: 'values-json-syntax',
  family: 'values',
  severity: 'error',
  description: 'The values file is valid JSON.',
  fix: 'Correct the JSON at the position shown (quotes around keys and strings, commas between members, no trailing comma).',
  help: '`init --values` and `render --values` read this file; it must be strict JSON (no comments, no trailing commas).',
  *check(ctx) {
    const e = ctx.syntaxError;
    if (e) yield { message: `Not valid JSON: ${e.message}.`, line: e.line, column: e.column, endLine: e.line, endColumn: e.column + 1 };
  },
});

const valuesMissing = defineRule<ValuesContext>({
  id: 'WDA402',
  name: 'values-missing-key',
  family: 'values',
  severity: 'error',
  description: 'The values file sets every required key (tenant, clientId, and region for the commercial cloud).',
  fix: 'Add the key named in the message; fixtures/values/example.json is a complete example.',
  help: 'The connector files are rendered from these values; without them the URLs and the client id cannot be written.',
  check: (ctx) => problemsOf(ctx, 'missing'),
});

const valuesUnknown = defineRule<ValuesContext>({
  id: 'WDA403',
  name: 'values-unknown-key',
  family: 'values',
  severity: 'error',
  description: 'The values file has only keys the schema defines.',
  fix: 'Rename the key to the suggested one, or delete it.',
  help: 'An unknown key is usually a typo of a real one, whose default is then used instead of what was meant.',
  check: (ctx) => problemsOf(ctx, 'unknown'),
});

const valuesSecret = defineRule<ValuesContext>({
  id: 'WDA404',
  name: 'values-secret-stored',
  family: 'values',
  severity: 'error',
  description: 'The values file holds no client secret.',
  fix: 'Delete the key and pass the secret with --client-secret-env VAR or --client-secret-stdin; rotate the secret if the file was shared.',
  help: 'Values files are meant to be committed and shared; the secret belongs only in the client properties file (mode 0600).',
  check: (ctx) => problemsOf(ctx, 'secret'),
});

const valuesInvalid = defineRule<ValuesContext>({
  id: 'WDA405',
  name: 'values-invalid-value',
  family: 'values',
  severity: 'error',
  description: 'Every value in the values file has the type and form the schema requires.',
  fix: 'Correct the value as the message says.',
  help: 'schemas/connector-values.schema.json describes each key: GUIDs for the tenant id and client id, the cloud and region names, a loopback redirect URI with a port.',
  check: (ctx) => problemsOf(ctx, 'invalid'),
});

/** The values file rules. Only listed rules run: lint/registry.ts gathers these lists, and a rule left out is an unused local. */
export const VALUES_FILE_RULES = [valuesJsonSyntax, valuesMissing, valuesUnknown, valuesSecret, valuesInvalid];
