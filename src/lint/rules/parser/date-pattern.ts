/**
 * A SimpleDateFormat pattern split into its fields, enough to reason about what it reads: which letters appear
 * (outside quotes), how many times in a row, and what follows each field.
 */
export interface PatternField {
  letter: string;
  count: number;
  /** Offset of the field in the pattern. */
  start: number;
}

export interface PatternPiece {
  kind: 'field' | 'literal';
  text: string;
  start: number;
  field?: PatternField;
}

export function patternPieces(pattern: string): PatternPiece[] {
  const pieces: PatternPiece[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      const start = i;
      let text = '';
      i += 1;
      if (pattern[i] === "'") {
        pieces.push({ kind: 'literal', text: "'", start });
        i += 1;
        continue;
      }
      while (i < pattern.length) {
        if (pattern[i] === "'") {
          if (pattern[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        text += pattern[i];
        i += 1;
      }
      pieces.push({ kind: 'literal', text, start });
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      const start = i;
      while (pattern[i] === c) i += 1;
      const field = { letter: c, count: i - start, start };
      pieces.push({ kind: 'field', text: pattern.slice(start, i), start, field });
      continue;
    }
    pieces.push({ kind: 'literal', text: c, start: i });
    i += 1;
  }
  return pieces;
}

/** Letters SimpleDateFormat parses as numbers (text fields such as MMM, EEE, a, z are not numeric). */
export function isNumericField(f: PatternField): boolean {
  if (f.letter === 'M' || f.letter === 'L') return f.count <= 2;
  return 'yYdHhKkmsSDFwWu'.includes(f.letter);
}

export function fields(pattern: string): PatternField[] {
  return patternPieces(pattern).flatMap((p) => (p.field ? [p.field] : []));
}
