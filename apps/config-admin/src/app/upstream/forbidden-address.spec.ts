import { describe, expect, it } from 'vitest';
import { forbiddenAddressReason } from './forbidden-address';

describe(forbiddenAddressReason.name, () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.1.2', 'loopback'],
    ['0.0.0.0', 'this network'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.100.100.200', 'cloud metadata'],
    ['::1', 'unspecified, loopback or IPv4-compatible'],
    ['[::1]', 'unspecified, loopback or IPv4-compatible'],
    ['::', 'unspecified, loopback or IPv4-compatible'],
    ['fd00:ec2::254', 'unique local (private)'],
    ['fc12::1', 'unique local (private)'],
    ['fe80::1', 'link-local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local (cloud metadata)'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(forbiddenAddressReason(address)).toBe(reason);
  });

  it.each([
    '8.8.8.8',
    '172.32.0.1',
    '172.15.255.255',
    '192.169.0.1',
    '100.64.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    'api.openai.com',
  ])('allows %s', (address) => {
    expect(forbiddenAddressReason(address)).toBeNull();
  });
});
