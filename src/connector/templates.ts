import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type HandlebarsNamespace from 'handlebars';
import { InternalError } from '../errors/index.js';
import { escapePropertyKey, escapePropertyValue } from '../properties/index.js';

/** templates/ sits at the package root, two levels above both src/connector/ and dist/connector/. */
const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url));
const require = createRequire(import.meta.url);

export const toolVersion: string = (require('../../package.json') as { version: string }).version;

/** Comment text must stay on one line and inside ISO-8859-1, or it would change the file's meaning. */
function commentLine(text: string): string {
  const oneLine = text.replace(/[\r\n]+/g, ' ');
  return `# ${oneLine.replace(/[^\u0020-\u007e\u00a0-\u00ff]/g, '?')}`;
}

function stringOf(value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  // strict mode does not catch a missing value passed to a helper, so the helper does.
  throw new InternalError(`Template value for ${what} is missing.`);
}

interface BlockOptions {
  fn?: (context: unknown) => string;
  hash?: Record<string, unknown>;
}

/**
 * A private Handlebars environment with the only helpers templates may use. Every key and value goes through
 * the .properties escaping, so what Java's Properties.load reads back is exactly the value given.
 */
function createEnvironment(): typeof HandlebarsNamespace {
  // Loaded on first render only: `validate` imports this module for the clouds table and must start fast.
  const Handlebars = require('handlebars') as typeof HandlebarsNamespace;
  const env = Handlebars.create();
  // {{prop "key" value}} or {{#prop "key"}}value text{{/prop}}: one `key=value` line.
  env.registerHelper('prop', function (this: unknown, key: unknown, ...rest: unknown[]) {
    const options = rest.pop() as BlockOptions;
    const value = options.fn ? options.fn(this) : rest[0];
    const name = stringOf(key, 'a property key');
    return `${escapePropertyKey(name)}=${escapePropertyValue(stringOf(value, name))}`;
  });
  // {{#tokens}} one "Name Type [location]" per line {{/tokens}}: token.count plus the numbered token lines, so
  // the count and the indexes can never disagree with the list. Without a location, the token reads the JSON key
  // of its own name.
  env.registerHelper('tokens', function (this: unknown, options: BlockOptions) {
    const rows = (options.fn?.(this) ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const lines = [`token.count=${rows.length}`];
    rows.forEach((row, i) => {
      const [name, type, location = name, ...extra] = row.split(/\s+/);
      if (!name || !type || !location || extra.length > 0) throw new InternalError(`Bad token row in a parser template: "${row}"`);
      const prop = (k: string, v: string): string => `${escapePropertyKey(k)}=${escapePropertyValue(v)}`;
      lines.push(prop(`token[${i}].name`, name), prop(`token[${i}].type`, type), prop(`token[${i}].location`, location));
    });
    return lines.join('\n');
  });
  env.registerHelper('comment', (text: unknown) => commentLine(stringOf(text, 'a comment')));
  env.registerHelper('concat', (...args: unknown[]) => {
    args.pop(); // the Handlebars options object
    return args.map((a, i) => stringOf(a, `concat argument ${i + 1}`)).join('');
  });
  return env;
}

let environment: typeof HandlebarsNamespace | undefined;
const compiled = new Map<string, HandlebarsNamespace.TemplateDelegate>();

/** Renders templates/<name> with the given context (compiled once per process). */
export function renderTemplate(name: string, context: Record<string, unknown>): string {
  let template = compiled.get(name);
  if (!template) {
    environment ??= createEnvironment();
    let source: string;
    try {
      source = readFileSync(`${templatesDir}${name}`, 'utf8').replace(/\r\n?/g, '\n');
    } catch (cause) {
      throw new InternalError(`The template ${name} is missing from the package.`, { cause });
    }
    template = environment.compile(source, {
      noEscape: true,
      strict: true,
      knownHelpersOnly: true,
      knownHelpers: { prop: true, tokens: true, comment: true, concat: true },
    });
    compiled.set(name, template);
  }
  return template(context);
}
