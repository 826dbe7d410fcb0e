import { describe, expect, it } from 'vitest';
import { ProxyError } from '../request/proxy-error';
import { checkRequestPath, unsafePathReason } from './path-guard';

describe(unsafePathReason.name, () => {
  it.each([
    ['/api/providers/openai/v1/threads/x\\..\\..\\chat\\completions', 'backslash'],
    ['/api/providers/openai/v1/threads/..%2Fchat', 'encoded'],
    ['/api/providers/openai/v1/threads/%2e%2E/chat', 'encoded'],
    ['/api/providers/openai/v1/models/a%5Cb', 'encoded'],
    ['/api/providers/openai/v1/threads/../chat/completions', 'dot segment'],
    ['/api/providers/openai/v1/./chat/completions', 'dot segment'],
    ['/api/providers/openai/v1/models/..', 'dot segment'],
    ['/api/providers/openai//v1/chat/completions', 'empty segment'],
    ['/api/custom/providers/acme/../other/chat', 'dot segment'],
  ])('refuses %s (%s)', (path, reason) => {
    expect(unsafePathReason(path)).toContain(reason);
  });

  it.each([
    '/api/providers/openai/v1/chat/completions',
    '/api/providers/openai/v1/models/ft%3Agpt-4o-mini%3Aacme%3A%3Aabc',
    '/api/providers/openai/v1/models/gpt-3.5-turbo',
    '/api/providers/azure/openai/deployments/my.deployment_1/chat/completions',
    '/api/providers/openai/v1/files/...',
  ])('lets %s through', (path) => {
    expect(unsafePathReason(path)).toBeNull();
  });

  it('reads only the path: a query string may hold anything', () => {
    expect(() => checkRequestPath('/api/providers/openai/v1/models?after=../..%2f\\')).not.toThrow();
    expect(() => checkRequestPath('/api/providers/openai/v1/%2e%2e/models?x=1')).toThrow(ProxyError);
  });

  it('refuses with 400 invalid_path', () => {
    let thrown: unknown;
    try {
      checkRequestPath('/api/providers/openai/v1/threads/a\\b');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ status: 400, code: 'invalid_path' });
  });
});
