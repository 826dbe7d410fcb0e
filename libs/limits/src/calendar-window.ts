// Fixed UTC calendar windows, as BricksLLM's: a minute resets at :00 UTC, a day at 00:00 UTC, a month on the 1st.
export type WindowUnit = 's' | 'm' | 'h' | 'd' | 'mo';

export interface CalendarWindow {
  unit: WindowUnit;
  // Epoch milliseconds; the window is [startMs, endMs).
  startMs: number;
  endMs: number;
}

const FIXED_MS: Record<Exclude<WindowUnit, 'mo'>, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

export function calendarWindow(unit: WindowUnit, nowMs: number): CalendarWindow {
  if (unit === 'mo') {
    const now = new Date(nowMs);
    const startMs = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    const endMs = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    return { unit, startMs, endMs };
  }
  const size = FIXED_MS[unit];
  const startMs = Math.floor(nowMs / size) * size;
  return { unit, startMs, endMs: startMs + size };
}
