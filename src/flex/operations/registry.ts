import { ADDRESS_OPERATIONS } from './addresses.js';
import { CHOICE_OPERATIONS } from './choice.js';
import type { OperationSpec } from './define.js';
import { LOOKUP_OPERATIONS } from './lookups.js';
import { NUMBER_OPERATIONS } from './numbers.js';
import { REGEX_OPERATIONS } from './regex.js';
import { STRING_OPERATIONS } from './strings.js';
import { TIME_OPERATIONS } from './time.js';
import type { OperationDef } from './types.js';

/** Every emulated operation once, in documentation order (aliases live in `aliases`). */
export const OPERATION_SPECS: readonly OperationSpec[] = [
  ...STRING_OPERATIONS,
  ...CHOICE_OPERATIONS,
  ...REGEX_OPERATIONS,
  ...NUMBER_OPERATIONS,
  ...LOOKUP_OPERATIONS,
  ...ADDRESS_OPERATIONS,
  ...TIME_OPERATIONS,
];

function buildTable(): ReadonlyMap<string, OperationDef> {
  const table = new Map<string, OperationDef>();
  for (const spec of OPERATION_SPECS) {
    for (const name of [spec.name, ...(spec.aliases ?? [])]) {
      if (table.has(name)) throw new Error(`operation ${name} is defined twice`);
      table.set(name, spec);
    }
  }
  return table;
}

/** The operations by name (with the leading `__`), aliases included; names are case-sensitive. */
export const OPERATIONS: ReadonlyMap<string, OperationDef> = buildTable();

/**
 * Operations that ArcSight has (they appear in public parser files or keyword lists) but whose behaviour no
 * public source describes, so they are not emulated. The loader can say "not emulated" instead of "unknown".
 */
export const UNEMULATED_OPERATIONS: ReadonlySet<string> = new Set([
  '__byteArrayToIPv6',
  '__byteArrayToIPv6String',
  '__concatenateDeleting',
  '__contains',
  '__containsFromList',
  '__convertMSDNSURL',
  '__createLocalTimeStampFromNTP',
  '__createLocalTimeStampFromSecondsMicrosZone',
  '__createRuleFiringInfo',
  '__createSafeLocalTimeStamp',
  '__createTimeStampByHexEncodedTime',
  '__createTimeStampForOpsecStartTime',
  '__createTimeStampStringFromSecondsMicros',
  '__foundScanHostName',
  '__getCVEStringFor',
  '__getNormalizedOS',
  '__getOriginatorFromSourcePort',
  '__getTimeZone',
  '__getTrendMicroHostName',
  '__getTrendMicroUser',
  '__parseMultipleTimeStamp',
  '__parseMutableTimeStamp',
  '__parseMutableTimeStampSilently',
  '__regexTokenFindAndJoin',
]);
