import { createRequire } from 'node:module';
import { InternalError } from '../errors/index.js';

/** One ajv error, as the standalone validators report them. */
export interface SchemaError {
  instancePath: string;
  /** Where in the schema the failing keyword is, e.g. `#/properties/tenant/pattern`. */
  schemaPath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

export interface StandaloneValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

const require = createRequire(import.meta.url);
const cache = new Map<string, StandaloneValidator>();

/**
 * The validator precompiled at build time from `schemas/<name>.schema.json` (see scripts/build.mjs).
 * Loading it costs a require, not a schema compilation, which keeps `validate` start-up fast.
 */
export function schemaValidator(name: string): StandaloneValidator {
  let validate = cache.get(name);
  if (!validate) {
    try {
      const mod = require(`../generated/${name}.validate.cjs`) as StandaloneValidator | { default: StandaloneValidator };
      validate = typeof mod === 'function' ? mod : mod.default;
    } catch (cause) {
      throw new InternalError(`The ${name} schema validator is missing; run npm run build.`, { cause });
    }
    cache.set(name, validate);
  }
  return validate;
}
