// The proxy benchmark's results: their shape (bench/results/proxy.json) and their tables (proxy.md, README).
interface Spread {
  p50: number;
  p90: number;
  p99: number;
}

export interface RateCell {
  rate: number;
  // Medians over the repeats, in milliseconds.
  latencyMs: Record<'direct' | 'bare' | 'gateway', Spread>;
  // Through a proxy minus directly, at the same percentile.
  addedMs: Record<'bare' | 'gateway', Spread>;
  ttfbAddedMs: Record<'bare' | 'gateway', { p50: number; p99: number }>;
  // What the gateway says it spent itself (Server-Timing).
  gatewayOwnMs: { p50: number; p99: number };
  achievedRps: { gateway: number };
  errors: Record<'direct' | 'bare' | 'gateway', number>;
  firstError: string | null;
  // CPU time per request: the bare proxy's; the gateway's proxy-edge alone, its five services, and Redis +
  // Kafka + ClickHouse.
  cpuUsPerRequest: { bare: number; edge: number; services: number; infrastructure: number };
}

export interface MaxThroughput {
  rps: number;
  closedLoopRps: number;
  // The lowest rate tried that was not sustained (null: none failed).
  failedAtRps: number | null;
  addedP99Ms: number | null;
}

export interface BenchReport {
  date: string;
  machine: string;
  settings: { durationS: number; minSamples: number; repeats: number; rates: number[]; bisections: number };
  scenarios: {
    name: string;
    streams: boolean;
    cells: RateCell[];
    max: { bare: MaxThroughput; gateway: MaxThroughput };
  }[];
  memoryMb: Record<string, number>;
  analytics: { gatewayRequests: number; rowsInClickHouse: number };
  minutes: number;
}

const ms = (x: number) => x.toFixed(2);
// A search that found no sustained rate says how far down it looked, not "0".
const rpsOf = (max: MaxThroughput) =>
  max.rps > 0 || max.failedAtRps === null ? String(max.rps) : `< ${max.failedAtRps}`;
const ratioOf = (through: MaxThroughput, bare: MaxThroughput) => {
  if (bare.rps === 0) return '–';
  if (through.rps === 0 && through.failedAtRps !== null)
    return `< ${Math.round((through.failedAtRps / bare.rps) * 100)} %`;
  return `${Math.round((through.rps / bare.rps) * 100)} %`;
};
const check = (ok: boolean) => (ok ? 'met' : '**missed**');

// The issue's targets, each checked on every scenario it applies to.
function targets(report: BenchReport): string[] {
  const rows: string[] = [];
  for (const s of report.scenarios) {
    const at = (rate: number) => s.cells.find((c) => c.rate === rate);
    const c500 = at(500);
    const c1000 = at(1000);
    if (c500) {
      const { p50, p99 } = c500.addedMs.gateway;
      rows.push(
        `| ${s.name} | added p50 ≤ 0.5 ms and p99 ≤ 3 ms at 500 rps | ${ms(p50)} / ${ms(p99)} ms | ${check(p50 <= 0.5 && p99 <= 3 && c500.errors.gateway === 0)} |`,
      );
    }
    if (c1000) {
      const { p99 } = c1000.addedMs.gateway;
      rows.push(
        `| ${s.name} | added p99 ≤ 5 ms at 1000 rps | ${ms(p99)} ms | ${check(p99 <= 5 && c1000.errors.gateway === 0)} |`,
      );
    }
    if (s.streams)
      for (const cell of s.cells)
        rows.push(
          `| ${s.name} | time to first byte added p99 ≤ 2 ms at ${cell.rate} rps | ${ms(cell.ttfbAddedMs.gateway.p99)} ms | ${check(cell.ttfbAddedMs.gateway.p99 <= 2)} |`,
        );
    const { bare, gateway } = s.max;
    rows.push(
      `| ${s.name} | maximum throughput ≥ ¼ of the bare proxy's | ${rpsOf(gateway)} of ${rpsOf(bare)} rps (${ratioOf(gateway, bare)}) | ${check(gateway.rps * 4 >= bare.rps && gateway.rps > 0)} |`,
    );
  }
  for (const [name, mb] of Object.entries(report.memoryMb)) {
    if (['fake upstream', 'bare proxy', 'load generator'].includes(name)) continue;
    rows.push(`| ${name} | peak resident memory < 150 MB | ${mb} MB | ${check(mb < 150)} |`);
  }
  return rows;
}

