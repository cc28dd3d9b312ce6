/**
 * The values a FlexConnector expression produces. ArcSight is Java, so the emulation keeps Java's types apart:
 * Integer (32-bit) is a JS number that is an int32, Long is a bigint, Double a number flagged by the producing
 * type, TimeStamp a Date, addresses small value classes. `null` is Java's null: absent.
 */
export type FlexType = 'String' | 'Integer' | 'Long' | 'Double' | 'TimeStamp' | 'IPAddress' | 'IPv6Address' | 'MacAddress' | 'Any';

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
