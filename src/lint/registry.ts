import * as clientEncoding from './rules/client/encoding.js';
import * as clientGraph from './rules/client/graph.js';
import * as clientKeys from './rules/client/keys.js';
import * as clientSecret from './rules/client/secret.js';
import * as clientUrls from './rules/client/urls.js';
import * as clientValues from './rules/client/values.js';
import type { ClientContext } from './rules/client/context.js';
import * as cross from './rules/cross/rules.js';
import * as crossGraph from './rules/cross/graph.js';
import type { ProjectContext } from './rules/cross/context.js';
import type { ParserContext } from './rules/parser/context.js';
import * as parserFields from './rules/parser/fields.js';
import { loaderOther, loaderRules } from './rules/parser/loader.js';
import * as parserTimestamps from './rules/parser/timestamps.js';
import type { ValuesContext } from './rules/values/context.js';
import * as values from './rules/values/rules.js';
import type { Rule, RuleMeta } from './types.js';
import { compareText } from './compare.js';

function rulesOf<C>(...modules: Array<Record<string, unknown>>): Rule<C>[] {
  return modules.flatMap((m) => Object.values(m).filter((v): v is Rule<C> => isRule(v)));
}

function isRule(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as Rule<unknown>).check === 'function' && typeof (v as Rule<unknown>).id === 'string';
}

// Plain code-unit order: localeCompare would load ICU collation data, a measurable part of validate's start-up.
const byId = <T extends RuleMeta>(a: T, b: T): number => compareText(a.id, b.id);

export const CLIENT_RULES: readonly Rule<ClientContext>[] = rulesOf<ClientContext>(clientKeys, clientSecret, clientValues, clientUrls, clientGraph, clientEncoding).sort(byId);
export const PARSER_RULES: readonly Rule<ParserContext>[] = [...loaderRules, ...rulesOf<ParserContext>(parserFields, parserTimestamps), loaderOther].sort(byId);
export const CROSS_RULES: readonly Rule<ProjectContext>[] = rulesOf<ProjectContext>(cross, crossGraph).sort(byId);
export const VALUES_RULES: readonly Rule<ValuesContext>[] = rulesOf<ValuesContext>(values).sort(byId);

function metaOf(rule: RuleMeta): RuleMeta {
  const { id, name, family, severity, description, fix, help } = rule;
  return { id, name, family, severity, description, fix, help };
}

/** Every rule's metadata, by id: what docs/rules.md and SARIF list. */
export const RULES: readonly RuleMeta[] = [...CLIENT_RULES, ...PARSER_RULES, ...CROSS_RULES, ...VALUES_RULES].map(metaOf).sort(byId);
