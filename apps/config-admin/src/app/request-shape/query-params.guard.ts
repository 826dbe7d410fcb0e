import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { invalidFields } from '../validation';
import { operationOfRoute } from './api-surface';

// A query parameter the endpoint does not take is most often a typo (`tag` for `tags`) that would
// silently widen a search: refused, as is a value that is not text (`a[b]=c`). Runs after authentication.
@Injectable()
export class QueryParamsGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const route = (req.route as { path?: string } | undefined)?.path;
    const operation = route ? operationOfRoute(req.method, route) : undefined;
    if (!operation) return true;
    const known = new Set((operation.query ?? []).map((q) => q.name));
    const problems: string[] = [];
    for (const [name, value] of Object.entries(req.query as Record<string, unknown>)) {
      if (!known.has(name)) problems.push(`${safeName(name)}: unknown query parameter`);
      else if (!isText(value)) problems.push(`${name}: must be text (name=value), given once or repeated`);
    }
    if (problems.length > 0) throw invalidFields('invalid query', problems);
    return true;
  }
}

const isText = (value: unknown) =>
  typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));

// The name goes into the error: keep it short and printable.
const safeName = (name: string) => JSON.stringify(name.slice(0, 64)).slice(1, -1).replace(/:/g, '%3A');
