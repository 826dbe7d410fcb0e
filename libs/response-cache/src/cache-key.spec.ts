import { describe, expect, it } from 'vitest';
import { cacheScope, routeCacheKey, type RouteCacheKeyInput } from './cache-key';

const request = {
  model: 'gpt-4o',
  messages: [
    { role: 'system', content: 'Be brief.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Hi' },
        { type: 'image_url', image_url: { url: 'https://x/cat.png' } },
      ],
    },
  ],
  temperature: 0.2,
  tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object' } } }],
  tool_choice: 'auto',
  response_format: { type: 'text' },
  user: 'alice',
};
const key = (overrides: Partial<RouteCacheKeyInput> = {}, body: Record<string, unknown> = {}) =>
  routeCacheKey({
    routeId: 'route-1',
    scope: 'key:k1',
    model: 'gpt-4o',
    body: { ...request, ...body },
    ...overrides,
  });

describe(routeCacheKey.name, () => {
  it('is a sha256 hex digest, stable under key order', () => {
    expect(key()).toMatch(/^[0-9a-f]{64}$/);
    const reordered = Object.fromEntries(Object.entries(request).reverse());
    expect(routeCacheKey({ routeId: 'route-1', scope: 'key:k1', model: 'gpt-4o', body: reordered })).toBe(
      key(),
    );
  });

  it.each([
    ['route', { routeId: 'route-2' }, {}],
    ['scope', { scope: 'key:k2' }, {}],
    ['model', { model: 'gpt-4o-mini' }, {}],
    ['a message', {}, { messages: [{ role: 'user', content: 'Hi' }] }],
    [
      'a content part',
      {},
      { messages: [request.messages[0], { role: 'user', content: [{ type: 'text', text: 'Hi' }] }] },
    ],
    ['a parameter', {}, { temperature: 0.3 }],
    ['tools', {}, { tools: [] }],
    ['tool_choice', {}, { tool_choice: 'required' }],
    ['response_format', {}, { response_format: { type: 'json_object' } }],
    ['user', {}, { user: 'bob' }],
    ['stream', {}, { stream: true }],
    ['an unknown field', {}, { reasoning_effort: 'high' }],
  ])('changes with %s', (_what, input, body) => {
    expect(key(input, body)).not.toBe(key());
  });

  it('separates streamed answers with and without the usage chunk', () => {
    const withUsage = key({}, { stream: true, stream_options: { include_usage: true } });
    expect(withUsage).not.toBe(key({}, { stream: true }));
    expect(key({}, { stream: true, stream_options: { include_usage: false } })).toBe(
      key({}, { stream: true }),
    );
  });

  it.each([
    ['the body model (the model input decides)', { model: 'other' }],
    ['stream: false', { stream: false }],
    ['stream_options.include_obfuscation', { stream_options: { include_obfuscation: false } }],
    ['store and metadata', { store: true, metadata: { team: 'a' } }],
    ['prompt cache hints', { prompt_cache_key: 'abc', prompt_cache_options: { ttl: '30m' } }],
  ])('ignores %s', (_what, body) => {
    expect(key({}, body)).toBe(key());
  });
});

describe(cacheScope.name, () => {
  it('is the key id unless the route shares by tags', () => {
    expect(cacheScope({ keyId: 'k1', tags: ['a'], shareByTags: false })).toBe('key:k1');
  });

  it('is the sorted, deduplicated tags when the route shares', () => {
    const scope = cacheScope({ keyId: 'k1', tags: ['b', 'a', 'b'], shareByTags: true });
    expect(scope).toBe('tags:["a","b"]');
    expect(cacheScope({ keyId: 'k2', tags: ['a', 'b'], shareByTags: true })).toBe(scope);
    // A comma inside a tag cannot make two tag sets collide.
    expect(cacheScope({ keyId: 'k', tags: ['a,b'], shareByTags: true })).not.toBe(scope);
  });
});
