import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readAlerts, type AlertRecord } from '../../src/alerts/read.js';
import { ConfigError } from '../../src/errors/index.js';
import { suiteTempDir } from '../support/temp.js';

const dir = suiteTempDir('read');
let n = 0;
function file(text: string | Buffer): string {
  const p = join(dir, `input-${n++}.json`);
  writeFileSync(p, text);
  return p;
}

async function all(source: string | NodeJS.ReadableStream, options: Parameters<typeof readAlerts>[1] = {}): Promise<AlertRecord[]> {
  const out: AlertRecord[] = [];
  for await (const r of readAlerts(source, options)) out.push(r);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

const a = { AlertId: 'a1', Severity: 'High' };
const b = { AlertId: 'b2', Severity: 'Low' };

describe('readAlerts: input shapes', () => {
  it('reads a pretty-printed array, one record per element, indexed', async () => {
    const p = file(JSON.stringify([a, b], null, 2));
    const records = await all(p);
    expect(records.map((r) => r.value)).toEqual([a, b]);
    expect(records.map((r) => r.index)).toEqual([0, 1]);
    expect(records[0]!.source).toBe(p);
  });

  it('reads a single pretty-printed object as one record', async () => {
    expect((await all(file(JSON.stringify(a, null, 2)))).map((r) => r.value)).toEqual([a]);
  });

  it('unwraps the API envelope {"value":[...]} with @odata keys', async () => {
    const records = await all(file(JSON.stringify({ '@odata.context': 'x', value: [a, b] }, null, 1)));
    expect(records.map((r) => r.value)).toEqual([a, b]);
  });

  it('keeps an object with a value member and other keys as one alert', async () => {
    const alert = { value: [1], AlertId: 'x' };
    expect((await all(file(JSON.stringify(alert)))).map((r) => r.value)).toEqual([alert]);
  });

  it('reads NDJSON with line numbers, CRLF endings and blank lines', async () => {
    const records = await all(file(`${JSON.stringify(a)}\r\n\r\n${JSON.stringify(b)}\r\n`));
    expect(records.map((r) => [r.value, r.line])).toEqual([
      [a, 1],
      [b, 3],
    ]);
  });

  it('reads NDJSON without a final newline', async () => {
    expect((await all(file(`${JSON.stringify(a)}\n${JSON.stringify(b)}`))).map((r) => r.value)).toEqual([a, b]);
  });

  it('reads stdin-like streams and names them <stdin>', async () => {
    const records = await all(Readable.from([Buffer.from(JSON.stringify([a]))]));
    expect(records[0]!.source).toBe('<stdin>');
    expect(records[0]!.value).toEqual(a);
  });

  it('handles multi-byte characters split across chunks', async () => {
    const text = `${JSON.stringify({ t: 'Ünïcødé €' })}\n${JSON.stringify({ t: '日本' })}\n`;
    const bytes = Buffer.from(text);
    const pieces = [bytes.subarray(0, 9), bytes.subarray(9, 10), bytes.subarray(10, 33), bytes.subarray(33)];
    const records = await all(Readable.from(pieces));
    expect(records.map((r) => (r.value as { t: string }).t)).toEqual(['Ünïcødé €', '日本']);
  });

  it('strips a UTF-8 byte order mark', async () => {
    const records = await all(file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify([a]))])));
    expect(records.map((r) => r.value)).toEqual([a]);
  });

  it('yields whole documents when asked', async () => {
    const records = await all(file(JSON.stringify([a, b])), { documents: true });
    expect(records.map((r) => r.value)).toEqual([[a, b]]);
  });

  it('an empty file has no records', async () => {
    expect(await all(file(''))).toEqual([]);
  });
});

describe('readAlerts: malformed JSON', () => {
  it('names line and column of a malformed pretty-printed document', async () => {
    const p = file('[\n  {"a": 1},\n  {"b": 2,}\n]\n');
    const e = await failure(all(p));
    expect(e.file).toBe(p);
    expect([e.line, e.column]).toEqual([3, 11]);
    expect(e.message).toMatch(/malformed JSON/);
  });

  it('names the end of the input for a truncated document', async () => {
    const e = await failure(all(file('[\n  {"a": 1},\n  {"b"')));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/end of the input/);
  });

  it('reports a bad NDJSON line through onError and reads the rest', async () => {
    const errors: ConfigError[] = [];
    const p = file(`${JSON.stringify(a)}\n{"AlertId": "x",,}\n${JSON.stringify(b)}\n`);
    const records = await all(p, { onError: (e) => errors.push(e) });
    expect(records.map((r) => r.value)).toEqual([a, b]);
    expect(errors).toHaveLength(1);
    expect([errors[0]!.file, errors[0]!.line, errors[0]!.column]).toEqual([p, 2, 17]);
  });

  it('recognises NDJSON whose first line is the bad one', async () => {
    const errors: ConfigError[] = [];
    const records = await all(file(`{"x":\n${JSON.stringify(a)}\n${JSON.stringify(b)}\n`), { onError: (e) => errors.push(e) });
    expect(records.map((r) => r.value)).toEqual([a, b]);
    expect(errors.map((e) => e.line)).toEqual([1]);
  });

  it('throws on a bad NDJSON line when no onError is given', async () => {
    const e = await failure(all(file(`${JSON.stringify(a)}\n}{\n`)));
    expect([e.line, e.column]).toEqual([2, 1]);
  });

  it('a missing file is a ConfigError naming it', async () => {
    const e = await failure(all(join(dir, 'nope.json')));
    expect(e.message).toMatch(/no such file/);
  });
});

describe('readAlerts: large documents stream', () => {
  const many = Array.from({ length: 500 }, (_, i) => ({ AlertId: `id-${i}`, Text: 'x'.repeat(50) }));

  it('streams a big array element by element', async () => {
    const records = await all(file(JSON.stringify(many, null, 2)), { bufferLimit: 4096 });
    expect(records.map((r) => (r.value as { AlertId: string }).AlertId)).toEqual(many.map((m) => m.AlertId));
  });

  it('streams a big envelope', async () => {
    const records = await all(file(JSON.stringify({ value: many }, null, 2)), { bufferLimit: 4096 });
    expect(records).toHaveLength(500);
  });

  it('names the line of an error deep in a streamed array', async () => {
    const text = JSON.stringify(many, null, 2).split('\n');
    const bad = 1500;
    text[bad] = `${text[bad]}}`;
    const e = await failure(all(file(text.join('\n')), { bufferLimit: 4096 }));
    expect(e.line).toBe(bad + 1);
  });
});
