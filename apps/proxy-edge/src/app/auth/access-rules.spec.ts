import { describe, expect, it } from 'vitest';
import { hasExpired, isModelAllowed, isPathAllowed } from './access-rules';

describe('access rules', () => {
  const template = '/api/providers/openai/v1/assistants/:assistant_id';

  it('matches allowed paths by route template and exact method, as BricksLLM does', () => {
    expect(isPathAllowed([], template, 'GET')).toBe(true);
    expect(isPathAllowed([{ path: template, method: 'GET' }], template, 'GET')).toBe(true);
    expect(isPathAllowed([{ path: template, method: 'get' }], template, 'GET')).toBe(false);
    expect(
      isPathAllowed([{ path: '/api/providers/openai/v1/assistants/asst_1', method: 'GET' }], template, 'GET'),
    ).toBe(false);
  });

  it('allows any model without a list, and a request without a model', () => {
    expect(isModelAllowed([], 'gpt-4o')).toBe(true);
    expect(isModelAllowed(['gpt-4o-mini'], 'gpt-4o')).toBe(false);
    expect(isModelAllowed(['gpt-4o-mini'], 'gpt-4o-mini')).toBe(true);
    expect(isModelAllowed(['gpt-4o-mini'], '')).toBe(true);
  });

  it('expires at the instant the TTL ends', () => {
    const at = '2026-12-02T10:00:00.000Z';
    expect(hasExpired(at, Date.parse(at) - 1)).toBe(false);
    expect(hasExpired(at, Date.parse(at))).toBe(true);
    expect(hasExpired(null, Date.now())).toBe(false);
  });
});
