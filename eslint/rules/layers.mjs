// The layer rule: holds the dependency direction of DESIGN.md ("Layers") for the modules under one source root.
//
// Options: { root: 'src', layers: [['cli', '(entry)'], ['conformance', ...], ...] }, top layer first. A unit is a
// top-level folder of the root, or '(entry)' for the files directly in it (the library's index.ts).
//   1. A module imports only from its own unit or from a unit in a lower layer.
//   2. Across folders it imports only through the folder's index.ts: every top-level folder, and every nested
//      folder that has an index.ts, is entered through that index.ts and nowhere else.
//   3. Every unit must be placed in the table, so a new folder is a decision, not a silent exception.
// Every way of naming a module counts: static and type-only imports, re-exports, import() in code and in types,
// and require() of a literal. Specifiers that are not relative (packages, node:) are not the rule's business.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ENTRY = '(entry)';

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layers of DESIGN.md and enter other folders only through index.ts' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          layers: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
        },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      upward: "'{{from}}' (layer {{fromLayer}}) may not import '{{to}}' (layer {{toLayer}}): a module uses only its own folder or a lower layer.",
      deep: "Import '{{target}}' through '{{index}}': across folders, a folder's index.ts is its only public face.",
      unplaced: "Folder '{{unit}}' is not in the layer table of eslint.config.mjs: place it in a layer.",
    },
  },
  create(context) {
    const [{ root, layers }] = context.options;
    const rootDir = resolve(context.cwd, root);
    const shown = (...parts) => [relative(context.cwd, rootDir).split(sep).join('/'), ...parts].join('/');
    const layerOf = new Map(layers.flatMap((units, index) => units.map((unit) => [unit, index + 1])));
    const file = context.physicalFilename;
    const fromParts = relative(rootDir, file).split(sep);
    if (fromParts[0] === '..') return {};
    const from = unitOf(fromParts);

    /** @param {import('estree').Node | null | undefined} node */
    function check(node) {
      if (node?.type !== 'Literal' || typeof node.value !== 'string' || !node.value.startsWith('.')) return;
      const target = resolve(dirname(file), node.value);
      const parts = relative(rootDir, target).split(sep);
      if (parts[0] === '..') return;
      const to = unitOf(parts);
      if (!layerOf.has(to)) context.report({ node, messageId: 'unplaced', data: { unit: to } });
      const fromLayer = layerOf.get(from);
      const toLayer = layerOf.get(to);
      if (from !== to && fromLayer !== undefined && toLayer !== undefined && toLayer <= fromLayer) {
        context.report({ node, messageId: 'upward', data: { from, fromLayer, to, toLayer } });
      }
      const door = publicDoor(parts);
      if (door !== undefined && target !== join(rootDir, door, 'index.js')) {
        context.report({ node, messageId: 'deep', data: { target: shown(...parts), index: shown(door, 'index.ts') } });
      }
    }

    /**
     * The outermost folder holding the target but not the importing file that must be entered through its
     * index.ts (a top-level folder always; a nested one when it has an index.ts), as a root-relative path.
     * @param {string[]} parts the target's path below the root
     */
    function publicDoor(parts) {
      for (let depth = 1; depth < parts.length; depth++) {
        const folder = parts.slice(0, depth);
        const inside = folder.every((name, i) => fromParts[i] === name) && fromParts.length > depth;
        if (inside) continue;
        if (depth === 1 || existsSync(join(rootDir, ...folder, 'index.ts'))) return folder.join('/');
      }
      return undefined;
    }

    return {
      Program: (node) => {
        if (!layerOf.has(from)) context.report({ node, messageId: 'unplaced', data: { unit: from } });
      },
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      // `import('./x.js').T` in a type position (typescript-eslint's AST).
      TSImportType: (node) => check(node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
    };
  },
};

/** @param {string[]} parts a path below the root, split into names */
function unitOf(parts) {
  return parts.length === 1 ? ENTRY : parts[0];
}

export default rule;
