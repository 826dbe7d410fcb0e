import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { RequestCompletedV1 } from '@tollgate/contracts';
import { REDIS } from '@tollgate/platform-redis';

// Redis keys of the usage ledger; settlement builds on the same once-per-event marker.
export const usageLedgerKeys = {
  seen: (eventId: string) => `tollgate:usage:seen:${eventId}`,
  requests: (keyId: string) => `tollgate:usage:requests:${keyId}`,
};

// Markers outlive any redelivery window of the usage topic.
const SEEN_TTL_SECONDS = 7 * 24 * 3600;

// Counts each usage event once per key, however often Kafka delivers it: the marker and the count change
// in one Lua call, so a crash cannot leave one without the other.
const RECORD_ONCE = `
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  if KEYS[2] ~= '' then redis.call('INCR', KEYS[2]) end
  return 1
end
return 0`;

@Injectable()
export class UsageLedger {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  // Returns how many of the events were new.
  async recordOnce(events: readonly RequestCompletedV1[]): Promise<number> {
    const pipeline = this.redis.pipeline();
    for (const event of events) {
      const keyId = event.payload.keyId;
      pipeline.eval(
        RECORD_ONCE,
        2,
        usageLedgerKeys.seen(event.eventId),
        keyId ? usageLedgerKeys.requests(keyId) : '',
        SEEN_TTL_SECONDS,
      );
    }
    const results = (await pipeline.exec()) ?? [];
    let fresh = 0;
    for (const [error, value] of results) {
      if (error) throw error;
      fresh += Number(value);
    }
    return fresh;
  }
}
