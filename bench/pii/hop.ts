// PII scan hop benchmark (not a test): what one call from the proxy to pii-redaction costs, over HTTP
// keep-alive with the real client (PiiScanClient) against the built service, for a 2 KB prompt and a
// redacting policy. Broken down into detection alone (the same prompt evaluated in this process), the
// service's own time (server-timing) and an HTTP floor (undici to a node:http server answering at once).
// Results: bench/results/pii-hop.{md,json} (the latest run only).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { compilePolicy, evaluateCompiled } from '@tollgate/pii';
import { PiiScanClient, policyVersionOf, type ScanRequest } from '@tollgate/prompt-scan';

const ROOT = process.cwd();
const PORT = Number(process.env['BENCH_PII_PORT'] ?? 19104);
const WORKERS = process.env['BENCH_PII_WORKERS'] ?? '2';
const CALLS = Number(process.env['BENCH_PII_CALLS'] ?? 2_000);
const WARMUP = 200;
const CONCURRENCY = 8;

// 2 KB (2,048 ASCII bytes) of a support ticket with a name, an email, a phone number and an order number.
const PROMPT = [
  'Hello support team, my name is Priya Natarajan and I am writing about order 77812.',
  'You can reach me at priya.natarajan@example.com or on (415) 555-0132 between 9 and 5.',
  'The parcel arrived two days late and the box was damaged; the blender inside does not start.',
  ...Array.from({ length: 40 }, (_, i) => `Detail ${i + 1}: the unit was used as described in the manual.`),
]
  .join(' ')
  .slice(0, 2_048);
const POLICY = { config: { rules: { all: 'allow_but_redact' as const } } };

const log = (line: string) => process.stdout.write(`${line}\n`);

interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: round(sorted[sorted.length - 1]) };
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

async function timeEach(count: number, call: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  return samples;
}

function detectionAlone(): number[] {
  const policy = compilePolicy(POLICY);
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + CALLS; i++) {
    const started = performance.now();
    evaluateCompiled(policy, [PROMPT]);
    if (i >= WARMUP) samples.push(performance.now() - started);
  }
  return samples;
}

