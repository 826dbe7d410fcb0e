// Proxy benchmark (not a test): what the gateway adds to every call. Each scenario runs at fixed rates directly
// against the fake upstream, through the bare proxy and through the gateway (the five services on Redis, Kafka
// and ClickHouse), repeated, medians reported; then the highest rate each proxy sustains. Results:
// bench/results/proxy.{md,json} (the latest run only). Targets: issue 8, restated in report.ts.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Gateway } from './gateway';
import type { LoadJob, LoadResult } from './load-job';
import { cpuSeconds, peakRssMb, pidsMatching, startScript } from './processes';
import { startOtlpSink } from './otlp-sink';
import {
  renderReport,
  renderTracingComparison,
  TRACING_SECTION,
  type BenchReport,
  type MaxThroughput,
  type RateCell,
} from './report';
import { SCENARIOS, type Scenario } from './scenarios';

const env = process.env;
const DURATION_MS = Number(env['BENCH_DURATION_S'] ?? 1) * 1000;
// At low rates a run lasts long enough for this many samples (a p99 of fewer means little).
const MIN_SAMPLES = Number(env['BENCH_MIN_SAMPLES'] ?? 100);
const REPEATS = Number(env['BENCH_REPEATS'] ?? 3);
const RATES = (env['BENCH_RATES'] ?? '100,500,1000').split(',').map(Number);
const ONLY = env['BENCH_SCENARIOS'] ?? '';
// BENCH_MAX=0 skips the maximum-throughput search (for profiling at fixed rates).
const FIND_MAX = env['BENCH_MAX'] !== '0';
const BISECTIONS = Number(env['BENCH_BISECTIONS'] ?? 3);
// BENCH_TRACING=on: the services trace every request and export to a local OTLP/HTTP sink (protobuf, the
// SDK's default); the results go to proxy-tracing.{md,json}, and proxy.md gets the comparison with the run
// before it (run.sh runs both).
const TRACING = env['BENCH_TRACING'] === 'on';
const RESULTS = TRACING ? 'proxy-tracing' : 'proxy';
const SINK_PORT = 19103;
const WARMUP_MS = 250;
const UPSTREAM_PORT = 19101;
const BARE_PORT = 19102;
const ROOT = process.cwd();
// BENCH_RESULTS_DIR: somewhere else than bench/results (a partial run that must not replace the full one).
const RESULTS_DIR = env['BENCH_RESULTS_DIR'] ?? join(ROOT, 'bench/results');

const TARGETS = ['direct', 'bare', 'gateway'] as const;
type Target = (typeof TARGETS)[number];

const log = (line: string) => process.stdout.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

class LoadGenerator {
  constructor(private readonly child: ChildProcess) {}

  run(job: LoadJob): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      this.child.once('message', (answer: { ok: boolean; result?: LoadResult; error?: string }) =>
        answer.ok && answer.result ? resolve(answer.result) : reject(new Error(answer.error)),
      );
      this.child.send(job);
    });
  }
}

// CPU seconds used so far by groups of processes.
function cpuOf(groups: Record<string, number[]>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(groups).map(([name, pids]) => [name, pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0)]),
  );
}

async function main() {
  const upstream = await startScript('fake-upstream.mjs', { PORT: String(UPSTREAM_PORT) });
  const upstreamUrl = `http://127.0.0.1:${UPSTREAM_PORT}`;
  const bare = await startScript('bare-proxy.mjs', { PORT: String(BARE_PORT), TARGET: upstreamUrl });
  const generator = await startScript('load.mjs');
  const load = new LoadGenerator(generator);
  log('proxy bench: starting the gateway (five services on PostgreSQL, Redis, Kafka, ClickHouse)');
  const sink = TRACING ? await startOtlpSink(SINK_PORT) : null;
  const telemetryEnv: Record<string, string> = sink
    ? { OTEL_SDK_DISABLED: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: sink.url }
    : {};
  const gateway = await Gateway.start(upstreamUrl, telemetryEnv).catch((error: unknown) => {
    for (const child of [upstream, bare, generator]) child.kill();
    throw error;
  });
  // Interrupted: the services and scripts stop with the benchmark, never left running.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      for (const child of [upstream, bare, generator]) child.kill();
      void gateway.stop().finally(() => process.exit(130));
    });
  try {
    await benchmark(gateway, load, upstreamUrl, { upstream, bare, generator });
  } finally {
    await gateway.stop();
    for (const child of [upstream, bare, generator]) child.kill();
    if (sink) log(`tracing: ${JSON.stringify(sink.exports())} exported to the sink`);
    await sink?.stop();
  }
}

