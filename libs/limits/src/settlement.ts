import type { Redis } from 'ioredis';

export interface SettlementCounter {
  key: string;
  delta: number;
  // 'settle' corrects a reservation and skips a counter that has expired (its window is over);
  // 'add' charges a counter that admission did not (a total spend without limits), creating it if need be.
  mode: 'settle' | 'add';
}

// Markers outlive any redelivery window of the usage topic.
const SEEN_TTL_SECONDS = 7 * 24 * 3600;

// The once-per-event marker and every counter change happen in one script: a crash cannot leave one
// without the other, and a redelivered event changes nothing.
const SETTLE = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then return 0 end
for i = 2, #KEYS do
  local delta = tonumber(ARGV[i * 2 - 2])
  local mode = ARGV[i * 2 - 1]
  if delta ~= 0 and (mode == 'add' or redis.call('EXISTS', KEYS[i]) == 1) then
    redis.call('INCRBY', KEYS[i], delta)
  end
end
return 1`;

interface SettleCommand {
  tollgateSettle(numKeys: number, ...args: (string | number)[]): Promise<number>;
}

export const settlementMarkerKey = (eventId: string): string => `tollgate:usage:seen:${eventId}`;

// Replaces reservations with actual amounts, once per usage event however often it is delivered.
export class Settlement {
  constructor(private readonly redis: Redis) {
    if (!('tollgateSettle' in redis)) redis.defineCommand('tollgateSettle', { lua: SETTLE });
  }

  // True when this delivery settled the event; false when an earlier one already had.
  async settleOnce(eventId: string, counters: readonly SettlementCounter[]): Promise<boolean> {
    const command = this.redis as unknown as SettleCommand;
    const keys = [settlementMarkerKey(eventId), ...counters.map((c) => c.key)];
    const args = [SEEN_TTL_SECONDS, ...counters.flatMap((c) => [c.delta, c.mode])];
    return (await command.tollgateSettle(keys.length, ...keys, ...args)) === 1;
  }
}
