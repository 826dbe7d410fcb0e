// The proxy benchmark's settings, from the environment (bench/proxy/run.sh and the README name them).
import { join } from 'node:path';

const env = process.env;
export const DURATION_MS = Number(env['BENCH_DURATION_S'] ?? 1) * 1000;
// At low rates a run lasts long enough for this many samples (a p99 of fewer means little).
export const MIN_SAMPLES = Number(env['BENCH_MIN_SAMPLES'] ?? 100);
export const REPEATS = Number(env['BENCH_REPEATS'] ?? 3);
export const RATES = (env['BENCH_RATES'] ?? '100,500,1000').split(',').map(Number);
export const ONLY = env['BENCH_SCENARIOS'] ?? '';
// BENCH_MAX=0 skips the maximum-throughput search (for profiling at fixed rates).
export const FIND_MAX = env['BENCH_MAX'] !== '0';
export const BISECTIONS = Number(env['BENCH_BISECTIONS'] ?? 3);
// BENCH_TRACING=on: the services trace every request and export to a local OTLP/HTTP sink (protobuf, the
// SDK's default); the results go to proxy-tracing.{md,json}, and proxy.md gets the comparison with the run
// before it (run.sh runs both).
export const TRACING = env['BENCH_TRACING'] === 'on';
export const RESULTS = TRACING ? 'proxy-tracing' : 'proxy';
export const SINK_PORT = 19103;
export const WARMUP_MS = 250;
export const UPSTREAM_PORT = 19101;
export const BARE_PORT = 19102;
// BENCH_RESULTS_DIR: somewhere else than bench/results (a partial run that must not replace the full one).
export const RESULTS_DIR = env['BENCH_RESULTS_DIR'] ?? join(process.cwd(), 'bench/results');

export const TARGETS = ['direct', 'bare', 'gateway'] as const;
export type Target = (typeof TARGETS)[number];

export const log = (line: string) => process.stdout.write(`${line}\n`);
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
export const round3 = (x: number) => Math.round(x * 1000) / 1000;
