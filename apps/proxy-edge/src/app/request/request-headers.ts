import type { IncomingMessage } from 'node:http';

// A request header's first value, or ''.
export function headerOf(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
