import type { Redis } from 'ioredis';
import { calendarWindow, type WindowUnit } from './calendar-window';
import {
  FOLD_MICRO_DOLLAR_COUNTER_LUA,
  microDollarCounterOf,
  NANO_PER_LEGACY_UNIT,
} from './micro-dollar-counters';

// A window counter, or a counter over the subject's whole life ('total', e.g. a key's total spend).
export type CounterUnit = WindowUnit | 'total';
export type LimitKind = 'rate' | 'cost' | 'tokens';

export interface WindowCheck {
  // What is counted and for whom, e.g. `key:<id>:rate[m.d]` or `user:<id>:cost:total`.
  subject: string;
  kind: LimitKind;
  unit: CounterUnit;
  limit: number;
  // How much this request uses: 1 request, or reserved tokens, or reserved nano-dollars.
  amount: number;
}

// A cap on requests in flight at once: a slot is held from admission until release (or until maxAgeMs, so a
// slot whose holder crashed frees itself).
export interface SlotCheck {
  subject: string;
  limit: number;
  slotId: string;
  maxAgeMs: number;
}

export type Refusal =
  | { admitted: false; kind: LimitKind; check: WindowCheck; used: number; resetAtMs: number | null }
  | { admitted: false; kind: 'in_flight'; check: SlotCheck; used: number; resetAtMs: null };

// counters: the Redis keys charged, in the order of the checks, so the charge can be settled later.
export type Admission = { admitted: true; counters: string[]; slots: string[] } | Refusal;

// Every window and slot is checked, then everything is charged, in one script: Redis runs it atomically, so
// concurrent requests can never pass a limit together (BricksLLM checks after the response). A counter at
// its limit refuses even a request that adds nothing to it (a free request on an exhausted key). KEYS: the
// counters, the slots, then the micro-dollar counters to fold (ARGV names each counter's, 0 for none).
const ADMIT = `${FOLD_MICRO_DOLLAR_COUNTER_LUA}
local n = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
local slotCount = tonumber(ARGV[3])
local perCheck = 4
for i = 1, n do
  local legacy = tonumber(ARGV[3 + i * perCheck])
  if legacy > 0 then foldMicroDollars(KEYS[i], KEYS[legacy]) end
end
for i = 1, n do
  local base = 3 + (i - 1) * perCheck
  local limit = tonumber(ARGV[base + 1])
  local amount = tonumber(ARGV[base + 2])
  local used = tonumber(redis.call('GET', KEYS[i]) or '0')
  if used + math.max(amount, 1) > limit then return {0, i, used} end
end
local slotBase = 3 + n * perCheck
for j = 1, slotCount do
  local base = slotBase + (j - 1) * 3
  local limit = tonumber(ARGV[base + 1])
  redis.call('ZREMRANGEBYSCORE', KEYS[n + j], '-inf', now - tonumber(ARGV[base + 3]))
  local used = redis.call('ZCARD', KEYS[n + j])
  if used >= limit then return {0, n + j, used} end
end
for i = 1, n do
  local base = 3 + (i - 1) * perCheck
  redis.call('INCRBY', KEYS[i], ARGV[base + 2])
  if ARGV[base + 3] ~= '0' then redis.call('PEXPIREAT', KEYS[i], ARGV[base + 3]) end
end
for j = 1, slotCount do
  local base = slotBase + (j - 1) * 3
  redis.call('ZADD', KEYS[n + j], now, ARGV[base + 2])
  redis.call('PEXPIRE', KEYS[n + j], ARGV[base + 3])
end
return {1}`;

// Charges counters an admission already holds (a stream extending its reservation): all or none, never past
// a limit. A counter that has expired is not recreated (its window is long over).
const CHARGE = `
for i = 1, #KEYS do
  local used = tonumber(redis.call('GET', KEYS[i]) or '0')
  if used + tonumber(ARGV[i * 2]) > tonumber(ARGV[i * 2 - 1]) then return 0 end
end
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('INCRBY', KEYS[i], ARGV[i * 2]) end
end
return 1`;

export interface HeldCounter {
  key: string;
  limit: number;
  amount: number;
}

// Counters kept a little past their window so settlement of a late event still finds them.
const EXPIRY_GRACE_MS = 15 * 60_000;

interface AdmitCommand {
  tollgateAdmit(numKeys: number, ...args: (string | number)[]): Promise<number[]>;
  tollgateCharge(numKeys: number, ...args: (string | number)[]): Promise<number>;
}

export class WindowLimiter {
  constructor(
    private readonly redis: Redis,
    readonly prefix = 'tollgate:limit',
  ) {
    // EVALSHA with a fallback to EVAL: the script is sent once, not with every request.
    if (!('tollgateAdmit' in redis)) redis.defineCommand('tollgateAdmit', { lua: ADMIT });
    if (!('tollgateCharge' in redis)) redis.defineCommand('tollgateCharge', { lua: CHARGE });
  }

