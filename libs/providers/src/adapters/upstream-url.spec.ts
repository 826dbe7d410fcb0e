import { describe, expect, it } from 'vitest';
import { InvalidUpstreamUrl, joinUpstreamUrl } from './upstream-url';

describe(joinUpstreamUrl.name, () => {
  it('joins the base (and the path it may have) with the target path and query', () => {
    expect(joinUpstreamUrl('https://api.openai.com', { path: '/v1/models', query: '' })).toBe(
      'https://api.openai.com/v1/models',
    );
    expect(joinUpstreamUrl('http://gw.local/prefix/', { path: '/v1/chat/completions', query: '?a=1' })).toBe(
      'http://gw.local/prefix/v1/chat/completions?a=1',
    );
  });

  it('keeps a query from reaching the path or the fragment', () => {
    expect(joinUpstreamUrl('http://h', { path: '/v1/models', query: '?x=/../#y' })).toBe(
      'http://h/v1/models?x=/../%23y',
    );
  });

  it.each([
    '/v1/threads/a\\..\\..\\chat\\completions',
    '/v1/threads/%2e%2e/chat',
    '/v1/x/../chat',
    '/v1/a b',
  ])('refuses a path the URL parser would rewrite: %s', (path) => {
    expect(() => joinUpstreamUrl('https://api.openai.com', { path, query: '' })).toThrow(
      new InvalidUpstreamUrl('rewritten_path'),
    );
  });

  it('refuses a base URL that does not parse', () => {
    expect(() => joinUpstreamUrl('not a url', { path: '/v1/models', query: '' })).toThrow(InvalidUpstreamUrl);
  });
});
