import type { AgentSeverity } from './event.js';
import type { ExprNode } from './expression.js';

/** A 1-based place in the parser file. */
export interface SourcePos {
  line: number;
  column: number;
}

/** Where a value sits in the file, so expression offsets can be turned into file positions. */
export interface ValueSource extends SourcePos {
  /** The value as written (escapes kept), to map offsets in the unescaped value to columns. */
  raw: string;
  /** Offset in the unescaped value that the expression text starts at (1 after a stripped "=" of "=="). */
  shift: number;
}

export type TokenType = 'String' | 'Integer' | 'Long' | 'IPAddress' | 'IPv6Address' | 'MacAddress' | 'TimeStamp' | 'Date' | 'Time';

export const TOKEN_TYPES: readonly TokenType[] = ['String', 'Integer', 'Long', 'IPAddress', 'IPv6Address', 'MacAddress', 'TimeStamp', 'Date', 'Time'];

export interface CollectionFormat {
  /** Member of each array element whose value names the pseudo-token. */
  keyField: string;
  /** The two flags of `__collection(key,flag,flag)`; their meaning is not documented, they are kept but unused. */
  flags: [string, string];
}

export interface TokenSpec {
  index: number;
  name: string;
  type: TokenType;
  /** Slash path relative to the trigger node, as written. */
  location: string;
  /** SimpleDateFormat pattern for TimeStamp, Date and Time tokens. */
  format?: string;
  collection?: CollectionFormat;
  /** Position of token[i].name. */
  pos: SourcePos;
  formatPos?: SourcePos;
}

export interface MappingSpec {
  /** Target field full name (without `event.`). */
  field: string;
  expr: ExprNode;
  /** The expression text as the loader parsed it. */
  text: string;
  pos: SourcePos;
  value: ValueSource;
}

export interface AdditionalDataSpec {
  name: string;
  expr: ExprNode;
  text: string;
  pos: SourcePos;
  value: ValueSource;
}

export interface SeverityRule {
  level: AgentSeverity;
  values: string[];
  pos: SourcePos;
}

export interface ConditionalMappingSpec {
  index: number;
  values: string[];
  assignments: MappingSpec[];
  pos: SourcePos;
}

export interface ConditionalMapSpec {
  index: number;
  /** What is compared: an event field (after the event.* mappings) or a token. */
  selector: { kind: 'field'; field: string } | { kind: 'token'; name: string };
  mappings: ConditionalMappingSpec[];
  pos: SourcePos;
}

export interface ParserSpec {
  file?: string;
  /** As written, e.g. `/` or `/UserData`. */
  triggerNode: string;
  triggerPos?: SourcePos;
  tokenCount?: number;
  tokens: TokenSpec[];
  mappings: MappingSpec[];
  severityMap: SeverityRule[];
  conditionalMaps: ConditionalMapSpec[];
  additionalDataEnabled: boolean;
  additionalData: AdditionalDataSpec[];
}
