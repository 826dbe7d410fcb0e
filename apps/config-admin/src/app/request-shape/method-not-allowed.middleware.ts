import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AdminException } from '../errors/admin.exception';
import { operationsAt } from './api-surface';

// A documented path asked with a method it does not serve answers 405 with the methods it does (Allow),
// not a 404 that would say the path does not exist. HEAD rides along with GET, as Express serves it.
@Injectable()
export class MethodNotAllowedMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    // The full path: where middleware is mounted, Express strips the mount point from req.path.
    const path = new URL(req.originalUrl, 'http://admin').pathname;
    const operations = operationsAt(path);
    if (operations.length === 0) return next();
    const methods = operations.map((op) => op.method.toUpperCase());
    if (methods.includes(req.method) || (req.method === 'HEAD' && methods.includes('GET'))) return next();
    const allow = [...new Set(methods)].join(', ');
    next(
      new AdminException('method-not-allowed', 'method not allowed', `${path} serves ${allow}`, {
        allow,
      }),
    );
  }
}
