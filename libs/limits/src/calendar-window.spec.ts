import { describe, expect, it } from 'vitest';
import { calendarWindow } from './calendar-window';

const at = (iso: string) => Date.parse(iso);

describe(calendarWindow.name, () => {
  it.each([
    ['s', '2026-11-24T10:15:30.999Z', '2026-11-24T10:15:30.000Z', '2026-11-24T10:15:31.000Z'],
    ['m', '2026-11-24T10:15:59.999Z', '2026-11-24T10:15:00.000Z', '2026-11-24T10:16:00.000Z'],
    ['h', '2026-11-24T10:00:00.000Z', '2026-11-24T10:00:00.000Z', '2026-11-24T11:00:00.000Z'],
    ['d', '2026-11-24T23:59:59.999Z', '2026-11-24T00:00:00.000Z', '2026-11-25T00:00:00.000Z'],
    ['mo', '2026-11-30T23:59:59.999Z', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ['mo', '2026-12-31T12:00:00.000Z', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['mo', '2028-02-29T12:00:00.000Z', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z'],
  ] as const)('%s window of %s is [%s, %s)', (unit, now, start, end) => {
    expect(calendarWindow(unit, at(now))).toEqual({ unit, startMs: at(start), endMs: at(end) });
  });

  it('starts a new window exactly at the boundary', () => {
    const before = calendarWindow('m', at('2026-11-24T10:15:59.999Z'));
    const after = calendarWindow('m', at('2026-11-24T10:16:00.000Z'));
    expect(after.startMs).toBe(before.endMs);
  });
});
