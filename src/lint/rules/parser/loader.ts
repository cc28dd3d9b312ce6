import { FLEX_FINDING_CODES, type FlexFinding } from '../../../flex/index.js';
import { defineRule } from '../../rule.js';
import { closest } from '../../urls.js';
import type { Issue, Rule, Severity } from '../../types.js';
import type { ParserContext } from './context.js';
import type { SourceLines } from '../../properties-source.js';

/**
 * The loader of the parser emulator (src/flex) reports what it finds while reading a parser file, each with a
 * stable code. Each code is one WDA2xx rule here, with a fixed id: ids never change when codes are added, and a
 * code this table does not know yet is reported under WDA299 rather than lost.
 */
interface LoaderRuleEntry {
  id: string;
  /** Rule name when it should differ from the code. */
  name?: string;
  fix: string;
  /** Lint's default severity when it differs from the loader's usual one (findings with an unusual severity keep theirs). */
  severity?: Severity;
}

/**
 * Codes about the emulator's own confidence (an operation whose semantics are unverified or not emulated). They
 * say nothing about whether ArcSight accepts the file, so validate leaves them to `parse` and `conformance`.
 */
export const EMULATION_ONLY_CODES = ['unverified-operation', 'unemulated-operation'] as const;

type Code = Exclude<keyof typeof FLEX_FINDING_CODES, (typeof EMULATION_ONLY_CODES)[number]>;

