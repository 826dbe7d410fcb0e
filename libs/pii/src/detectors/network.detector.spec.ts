import { describe, expect, it } from 'vitest';
import { valuesFound } from '../detection/detected-values.test-support';

describe('network detector', () => {
  it.each([
    ['an IPv4 address', 'from 203.0.113.45.', ['203.0.113.45']],
    ['an IPv4 address with a port', 'host 10.0.0.7:8080', ['10.0.0.7']],
    ['an IPv6 address', 'addr 2001:db8::ff00:42:8329', ['2001:db8::ff00:42:8329']],
    ['an octet over 255', 'addr 256.1.1.1', []],
    ['a version with a v', 'v1.2.3.4 released', []],
    ['a version after "version"', 'version 10.0.0.1 of the driver', []],
    ['a five-part version', 'build 1.2.3.4.5', []],
    ['a clock time', 'at 12:30:45', []],
    ['a C++ scope', 'std::vector<int>', []],
  ])('IP: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'ip_address')).toEqual(expected);
  });

  it.each([
    ['colons', 'mac 00:1A:2B:3C:4D:5E', ['00:1A:2B:3C:4D:5E']],
    ['dashes', 'mac a4-5e-60-e4-1b-c7', ['a4-5e-60-e4-1b-c7']],
    ['Cisco dots', 'mac 0050.56a3.1f2b', ['0050.56a3.1f2b']],
    ['mixed separators', 'mac 00:1A-2B:3C:4D:5E', []],
    ['a timestamp', 'at 10:15:32:44:55', []],
  ])('MAC: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'mac_address')).toEqual(expected);
  });

  it.each([
    ['with a scheme', 'see https://example.com/a?b=1.', ['https://example.com/a?b=1']],
    ['www', 'visit www.example.org/path', ['www.example.org/path']],
    ['a bare domain', 'docs at tollgate.io', ['tollgate.io']],
    ['the domain of an email', 'mail a@example.com', []],
    ['a file name', 'open report.pdf and main.ts', []],
    ['a package with a version', 'lodash@4.17.21', []],
  ])('URL: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'url')).toEqual(expected);
  });
});
