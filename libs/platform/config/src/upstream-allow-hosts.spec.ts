import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config';
import { isAllowedUpstream, parseAllowedHost, UpstreamEnv } from './upstream-allow-hosts';

describe(parseAllowedHost.name, () => {
  it.each([
    ['127.0.0.1', { hostname: '127.0.0.1', port: null }],
    [' 127.0.0.1:8080 ', { hostname: '127.0.0.1', port: '8080' }],
    ['vLLM.internal:8000', { hostname: 'vllm.internal', port: '8000' }],
    ['::1', { hostname: '[::1]', port: null }],
    ['[::1]:9000', { hostname: '[::1]', port: '9000' }],
    ['127.1', { hostname: '127.0.0.1', port: null }],
  ])('reads %j', (entry, parsed) => {
    expect(parseAllowedHost(entry)).toEqual(parsed);
  });

  it.each(['', 'http://x', 'a/b', 'user@host', 'host:port', 'a b'])('refuses %j', (entry) => {
    expect(parseAllowedHost(entry)).toBeNull();
  });
});

describe('UPSTREAM_ALLOW_HOSTS', () => {
  it('defaults to nothing allowed and names itself when malformed', () => {
    expect(loadConfig(UpstreamEnv, {}).UPSTREAM_ALLOW_HOSTS).toEqual([]);
    expect(() => loadConfig(UpstreamEnv, { UPSTREAM_ALLOW_HOSTS: '127.0.0.1,http://x' })).toThrowError(
      /UPSTREAM_ALLOW_HOSTS/,
    );
  });

  it('matches a host on any port, or host:port on that port only (default ports included)', () => {
    const allowed = loadConfig(UpstreamEnv, {
      UPSTREAM_ALLOW_HOSTS: '127.0.0.1,10.0.0.5:443,[::1]:80',
    }).UPSTREAM_ALLOW_HOSTS;
    expect(isAllowedUpstream(allowed, new URL('http://127.0.0.1:39123/v1'))).toBe(true);
    expect(isAllowedUpstream(allowed, new URL('https://10.0.0.5/v1'))).toBe(true);
    expect(isAllowedUpstream(allowed, new URL('http://10.0.0.5/v1'))).toBe(false);
    expect(isAllowedUpstream(allowed, new URL('http://[::1]/'))).toBe(true);
    expect(isAllowedUpstream(allowed, new URL('http://[::1]:81/'))).toBe(false);
    expect(isAllowedUpstream(allowed, new URL('http://127.0.0.2/'))).toBe(false);
  });
});
