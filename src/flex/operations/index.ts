/**
 * The FlexConnector `__operations` and the Java-like value conversions the engine shares with them.
 * `OPERATIONS` maps each name (with its leading `__`, aliases included) to a definition compiled once per call site.
 */

export type { CompileEnv, EvalContext, OperationDef, OperationImpl } from './types.js';
export { OperationCompileError } from './types.js';
export type { OperationSpec, Provenance } from './define.js';
export {
  describe as describeValue,
  isPresent,
  javaDoubleToString,
  javaTrim,
  parseIso8601,
  toAddress,
  toDouble,
  toInteger,
  toLong,
  toMac,
  toStringValue,
  toTimestamp,
  type WarnSink,
  type ZonedWarnSink,
} from './coerce.js';
export { formatIPv6, parseAddress, parseMac } from './address.js';
export { fromWallClock, toWallClock, zoneOffsetMs, type WallClock } from './zone.js';
export { OPERATIONS, OPERATION_SPECS, UNEMULATED_OPERATIONS } from './registry.js';
export { renderOperationsTables, updateOperationsDoc } from './docs.js';
