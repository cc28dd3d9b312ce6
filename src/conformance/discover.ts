import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaValidator, type SchemaError } from '../schemas/index.js';
import { ConfigError } from '../errors/index.js';
import { isTimeZone } from '../flex/index.js';
import { JsonSyntaxError, parseJson } from '../text/index.js';
import type { CaseDocument, ConformanceCase, InvalidFixture, ParserSource } from './types.js';

/** A single-file case ends in this; a folder holding `case.json` is a folder case. */
export const CASE_SUFFIX = '.case.json';
export const FOLDER_CASE_FILE = 'case.json';

export interface DiscoverOptions {
  /** `--parser`: used by cases that name neither a parser nor a profile. Resolved against the current folder. */
  parser?: string;
  /** `--timezone`: used by cases that name no time zone. Default UTC. */
  timeZone?: string;
  /** Keep only cases whose id contains this text (`*` matches any run of characters). */
  filter?: string;
  /**
   * `--parser` also stands in for the profile a case names (the packaged suite run against an edited copy of the
   * shipped parser file). Cases that name their own parser file keep it.
   */
  parserReplacesProfile?: boolean;
}

/** The suite shipped in the npm package (fixtures/conformance), for `conformance` without a folder. */
export const PACKAGED_SUITE = fileURLToPath(new URL('../../fixtures/conformance/', import.meta.url));

export interface Discovery {
  cases: ConformanceCase[];
  invalid: InvalidFixture[];
}

/**
 * Finds the cases below each root (a folder, or one case file), in a stable order, and validates each against
 * schemas/conformance-case.schema.json. Invalid ones are returned separately: they are not failed cases, the
 * fixture itself is wrong.
 */
export async function discoverCases(roots: readonly string[], options: DiscoverOptions = {}): Promise<Discovery> {
  const found: Array<{ root: string; file: string; id: string }> = [];
  for (const root of roots) {
    let info;
    try {
      info = await stat(root);
    } catch {
      throw new ConfigError(`no such conformance folder or case file: ${root}`, { file: root });
    }
    if (info.isDirectory()) {
      for (const file of await walk(root)) found.push({ root, file, id: caseId(root, file) });
    } else {
      found.push({ root: dirname(root), file: root, id: caseId(dirname(root), root) });
    }
  }
  const matcher = options.filter === undefined ? undefined : filterMatcher(options.filter);
  const cases: ConformanceCase[] = [];
  const invalid: InvalidFixture[] = [];
  for (const { file, id } of found) {
    if (matcher && !matcher(id)) continue;
    const loaded = await loadCase(file, id, options);
    if ('errors' in loaded) invalid.push(loaded);
    else cases.push(loaded);
  }
  return { cases, invalid };
}

/** Case files below a folder: `*.case.json`, and `case.json` standing for its whole folder. Sorted. */
async function walk(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (entries.some((e) => e.isFile() && e.name === FOLDER_CASE_FILE)) return [join(dir, FOLDER_CASE_FILE)];
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(path)));
    else if (e.isFile() && e.name.endsWith(CASE_SUFFIX)) out.push(path);
  }
  return out;
}

function caseId(root: string, file: string): string {
  const rel = basename(file) === FOLDER_CASE_FILE ? relative(root, dirname(file)) : relative(root, file).slice(0, -CASE_SUFFIX.length);
  return (rel === '' ? basename(dirname(resolve(file))) : rel).split(sep).join('/');
}

/** `--filter`: a substring of the case id; `*` stands for any run of characters. */
export function filterMatcher(pattern: string): (id: string) => boolean {
  if (!pattern.includes('*')) return (id) => id.includes(pattern);
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(source);
  return (id) => re.test(id);
}

async function loadCase(file: string, id: string, options: DiscoverOptions): Promise<ConformanceCase | InvalidFixture> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { file, errors: [`cannot read: ${(error as Error).message}`] };
  }
  let data: unknown;
  try {
    data = parseJson(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { file, line: error.line, column: error.column, errors: [`not valid JSON: ${error.message}`] };
  }
  const validate = schemaValidator('conformance-case');
  if (!validate(data)) return { file, errors: formatSchemaErrors(validate.errors ?? []) };
  const doc = data as CaseDocument;
  const dir = dirname(file);
  const errors: string[] = [];
  if (doc.inputFile !== undefined && !(await isFile(join(dir, doc.inputFile))))
    errors.push(`/inputFile: no such file ${doc.inputFile} (names are relative to the case file)`);
  if (doc.parser !== undefined && !(await isFile(join(dir, doc.parser))))
    errors.push(`/parser: no such file ${doc.parser} (names are relative to the case file)`);
  const zones = doc.timezone === undefined ? [options.timeZone ?? 'UTC'] : typeof doc.timezone === 'string' ? [doc.timezone] : doc.timezone;
  for (const zone of zones) if (!isTimeZone(zone)) errors.push(`/timezone: ${zone} is not a time zone (use an IANA id such as America/New_York)`);
  if (errors.length > 0) return { file, errors };
  return { id, file, text, doc, parser: parserSource(doc, dir, options), timeZones: zones };
}

/** A case's own parser, else its profile's template, else --parser, else the shipped v2 template. */
function parserSource(doc: CaseDocument, dir: string, options: DiscoverOptions): ParserSource {
  if (doc.parser !== undefined) return { kind: 'file', path: join(dir, doc.parser), origin: 'case' };
  if (doc.profile !== undefined && !(options.parserReplacesProfile && options.parser !== undefined))
    return { kind: 'profile', profile: doc.profile, origin: 'case' };
  if (options.parser !== undefined) return { kind: 'file', path: options.parser, origin: 'option' };
  return { kind: 'profile', profile: 'v2', origin: 'default' };
}

/** One readable line per schema error: `/events/0/fields/x: must be string,number`. */
export function formatSchemaErrors(errors: readonly SchemaError[]): string[] {
  // ajv-errors replaces the anyOf branch errors with one message; drop the branches it covers.
  const covered = errors.some((e) => e.keyword === 'errorMessage');
  const out: string[] = [];
  for (const e of errors) {
    const schemaPath = e.schemaPath;
    if (covered && schemaPath.startsWith('#/anyOf/')) continue;
    const at = e.instancePath === '' ? '(top level)' : e.instancePath;
    let message = e.message ?? e.keyword;
    if (e.keyword === 'false schema') message = `not allowed here (${dependentHint(schemaPath)})`;
    else if (e.keyword === 'additionalProperties') message = `unknown key ${JSON.stringify(e.params.additionalProperty)}`;
    else if (e.keyword === 'enum') message = `${message}: ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    const line = `${at}: ${message}`;
    if (!out.includes(line)) out.push(line);
  }
  return out;
}

function dependentHint(schemaPath: string): string {
  const m = /#\/dependentSchemas\/([^/]+)\//.exec(schemaPath);
  return m ? `cannot be used together with ${m[1]}` : 'rejected by the schema';
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Which shipped cases an edited copy of a shipped parser file is checked against: the profile its generated header
 * names ("mapping profile vN"), else v3 for a parser triggered on a Graph list response (`/value`), else v2 (v1
 * holds the legacy mapping's documented flaws; custom/ has a parser of its own).
 */
export function packagedProfileFor(parserText: string): 'v2' | 'v3' {
  const named = /^#.*\bmapping profile (v[123])\b/m.exec(parserText)?.[1];
  if (named === 'v3' || named === 'v2') return named;
  return /^\s*trigger\.node\.location\s*[=:]\s*\/value\s*$/m.test(parserText) ? 'v3' : 'v2';
}
