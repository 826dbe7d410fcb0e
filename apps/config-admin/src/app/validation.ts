import type { z } from 'zod';
import { AdminException } from './errors/admin.exception';

// Parses a request body with its DTO schema; a failure names every bad field, as BricksLLM's
// "fields [a, b] are invalid" does, plus the reason for each.
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, title: string): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  throw invalidFields(
    title,
    result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`),
  );
}

// A 400 naming each field of `problems`, given as `field: reason`.
export function invalidFields(title: string, problems: readonly string[]): AdminException {
  const fields = [...new Set(problems.map((p) => p.slice(0, p.indexOf(':'))))];
  return new AdminException(
    'validation',
    title,
    `fields [${fields.join(', ')}] are invalid (${problems.join('; ')})`,
  );
}
