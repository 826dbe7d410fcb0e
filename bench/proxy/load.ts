// The load generator, in a process of its own (forked by main.ts, driven over IPC): sends one job's requests
// at a fixed rate (open loop: the schedule never waits for answers) or from N concurrent loops (closed loop,
// for capacity), and answers with exact percentiles (every sample kept, in microseconds) of the latency, of
// the time to the first body byte, and of the gateway's own time from its Server-Timing header.
import { Pool } from 'undici';
import type { LoadJob, LoadResult, Percentiles } from './load-job';

const pools = new Map<string, Pool>();
const poolFor = (origin: string) => {
  let pool = pools.get(origin);
  if (!pool) {
    pool = new Pool(origin, { connections: 512, pipelining: 1, keepAliveTimeout: 60_000 });
    pools.set(origin, pool);
  }
  return pool;
};

class Samples {
  readonly latency: number[] = [];
  readonly ttfb: number[] = [];
  readonly gateway: number[] = [];
  requests = 0;
  errors = 0;
  sentAll = 0;
  succeededAll = 0;
  firstError: string | null = null;
}

async function one(
  job: LoadJob,
  pool: Pool,
  path: string,
  samples: Samples,
  counted: boolean,
): Promise<void> {
  const started = performance.now();
  let failure: string | null = null;
  try {
    const res = await pool.request({ path, method: 'POST', headers: job.headers, body: job.body });
    let firstByte = 0;
    for await (const chunk of res.body)
      if (firstByte === 0 && (chunk as Buffer).length > 0) firstByte = performance.now();
    const ended = performance.now();
    if (res.statusCode !== 200) failure = `status ${res.statusCode}`;
    else if (counted) {
      samples.latency.push(ended - started);
      samples.ttfb.push((firstByte || ended) - started);
      const timing = /gateway;dur=([0-9.]+)/.exec(String(res.headers['server-timing'] ?? ''));
      if (timing) samples.gateway.push(Number(timing[1]));
    }
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  samples.sentAll++;
  if (!failure) samples.succeededAll++;
  if (!counted) return;
  samples.requests++;
  if (failure) {
    samples.errors++;
    samples.firstError ??= failure;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fixedRate(job: LoadJob, pool: Pool, path: string, samples: Samples): Promise<void> {
  const rate = job.rate ?? 1;
  const interval = 1000 / rate;
  const started = performance.now();
  const measureFrom = started + job.warmupMs;
  const end = measureFrom + job.durationMs;
  const pending = new Set<Promise<void>>();
  let next = started;
  for (;;) {
    const now = performance.now();
    if (now >= end) break;
    // Every request whose time has come leaves now, whatever is still in flight (no coordinated omission).
    while (next <= now) {
      const request = one(job, pool, path, samples, next >= measureFrom);
      pending.add(request);
      void request.finally(() => pending.delete(request));
      next += interval;
    }
    await sleep(Math.max(0, Math.floor(next - performance.now())));
  }
  await Promise.all(pending);
}

async function closedLoop(job: LoadJob, pool: Pool, path: string, samples: Samples): Promise<void> {
  const started = performance.now();
  const measureFrom = started + job.warmupMs;
  const end = measureFrom + job.durationMs;
  const loop = async () => {
    while (performance.now() < end) await one(job, pool, path, samples, performance.now() >= measureFrom);
  };
  await Promise.all(Array.from({ length: job.connections }, loop));
}

const percentiles = (values: number[]): Percentiles | null => {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: round(sorted[sorted.length - 1] ?? 0) };
};
// Milliseconds to the microsecond.
const round = (ms: number) => Math.round(ms * 1000) / 1000;

async function run(job: LoadJob): Promise<LoadResult> {
  const url = new URL(job.url);
  const pool = poolFor(url.origin);
  const samples = new Samples();
  if (job.rate === null) await closedLoop(job, pool, url.pathname, samples);
  else await fixedRate(job, pool, url.pathname, samples);
  // The measured requests are those sent within the window: answered ones over its length.
  const seconds = job.durationMs / 1000;
  return {
    requests: samples.requests,
    errors: samples.errors,
    sentAll: samples.sentAll,
    succeededAll: samples.succeededAll,
    firstError: samples.firstError,
    achievedRps: Math.round((samples.requests - samples.errors) / seconds),
    latencyMs: percentiles(samples.latency),
    ttfbMs: percentiles(samples.ttfb),
    gatewayMs: percentiles(samples.gateway),
  };
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send?.({ ok: true, result }),
    (error: unknown) => process.send?.({ ok: false, error: String(error) }),
  );
});
process.send?.('ready');
