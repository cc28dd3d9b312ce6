import type { Assume } from './assumptions.js';
import type { EventValue, EventWarning } from './event.js';
import { describeValue, toAddress, toDouble, toInteger, toLong, toMac, toStringValue, toTimestamp } from './operations/index.js';
import type { EventFieldInfo } from './schema.js';
import type { FlexValue } from './value.js';

/**
 * Stores an expression's value in one event field: converts it to the field's type, or warns into `warnings` and
 * returns null (the field stays unset).
 */
export type FieldSetter = (value: FlexValue, warnings: EventWarning[]) => EventValue | null;

/** Value → the field's type; failures warn and give null (field unset); long strings are truncated. */
export function compileFieldSetter(info: EventFieldInfo, timeZone: string, assume: Assume): FieldSetter {
  const field = info.name;
  const failed = (warnings: EventWarning[], value: FlexValue, reason: string): null => {
    // Strings quoted and cut as in other warnings; other values as the connector would print them.
    const shown = typeof value === 'string' ? describeValue(value) : String(toStringValue(value));
    warnings.push({
      code: 'field-conversion-failed',
      field,
      message: `event.${field} (${info.type}): cannot store ${shown}: ${reason}; the field is left unset`,
    });
    return null;
  };
  const inRange = (n: number, warnings: EventWarning[]): number | null => {
    if (!info.range || (n >= info.range[0] && n <= info.range[1])) return n;
    warnings.push({
      code: 'field-out-of-range',
      field,
      message: `event.${field}: ${n} is outside ${info.range[0]}..${info.range[1]}; the field is left unset`,
    });
    return null;
  };
  // Text from an expression may carry the blanks around a number or address; the typed fields ignore them.
  const trimmed = (value: FlexValue): FlexValue => (typeof value === 'string' ? value.trim() : value);
  switch (info.type) {
    case 'String': {
      const max = info.maxLength ?? Infinity;
      return (value, warnings) => {
        const text = typeof value === 'string' ? value : toStringValue(value);
        if (text === null || text === '') return null;
        if (text.length <= max) return text;
        assume('string-truncated');
        warnings.push({ code: 'field-truncated', field, message: `event.${field}: ${text.length} characters truncated to ${max}` });
        return text.slice(0, max);
      };
    }
    case 'Integer':
    case 'Enum':
      return (value, warnings) => {
        if (typeof value === 'number' && value === (value | 0)) return inRange(value, warnings);
        const n = toInteger(trimmed(value));
        return n === null ? failed(warnings, value, 'not an Integer') : inRange(n, warnings);
      };
    case 'Long':
      return (value, warnings) => {
        const n = toLong(trimmed(value));
        return n === null ? failed(warnings, value, 'not a Long') : n;
      };
    case 'Double':
      return (value, warnings) => toDouble(value) ?? failed(warnings, value, 'not a number');
    case 'IPAddress':
      return (value, warnings) => {
        const address = toAddress(trimmed(value));
        return address === null ? failed(warnings, value, 'not an IPv4 or IPv6 address') : address.text;
      };
    case 'IPv6Address':
      return (value, warnings) => {
        const address = toAddress(trimmed(value));
        if (address === null) return failed(warnings, value, 'not an IPv6 address');
        return address.version === 6 ? address.text : failed(warnings, value, 'an IPv4 address in an IPv6 field');
      };
    case 'MacAddress':
      return (value, warnings) => {
        const mac = toMac(trimmed(value));
        return mac === null ? failed(warnings, value, 'not a MAC address') : mac.text;
      };
    case 'DateTime':
      return (value, warnings) => {
        if (value instanceof Date) {
          const ms = value.getTime();
          return Number.isNaN(ms) ? failed(warnings, value, 'an invalid date') : ms;
        }
        assume(typeof value === 'string' ? 'datetime-from-text' : 'datetime-from-number');
        // Any warning of the conversion itself is replaced by the one failure below.
        const date = toTimestamp(value, { warn() {}, timeZone });
        return date === null
          ? failed(warnings, value, 'not a TimeStamp (declare the token as TimeStamp with a format, or use __createOptionalTimeStampFromString)')
          : date.getTime();
      };
  }
}
