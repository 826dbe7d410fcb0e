// Spend counters held micro-dollars until money became nano-dollars; their names changed with the unit
// (`…:cost[<units>]:…` and `…:cost:total` became `…:cost_nusd[<units>]:…` and `…:cost_nusd:total`), so a
// number is never read in the wrong unit. An old counter is not abandoned: the first script that touches its
// nano-dollar counter folds it in (× 1000, exact) and deletes it, so window spend and total spend carry over.
export const SPEND_COUNTER = 'cost_nusd';
const LEGACY_SPEND_COUNTER = 'cost';
export const NANO_PER_LEGACY_UNIT = 1000;

const NANO_NAME = new RegExp(`:${SPEND_COUNTER}(?=\\[|:total$)`);
const LEGACY_NAME = new RegExp(`:${LEGACY_SPEND_COUNTER}(?=\\[|:total$)`);

// The micro-dollar counter a nano-dollar spend counter replaces, or null for any other counter.
export function microDollarCounterOf(counter: string): string | null {
  return NANO_NAME.test(counter) ? counter.replace(NANO_NAME, `:${LEGACY_SPEND_COUNTER}`) : null;
}

// The nano-dollar counter of a spend counter named in an event published before nano-dollars.
export function nanoDollarCounterOf(counter: string): string {
  return LEGACY_NAME.test(counter) ? counter.replace(LEGACY_NAME, `:${SPEND_COUNTER}`) : counter;
}

// Lua: folds a micro-dollar counter into its nano-dollar counter (keeping the old one's expiry), once.
export const FOLD_MICRO_DOLLAR_COUNTER_LUA = `
local function foldMicroDollars(key, legacy)
  local old = redis.call('GET', legacy)
  if not old then return end
  local ttl = redis.call('PTTL', legacy)
  redis.call('INCRBY', key, tonumber(old) * ${NANO_PER_LEGACY_UNIT})
  if ttl > 0 then redis.call('PEXPIRE', key, ttl) end
  redis.call('DEL', legacy)
end`;
