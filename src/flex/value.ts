/**
 * The values a FlexConnector expression produces. ArcSight is Java, so the emulation keeps Java's types apart:
 * Integer (32-bit) is a JS number that is an int32, Long is a bigint, Double a number flagged by the producing
 * type, TimeStamp a Date, addresses small value classes. `null` is Java's null: absent.
 */
export type FlexType =
  | 'String'
  | 'Integer'
  | 'Long'
  | 'Double'
  | 'TimeStamp'
  | 'IPAddress'
  | 'IPv6Address'
  | 'MacAddress'
  | 'Any';

export class IpAddress {
  constructor(
    /** Canonical text: dotted quad for IPv4, RFC 5952 compressed lower-case for IPv6. */
    readonly text: string,
    readonly version: 4 | 6,
  ) {}
  toString(): string {
    return this.text;
  }
}

export class MacAddress {
  constructor(
    /** Canonical text: six upper-case hex pairs separated by colons. */
    readonly text: string,
  ) {}
  toString(): string {
    return this.text;
  }
}

export type FlexValue = null | string | number | bigint | Date | IpAddress | MacAddress;

/** The Java-ish type of a runtime value (numbers that are not int32 are reported as Double). */
export function typeOfValue(value: FlexValue): FlexType | 'null' {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'String';
    case 'bigint':
      return 'Long';
    case 'number':
      return Number.isInteger(value) && value === (value | 0) ? 'Integer' : 'Double';
    default:
      if (value instanceof Date) return 'TimeStamp';
      if (value instanceof IpAddress) return value.version === 4 ? 'IPAddress' : 'IPv6Address';
      return 'MacAddress';
  }
}

/** What Java's String.valueOf would give for the value as the connector sees it; null stays null. */
export function valueToString(value: FlexValue): string | null {
  if (value === null) return null;
  if (value instanceof Date) return String(value.getTime());
  return String(value);
}
