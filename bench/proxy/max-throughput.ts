// The highest fixed rate a proxy sustains (no errors, kept up with, an added p99 under 10 ms): bisected
// (BISECTIONS steps, to the nearest 50 rps) below 95 % of what a closed loop of requests reaches.
import type { MaxThroughput } from './report';
import type { BenchRunner } from './runner';
import type { Scenario } from './scenarios';
import { BISECTIONS, round3 } from './settings';

export async function findMaxThroughput(
  runner: BenchRunner,
  scenario: Scenario,
  target: 'bare' | 'gateway',
): Promise<MaxThroughput> {
  const capacity = await runner.run(scenario, target, null);
  let low = 0;
  let lowAddedP99: number | null = null;
  let lowestFailed: number | null = null;
  let high = Math.floor((capacity.achievedRps * 0.95) / 50) * 50;
  for (let step = 0; step < BISECTIONS && high - low >= 100; step++) {
    // The first probe is the top itself: a proxy that keeps up there needs no search.
    const rate = step === 0 ? high : Math.round((low + high) / 100) * 50;
    const addedP99 = await sustains(runner, scenario, target, rate);
    if (addedP99 === null) {
      high = rate;
      lowestFailed = rate;
    } else {
      low = rate;
      lowAddedP99 = addedP99;
      if (step === 0) break;
    }
  }
  return {
    rps: low,
    closedLoopRps: capacity.achievedRps,
    addedP99Ms: lowAddedP99,
    failedAtRps: lowestFailed,
  };
}

// The added p99 when the rate is sustained, else null. A failed rate is tried once more, so that one stall
// of this noisy machine does not halve the result.
async function sustains(runner: BenchRunner, scenario: Scenario, target: 'bare' | 'gateway', rate: number) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const through = await runner.run(scenario, target, rate);
    const direct = await runner.run(scenario, 'direct', rate);
    const addedP99 = (through.latencyMs?.p99 ?? Infinity) - (direct.latencyMs?.p99 ?? 0);
    if (through.errors === 0 && through.achievedRps >= rate * 0.97 && addedP99 <= 10) return round3(addedP99);
  }
  return null;
}
