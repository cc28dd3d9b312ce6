// Ties the ConnectorValues interface (src/connector/values.ts) to schemas/connector-values.schema.json both ways:
// the TypeScript compiler reads the interface, so adding, removing, renaming or retyping a key on either side
// without the other fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VALUES, GRAPH_DEFAULT_VALUES, VALUE_FIELDS } from '../../src/connector/index.js';
import { repoRoot } from '../support/cli.js';

/** What a key may hold, as both sides can say it. */
type Shape = { kind: 'string' } | { kind: 'boolean' } | { kind: 'enum'; values: string[] };

interface TsKey {
  optional: boolean;
  shape: Shape;
}

interface SchemaProperty {
  type?: string;
  enum?: unknown[];
  not?: object;
  default?: unknown;
}

interface ValuesSchema {
  required: string[];
  properties: Record<string, SchemaProperty>;
  then: { properties: Record<string, unknown> };
  else: { properties: Record<string, unknown>; then: { properties: Record<string, unknown> }; else: { properties: Record<string, unknown> } };
}

const schema: ValuesSchema = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'connector-values.schema.json'), 'utf8'));

/** The interface's keys with their optionality and the values their types admit, read by the compiler. */
function connectorValuesKeys(): Map<string, TsKey> {
  const file = join(repoRoot, 'src', 'connector', 'values.ts');
  const program = ts.createProgram([file], {
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  const symbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'ConnectorValues');
  if (!symbol) throw new Error('ConnectorValues is not exported from src/connector/values.ts');
  const keys = new Map<string, TsKey>();
  for (const property of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))) {
    const type = checker.getNonNullableType(checker.getTypeOfSymbol(property));
    keys.set(property.name, { optional: (property.flags & ts.SymbolFlags.Optional) !== 0, shape: shapeOfType(type, property.name) });
  }
  return keys;
}

function shapeOfType(type: ts.Type, key: string): Shape {
  if (type.flags & ts.TypeFlags.String) return { kind: 'string' };
  if (type.flags & ts.TypeFlags.Boolean) return { kind: 'boolean' };
  const members = type.isUnion() ? type.types : [type];
  const values = members.map((m) => (m.isStringLiteral() ? m.value : undefined));
  if (values.every((v): v is string => v !== undefined)) return { kind: 'enum', values: values.sort() };
  throw new Error(`ConnectorValues.${key}: a type this test does not know how to compare with the schema`);
}

function shapeOfSchema(p: SchemaProperty, key: string): Shape {
  if (p.enum) {
    if (!p.enum.every((v): v is string => typeof v === 'string')) throw new Error(`schema ${key}: an enum of non-strings`);
    return { kind: 'enum', values: [...p.enum].sort() };
  }
  if (p.type === 'string') return { kind: 'string' };
  if (p.type === 'boolean') return { kind: 'boolean' };
  throw new Error(`schema ${key}: a type this test does not know how to compare with ConnectorValues`);
}

/** A key the schema forbids (`not: {}`): it is named only to give a clearer message, e.g. for a client secret. */
const forbidden = (p: SchemaProperty): boolean => p.not !== undefined && Object.keys(p.not).length === 0;

/** The schema's keys that carry a value (not `$schema`, which only points editors at the schema, nor forbidden keys). */
function schemaValueKeys(): Map<string, SchemaProperty> {
  return new Map(Object.entries(schema.properties).filter(([key, p]) => key !== '$schema' && !forbidden(p)));
}

/** Values the schema accepts must be values the type admits, and a closed list on one side is the same list on the other. */
function compatible(tsShape: Shape, schemaShape: Shape): boolean {
  if (tsShape.kind === 'string') return schemaShape.kind === 'string' || schemaShape.kind === 'enum';
  if (tsShape.kind === 'enum') return schemaShape.kind === 'enum' && tsShape.values.join('\n') === schemaShape.values.join('\n');
  return schemaShape.kind === tsShape.kind;
}

describe('ConnectorValues and schemas/connector-values.schema.json agree', () => {
  const tsKeys = connectorValuesKeys();
  const schemaKeys = schemaValueKeys();

  it('name the same keys, and VALUE_FIELDS lists each once', () => {
    expect([...tsKeys.keys()].sort()).toEqual([...schemaKeys.keys()].sort());
    expect([...VALUE_FIELDS].sort()).toEqual([...tsKeys.keys()].sort());
  });

  it('the conditional parts of the schema name only those keys', () => {
    const conditional = [schema.then, schema.else, schema.else.then, schema.else.else].flatMap((part) => Object.keys(part.properties));
    for (const key of conditional) expect(tsKeys.has(key), key).toBe(true);
  });

  it('admit the same values for each key', () => {
    for (const [key, property] of schemaKeys) {
      const tsKey = tsKeys.get(key);
      if (!tsKey) continue; // reported by the key test
      const schemaShape = shapeOfSchema(property, key);
      expect(
        compatible(tsKey.shape, schemaShape),
        `${key}: ConnectorValues says ${JSON.stringify(tsKey.shape)}, the schema ${JSON.stringify(schemaShape)}`,
      ).toBe(true);
    }
  });

  it('a key the schema requires is required in ConnectorValues; one it leaves out is optional or has a default for both APIs', () => {
    for (const [key, tsKey] of tsKeys) {
      if (schema.required.includes(key)) expect(tsKey.optional, `${key} is required by the schema`).toBe(false);
      else if (!tsKey.optional) {
        expect(
          Object.hasOwn(DEFAULT_VALUES, key) && Object.hasOwn(GRAPH_DEFAULT_VALUES, key),
          `${key} is required in ConnectorValues but the schema lets a values file leave it out without a default`,
        ).toBe(true);
      }
    }
  });

  it("the schema's defaults are those of a values file without api (SIEM API)", () => {
    const defaults = new Map<string, unknown>(Object.entries(DEFAULT_VALUES));
    for (const [key, property] of schemaKeys) {
      if (property.default !== undefined) expect(defaults.get(key), key).toEqual(property.default);
    }
  });
});
