import { RuleTester } from 'eslint';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import layersRule from '../../eslint/rules/layers.mjs';
import { layers } from '../../eslint.config.mjs';
import { repoRoot } from '../support/cli.js';

// The rule is run with the project's own layer table over paths of the real src/ tree (which folders have an
// index.ts is read from disk), so these cases are the design rules as `npm run lint` enforces them.
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });
const options = [{ root: join(repoRoot, 'src'), layers }];
const at = (path: string) => join(repoRoot, 'src', path);
/** A folder's layer number as the rule reports it (1 = top). */
const layerOf = (unit: string): number => layers.findIndex((layer) => layer.includes(unit)) + 1;
const valid = (file: string, code: string) => ({ filename: at(file), code, options });
const invalid = (file: string, code: string, errors: Array<{ messageId: string; data?: Record<string, string | number> }>) => ({
  filename: at(file),
  code,
  options,
  errors,
});

tester.run('layers', layersRule, {
  valid: [
    // Down the layers, each through the folder's index.ts.
    valid('cli/commands/validate.ts', "import { lintPaths } from '../../lint/index.js';"),
    valid('lint/engine.ts', "import type { ParserSpec } from '../flex/index.js';"),
    valid('conformance/run.ts', "import { readAlerts } from '../alerts/index.js';"),
    valid('fsio/atomic.ts', "import { ConfigError } from '../errors/index.js';"),
    // oauth reads the cloud table of connector, which sits one layer below it.
    valid('oauth/scope.ts', "import { CLOUDS } from '../connector/index.js';"),
    valid('properties/parse.ts', "import { stripBom } from '../text/index.js';"),
    // The library entry re-exports the core, beside the CLI.
    valid('index.ts', "export * as flex from './flex/index.js';"),
    // Inside a folder anything goes, except into a nested folder that has its own index.ts.
    valid('flex/operations/time.ts', "import { compileSimpleDateFormat } from '../java/index.js';"),
    valid('flex/java/date/compile.ts', "import { JavaPatternError } from '../errors.js';"),
    valid('cli/commands/token.ts', "import { renderFindings } from '../render/findings/index.js';\nimport { chalkFor } from '../color.js';"),
    // Packages, node: modules and files outside src/ are not the rule's business.
    valid('flex/engine.ts', "import yargs from 'yargs';\nimport { join } from 'node:path';"),
    valid('cli/version.ts', "const pkg = require('../../package.json');"),
  ],
  invalid: [
    // Up the layers, in every way a module can be named.
    invalid('flex/expression.ts', "import { main } from '../cli/main.js';", [
      { messageId: 'upward', data: { from: 'flex', fromLayer: layerOf('flex'), to: 'cli', toLayer: layerOf('cli') } },
      { messageId: 'deep', data: { target: 'src/cli/main.js', index: 'src/cli/index.ts' } },
    ]),
    invalid('flex/expression.ts', "import type { OAuthConfig } from '../oauth/index.js';", [
      { messageId: 'upward', data: { from: 'flex', fromLayer: layerOf('flex'), to: 'oauth', toLayer: layerOf('oauth') } },
    ]),
    invalid('errors/index.ts', "export * from '../fsio/index.js';", [
      { messageId: 'upward', data: { from: 'errors', fromLayer: layerOf('errors'), to: 'fsio', toLayer: layerOf('fsio') } },
    ]),
    invalid('properties/parse.ts', "export { lintPaths } from '../lint/index.js';", [{ messageId: 'upward' }]),
    invalid('connector/clouds.ts', "import { scopesOf } from '../oauth/index.js';", [
      { messageId: 'upward', data: { from: 'connector', fromLayer: layerOf('connector'), to: 'oauth', toLayer: layerOf('oauth') } },
    ]),
    invalid('text/json.ts', "import { ConfigError } from '../errors/index.js';", [{ messageId: 'upward' }]),
    invalid('alerts/poll.ts', "const sandbox = await import('../sandbox/index.js');", [{ messageId: 'upward' }]),
    invalid('connector/values.ts', "type Ctx = import('../cli/context.js').CliContext;", [{ messageId: 'upward' }, { messageId: 'deep' }]),
    invalid('lint/engine.ts', "import { main } from '../index.js';", [
      { messageId: 'upward', data: { from: 'lint', fromLayer: layerOf('lint'), to: '(entry)', toLayer: layerOf('(entry)') } },
    ]),
    // Past another folder's index.ts.
    invalid('lint/rules/parser/timestamps.ts', "import { compileSimpleDateFormat } from '../../../flex/java/index.js';", [
      { messageId: 'deep', data: { target: 'src/flex/java/index.js', index: 'src/flex/index.ts' } },
    ]),
    invalid('flex/engine.ts', "import { compileSimpleDateFormat } from './java/date/compile.js';", [
      { messageId: 'deep', data: { target: 'src/flex/java/date/compile.js', index: 'src/flex/java/index.ts' } },
    ]),
    invalid('sandbox/server.ts', "import { IdentityProvider } from './identity/provider.js';", [{ messageId: 'deep' }]),
    // generated has no index.ts: nothing may import it by a path the rule can see.
    invalid('schemas/index.ts', "const validate = require('../generated/connector-values.validate.cjs');", [
      { messageId: 'deep', data: { target: 'src/generated/connector-values.validate.cjs', index: 'src/generated/index.ts' } },
    ]),
    // A folder missing from the table is a finding, whichever side of the import it is on.
    invalid('cli/main.ts', "import { x } from '../reports/index.js';", [{ messageId: 'unplaced', data: { unit: 'reports' } }]),
    invalid('reports/index.ts', "import { ConfigError } from '../errors/index.js';", [{ messageId: 'unplaced', data: { unit: 'reports' } }]),
  ],
});
