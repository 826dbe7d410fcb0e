import type { IncomingHttpHeaders } from 'node:http';

// BricksLLM's order: x-api-key, then api-key, then the second word of Authorization.
export function gatewayKeyOf(headers: IncomingHttpHeaders): string | null {
  const direct = first(headers['x-api-key']) ?? first(headers['api-key']);
  if (direct) return direct;
  const authorization = first(headers.authorization);
  const token = authorization?.trim().split(/\s+/)[1];
  return token || null;
}

function first(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v?.trim() || undefined;
}
