import type { Redis } from 'ioredis';
import {
  FOLD_MICRO_DOLLAR_COUNTER_LUA,
  microDollarCounterOf,
  nanoDollarCounterOf,
} from './micro-dollar-counters';

export interface SettlementCounter {
  key: string;
  delta: number;
  // 'settle' corrects a reservation and skips a counter that has expired (its window is over);
  // 'add' charges a counter that admission did not (a total spend without limits), creating it if need be.
  mode: 'settle' | 'add';
}

// A reservation kept charged after its request's event, until the event that bills its late usage (a
// background response, an assistants run) releases it: `claim` is that usage's `<kind>:<id>`.
export interface HeldReservation {
  claim: string;
  amounts: { key: string; amount: number }[];
}

export interface SettlementOrder {
  counters: readonly SettlementCounter[];
  hold?: HeldReservation | null;
  // The late usages this event bills: their held reservations are released.
  releases?: readonly string[];
}

// Markers outlive any redelivery window of the usage topic; holds and billed marks outlive any late usage
// the gateway bills (as long as proxy-edge remembers a response or run it billed).
const SEEN_TTL_SECONDS = 7 * 24 * 3600;
const HOLD_TTL_SECONDS = 30 * 24 * 3600;
const HOLD_PREFIX = 'tollgate:usage:hold:';
const BILLED_PREFIX = 'tollgate:usage:late-billed:';

// The once-per-event marker and every counter change happen in one script: a crash cannot leave one
// without the other, and a redelivered event changes nothing. A hold and its release may arrive in either
// order: whichever comes second settles it. (Keys named in ARGV: the limits run on one Redis, not a cluster.)
const SETTLE = `${FOLD_MICRO_DOLLAR_COUNTER_LUA}
local order = cjson.decode(ARGV[1])
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', order.ttl) then return 0 end
local function apply(key, delta, mode)
  if delta ~= 0 and (mode == 'add' or redis.call('EXISTS', key) == 1) then redis.call('INCRBY', key, delta) end
end
for _, c in ipairs(order.counters) do
  if c.legacy then foldMicroDollars(c.key, c.legacy) end
  apply(c.key, c.delta, c.mode)
end
if order.hold then
  local holdKey = order.holdPrefix .. order.hold.claim
  local billedFirst = redis.call('EXISTS', order.billedPrefix .. order.hold.claim) == 1
  for _, h in ipairs(order.hold.amounts) do
    if billedFirst then apply(h.key, -h.amount, 'settle') else redis.call('HINCRBY', holdKey, h.key, h.amount) end
  end
  if not billedFirst then redis.call('EXPIRE', holdKey, order.holdTtl) end
end
for _, claim in ipairs(order.releases) do
  local holdKey = order.holdPrefix .. claim
  local held = redis.call('HGETALL', holdKey)
  if #held == 0 then redis.call('SET', order.billedPrefix .. claim, '1', 'EX', order.holdTtl) end
  for i = 1, #held, 2 do apply(held[i], -tonumber(held[i + 1]), 'settle') end
  redis.call('DEL', holdKey)
end
return 1`;

interface SettleCommand {
  tollgateSettle(numKeys: number, ...args: (string | number)[]): Promise<number>;
}

export const settlementMarkerKey = (eventId: string): string => `tollgate:usage:seen:${eventId}`;
export const heldReservationKey = (claim: string): string => `${HOLD_PREFIX}${claim}`;

// Replaces reservations with actual amounts, once per usage event however often it is delivered.
export class Settlement {
  constructor(private readonly redis: Redis) {
    if (!('tollgateSettle' in redis)) redis.defineCommand('tollgateSettle', { lua: SETTLE });
  }

  // True when this delivery settled the event; false when an earlier one already had. Counters named as
  // before nano-dollars (an old event's) are settled on their nano-dollar counters.
  async settleOnce(eventId: string, order: SettlementOrder | readonly SettlementCounter[]): Promise<boolean> {
    const { counters, hold = null, releases = [] } = 'counters' in order ? order : { counters: order };
    const script = {
      ttl: SEEN_TTL_SECONDS,
      holdTtl: HOLD_TTL_SECONDS,
      holdPrefix: HOLD_PREFIX,
      billedPrefix: BILLED_PREFIX,
      counters: counters.map((c) => {
        const key = nanoDollarCounterOf(c.key);
        return { ...c, key, legacy: microDollarCounterOf(key) ?? undefined };
      }),
      hold: hold && {
        ...hold,
        amounts: hold.amounts.map((a) => ({ ...a, key: nanoDollarCounterOf(a.key) })),
      },
      releases,
    };
    const command = this.redis as unknown as SettleCommand;
    return (await command.tollgateSettle(1, settlementMarkerKey(eventId), encodeOrder(script))) === 1;
  }
}

// cjson decodes an empty JSON array as an empty table, which ipairs walks as it should; `hold: null`
// becomes cjson.null, which is truthy in Lua, so a missing hold is left out instead.
function encodeOrder(order: { hold: unknown } & Record<string, unknown>): string {
  const { hold, ...rest } = order;
  return JSON.stringify(hold ? order : rest);
}
