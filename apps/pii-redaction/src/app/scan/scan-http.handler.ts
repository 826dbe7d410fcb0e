import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ScanException } from './scan.exception';
import { maxBodyBytes, SCAN_LIMITS, type ScanLimits } from './scan-limits';
import { ScanService } from './scan.service';

// POST /v1/scan over node:http: reads the body within its bound, answers the result or the error shape, and
// never throws. Nothing of a request's texts is logged.
@Injectable()
export class ScanHttpHandler {
  private readonly logger = new Logger(ScanHttpHandler.name);
  private readonly bodyLimit: number;

  constructor(
    private readonly service: ScanService,
    @Inject(SCAN_LIMITS) limits: ScanLimits,
  ) {
    this.bodyLimit = maxBodyBytes(limits);
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.now();
    try {
      const body = parseJson(await readBody(req, this.bodyLimit));
      const { result, queuedMs, scanMs } = await this.service.scan(body, receivedAt);
      res.setHeader('server-timing', `queue;dur=${queuedMs.toFixed(2)}, scan;dur=${scanMs.toFixed(2)}`);
      send(res, 200, result);
    } catch (error) {
      const failure = error instanceof ScanException ? error : this.unexpected(error);
      if (failure.status >= 500) this.logger.warn(`scan answered ${failure.status} ${failure.code}`);
      // The rest of a refused body is not worth reading to keep the connection: close it after the answer.
      if (failure.code === 'too_large') res.setHeader('connection', 'close');
      send(res, failure.status, { error: { code: failure.code, message: failure.message } });
    }
  }

  private unexpected(error: unknown): ScanException {
    const frames = error instanceof Error ? error.stack?.split('\n').slice(1).join('\n') : '';
    this.logger.error(`scan failed unexpectedly\n${frames}`);
    return new ScanException('detector_failed', 'the scan failed');
  }
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new ScanException('too_large', `request body over ${limit} bytes`);
  if (Number(req.headers['content-length']) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new ScanException('invalid_request', 'the body is not JSON');
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}
