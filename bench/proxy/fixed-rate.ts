// One cell of the report: a scenario at a fixed rate, run REPEATS times on each target, medians kept, with
// the CPU each group of processes spent per request.
import type { LoadResult } from './load-job';
import { cpuSeconds } from './processes';
import type { RateCell } from './report';
import type { BenchRunner } from './runner';
import type { Scenario } from './scenarios';
import { log, median, REPEATS, round3, TARGETS, type Target } from './settings';

// Process ids whose CPU time is summed: the bare proxy, proxy-edge, the five services, the infrastructure.
export type CpuGroups = Record<'bare' | 'edge' | 'services' | 'infrastructure', number[]>;

interface Collected {
  runs: Record<Target, LoadResult[]>;
  cpuSeconds: Record<keyof CpuGroups, number>;
  sent: { bare: number; gateway: number };
}

export async function measureFixedRate(
  runner: BenchRunner,
  cpuGroups: CpuGroups,
  scenario: Scenario,
  rate: number,
): Promise<RateCell> {
  const cell = summarize(rate, await collect(runner, cpuGroups, scenario, rate));
  log(
    `  ${rate} rps: added p50 ${cell.addedMs.gateway.p50} ms, p99 ${cell.addedMs.gateway.p99} ms` +
      ` (bare proxy ${cell.addedMs.bare.p50} / ${cell.addedMs.bare.p99}); errors ${cell.errors.gateway}`,
  );
  return cell;
}

// Targets interleaved within each repeat, so that drift in the machine's speed touches all three alike.
async function collect(runner: BenchRunner, groups: CpuGroups, scenario: Scenario, rate: number) {
  const collected: Collected = {
    runs: { direct: [], bare: [], gateway: [] },
    cpuSeconds: { bare: 0, edge: 0, services: 0, infrastructure: 0 },
    sent: { bare: 0, gateway: 0 },
  };
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    for (const target of TARGETS) {
      const before = cpuOf(groups);
      const result = await runner.run(scenario, target, rate);
      collected.runs[target].push(result);
      const after = cpuOf(groups);
      const used = (group: keyof CpuGroups) => after[group] - before[group];
      if (target === 'bare') {
        collected.cpuSeconds.bare += used('bare');
        collected.sent.bare += result.sentAll;
      }
      if (target !== 'gateway') continue;
      for (const group of ['edge', 'services', 'infrastructure'] as const)
        collected.cpuSeconds[group] += used(group);
      collected.sent.gateway += result.sentAll;
    }
  }
  return collected;
}

// CPU seconds used so far by each group of processes.
function cpuOf(groups: CpuGroups): Record<keyof CpuGroups, number> {
  const total = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  return {
    bare: total(groups.bare),
    edge: total(groups.edge),
    services: total(groups.services),
    infrastructure: total(groups.infrastructure),
  };
}

function summarize(rate: number, { runs, cpuSeconds: cpu, sent }: Collected): RateCell {
  const of = (target: Target, pick: (r: LoadResult) => number | undefined) =>
    round3(median(runs[target].map((r) => pick(r) ?? 0)));
  const latency = (target: Target) => ({
    p50: of(target, (r) => r.latencyMs?.p50),
    p90: of(target, (r) => r.latencyMs?.p90),
    p99: of(target, (r) => r.latencyMs?.p99),
  });
  const ttfbAdded = (target: Target) => ({
    p50: round3(of(target, (r) => r.ttfbMs?.p50) - of('direct', (r) => r.ttfbMs?.p50)),
    p99: round3(of(target, (r) => r.ttfbMs?.p99) - of('direct', (r) => r.ttfbMs?.p99)),
  });
  const direct = latency('direct');
  const added = (target: Target) => {
    const through = latency(target);
    return {
      p50: round3(through.p50 - direct.p50),
      p90: round3(through.p90 - direct.p90),
      p99: round3(through.p99 - direct.p99),
    };
  };
  const perRequestUs = (seconds: number, count = sent.gateway) =>
    Math.round((seconds / Math.max(1, count)) * 1e6);
  return {
    rate,
    latencyMs: { direct, bare: latency('bare'), gateway: latency('gateway') },
    addedMs: { bare: added('bare'), gateway: added('gateway') },
    ttfbAddedMs: { bare: ttfbAdded('bare'), gateway: ttfbAdded('gateway') },
    gatewayOwnMs: {
      p50: of('gateway', (r) => r.gatewayMs?.p50),
      p99: of('gateway', (r) => r.gatewayMs?.p99),
    },
    achievedRps: { gateway: of('gateway', (r) => r.achievedRps) },
    errors: { direct: errorsOf(runs.direct), bare: errorsOf(runs.bare), gateway: errorsOf(runs.gateway) },
    firstError: runs.gateway.find((r) => r.firstError)?.firstError ?? null,
    cpuUsPerRequest: {
      bare: perRequestUs(cpu.bare, sent.bare),
      edge: perRequestUs(cpu.edge),
      services: perRequestUs(cpu.services),
      infrastructure: perRequestUs(cpu.infrastructure),
    },
  };
}

const errorsOf = (runs: LoadResult[]) => runs.reduce((n, r) => n + r.errors, 0);
