import { z } from 'zod';
import { withBricksEnvAliases } from './bricks-env-aliases';

export class ConfigValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigValidationError';
  }
}

// Parses the environment with the service's schema, BricksLLM's variable names accepted as aliases. Every
// message names the variable, never its value (values may be secrets).
export function loadConfig<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> {
  const result = schema.safeParse(withBricksEnvAliases(env));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    return `${variable}: ${issue.message}`;
  });
  throw new ConfigValidationError(problems);
}