  counterKey(check: Pick<WindowCheck, 'subject' | 'unit'>, nowMs: number): string {
    if (check.unit === 'total') return `${this.prefix}:${check.subject}:total`;
    const window = calendarWindow(check.unit, nowMs);
    return `${this.prefix}:${check.subject}:${check.unit}:${window.startMs}`;
  }

  slotKey(check: Pick<SlotCheck, 'subject'>): string {
    return `${this.prefix}:${check.subject}:in-flight`;
  }

  // Admits the request only if every window has room for its amount and every slot cap has a free slot;
  // then charges all of them.
  async admit(
    checks: readonly WindowCheck[],
    nowMs: number = Date.now(),
    slots: readonly SlotCheck[] = [],
  ): Promise<Admission> {
    if (checks.length === 0 && slots.length === 0) return { admitted: true, counters: [], slots: [] };
    checks.forEach(checkAmounts);
    const counters = checks.map((c) => this.counterKey(c, nowMs));
    const slotKeys = slots.map((s) => this.slotKey(s));
    const legacy = legacyKeysOf(counters, counters.length + slotKeys.length);
    const args = [
      checks.length,
      nowMs,
      slots.length,
      ...checks.flatMap((c, i) => [c.limit, c.amount, expiryOf(c, nowMs), legacy.indexes[i] ?? 0]),
      ...slots.flatMap((s) => [s.limit, s.slotId, s.maxAgeMs]),
    ];
    const keys = [...counters, ...slotKeys, ...legacy.keys];
    const command = this.redis as unknown as AdmitCommand;
    const result = await command.tollgateAdmit(keys.length, ...keys, ...args);
    if (result[0] === 1) return { admitted: true, counters, slots: slotKeys };
    const index = (result[1] ?? 1) - 1;
    const used = Number(result[2] ?? 0);
    const check = checks[index];
    if (check) {
      const resetAtMs = check.unit === 'total' ? null : calendarWindow(check.unit, nowMs).endMs;
      return { admitted: false, kind: check.kind, check, used, resetAtMs };
    }
    const slot = slots[index - checks.length] as SlotCheck;
    return { admitted: false, kind: 'in_flight', check: slot, used, resetAtMs: null };
  }

  // True when every counter had room for its amount and was charged; false (nothing charged) otherwise.
  async charge(counters: readonly HeldCounter[]): Promise<boolean> {
    if (counters.length === 0) return true;
    for (const c of counters)
      checkAmounts({ subject: c.key, kind: 'cost', unit: 'total', limit: c.limit, amount: c.amount });
    const command = this.redis as unknown as AdmitCommand;
    const args = counters.flatMap((c) => [c.limit, c.amount]);
    return (await command.tollgateCharge(counters.length, ...counters.map((c) => c.key), ...args)) === 1;
  }

  // Frees the slots a request held; called when its response ends, however it ends.
  async release(slotKeys: readonly string[], slotId: string): Promise<void> {
    if (slotKeys.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const key of slotKeys) pipeline.zrem(key, slotId);
    await pipeline.exec();
  }

  // What a counter holds; a spend counter not folded yet counts its micro-dollar predecessor too.
  async used(check: Pick<WindowCheck, 'subject' | 'unit'>, nowMs: number = Date.now()): Promise<number> {
    return this.usedOf(this.counterKey(check, nowMs));
  }

  async usedOf(counter: string): Promise<number> {
    const legacy = microDollarCounterOf(counter);
    if (!legacy) return Number((await this.redis.get(counter)) ?? 0);
    const [current, old] = await this.redis.mget(counter, legacy);
    return Number(current ?? 0) + Number(old ?? 0) * NANO_PER_LEGACY_UNIT;
  }

  async inFlight(check: Pick<SlotCheck, 'subject'>): Promise<number> {
    return this.redis.zcard(this.slotKey(check));
  }
}

// What a script may be given: limits and amounts are whole numbers Redis counts exactly (INCRBY takes 64-bit
// integers, Lua compares doubles), so no request's values can make the script fail or compare wrongly.
export class LimitAmountError extends RangeError {
  constructor(check: WindowCheck) {
    super(
      `${check.kind} ${check.unit} of ${check.subject}: amount ${check.amount} or limit ${check.limit} is not a whole number from 0 to 2^53 - 1`,
    );
    this.name = LimitAmountError.name;
  }
}

function checkAmounts(check: WindowCheck): void {
  const whole = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (!whole(check.amount) || !whole(check.limit)) throw new LimitAmountError(check);
}

// The micro-dollar predecessors of the spend counters, as extra KEYS after `offset`, and for each counter the
// 1-based KEYS index of its predecessor (0 for none).
function legacyKeysOf(counters: readonly string[], offset: number) {
  const keys: string[] = [];
  const indexes = counters.map((counter) => {
    const legacy = microDollarCounterOf(counter);
    if (!legacy) return 0;
    keys.push(legacy);
    return offset + keys.length;
  });
  return { keys, indexes };
}

function expiryOf(check: WindowCheck, nowMs: number): number {
  return check.unit === 'total' ? 0 : calendarWindow(check.unit, nowMs).endMs + EXPIRY_GRACE_MS;
}
