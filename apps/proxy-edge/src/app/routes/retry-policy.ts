import { parseGoDuration } from '@tollgate/platform-config';
import type { RouteSnapshot } from '@tollgate/contracts';

// A wait announced by the upstream (Retry-After) is honoured up to this, never longer: a provider asking for
// minutes is failed over instead (the next step, or the last answer).
export const MAX_RETRY_AFTER_MS = 30_000;
// Exponential backoff doubles from the step's retryInterval up to this.
const MAX_BACKOFF_MS = 30_000;

// What may succeed if tried again or elsewhere: a timeout, rate limiting, an overloaded or failing server.
// Any other 4xx is the request's fault and goes straight back to the caller.
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

// Retry-After in seconds or as an HTTP date, capped; null when absent or unreadable.
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(0, Math.round(ms)), MAX_RETRY_AFTER_MS);
}

export function durationMs(text: string, fallback: number): number {
  const ms = parseGoDuration(text);
  return ms !== null && ms > 0 ? ms : fallback;
}

// The wait before retry number `retry` (1 = the first retry) of a step: constant waits retryInterval;
// exponential doubles it each time with full jitter (a random wait up to the doubled interval, so clients
// failing together do not retry together). A Retry-After the upstream sent wins when it is longer.
export function backoffMs(
  strategy: RouteSnapshot['retryStrategy'],
  intervalMs: number,
  retry: number,
  announcedMs: number | null,
  random: () => number = Math.random,
): number {
  const base =
    strategy === 'exponential'
      ? Math.round(random() * Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.max(0, retry - 1)))
      : intervalMs;
  return Math.max(base, announcedMs ?? 0);
}
