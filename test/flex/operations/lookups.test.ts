import { describe, expect, it } from 'vitest';
import { run, runTokens } from './harness.js';

describe('__getDeviceDirection', () => {
  it('reference: "in"/"inbound" give 0, "outbound"/"=>" give 1', () => {
    expect(run('__getDeviceDirection', 'in')).toBe(0);
    expect(run('__getDeviceDirection', 'inbound')).toBe(0);
    expect(run('__getDeviceDirection', 'outbound')).toBe(1);
    expect(run('__getDeviceDirection', '=>')).toBe(1);
  });
  it('ignores case; other words and null give null', () => {
    expect(run('__getDeviceDirection', 'Inbound')).toBe(0);
    expect(run('__getDeviceDirection', 'sideways')).toBeNull();
    expect(run('__getDeviceDirection', null)).toBeNull();
  });
});

describe('__getOriginator', () => {
  it('reference: "Source" gives 0, "Destination" gives 1', () => {
    expect(run('__getOriginator', 'Source')).toBe(0);
    expect(run('__getOriginator', 'Destination')).toBe(1);
    expect(run('__getOriginator', 'elsewhere')).toBeNull();
  });
});

describe('__getType', () => {
  it('reference: correlation/correlated 2, aggregated 1, anything else 0, not case-sensitive', () => {
    expect(run('__getType', 'correlation')).toBe(2);
    expect(run('__getType', 'Correlated')).toBe(2);
    expect(run('__getType', 'AGGREGATED')).toBe(1);
    expect(run('__getType', 'base')).toBe(0);
    expect(run('__getType', 'constructor')).toBe(0);
    expect(run('__getType', null)).toBeNull();
  });
});

describe('__getProtocolName / __getProtocolNameFromString', () => {
  it('reference: 23 gives TELNET', () => {
    expect(runTokens('__getProtocolName', 23)).toBe('TELNET');
    expect(run('__getProtocolName', '23')).toBe('TELNET');
    expect(run('__getProtocolNameFromString', '23')).toBe('TELNET');
    expect(run('__getProtocolNameFromString', ' 443 ')).toBe('HTTPS');
  });
  it('unknown ports and non-numbers give null', () => {
    expect(runTokens('__getProtocolName', 65000)).toBeNull();
    expect(run('__getProtocolNameFromString', 'telnet')).toBeNull();
    expect(run('__getProtocolName', null)).toBeNull();
  });
});

describe('__getVulnerabilityCategory', () => {
  it('maps 0-4 to the documented category paths', () => {
    expect(run('__getVulnerabilityCategory', '0')).toBe('/scanner/device/vulnerability');
    expect(run('__getVulnerabilityCategory', '4')).toBe('/scanner/device/uri');
    expect(run('__getVulnerabilityCategory', '5')).toBeNull();
  });
});
