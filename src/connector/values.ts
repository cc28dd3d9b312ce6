import { ConfigError } from '../errors/index.js';
import { schemaValidator, type SchemaError } from '../schemas/index.js';
import type { Cloud, Region } from './clouds.js';
import type { SourceApi } from './graph.js';

/** Everything the two connector files are rendered from. The client secret is deliberately not part of it. */
export interface ConnectorValues {
  /** The source API; absent means `siem`, so values files written before Graph keep their meaning. */
  api?: SourceApi;
  tenant: string;
  cloud: Cloud;
  region?: Region;
  clientId: string;
  /** The Azure AD v1 resource: SIEM API only (Graph asks for a scope instead). */
  resource?: string;
  redirectUri: string;
  reauthenticate: boolean;
  prefix: string;
  mapping: MappingProfile;
}

/** v1 and v2 map SIEM API alerts; v3 maps Graph alerts_v2. */
export type MappingProfile = 'v1' | 'v2' | 'v3';

export type ValueField = keyof ConnectorValues;

/** The keys of a values file, in the order they are written. */
export const VALUE_FIELDS: readonly ValueField[] = [
  'api',
  'tenant',
  'cloud',
  'region',
  'clientId',
  'resource',
  'redirectUri',
  'reauthenticate',
  'prefix',
  'mapping',
];

/** The defaults of a SIEM API set-up (also those of a values file without `api`). */
export const DEFAULT_VALUES = {
  cloud: 'commercial',
  resource: 'https://graph.windows.net',
  redirectUri: 'https://localhost:44300/wdatpconnector',
  reauthenticate: true,
  prefix: 'WDATP-connector',
  mapping: 'v2',
} as const satisfies Partial<ConnectorValues>;

/** The defaults of a Graph set-up: no resource (v2 uses a scope), mapping profile v3. */
export const GRAPH_DEFAULT_VALUES = {
  cloud: DEFAULT_VALUES.cloud,
  redirectUri: DEFAULT_VALUES.redirectUri,
  reauthenticate: DEFAULT_VALUES.reauthenticate,
  prefix: DEFAULT_VALUES.prefix,
  mapping: 'v3',
} as const satisfies Partial<ConnectorValues>;

/** The source API of values (or of partial answers): `siem` when `api` is absent. */
export function apiOf(values: { api?: unknown }): SourceApi {
  return values.api === 'graph' ? 'graph' : 'siem';
}

/** The defaults that apply to values of this source API. */
export function defaultsFor(api: SourceApi): Partial<ConnectorValues> {
  return api === 'graph' ? GRAPH_DEFAULT_VALUES : DEFAULT_VALUES;
}

export const TENANT_PATTERN_DESCRIPTION =
  'the directory (tenant) ID, a GUID such as 8eaef023-2b34-4da1-9baa-8bc8c9d6a490, or a verified domain such as contoso.onmicrosoft.com';

export interface ValueProblem {
  /** The values-file key the problem is about (undefined only for "not an object"). */
  field?: string;
  message: string;
}

/** Which key an ajv error is about: its instance path, or the missing/extra property named in its params. */
function fieldOf(error: SchemaError): string | undefined {
  const nested = (error.params.errors as SchemaError[] | undefined)?.[0];
  const params = nested?.params ?? error.params;
  if (typeof params.missingProperty === 'string') return params.missingProperty;
  if (typeof params.additionalProperty === 'string') return params.additionalProperty;
  if (error.instancePath) return decodeURIComponent(error.instancePath.slice(1).split('/')[0]!.replace(/~1/g, '/').replace(/~0/g, '~'));
  return undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = row[j]!;
      row[j] = next;
    }
  }
  return row[b.length]!;
}

/** The known key a mistyped one most likely meant (case and `_`/`-` ignored, then small edit distance). */
export function suggestField(key: string): ValueField | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/[_-]/g, '');
  let best: ValueField | undefined;
  let bestDistance = Infinity;
  for (const field of VALUE_FIELDS) {
    const d = editDistance(norm(key), norm(field));
    if (d < bestDistance) {
      best = field;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(key.length / 4)) ? best : undefined;
}

/**
 * Checks values against schemas/connector-values.schema.json and returns every problem, one per key, in the
 * order of the values file. Never throws on content.
 */
export function checkValues(input: unknown): ValueProblem[] {
  const validate = schemaValidator('connector-values');
  if (validate(input)) return [];
  const byField = new Map<string, ValueProblem>();
  for (const error of validate.errors ?? []) {
    if (error.keyword === 'if') continue; // always paired with the then/else error that says what is wrong
    const field = fieldOf(error);
    let message = error.message ?? 'is not valid';
    if (error.keyword === 'additionalProperties' && field !== undefined) {
      const hint = suggestField(field);
      message = `${field} is not a known key${hint ? ` (did you mean ${hint}?)` : ''}; the keys are ${VALUE_FIELDS.join(', ')}`;
    }
    const key = field ?? '';
    if (!byField.has(key)) byField.set(key, { field, message }); // the first message per key is the most specific
  }
  const rank = (p: ValueProblem): number => {
    const i = VALUE_FIELDS.indexOf(p.field as ValueField);
    return i < 0 ? (p.field === undefined ? -1 : VALUE_FIELDS.length) : i;
  };
  return [...byField.values()].sort((a, b) => rank(a) - rank(b));
}

/**
 * The problem with one answer, judged by the same schema as a whole values file: `value` is placed into
 * `context` (the answers so far) and only problems about `field` count. For validating prompts as typed.
 */
export function checkField(field: ValueField, value: unknown, context: Partial<ConnectorValues> = {}): string | undefined {
  const api = apiOf(field === 'api' ? { api: value } : context);
  const candidate: Record<string, unknown> = { ...defaultsFor(api), ...context, [field]: value };
  if ((api === 'graph' || candidate.cloud !== 'commercial') && field !== 'region') delete candidate.region;
  if (api === 'graph' && field !== 'resource') delete candidate.resource;
  const problem = checkValues(candidate).find((p) => p.field === field);
  return problem?.message;
}

/** Fills in the defaults of every optional key (those of the values' source API). */
export function withDefaults(values: Omit<ConnectorValues, keyof typeof DEFAULT_VALUES> & Partial<ConnectorValues>): ConnectorValues {
  const out: ConnectorValues = { ...defaultsFor(apiOf(values)), ...values } as ConnectorValues;
  return orderValues(out);
}

/** The same values with keys in file order (stable JSON output) and no undefined entries. */
export function orderValues(values: ConnectorValues): ConnectorValues {
  const ordered: Record<string, unknown> = {};
  for (const field of VALUE_FIELDS) if (values[field] !== undefined) ordered[field] = values[field];
  return ordered as unknown as ConnectorValues;
}

/**
 * Validates values (from a values file, flags or prompts), applies the defaults, and returns them. A
 * ConfigError lists every problem, each naming its key and showing what a valid value looks like.
 */
export function validateValues(input: unknown, source?: string): ConnectorValues {
  const problems = checkValues(input);
  if (problems.length > 0) {
    const where = source ? `${source}: ` : '';
    const list = problems.map((p) => `  - ${p.message}`).join('\n');
    throw new ConfigError(`${where}invalid connector values:\n${list}`, {
      hint: 'Fix the keys listed above; schemas/connector-values.schema.json describes every key, and fixtures/values/example.json is a complete example.',
    });
  }
  const record = { ...(input as Record<string, unknown>) };
  delete record.$schema;
  return withDefaults(record as unknown as ConnectorValues);
}
