import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CONFIG_ADMIN_CONFIG, type ConfigAdminConfig } from '../config';
import { AdminCors } from './admin-cors';

// First of the middleware, so an allowed origin's preflight is answered 204 before authentication and before
// the 405 of a method a path does not serve (OPTIONS is served by none).
@Injectable()
export class AdminCorsMiddleware implements NestMiddleware {
  private readonly cors: AdminCors;

  constructor(@Inject(CONFIG_ADMIN_CONFIG) config: Pick<ConfigAdminConfig, 'ADMIN_CORS_ORIGINS'>) {
    this.cors = new AdminCors(config.ADMIN_CORS_ORIGINS);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    if (!this.cors.answer(req, res)) next();
  }
}
