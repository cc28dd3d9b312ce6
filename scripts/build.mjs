// Build: compile TypeScript to dist/, and compile every JSON Schema in schemas/ into a standalone ajv validator
// (CommonJS, as ajv's standalone output is) so the CLI never compiles schemas at start-up.
// Runs on `npm install` (prepare) and before `npm test` (pretest).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, renameSync, readdirSync, readFileSync, writeFileSync, cpSync, rmSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function compileSchemas() {
  const Ajv2020 = require('ajv/dist/2020').default;
  const standalone = require('ajv/dist/standalone').default;
  const addFormats = require('ajv-formats');
  const addErrors = require('ajv-errors');
  // Written into a fresh folder that then replaces src/generated in one rename, so a test process running
  // beside a rebuild never finds the validators missing.
  const outDir = join(root, 'src', 'generated');
  const stagingDir = `${outDir}.${process.pid}.tmp`;
  rmSync(stagingDir, { recursive: true, force: true });
  mkdirSync(stagingDir, { recursive: true });
  const schemaDir = join(root, 'schemas');
  const names = existsSync(schemaDir) ? readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json')) : [];
  for (const file of names) {
    const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: true, code: { source: true, esm: false }, allowUnionTypes: true });
    addFormats(ajv);
    addErrors(ajv);
    const validate = ajv.compile(schema);
    const base = file.replace(/\.schema\.json$/, '');
    writeFileSync(join(stagingDir, `${base}.validate.cjs`), standalone(ajv, validate));
  }
  const oldDir = `${outDir}.${process.pid}.old`;
  if (existsSync(outDir)) renameSync(outDir, oldDir);
  renameSync(stagingDir, outDir);
  rmSync(oldDir, { recursive: true, force: true });
  return names.length;
}

const schemas = compileSchemas();
// tsc does not copy .cjs files: the generated validators go beside the compiled code (before tsc, so a type
// error elsewhere still leaves a runnable dist/ while developing; the exit code still reports it).
cpSync(join(root, 'src', 'generated'), join(root, 'dist', 'generated'), { recursive: true });
try {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], {
    stdio: 'inherit',
    cwd: root,
  });
} catch {
  console.error('build: TypeScript reported errors (see above)');
  process.exit(1);
}

// The shipped binary is a bundle of dist/ (dependencies stay external): a cold start then reads a dozen files
// instead of ~110 modules, which is what keeps `validate` in CI close to bare `node` start-up. Lazily imported
// commands become chunks, so a command still loads only its own code. dist/bundle sits at the same depth as
// dist/cli, so the package-relative paths the code resolves (templates/, package.json, generated/) still hold.
const { build } = await import('rolldown');
rmSync(join(root, 'dist', 'bundle'), { recursive: true, force: true });
await build({
  cwd: root,
  // parse's worker threads start from their own entry, found beside the bundle's chunks (parse-pool.ts).
  input: { bin: join(root, 'dist', 'cli', 'bin.js'), 'parse-worker': join(root, 'dist', 'parse-run', 'parse-worker.js') },
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(id),
  platform: 'node',
  logLevel: 'warn',
  output: { dir: join(root, 'dist', 'bundle'), format: 'esm', sourcemap: true, chunkFileNames: '[name]-[hash].js' },
});
chmodSync(join(root, 'dist', 'bundle', 'bin.js'), 0o755);
console.error(`build: compiled TypeScript and ${schemas} schema validator(s), bundled dist/bundle/bin.js`);
