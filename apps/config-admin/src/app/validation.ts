import type { z } from 'zod';
import { AdminException } from './errors/admin.exception';

// Parses a request body with its DTO schema; a failure names every bad field, as BricksLLM's
// "fields [a, b] are invalid" does, plus the reason for each.
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, title: string): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || 'body'))];
  const reasons = result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
  throw new AdminException(
    'validation',
    title,
    `fields [${fields.join(', ')}] are invalid (${reasons.join('; ')})`,
  );
}
