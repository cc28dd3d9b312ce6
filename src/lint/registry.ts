import { CLIENT_ENCODING_RULES } from './rules/client/encoding.js';
import { CLIENT_GRAPH_RULES } from './rules/client/graph.js';
import { CLIENT_KEY_RULES } from './rules/client/keys.js';
import { CLIENT_SECRET_RULES } from './rules/client/secret.js';
import { CLIENT_URL_RULES } from './rules/client/urls.js';
import { CLIENT_VALUE_RULES } from './rules/client/values.js';
import type { ClientContext } from './rules/client/context.js';
import { CROSS_FILE_RULES } from './rules/cross/rules.js';
import { CROSS_GRAPH_RULES } from './rules/cross/graph.js';
import type { ProjectContext } from './rules/cross/context.js';
import type { ParserContext } from './rules/parser/context.js';
import { PARSER_FIELD_RULES } from './rules/parser/fields.js';
import { PARSER_LOADER_RULES } from './rules/parser/loader.js';
import { PARSER_TIMESTAMP_RULES } from './rules/parser/timestamps.js';
import type { ValuesContext } from './rules/values/context.js';
import { VALUES_FILE_RULES } from './rules/values/rules.js';
import type { Rule, RuleMeta } from './types.js';
import { compareText } from './compare.js';

// Every rule is listed by name, file by file (as the flex operations are): a rule missing from its file's list
// is an unused local, which the compiler reports, rather than a rule that silently never runs.

// Plain code-unit order: localeCompare would load ICU collation data, a measurable part of validate's start-up.
const byId = <T extends RuleMeta>(a: T, b: T): number => compareText(a.id, b.id);

export const CLIENT_RULES: readonly Rule<ClientContext>[] = [
  ...CLIENT_KEY_RULES,
  ...CLIENT_SECRET_RULES,
  ...CLIENT_VALUE_RULES,
  ...CLIENT_URL_RULES,
  ...CLIENT_GRAPH_RULES,
  ...CLIENT_ENCODING_RULES,
].sort(byId);
export const PARSER_RULES: readonly Rule<ParserContext>[] = [...PARSER_LOADER_RULES, ...PARSER_FIELD_RULES, ...PARSER_TIMESTAMP_RULES].sort(byId);
export const CROSS_RULES: readonly Rule<ProjectContext>[] = [...CROSS_FILE_RULES, ...CROSS_GRAPH_RULES].sort(byId);
export const VALUES_RULES: readonly Rule<ValuesContext>[] = [...VALUES_FILE_RULES].sort(byId);

function metaOf(rule: RuleMeta): RuleMeta {
  const { id, name, family, severity, description, fix, help } = rule;
  return { id, name, family, severity, description, fix, help };
}

/** Every rule's metadata, by id: what docs/rules.md and SARIF list. */
export const RULES: readonly RuleMeta[] = [...CLIENT_RULES, ...PARSER_RULES, ...CROSS_RULES, ...VALUES_RULES].map(metaOf).sort(byId);
