// Proxy benchmark (not a test): what the gateway adds to every call. Each scenario runs at fixed rates directly
// against the fake upstream, through the bare proxy and through the gateway (the five services on Redis, Kafka
// and ClickHouse), repeated, medians reported; then the highest rate each proxy sustains. Results:
// bench/results/proxy.{md,json} (the latest run only). Targets: issue 8, restated in report.ts.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { measureFixedRate, type CpuGroups } from './fixed-rate';
import { Gateway } from './gateway';
import { findMaxThroughput } from './max-throughput';
import { startOtlpSink } from './otlp-sink';
import { peakRssMb, pidsMatching, startScript } from './processes';
import {
  renderReport,
  renderTracingComparison,
  TRACING_SECTION,
  type BenchReport,
  type MaxThroughput,
  type RateCell,
} from './report';
import { BenchRunner } from './runner';
import { SCENARIOS } from './scenarios';
import * as settings from './settings';
import { log, RESULTS, RESULTS_DIR, TARGETS, TRACING } from './settings';

type Helpers = Record<'upstream' | 'bare' | 'generator', ChildProcess>;

async function main() {
  const upstreamUrl = `http://127.0.0.1:${settings.UPSTREAM_PORT}`;
  const helpers: Helpers = {
    upstream: await startScript('fake-upstream.mjs', { PORT: String(settings.UPSTREAM_PORT) }),
    bare: await startScript('bare-proxy.mjs', { PORT: String(settings.BARE_PORT), TARGET: upstreamUrl }),
    generator: await startScript('load.mjs'),
  };
  const stopHelpers = () => Object.values(helpers).forEach((child) => child.kill());
  log('proxy bench: starting the gateway (five services on PostgreSQL, Redis, Kafka, ClickHouse)');
  const sink = TRACING ? await startOtlpSink(settings.SINK_PORT) : null;
  const telemetryEnv: Record<string, string> = sink
    ? { OTEL_SDK_DISABLED: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: sink.url }
    : {};
  const gateway = await Gateway.start(upstreamUrl, telemetryEnv).catch((error: unknown) => {
    stopHelpers();
    throw error;
  });
  // Interrupted: the services and scripts stop with the benchmark, never left running.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      stopHelpers();
      void gateway.stop().finally(() => process.exit(130));
    });
  try {
    await benchmark(gateway, new BenchRunner(helpers.generator, gateway, upstreamUrl), helpers);
  } finally {
    await gateway.stop();
    stopHelpers();
    if (sink) log(`tracing: ${JSON.stringify(sink.exports())} exported to the sink`);
    await sink?.stop();
  }
}

async function benchmark(gateway: Gateway, runner: BenchRunner, helpers: Helpers) {
  const started = performance.now();
  const servicePids = gateway.pids();
  const cpuGroups: CpuGroups = {
    bare: [helpers.bare.pid ?? 0],
    edge: [servicePids['proxy-edge'] ?? 0],
    services: Object.values(servicePids),
    infrastructure: ['redis-server', 'kafka.Kafka', 'clickhouse-server'].flatMap(pidsMatching),
  };
  const scenarios = SCENARIOS.filter(
    (s) => !settings.ONLY || settings.ONLY.split(',').some((part) => s.name.includes(part)),
  );
  const results: BenchReport['scenarios'] = [];
  for (const scenario of scenarios) {
    log(`${scenario.name}`);
    // Warmed up first, unmeasured, on every target: the JIT compiles each scenario's own paths.
    for (const target of TARGETS) await runner.run(scenario, target, 500);
    const cells: RateCell[] = [];
    for (const rate of settings.RATES) cells.push(await measureFixedRate(runner, cpuGroups, scenario, rate));
    const none: MaxThroughput = { rps: 0, closedLoopRps: 0, addedP99Ms: null, failedAtRps: null };
    const bareMax = settings.FIND_MAX ? await findMaxThroughput(runner, scenario, 'bare') : none;
    const gatewayMax = settings.FIND_MAX ? await findMaxThroughput(runner, scenario, 'gateway') : none;
    log(`  max: bare proxy ${bareMax.rps} rps, gateway ${gatewayMax.rps} rps`);
    const max = { bare: bareMax, gateway: gatewayMax };
    results.push({ name: scenario.name, streams: scenario.streams ?? false, cells, max });
  }
  const rows = await analyticsRowsOwed(gateway, runner.gatewaySucceeded);
  const memoryMb: Record<string, number> = {
    ...Object.fromEntries(Object.entries(servicePids).map(([name, pid]) => [name, peakRssMb(pid)])),
    'fake upstream': peakRssMb(helpers.upstream.pid ?? 0),
    'bare proxy': peakRssMb(helpers.bare.pid ?? 0),
    'load generator': peakRssMb(helpers.generator.pid ?? 0),
  };
  writeReport({
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`,
    settings: {
      durationS: settings.DURATION_MS / 1000,
      minSamples: settings.MIN_SAMPLES,
      repeats: settings.REPEATS,
      rates: settings.RATES,
      bisections: settings.BISECTIONS,
    },
    scenarios: results,
    memoryMb,
    analytics: { gatewayRequests: runner.gatewaySucceeded, rowsInClickHouse: rows },
    minutes: Math.round(((performance.now() - started) / 60_000) * 10) / 10,
  });
}

// The full pipeline: every successful request through the gateway is one analytics row in ClickHouse. The
// rows counted once all have landed, or after a minute.
async function analyticsRowsOwed(gateway: Gateway, owed: number): Promise<number> {
  let rows = 0;
  const waitUntil = performance.now() + 60_000;
  while (performance.now() < waitUntil) {
    rows = await gateway.analyticsRows();
    if (rows >= owed) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return rows;
}

function writeReport(report: BenchReport): void {
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
