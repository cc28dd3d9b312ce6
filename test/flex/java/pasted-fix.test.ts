/**
 * A fix that quotes .properties text must work when pasted into the file: the JVM's Properties.load reads the
 * pasted line as the value the author meant, the regex in it compiles in java.util.regex (a decoded `\{` pasted
 * back would be `{`: "Illegal repetition"), and our loader reads the pasted file without the finding.
 */
import { describe, expect, it } from 'vitest';
import { compileParser, eventToJson, loadParserSpec } from '../../../src/flex/index.js';
import { runJava } from '../../support/java.js';
import { javaLoadAll, latin1 } from '../../properties/java-oracle.js';
import { escapeField } from './oracle-io.js';

const head = ['trigger.node.location=/', 'token.count=1', 'token[0].name=A', 'token[0].type=String', 'token[0].location=a'];

// Lines as written in real files, each with "==" and escapes that Properties.load decodes.
const LINES = [
  String.raw`event.message==__regexToken(A,".*\\{(.*)\\}")`,
  String.raw`event.message==__regexToken(A,".*\\{.value.\:.(.*).\\}.*")`,
  String.raw`event.message  ==  __regexToken(A,"caf\u00e9 (\\d+)")`,
];
const INPUTS = ['{x}', '{"value":"/gate.php"}', 'café 42'];
const EXPECTED = ['x', '/gate.php', '42'];

describe('the "==" fix pasted into the file', () => {
  it('is read by Java as the intended value, its regex compiles in Java, and our loader reads it clean', async () => {
    const pasted = LINES.map((line) => {
      const original = [...head, line].join('\n');
      const hint = loadParserSpec(original).findings.find((f) => f.code === 'double-equals')?.hint;
      expect(hint, line).toMatch(/^Write /);
      return { original, fixed: [...head, hint!.slice('Write '.length)].join('\n') };
    });

    const java = await javaLoadAll(pasted.flatMap((p) => [latin1(p.original), latin1(p.fixed)]));
    const regexes: string[] = [];
    pasted.forEach((_p, i) => {
      const before = java[2 * i]!;
      const after = java[2 * i + 1]!;
      if (!before.ok || !after.ok) throw new Error(`Java could not load case ${i}`);
      // The fix removes the extra "=" and nothing else.
      expect(after.map.get('event.message')).toBe(before.map.get('event.message')!.replace(/^=\s*/, ''));
      regexes.push(/,"(.*)"\)$/.exec(after.map.get('event.message')!)![1]!);
    });

    const oracle = (
      await runJava('RegexOracle', [], regexes.map((re, i) => ['M', escapeField(re), escapeField(INPUTS[i]!), ''].join('\t')).join('\n') + '\n')
    ).split('\n');
    regexes.forEach((_re, i) => expect(oracle[i], regexes[i]).toBe(`1\t${escapeField(INPUTS[i]!)}\t${EXPECTED[i]}`));

    pasted.forEach((p, i) => {
      const { spec, findings } = loadParserSpec(p.fixed);
      expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
      expect(compileParser(spec).parse({ a: INPUTS[i] }).map(eventToJson)).toEqual([{ message: EXPECTED[i] }]);
    });
  });
});
