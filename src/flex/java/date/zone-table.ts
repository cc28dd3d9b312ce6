/** Java 17's zone table (ids, raw offsets, DST savings, US names) parsed once from zone-names.ts, and its raw offset history. */
import { JAVA_ZONE_STRINGS } from './zone-names.js';
import { JAVA_RAW_OFFSETS } from './zone-raw.js';

export interface ZoneRow {
  id: string;
  rawOffset: number;
  dstSavings: number;
  /** Index 1-4: long standard, short standard, long daylight, short daylight (index 0 unused). */
  names: string[];
}

export interface ZoneTable {
  rows: ZoneRow[];
  byId: Map<string, number>;
  /** Lower-cased name -> the earliest (row * 5 + name index) that has it: Java scans rows in order. */
  firstByName: Map<string, number>;
  /** Distinct name lengths, longest first. */
  lengths: number[];
}

let table: ZoneTable | undefined;

export function zoneTable(): ZoneTable {
  if (table) return table;
  const rows: ZoneRow[] = [];
  const byId = new Map<string, number>();
  const firstByName = new Map<string, number>();
  const lengths = new Set<number>();
  for (const line of JAVA_ZONE_STRINGS.split('\n')) {
    if (line === '') continue;
    const [id = '', raw = '0', dst = '0', ...names] = line.split('\t');
    const r = rows.length;
    rows.push({ id, rawOffset: Number(raw), dstSavings: Number(dst), names: ['', ...names] });
    if (!byId.has(id)) byId.set(id, r);
    names.forEach((name, k) => {
      if (name === '') return;
      const key = name.toLowerCase();
      if (!firstByName.has(key)) firstByName.set(key, r * 5 + k + 1);
      lengths.add(name.length);
    });
  }
  table = { rows, byId, firstByName, lengths: [...lengths].sort((a, b) => b - a) };
  return table;
}

/** A zone's raw offsets from 1900 on: `raws[i]` applies from `from[i]` (epoch ms; `from[0]` is -Infinity). */
export interface RawOffsetHistory {
  from: number[];
  raws: number[];
}

let rawHistories: Map<string, RawOffsetHistory> | undefined;

/** Java's raw offset history for a zone of its table (zone-raw.ts), or undefined for other ids. */
export function rawOffsetHistory(id: string): RawOffsetHistory | undefined {
  if (rawHistories === undefined) {
    rawHistories = new Map();
    for (const line of JAVA_RAW_OFFSETS.split('\n')) {
      const [zoneId = '', first = '0', ...changes] = line.split('\t');
      if (zoneId === '') continue;
      const history: RawOffsetHistory = { from: [-Infinity], raws: [Number(first)] };
      for (const change of changes) {
        const [second = '0', raw = '0'] = change.split(':');
        history.from.push(Number(second) * 1000);
        history.raws.push(Number(raw));
      }
      rawHistories.set(zoneId, history);
    }
  }
  return rawHistories.get(id);
}
