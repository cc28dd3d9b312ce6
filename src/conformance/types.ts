/** A warning pattern: the code must be equal, the message must contain the text (either may be omitted). */
export interface WarningPattern {
  code?: string;
  message?: string;
}

/** What one produced event must look like. */
export interface ExpectedEvent {
  $comment?: string;
  /** Fields (eventToJson form) that must hold exactly these values. */
  fields?: Record<string, string | number>;
  /** Fields that must not be set. */
  absent?: string[];
  /** Warnings that must be produced. */
  warnings?: WarningPattern[];
  /** Warnings that must not be produced. */
  forbiddenWarnings?: WarningPattern[];
  /** Compare every field and every warning, not only the listed ones. */
  exact?: boolean;
}

/** A case file as written (validated by schemas/conformance-case.schema.json). */
export interface CaseDocument {
  $schema?: string;
  $comment?: string;
  description: string;
  profile?: MappingProfile;
  parser?: string;
  timezone?: string | string[];
  input?: unknown;
  inputFile?: string;
  exact?: boolean;
  events: ExpectedEvent[];
}

export type MappingProfile = 'v1' | 'v2' | 'v3';

/** Where a case's parser comes from, resolved at discovery. */
export type ParserSource = { kind: 'file'; path: string; origin: 'case' | 'option' } | { kind: 'profile'; profile: MappingProfile; origin: 'case' | 'default' };

/** A valid case, ready to run. */
export interface ConformanceCase {
  /** Stable name: the path below the suite folder, without `.case.json` (folder cases: the folder). */
  id: string;
  /** The JSON file holding the case (`.../case.json` for folder cases). */
  file: string;
  /** The exact text read, so --update can tell whether a rewrite changes anything. */
  text: string;
  doc: CaseDocument;
  parser: ParserSource;
  /** Time zones to run in (at least one). */
  timeZones: string[];
}

/** A case file that cannot be run: the schema or a referenced file says no. */
export interface InvalidFixture {
  file: string;
  line?: number;
  column?: number;
  errors: string[];
}

export type DifferenceKind =
  'event-count' | 'field-value' | 'field-missing' | 'field-unexpected' | 'field-present' | 'warning-missing' | 'warning-unexpected' | 'warning-forbidden';

/** One way the produced events differ from the expectation. `event` is 1-based; absent for event-count. */
export interface Difference {
  kind: DifferenceKind;
  event?: number;
  field?: string;
  expected?: unknown;
  actual?: unknown;
  message: string;
}

export type EventJson = Record<string, string | number | null>;

export interface ProducedWarning {
  code: string;
  message: string;
}

export interface ProducedEvent {
  fields: EventJson;
  warnings: ProducedWarning[];
}

/** The outcome of one case in one time zone. */
export interface CaseResult {
  id: string;
  /** The id, plus ` [zone]` when the case runs in several zones. */
  name: string;
  file: string;
  description: string;
  timeZone: string;
  /** How the parser was chosen: a file path, or `profile:v2`. */
  parser: string;
  status: 'passed' | 'failed';
  differences: Difference[];
  events: ProducedEvent[];
}

export interface RunSummary {
  passed: number;
  failed: number;
  results: CaseResult[];
}
