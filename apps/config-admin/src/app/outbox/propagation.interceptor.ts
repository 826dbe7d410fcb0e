import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { mergeMap, type Observable } from 'rxjs';
import { PropagationWaiter } from './propagation.waiter';
import { collectConfigWrites } from './request-config-writes';

// An admin write answers once every live proxy-edge and auth-limit instance has applied it, so the next
// proxy request sees it. `x-config-propagation` says `applied`, or `pending` when the wait timed out.
export const PROPAGATION_HEADER = 'x-config-propagation';

@Injectable()
export class PropagationInterceptor implements NestInterceptor {
  constructor(private readonly waiter: PropagationWaiter) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const committed: string[] = [];
    // Nest binds the handler to the async context in which handle() is called.
    return collectConfigWrites(committed, () => next.handle()).pipe(
      mergeMap(async (body: unknown) => {
        if (committed.length === 0) return body;
        const { applied, waitedMs } = await this.waiter.waitFor(committed);
        const res = context.switchToHttp().getResponse<Response>();
        res.setHeader(PROPAGATION_HEADER, applied ? 'applied' : 'pending');
        res.setHeader('server-timing', `config-propagation;dur=${waitedMs.toFixed(1)}`);
        return body;
      }),
    );
  }
}