async function httpFloor(body: string): Promise<number[]> {
  const answer = JSON.stringify({
    action: 'redacted',
    entitiesFound: [],
    regexRulesMatched: [],
    redactions: [[]],
  });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(answer));
  });
  await new Promise<void>((resolve) => server.listen(PORT + 1, '127.0.0.1', resolve));
  const pool = new Pool(`http://127.0.0.1:${PORT + 1}`, { connections: 16 });
  const call = async () => {
    const res = await pool.request({
      path: '/v1/scan',
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    await res.body.json();
  };
  await timeEach(WARMUP, call);
  const samples = await timeEach(CALLS, call);
  await pool.close();
  server.close();
  return samples;
}

async function startService() {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/pii-redaction/main.js')], {
    env: { ...process.env, PII_REDACTION_PORT: String(PORT), PII_SCAN_WORKERS: WORKERS, LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
  for (let i = 0; i < 600; i++) {
    const ready = await fetch(`http://127.0.0.1:${PORT}/api/health/ready`).catch(() => undefined);
    if (ready?.ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error('pii-redaction did not become ready');
}

async function scanHop(client: PiiScanClient, request: ScanRequest, expected: string) {
  const call = async () => {
    const outcome = await client.scan(request);
    if (outcome.kind !== 'ok' || outcome.result.action !== expected)
      throw new Error(`unexpected ${outcome.kind}`);
  };
  await timeEach(WARMUP, call);
  const sequential = await timeEach(CALLS, call);
  const started = performance.now();
  const concurrent = (
    await Promise.all(Array.from({ length: CONCURRENCY }, () => timeEach(CALLS / CONCURRENCY, call)))
  ).flat();
  const throughput = Math.round(CALLS / ((performance.now() - started) / 1000));
  return { sequential, concurrent, throughput };
}

async function serverTimings(request: ScanRequest): Promise<{ queue: number[]; scan: number[] }> {
  const pool = new Pool(`http://127.0.0.1:${PORT}`, { connections: 1 });
  const queue: number[] = [];
  const scan: number[] = [];
  for (let i = 0; i < 500; i++) {
    const res = await pool.request({ path: '/v1/scan', method: 'POST', body: JSON.stringify(request) });
    await res.body.text();
    const header = String(res.headers['server-timing']);
    queue.push(Number(/queue;dur=([\d.]+)/.exec(header)?.[1]));
    scan.push(Number(/scan;dur=([\d.]+)/.exec(header)?.[1]));
  }
  await pool.close();
  return { queue, scan };
}

async function main() {
  const request: ScanRequest = {
    policyId: 'bench',
    policyVersion: policyVersionOf(POLICY),
    policy: POLICY,
    texts: [PROMPT],
    deadlineMs: 2_000,
  };
  log(
    `prompt ${Buffer.byteLength(PROMPT)} bytes; ${CALLS} calls; ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}`,
  );
  const detection = percentiles(detectionAlone());
  log(`detection alone (in process): ${JSON.stringify(detection)}`);
  const floor = percentiles(await httpFloor(JSON.stringify(request)));
  log(`HTTP floor (undici keep-alive to an answering node:http server): ${JSON.stringify(floor)}`);
  const service = await startService();
  const client = new PiiScanClient({ url: `http://127.0.0.1:${PORT}` });
  try {
    const hop = await scanHop(client, request, 'redacted');
    // The same call with a policy whose rules all allow: the worker answers without detecting anything, so
    // this is the hop alone (client, HTTP, validation, worker round trip).
    const idlePolicy = { config: { rules: { all: 'allow' as const } } };
    const idle = await scanHop(client, { ...request, policy: idlePolicy, policyVersion: 'idle' }, 'allowed');
    const timings = await serverTimings(request);
    const report = {
      machine: { cores: cpus().length, load1: loadavg()[0], workers: Number(WORKERS) },
      promptBytes: Buffer.byteLength(PROMPT),
      calls: CALLS,
      detectionAlone: detection,
      httpFloor: floor,
      hopWithoutDetection: percentiles(idle.sequential),
      scanCall: percentiles(hop.sequential),
      scanCallConcurrent: {
        concurrency: CONCURRENCY,
        ...percentiles(hop.concurrent),
        callsPerSecond: hop.throughput,
      },
      serverQueue: percentiles(timings.queue),
      serverScan: percentiles(timings.scan),
      counts: client.counts(),
    };
    log(JSON.stringify(report, null, 2));
    writeResults(report);
  } finally {
    await client.close();
    service.kill('SIGTERM');
  }
}

function writeResults(report: Record<string, unknown>): void {
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pii-hop.json'), `${JSON.stringify(report, null, 2)}\n`);
  const row = (name: string, p: unknown) => {
    const { p50, p90, p99, max } = p as Percentiles;
    return `| ${name} | ${p50} | ${p90} | ${p99} | ${max} |`;
  };
  const md = [
    '# PII scan hop (bench/pii/hop.ts)',
    '',
    `${new Date().toISOString()}; ${JSON.stringify(report['machine'])}; prompt ${report['promptBytes']} bytes, policy {all: allow_but_redact}, ${report['calls']} calls.`,
    '',
    '| ms | p50 | p90 | p99 | max |',
    '| --- | ---: | ---: | ---: | ---: |',
    row('detection alone, in process', report['detectionAlone']),
    row('HTTP floor (answer without work)', report['httpFloor']),
    row('hop without detection (policy whose rules all allow)', report['hopWithoutDetection']),
    row('scan call, sequential (PiiScanClient → service → worker)', report['scanCall']),
    row(`scan call, ${CONCURRENCY} concurrent`, report['scanCallConcurrent']),
    row('service: queued for a worker', report['serverQueue']),
    row('service: detection in the worker', report['serverScan']),
    '',
  ].join('\n');
  writeFileSync(join(dir, 'pii-hop.md'), md);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
