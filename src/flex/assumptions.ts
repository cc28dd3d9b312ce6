/**
 * Behaviours the public record does not settle, and the choice the emulation makes for each. The engine
 * records the ones an input exercises so the CLI can say so once per run; docs/emulation.md explains each.
 */
export const ASSUMPTIONS = {
  'container-as-json': 'a JSON array or object read by a String token becomes its compact JSON text',
  'boolean-as-string': 'JSON true/false read by a String token become the strings "true"/"false"',
  'collection-elements':
    "__collection(key,flag,flag): each array element becomes a pseudo-token named by its key member, valued with the element's last member (objects as compact JSON text); the two flags are ignored",
  'path-through-array': 'a token location that crosses an array collects the member from every element (a String token then holds the JSON list)',
  'array-index-path': 'a numeric path segment on an array picks that element (0-based)',
  'other-members': 'a location ending in * holds the members no other token reads at that place, as one JSON object (an emulator-only construct)',
  'first-element-selector':
    'a location step name[member=value] keeps the first element of the array name whose member equals value (an emulator-only construct)',
  'date-default-format': 'Date and Time tokens without a format use yyyy-MM-dd and HH:mm:ss',
  'string-truncated': 'strings longer than the field maximum are truncated to it',
  'datetime-from-number': 'a number stored in a DateTime field is read as epoch milliseconds',
  'datetime-from-text': 'a string stored in a DateTime field is read as epoch milliseconds or ISO-8601 (zone-less in the connector time zone)',
  'severity-unmatched': 'a deviceSeverity that matches no severity.map value leaves the agent severity unset (CEF severity "Unknown")',
} as const;

export type AssumptionId = keyof typeof ASSUMPTIONS;

/** Records that an input exercised one of the assumptions (the compiled parser reports each once). */
export type Assume = (id: AssumptionId) => void;
