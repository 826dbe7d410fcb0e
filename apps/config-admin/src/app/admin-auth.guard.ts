import { createHash, timingSafeEqual } from 'node:crypto';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthFailureLimiter } from './auth-failure-limiter';
import { AdminException } from './errors/admin.exception';

// X-API-KEY must equal ADMIN_PASS. Both sides are hashed first so the comparison is constant-time whatever
// their lengths. Health endpoints stay open for orchestrators' probes, the API description is public, and so
// is GET /metrics for Prometheus (process and request counts only: no key, user or secret in any label).
// An address that keeps failing is refused for the rest of the minute (AuthFailureLimiter).
const OPEN_PATHS = new Set(['/api/docs', '/api/docs-json', '/metrics']);

@Injectable()
export class AdminAuthGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(
    adminPass: string | undefined,
    private readonly failures: AuthFailureLimiter,
  ) {
    this.expected = adminPass === undefined ? null : digest(adminPass);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (OPEN_PATHS.has(req.path) || req.path.startsWith('/api/health')) return true;
    // The socket's address: a forwarded-for header is the caller's to invent.
    const address = req.socket.remoteAddress ?? '';
    const wait = this.failures.retryAfterSeconds(address);
    if (wait > 0) {
      throw new AdminException(
        'too-many-requests',
        'too many failed logins',
        `too many failed X-API-KEY checks from this address; retry in ${wait} s`,
        { 'retry-after': String(wait) },
      );
    }
    const presented = req.headers['x-api-key'];
    if (typeof presented === 'string' && timingSafeEqual(digest(presented), this.expected)) return true;
    this.failures.recordFailure(address);
    throw new AdminException('unauthorized', 'unauthorized', 'a valid X-API-KEY header is required');
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