export function renderReport(report: BenchReport, tracing = false): string {
  const lines = [
    `Proxy benchmark${tracing ? ', tracing on (every service exporting OTLP/HTTP to a local sink)' : ''} (${report.date}), ${report.machine}; each cell the median of ${report.settings.repeats} runs of ${report.settings.durationS} s (at least ${report.settings.minSamples} requests) after a warm-up; load generator, fake upstream, bare proxy, the five services, Redis, Kafka and ClickHouse all on this machine.`,
    '',
    'Added latency = through the proxy minus directly to the fake upstream, same percentile, same rate. Gateway = proxy-edge with admission on Redis, usage events on Kafka, settlement (auth-limit) and analytics rows (analytics-ingester → ClickHouse).',
    '',
    '| scenario | rate (rps) | gateway added p50 / p90 / p99 (ms) | bare proxy added p50 / p99 (ms) | gateway own time p50 / p99 (Server-Timing, ms) | time to first byte added p50 / p99 (ms) | CPU per request (µs): bare proxy; gateway proxy-edge / 5 services / Redis+Kafka+ClickHouse | errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const s of report.scenarios)
    for (const c of s.cells) {
      const g = c.addedMs.gateway;
      const ttfb = s.streams ? `${ms(c.ttfbAddedMs.gateway.p50)} / ${ms(c.ttfbAddedMs.gateway.p99)}` : '';
      lines.push(
        `| ${s.name} | ${c.rate} | ${ms(g.p50)} / ${ms(g.p90)} / ${ms(g.p99)} | ${ms(c.addedMs.bare.p50)} / ${ms(c.addedMs.bare.p99)} | ${ms(c.gatewayOwnMs.p50)} / ${ms(c.gatewayOwnMs.p99)} | ${ttfb} | ${c.cpuUsPerRequest.bare}; ${c.cpuUsPerRequest.edge} / ${c.cpuUsPerRequest.services} / ${c.cpuUsPerRequest.infrastructure} | ${c.errors.gateway}${c.firstError ? ` (${c.firstError})` : ''} |`,
      );
    }
  lines.push(
    '',
    'Maximum throughput: the highest fixed rate with no errors, kept up with, and an added p99 under 10 ms.',
    '',
    '| scenario | bare proxy (rps) | gateway (rps) | gateway / bare |',
    '| --- | --- | --- | --- |',
    ...report.scenarios.map(
      (s) =>
        `| ${s.name} | ${rpsOf(s.max.bare)} | ${rpsOf(s.max.gateway)} | ${ratioOf(s.max.gateway, s.max.bare)} |`,
    ),
    '',
    `Peak resident memory (MB): ${Object.entries(report.memoryMb)
      .map(([name, mb]) => `${name} ${mb}`)
      .join(', ')}.`,
    '',
    `Full pipeline: ${report.analytics.gatewayRequests} successful requests through the gateway, ${report.analytics.rowsInClickHouse} analytics rows in ClickHouse. Run time ${report.minutes} min.`,
    '',
    '| scenario | target | measured | |',
    '| --- | --- | --- | --- |',
    ...targets(report),
  );
  return `${lines.join('\n')}\n`;
}

export const TRACING_SECTION = '## Tracing on and off';

// The same scenarios and rates without tracing (the services' OTEL_SDK_DISABLED=true) and with it (every
// request traced and exported over OTLP/HTTP to a local sink): what tracing costs the hot path.
export function renderTracingComparison(off: BenchReport, on: BenchReport): string {
  const lines = [
    `Tracing on: every service runs the OpenTelemetry SDK, every request is traced (proxy-edge's request and provider-call spans, auth-limit's and analytics-ingester's consumer spans) and exported over OTLP/HTTP (protobuf) to a sink on this machine; off: OTEL_SDK_DISABLED=true (the default without an endpoint). Runs of ${on.date}, same settings as above.`,
    '',
    '| scenario | rate (rps) | added p50 / p99 (ms), off → on | gateway own time p50 / p99 (ms), off → on | CPU per request (µs) proxy-edge, off → on | CPU per request (µs) 5 services, off → on | errors on |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const traced of on.scenarios) {
    const plain = off.scenarios.find((s) => s.name === traced.name);
    for (const cell of traced.cells) {
      const base = plain?.cells.find((c) => c.rate === cell.rate);
      if (!base) continue;
      const added = (c: RateCell) => `${ms(c.addedMs.gateway.p50)} / ${ms(c.addedMs.gateway.p99)}`;
      const own = (c: RateCell) => `${ms(c.gatewayOwnMs.p50)} / ${ms(c.gatewayOwnMs.p99)}`;
      lines.push(
        `| ${traced.name} | ${cell.rate} | ${added(base)} → ${added(cell)} | ${own(base)} → ${own(cell)} | ${base.cpuUsPerRequest.edge} → ${cell.cpuUsPerRequest.edge} | ${base.cpuUsPerRequest.services} → ${cell.cpuUsPerRequest.services} | ${cell.errors.gateway} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
