import { Injectable, Logger } from '@nestjs/common';
import { LimitsRedis } from '../limits/limits-redis';

// A Responses API response reports its usage again every time it is fetched (GET /v1/responses/:id), and a
// background response reports it only then; a batch output file may be downloaded many times: each is billed
// the first time it is seen, never again.
const CLAIM_TTL_SECONDS = 30 * 24 * 3600;

@Injectable()
export class ResponsesBilling {
  private readonly logger = new Logger(ResponsesBilling.name);

  constructor(private readonly redis: LimitsRedis) {}

  // True for the first request that reports this response's (or batch output file's) usage.
  async claim(responseId: string, kind: 'response' | 'file' = 'response'): Promise<boolean> {
    try {
      const set = await this.redis.client.set(
        `tollgate:billed:${kind}:${responseId}`,
        '1',
        'EX',
        CLAIM_TTL_SECONDS,
        'NX',
      );
      return set === 'OK';
    } catch (error) {
      // Better billed twice than not at all: the event says which response it was.
      this.logger.warn(`cannot check whether response ${responseId} was billed: ${String(error)}`);
      return true;
    }
  }
}
