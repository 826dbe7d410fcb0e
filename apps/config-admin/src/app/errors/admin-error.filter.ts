import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  HttpException,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { AdminException } from './admin.exception';

export interface ProblemBody {
  status: number;
  title: string;
  type: string;
  detail: string;
  instance: string;
}

// Every admin error leaves in BricksLLM's shape {status,title,type,detail,instance}; client mistakes are
// never 500, and a 500 never carries internals.
@Catch()
export class AdminErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(AdminErrorFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const body = this.toProblem(error, req.path);
    if (body.status >= 500)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : error);
    if (error instanceof AdminException) res.set(error.headers);
    res.status(body.status).json(body);
  }

  private toProblem(error: unknown, instance: string): ProblemBody {
    if (error instanceof AdminException) {
      return {
        status: error.status,
        title: error.title,
        type: `/errors/${error.code}`,
        detail: error.detail,
        instance,
      };
    }
    // Nest turns body-parser's SyntaxError (malformed JSON) into a BadRequestException; the admin code itself
    // throws only AdminException, so a bare BadRequestException always means an unreadable body.
    if (error instanceof BadRequestException) {
      const detail = error.message;
      return {
        status: 400,
        title: 'request body is not valid JSON',
        type: '/errors/json-unmarshal',
        detail,
        instance,
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return {
        status,
        title: error.message,
        type: status === 404 ? '/errors/not-found' : '/errors/http',
        detail: error.message,
        instance,
      };
    }
    return {
      status: 500,
      title: 'internal error',
      type: '/errors/internal',
      detail: 'internal error',
      instance,
    };
  }
}
