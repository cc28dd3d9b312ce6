// Lint: @eslint/js recommended everywhere; typescript-eslint's type-aware rules for src/ and test/ (test/ has its
// own tsconfig.json, which the project service finds for those files); the layer rule (eslint/rules/layers.mjs)
// for src/, which holds the dependency direction drawn in DESIGN.md.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layersRule from './eslint/rules/layers.mjs';

/**
 * DESIGN.md "Layers", top first: a module uses only its own folder or a folder in a lower layer. `(entry)` is
 * src/index.ts, the library's public entry (beside the CLI: neither uses the other). `generated` holds the schema
 * validators the build writes; it has no index.ts, so nothing may import it, and only `schemas` loads it (by a
 * computed require, which no static rule can see).
 */
export const layers = [
  ['cli', '(entry)'],
  ['conformance', 'sandbox', 'parse-run'],
  ['lint', 'alerts'],
  ['flex', 'oauth'],
  // Below oauth on purpose: token and verify read the cloud table (login and Graph hosts per cloud) from connector.
  ['connector'],
  ['properties', 'schemas', 'fsio'],
  // text: JSON with positions and the BOM, used by every layer above; it imports nothing of the project.
  ['errors', 'text'],
  ['generated'],
];

export default defineConfig(
  globalIgnores(['dist/', 'src/generated*/', 'fixtures/', 'coverage/', '.bench-out/']),
  js.configs.recommended,
  {
    rules: {
      // Finding and escaping control characters (terminal text, CEF, JSON, XML) is this code's job, not a slip.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    rules: {
      // Destructuring a key away is how this code copies an object without it.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['test/**/*.ts'],
    // Tests walk the CLI's JSON output untyped on purpose, and vitest's asymmetric matchers are typed any.
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The engine compiles each parser file into a function once (new Function): that speed is parse's design.
    files: ['src/flex/*.ts'],
    rules: { '@typescript-eslint/no-implied-eval': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { local: { rules: { layers: layersRule } } },
    rules: { 'local/layers': ['error', { root: 'src', layers }] },
  },
);