async function benchmark(
  gateway: Gateway,
  load: LoadGenerator,
  upstreamUrl: string,
  children: Record<'upstream' | 'bare' | 'generator', ChildProcess>,
) {
  const { upstream, bare, generator } = children;
  const servicePids = gateway.pids();
  const cpuGroups = {
    bare: [bare.pid ?? 0],
    edge: [servicePids['proxy-edge'] ?? 0],
    services: Object.values(servicePids),
    infrastructure: [
      ...pidsMatching('redis-server'),
      ...pidsMatching('kafka.Kafka'),
      ...pidsMatching('clickhouse-server'),
    ],
  };
  let gatewaySucceeded = 0;

  const jobOf = (scenario: Scenario, target: Target, rate: number | null): LoadJob => {
    const headers = { 'content-type': 'application/json', authorization: 'Bearer sk-bench' };
    const url = {
      direct: `${upstreamUrl}/v1${scenario.path}`,
      bare: `http://127.0.0.1:${BARE_PORT}/v1${scenario.path}`,
      gateway: `${gateway.proxyUrl}${scenario.gatewayPath ?? `/api/providers/openai/v1${scenario.path}`}`,
    }[target];
    if (target === 'gateway') headers.authorization = `Bearer ${gateway.keys[scenario.key]}`;
    return {
      url,
      headers,
      body: JSON.stringify(scenario.body),
      rate,
      // Closed loops: a stream lasts about 100 ms, so it takes more of them in flight to find the limit.
      connections: scenario.streams ? 400 : 64,
      warmupMs: WARMUP_MS,
      durationMs: rate === null ? DURATION_MS : Math.max(DURATION_MS, (MIN_SAMPLES / rate) * 1000),
    };
  };
  const run = async (scenario: Scenario, target: Target, rate: number | null) => {
    const result = await load.run(jobOf(scenario, target, rate));
    if (target === 'gateway') gatewaySucceeded += result.succeededAll;
    return result;
  };

  const fixedRate = async (scenario: Scenario, rate: number): Promise<RateCell> => {
    const runs: Record<Target, LoadResult[]> = { direct: [], bare: [], gateway: [] };
    const cpu = { bare: 0, edge: 0, services: 0, infrastructure: 0 };
    let gatewaySent = 0;
    let bareSent = 0;
    // Targets interleaved within each repeat, so that drift in the machine's speed touches all three alike.
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      for (const target of TARGETS) {
        const before = cpuOf(cpuGroups);
        const result = await run(scenario, target, rate);
        runs[target].push(result);
        const after = cpuOf(cpuGroups);
        const used = (group: keyof typeof cpu) => (after[group] ?? 0) - (before[group] ?? 0);
        if (target === 'bare') {
          cpu.bare += used('bare');
          bareSent += result.sentAll;
        }
        if (target !== 'gateway') continue;
        for (const group of ['edge', 'services', 'infrastructure'] as const) cpu[group] += used(group);
        gatewaySent += result.sentAll;
      }
    }
    const of = (target: Target, pick: (r: LoadResult) => number | undefined) =>
      round3(median(runs[target].map((r) => pick(r) ?? 0)));
    const latency = (target: Target) => ({
      p50: of(target, (r) => r.latencyMs?.p50),
      p90: of(target, (r) => r.latencyMs?.p90),
      p99: of(target, (r) => r.latencyMs?.p99),
    });
    const ttfb = (target: Target) => ({
      p50: of(target, (r) => r.ttfbMs?.p50),
      p99: of(target, (r) => r.ttfbMs?.p99),
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
    const perRequestUs = (seconds: number, sent = gatewaySent) =>
      Math.round((seconds / Math.max(1, sent)) * 1e6);
    const cell: RateCell = {
      rate,
      latencyMs: { direct, bare: latency('bare'), gateway: latency('gateway') },
      addedMs: { bare: added('bare'), gateway: added('gateway') },
      ttfbAddedMs: {
        bare: {
          p50: round3(ttfb('bare').p50 - ttfb('direct').p50),
          p99: round3(ttfb('bare').p99 - ttfb('direct').p99),
        },
        gateway: {
          p50: round3(ttfb('gateway').p50 - ttfb('direct').p50),
          p99: round3(ttfb('gateway').p99 - ttfb('direct').p99),
        },
      },
      gatewayOwnMs: {
        p50: of('gateway', (r) => r.gatewayMs?.p50),
        p99: of('gateway', (r) => r.gatewayMs?.p99),
      },
      achievedRps: { gateway: of('gateway', (r) => r.achievedRps) },
      errors: Object.fromEntries(
        TARGETS.map((t) => [t, runs[t].reduce((n, r) => n + r.errors, 0)]),
      ) as Record<Target, number>,
      firstError: runs.gateway.find((r) => r.firstError)?.firstError ?? null,
      cpuUsPerRequest: {
        bare: perRequestUs(cpu.bare, bareSent),
        edge: perRequestUs(cpu.edge),
        services: perRequestUs(cpu.services),
        infrastructure: perRequestUs(cpu.infrastructure),
      },
    };
    log(
      `  ${rate} rps: added p50 ${cell.addedMs.gateway.p50} ms, p99 ${cell.addedMs.gateway.p99} ms` +
        ` (bare proxy ${cell.addedMs.bare.p50} / ${cell.addedMs.bare.p99}); errors ${cell.errors.gateway}`,
    );
    return cell;
  };

  // The highest fixed rate with no errors, kept up with, and an added p99 under 10 ms: bisected (BISECTIONS
  // steps, to the nearest 50 rps) below 95 % of what a closed loop of requests reaches.
  // A rate is sustained when a run through the proxy passes; a failed one is tried once more, so that one
  // stall of this noisy machine does not halve the result.
  const sustains = async (scenario: Scenario, target: 'bare' | 'gateway', rate: number) => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const through = await run(scenario, target, rate);
      const direct = await run(scenario, 'direct', rate);
      const addedP99 = (through.latencyMs?.p99 ?? Infinity) - (direct.latencyMs?.p99 ?? 0);
      if (through.errors === 0 && through.achievedRps >= rate * 0.97 && addedP99 <= 10)
        return round3(addedP99);
    }
    return null;
  };
  const maxThroughput = async (scenario: Scenario, target: 'bare' | 'gateway'): Promise<MaxThroughput> => {
    const capacity = await run(scenario, target, null);
    let low = 0;
    let lowAddedP99: number | null = null;
    let lowestFailed: number | null = null;
    let high = Math.floor((capacity.achievedRps * 0.95) / 50) * 50;
    for (let step = 0; step < BISECTIONS && high - low >= 100; step++) {
      // The first probe is the top itself: a proxy that keeps up there needs no search.
      const rate = step === 0 ? high : Math.round((low + high) / 100) * 50;
      const addedP99 = await sustains(scenario, target, rate);
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
  };

  const started = performance.now();
  const scenarios = SCENARIOS.filter((s) => !ONLY || ONLY.split(',').some((part) => s.name.includes(part)));
  const results: BenchReport['scenarios'] = [];
  for (const scenario of scenarios) {
    log(`${scenario.name}`);
    // Warmed up first, unmeasured, on every target: the JIT compiles each scenario's own paths.
    for (const target of TARGETS) await run(scenario, target, 500);
    const cells: RateCell[] = [];
    for (const rate of RATES) cells.push(await fixedRate(scenario, rate));
    const none: MaxThroughput = { rps: 0, closedLoopRps: 0, addedP99Ms: null, failedAtRps: null };
    const bareMax = FIND_MAX ? await maxThroughput(scenario, 'bare') : none;
    const gatewayMax = FIND_MAX ? await maxThroughput(scenario, 'gateway') : none;
    log(`  max: bare proxy ${bareMax.rps} rps, gateway ${gatewayMax.rps} rps`);
    results.push({
      name: scenario.name,
      streams: scenario.streams ?? false,
      cells,
      max: { bare: bareMax, gateway: gatewayMax },
    });
  }

  // The full pipeline: every successful request through the gateway is one analytics row in ClickHouse.
  let rows = 0;
  const waitUntil = performance.now() + 60_000;
  while (performance.now() < waitUntil) {
    rows = await gateway.analyticsRows();
    if (rows >= gatewaySucceeded) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const memoryMb: Record<string, number> = {
    ...Object.fromEntries(Object.entries(servicePids).map(([name, pid]) => [name, peakRssMb(pid)])),
    'fake upstream': peakRssMb(upstream.pid ?? 0),
    'bare proxy': peakRssMb(bare.pid ?? 0),
    'load generator': peakRssMb(generator.pid ?? 0),
  };
  const report: BenchReport = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`,
    settings: {
      durationS: DURATION_MS / 1000,
      minSamples: MIN_SAMPLES,
      repeats: REPEATS,
      rates: RATES,
      bisections: BISECTIONS,
    },
    scenarios: results,
    memoryMb,
    analytics: { gatewayRequests: gatewaySucceeded, rowsInClickHouse: rows },
    minutes: Math.round(((performance.now() - started) / 60_000) * 10) / 10,
  };
  const markdown = renderReport(report, TRACING);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${RESULTS}.md`), markdown);
  writeFileSync(join(RESULTS_DIR, `${RESULTS}.json`), `${JSON.stringify(report, null, 2)}\n`);
  log(`\n${markdown}`);
  if (TRACING) addTracingComparison(report);
}

// proxy.md gets a section comparing the run without tracing (proxy.json) with this one, same scenarios and
// rates, replacing the section of an earlier comparison.
function addTracingComparison(traced: BenchReport): void {
  const baseline = JSON.parse(readFileSync(join(RESULTS_DIR, 'proxy.json'), 'utf8')) as BenchReport;
  const markdown = readFileSync(join(RESULTS_DIR, 'proxy.md'), 'utf8');
  const untraced = markdown.split(TRACING_SECTION)[0]?.trimEnd() ?? '';
  const section = renderTracingComparison(baseline, traced);
  writeFileSync(join(RESULTS_DIR, 'proxy.md'), `${untraced}\n\n${TRACING_SECTION}\n\n${section}`);
  log(`\n${section}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
