import { describe, expect, it } from 'vitest';
import { loadConfig, UpstreamEnv } from '@tollgate/platform-config';
import { UpstreamUrlGuard, type HostResolver } from './upstream-url.guard';

const DNS: Record<string, string[]> = {
  'api.example.test': ['93.184.216.34'],
  'rebind.example.test': ['93.184.216.34', '10.0.0.7'],
  'six.example.test': ['fd00::1'],
};
const resolver: HostResolver = (host) =>
  DNS[host] ? Promise.resolve(DNS[host]) : Promise.reject(new Error('ENOTFOUND'));
const guard = (allow = '') =>
  new UpstreamUrlGuard(loadConfig(UpstreamEnv, { UPSTREAM_ALLOW_HOSTS: allow }), resolver);

describe(UpstreamUrlGuard.name, () => {
  it.each([
    ['http://127.0.0.1:8080', '127.0.0.1 is a loopback address'],
    ['http://2130706433/', '127.0.0.1 is a loopback address'],
    ['http://0x7f.1/', '127.0.0.1 is a loopback address'],
    ['http://[::1]/', '[::1] is a unspecified, loopback or IPv4-compatible address'],
    ['http://[::ffff:169.254.169.254]/', '[::ffff:a9fe:a9fe] is a link-local (cloud metadata) address'],
    ['http://0.0.0.0/', '0.0.0.0 is a this network address'],
    [
      'http://metadata.google.internal./computeMetadata',
      'metadata.google.internal is a cloud metadata service',
    ],
    ['https://rebind.example.test/v1', 'rebind.example.test resolves to 10.0.0.7, a private address'],
    ['https://six.example.test/v1', 'six.example.test resolves to fd00::1, a unique local (private) address'],
    ['https://nowhere.example.test/v1', 'host nowhere.example.test does not resolve'],
  ])('refuses %s', async (url, reason) => {
    expect(await guard().problem('setting.url', url)).toContain(`setting.url: ${reason}`);
  });

  it('accepts public addresses and names resolving only to them', async () => {
    expect(await guard().problem('setting.url', 'https://api.example.test/v1')).toBeNull();
    expect(await guard().problem('setting.url', 'http://93.184.216.34:8000')).toBeNull();
  });

  it('accepts an allow-listed host, on its port when the entry has one', async () => {
    const allowing = guard('127.0.0.1,10.0.0.7:8000,rebind.example.test');
    expect(await allowing.problem('url', 'http://127.0.0.1:39001/v1')).toBeNull();
    expect(await allowing.problem('url', 'http://10.0.0.7:8000/v1')).toBeNull();
    expect(await allowing.problem('url', 'http://10.0.0.7:8001/v1')).toContain('private address');
    expect(await allowing.problem('url', 'https://rebind.example.test/v1')).toBeNull();
  });

  it('refuses a name whose lookup never answers, after a bounded wait', async () => {
    const hanging = new UpstreamUrlGuard(
      loadConfig(UpstreamEnv, {}),
      () => new Promise<string[]>(() => undefined),
    );
    const started = Date.now();
    expect(await hanging.problem('url', 'https://slow.example.test/')).toContain('does not resolve');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
