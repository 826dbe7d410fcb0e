import { describe, expect, it } from 'vitest';
import { ServerTiming } from './server-timing';

const busyFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};
const durationOf = (header: string, name: string) =>
  Number(new RegExp(`${name};dur=([0-9.]+)`).exec(header)?.[1] ?? Number.NaN);

describe(ServerTiming.name, () => {
  it('reports only the gateway time when no upstream was called', () => {
    const timing = new ServerTiming();
    busyFor(2);
    const header = timing.header();
    expect(header).toMatch(/^gateway;dur=\d+\.\d{3}$/);
    expect(durationOf(header, 'gateway')).toBeGreaterThanOrEqual(2);
  });

  it('subtracts the wait for the upstream from the gateway time', () => {
    const timing = new ServerTiming();
    busyFor(1);
    timing.upstreamCalled();
    busyFor(20);
    timing.upstreamAnswered();
    busyFor(1);
    const header = timing.header();
    expect(durationOf(header, 'upstream')).toBeGreaterThanOrEqual(20);
    expect(durationOf(header, 'gateway')).toBeGreaterThanOrEqual(2);
    expect(durationOf(header, 'gateway')).toBeLessThan(20);
  });

  it("keeps the upstream's own entries ahead of the gateway's", () => {
    const timing = new ServerTiming();
    expect(timing.headerAfter('db;dur=3')).toMatch(/^db;dur=3, gateway;dur=/);
    expect(timing.headerAfter(['a;dur=1', 'b;dur=2'])).toMatch(/^a;dur=1, b;dur=2, gateway;dur=/);
    expect(timing.headerAfter(undefined)).toMatch(/^gateway;dur=/);
  });
});
