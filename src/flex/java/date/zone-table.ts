/** Java 17's zone table (ids, raw offsets, DST savings, US names) parsed once from zone-names.ts. */
import { JAVA_ZONE_STRINGS } from './zone-names.js';

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