const TABLE: Record<Code, LoaderRuleEntry> = {
  'properties-syntax': {
    id: 'WDA201',
    name: 'parser-properties-syntax',
    fix: 'Correct the escape: \\u needs four hex digits; write a literal backslash as \\\\.',
  },
  'trigger-node-missing': { id: 'WDA202', fix: 'Add trigger.node.location=/ (one event per element of the top-level array).' },
  'token-count-missing': { id: 'WDA203', fix: 'Add token.count=<number of tokens>.' },
  'token-count-invalid': { id: 'WDA204', fix: 'Write token.count as a whole number.' },
  'token-count-mismatch': { id: 'WDA205', fix: 'Set token.count to the number of token[i] declared (indexes 0 to count-1).' },
  'token-index-duplicate': { id: 'WDA207', fix: 'Give each token its own index (renumber the copied block) and raise token.count to match.' },
  'token-beyond-count': { id: 'WDA208', fix: 'Raise token.count, or renumber the token below it.' },
  'token-missing': { id: 'WDA209', fix: 'Declare the missing index, or renumber the tokens so the indexes are 0 to count-1.' },
  'token-missing-name': { id: 'WDA210', fix: 'Add token[i].name.' },
  'token-missing-location': { id: 'WDA211', fix: 'Add token[i].location: the JSON key (path relative to the trigger node).' },
  'token-name-duplicate': { id: 'WDA212', fix: 'Rename one of the tokens and update the mappings that mean it.' },
  'token-unknown-attribute': { id: 'WDA213', fix: 'Use token[i].name, .type, .location or .format (check the spelling).' },
  'unknown-token-type': { id: 'WDA214', fix: 'Use String, Integer, Long, IPAddress, IPv6Address, MacAddress or TimeStamp.' },
  'unsupported-token-type': { id: 'WDA215', fix: 'Prefer String and convert in the mapping, so the result does not depend on undocumented behaviour.' },
  'token-format-missing': { id: 'WDA216', fix: "Add token[i].format with a SimpleDateFormat pattern such as yyyy-MM-dd'T'HH:mm:ss.SSSX." },
  'invalid-date-format': {
    id: 'WDA217',
    name: 'timestamp-invalid-pattern',
    fix: "Correct the pattern: only SimpleDateFormat letters outside quotes; quote literal text ('T').",
  },
  'invalid-collection-format': { id: 'WDA218', fix: 'Write the format as __collection(keyField,false,false).' },
  'emulator-only-location': {
    id: 'WDA247',
    fix: 'Nothing to fix when the pull bridge delivers the events; for a FlexConnector, check on a test connector that these tokens get values, or read the whole array or object into a plain String token instead.',
  },
  'unknown-format-operation': {
    id: 'WDA252',
    fix: 'Delete the format (a String token needs none), or convert the value in the mapping with a documented operation.',
  },
  'format-ignored': { id: 'WDA219', fix: 'Delete the format, or set token[i].type=TimeStamp if the value is a time.' },
  'empty-expression': { id: 'WDA220', fix: 'Write the expression after the =, or delete the line.' },
  'expression-syntax': { id: 'WDA221', fix: 'Balance the parentheses and quotes of the expression.' },
  'unknown-operation': { id: 'WDA222', fix: 'Correct the operation name (see the suggestion); names are case-sensitive.' },
  'wrong-arity': { id: 'WDA223', fix: 'Pass the number of arguments the operation takes.' },
  'invalid-operation-argument': { id: 'WDA224', fix: 'Correct the literal argument (regex or date pattern) as the message says.' },
  'undeclared-token': {
    id: 'WDA226',
    fix: 'Correct the token name (names are case-sensitive), declare the token, or quote the text if a literal is meant.',
    // A bare word that names no token is nearly always a misspelt token: the field then holds the word itself.
    severity: 'warning',
  },
  'collection-reference': { id: 'WDA227', fix: 'Nothing to fix if the name is a __collection element; otherwise declare the token.' },
  'positional-reference': { id: 'WDA228', fix: 'Use a token name: $N and %N only work in regex sub-messages.' },
  'quoted-literal-mapping': { id: 'WDA229', fix: 'Write __stringConstant("...").' },
  'unknown-field': { id: 'WDA230', fix: 'Correct the field name (see the suggestion); field names are case-sensitive.' },
  'connector-field': { id: 'WDA231', fix: 'Delete the mapping, or map the value to a field the parser may set.' },
  'double-equals': { id: 'WDA232', fix: 'Write a single = between key and value.' },
  'key-with-space': { id: 'WDA233', fix: 'Remove the space from the key, or escape it as \\ if the key really contains one.' },
  'duplicate-key': { id: 'WDA234', name: 'parser-duplicate-key', fix: 'Delete all but one of the lines; Java keeps the last.' },
  'unknown-key': { id: 'WDA235', name: 'parser-unknown-key', fix: 'Correct the key (see the suggestion) or delete it.' },
  'unsupported-key': { id: 'WDA236', fix: 'Nothing to fix for a JSON parser; the key belongs to another parser type.' },
  'unknown-severity-level': { id: 'WDA237', fix: 'Use severity.map.<veryhigh|high|medium|low|unknown>.if.deviceSeverity=...' },
  'severity-value-conflict': { id: 'WDA238', fix: 'List each deviceSeverity value under one level only.' },
  'severity-map-unused': { id: 'WDA239', fix: 'Map event.deviceSeverity (e.g. event.deviceSeverity=Severity), or delete the severity.map lines.' },
  'conditionalmap-count-invalid': { id: 'WDA240', fix: 'Write the count as a whole number.' },
  'conditionalmap-count-mismatch': { id: 'WDA241', fix: 'Set the count to the number of entries declared.' },
  'conditionalmap-beyond-count': { id: 'WDA242', fix: 'Raise the count, or renumber the entry below it.' },
  'conditionalmap-selector-missing': { id: 'WDA243', fix: 'Add conditionalmap[i].field=event.<field> (or .token=<token>).' },
  'conditionalmap-field-unset': {
    id: 'WDA253',
    fix: 'Map the field the condition tests (event.<field>=...), or key the map on a token with conditionalmap[i].token.',
  },
  'conditionalmap-values-missing': { id: 'WDA244', fix: 'Add conditionalmap[i].mappings[j].values=<comma-separated values>.' },
  'additionaldata-enabled-invalid': { id: 'WDA245', fix: 'Write additionaldata.enabled=true or false.' },
  'unused-token': { id: 'WDA246', fix: 'Map the token to a field, set additionaldata.enabled=true to keep it as additional data, or delete it.' },
};

export const LOADER_FALLBACK_ID = 'WDA299';

