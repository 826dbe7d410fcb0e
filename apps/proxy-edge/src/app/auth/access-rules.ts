import type { KeySnapshot } from '@tollgate/contracts';

type AllowedPaths = KeySnapshot['allowedPaths'];

// As BricksLLM matches them: the route template (e.g. /api/providers/openai/v1/assistants/:assistant_id)
// and the method, exactly. No entries: every path is allowed.
export function isPathAllowed(allowed: AllowedPaths, template: string, method: string): boolean {
  return allowed.length === 0 || allowed.some((a) => a.path === template && a.method === method);
}

// No list, or a request without a model (files, model listings): allowed.
export function isModelAllowed(allowedModels: readonly string[], model: string): boolean {
  return allowedModels.length === 0 || model === '' || allowedModels.includes(model);
}

export function hasExpired(expiresAt: string | null, nowMs: number): boolean {
  return expiresAt !== null && Date.parse(expiresAt) <= nowMs;
}
