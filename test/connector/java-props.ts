/** java.util.Properties.load on the ISO-8859-1 bytes of .properties texts, through the PropsOracle helper. */
import { expect } from 'vitest';
import { runJava } from '../support/java.js';

const unhex = (h: string): string => (h === '-' ? '' : String.fromCharCode(...h.match(/.{4}/g)!.map((x) => parseInt(x, 16))));

/** Sends every text as one case and returns what Java loaded for each. */
export async function javaLoad(texts: string[]): Promise<Array<Record<string, string>>> {
  const input = Buffer.concat(
    texts.flatMap((t) => {
      const bytes = Buffer.from(t, 'latin1');
      return [Buffer.from(`${bytes.length}\n`), bytes];
    }),
  );
  const out = await runJava('PropsOracle', [], input);
  const cases: Array<Record<string, string>> = [];
  let current: Record<string, string> | undefined;
  for (const line of out.split('\n')) {
    if (line.startsWith('CASE ')) {
      expect(line).toMatch(/^CASE \d+ OK \d+$/);
      current = {};
      cases.push(current);
    } else if (line !== '') {
      const [k, v] = line.split(' ');
      current![unhex(k!)] = unhex(v!);
    }
  }
  return cases;
}
