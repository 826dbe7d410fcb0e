import type { Redis } from 'ioredis';
import { calendarWindow, type WindowUnit } from './calendar-window';

export interface WindowCheck {
  // What is counted and for whom, e.g. `key:<id>:requests` or `user:<id>:cost`.
  subject: string;
  unit: WindowUnit;
  limit: number;
  // How much this request uses: 1 request, or tokens, or reserved micro-dollars.
  amount: number;
}

export type Admission =
  { admitted: true } | { admitted: false; check: WindowCheck; used: number; resetAtMs: number };

// Every window is checked, then every counter is charged, in one script: Redis runs it atomically, so
// concurrent requests can never pass a limit together (BricksLLM checks after the response).
const ADMIT = `
local n = #KEYS
for i = 1, n do
  local limit = tonumber(ARGV[(i - 1) * 3 + 1])
  local amount = tonumber(ARGV[(i - 1) * 3 + 2])
  local used = tonumber(redis.call('GET', KEYS[i]) or '0')
  if used + amount > limit then return {0, i, used} end
end
for i = 1, n do
  local amount = tonumber(ARGV[(i - 1) * 3 + 2])
  local expireAt = ARGV[(i - 1) * 3 + 3]
  if redis.call('INCRBY', KEYS[i], amount) == amount then redis.call('PEXPIREAT', KEYS[i], expireAt) end
end
return {1}`;

// Counters kept a little past their window so a late reader still sees the final count.
const EXPIRY_GRACE_MS = 60_000;

export class WindowLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'tollgate:limit',
  ) {}

  counterKey(check: WindowCheck, nowMs: number): string {
    const window = calendarWindow(check.unit, nowMs);
    return `${this.prefix}:${check.subject}:${check.unit}:${window.startMs}`;
  }

  // Admits the request only if every window has room for its amount; then charges all of them.
  async admit(checks: readonly WindowCheck[], nowMs: number = Date.now()): Promise<Admission> {
    if (checks.length === 0) return { admitted: true };
    const keys = checks.map((c) => this.counterKey(c, nowMs));
    const args = checks.flatMap((c) => [
      c.limit,
      c.amount,
      calendarWindow(c.unit, nowMs).endMs + EXPIRY_GRACE_MS,
    ]);
    const result = (await this.redis.eval(ADMIT, keys.length, ...keys, ...args)) as number[];
    if (result[0] === 1) return { admitted: true };
    const check = checks[(result[1] ?? 1) - 1] as WindowCheck;
    return {
      admitted: false,
      check,
      used: Number(result[2] ?? 0),
      resetAtMs: calendarWindow(check.unit, nowMs).endMs,
    };
  }

  async used(check: WindowCheck, nowMs: number = Date.now()): Promise<number> {
    return Number((await this.redis.get(this.counterKey(check, nowMs))) ?? 0);
  }
}
