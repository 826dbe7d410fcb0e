import { Inject, Injectable } from '@nestjs/common';
import { ScanRequestSchema, type ScanRequest } from '@tollgate/prompt-scan';
import type { z } from 'zod';
import { ScanException } from './scan.exception';
import { SCAN_LIMITS, type ScanLimits } from './scan-limits';
import { ScanWorkerPool, type ScanJobDone } from './scan-worker-pool';

@Injectable()
export class ScanService {
  constructor(
    @Inject(SCAN_LIMITS) private readonly limits: ScanLimits,
    private readonly pool: ScanWorkerPool,
  ) {}

  // `receivedAt` (performance.now()) starts the call's deadline: time spent reading the body counts.
  scan(body: unknown, receivedAt: number): Promise<ScanJobDone> {
    const request = parseRequest(body);
    const bytes = this.checkBounds(request);
    return this.pool.run({
      // A policy's id and version never contain NUL in practice; the separator keeps ("a","b c") and ("a b","c")
      // apart.
      policyKey: `${request.policyId}\u0000${request.policyVersion}`,
      policy: request.policy,
      texts: request.texts,
      bytes,
      deadline: receivedAt + request.deadlineMs,
      tenant: request.tenant ?? '',
    });
  }

  private checkBounds(request: ScanRequest): number {
    if (request.texts.length > this.limits.maxTexts) {
      throw new ScanException('too_large', `at most ${this.limits.maxTexts} texts per call`);
    }
    const bytes = request.texts.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0);
    if (bytes > this.limits.maxBytes) {
      throw new ScanException('too_large', `texts of at most ${this.limits.maxBytes} bytes per call`);
    }
    return bytes;
  }
}

function parseRequest(body: unknown): ScanRequest {
  const parsed = ScanRequestSchema.safeParse(body);
  if (!parsed.success) throw new ScanException('invalid_request', describeIssues(parsed.error));
  return parsed.data;
}

// Where and what is wrong, from zod's messages, which name types and paths, never the values.
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}