function makeRule(code: string, entry: LoaderRuleEntry): Rule<ParserContext> {
  const known = (FLEX_FINDING_CODES as Record<string, { severity: Severity; description: string }>)[code];
  const loaderSeverity = known?.severity ?? 'warning';
  return defineRule<ParserContext>({
    id: entry.id,
    name: entry.name ?? code,
    family: 'parser',
    severity: entry.severity ?? loaderSeverity,
    description: known?.description ?? `Loader finding ${code}.`,
    fix: entry.fix,
    help: `${known?.description ?? ''} Reported by the FlexConnector parser emulator's loader (code \`${code}\`), the same loader \`wdatp-arcsight parse\` and \`conformance\` use.`.trim(),
    *check(ctx) {
      for (const f of ctx.loaderFindings) {
        if (f.code !== code) continue;
        const issue = toIssue(f, ctx.lines, loaderSeverity, entry.severity);
        if (code === 'undeclared-token' && f.message.includes('is not a declared token')) suggestToken(issue, ctx);
        yield issue;
      }
    },
  });
}

/** For a bare word that names no token: the declared token it most likely means. */
function suggestToken(issue: Issue, ctx: ParserContext): void {
  if (issue.endColumn === undefined || (issue.endLine ?? issue.line) !== issue.line) return;
  const word = (ctx.lines.line(issue.line) ?? '').slice(issue.column - 1, issue.endColumn - 1).trim();
  const guess = closest(
    word,
    ctx.spec.tokens.map((t) => t.name),
  );
  if (guess && guess !== word) issue.hint = `Did you mean the token ${guess}? Token names are case-sensitive.`;
}

function toIssue(f: FlexFinding, lines: SourceLines, loaderDefault: Severity, override: Severity | undefined): Issue {
  const message = /[.!?)]$/.test(f.message) ? f.message : `${f.message}.`;
  const issue: Issue = { message, line: f.line, column: f.column };
  if (f.endLine !== undefined) issue.endLine = f.endLine;
  if (f.endColumn !== undefined) issue.endColumn = f.endColumn;
  else if (f.endLine === undefined) {
    // A point finding: mark the word it points at, so the code frame underlines something meaningful.
    const text = lines.line(f.line) ?? '';
    const word = /^[^\s=:(),"]*/.exec(text.slice(f.column - 1))![0].length;
    issue.endLine = f.line;
    issue.endColumn = Math.min(f.column + Math.max(word, 1), text.length + 1);
    if (issue.endColumn < f.column) delete issue.endColumn;
  }
  if (f.hint) issue.hint = f.hint;
  issue.severity = override && f.severity === loaderDefault ? override : f.severity;
  return issue;
}

const loaderRules: Rule<ParserContext>[] = Object.entries(TABLE).map(([code, entry]) => makeRule(code, entry));

const loaderOther = defineRule<ParserContext>({
  id: LOADER_FALLBACK_ID,
  name: 'parser-loader-other',
  family: 'parser',
  severity: 'warning',
  description: "Any other problem the parser emulator's loader reports (a code this version of the rules does not list yet).",
  fix: 'Follow the message; `wdatp-arcsight parse` shows its effect on sample alerts.',
  help: 'A newer loader may report problems this rule table does not name yet; they are kept under this id rather than dropped.',
  *check(ctx) {
    for (const f of ctx.loaderFindings) {
      if (!Object.hasOwn(TABLE, f.code) && !(EMULATION_ONLY_CODES as readonly string[]).includes(f.code)) {
        yield toIssue(f, ctx.lines, f.severity, undefined);
      }
    }
  },
});

/** One rule per loader code, and the rule for any code not listed. */
export const PARSER_LOADER_RULES = [...loaderRules, loaderOther];

/** The rule id of a loader code (for tests and docs). */
export function ruleIdForLoaderCode(code: string): string {
  return (TABLE as Record<string, LoaderRuleEntry>)[code]?.id ?? LOADER_FALLBACK_ID;
}

export const LOADER_CODES: readonly string[] = Object.keys(TABLE);
