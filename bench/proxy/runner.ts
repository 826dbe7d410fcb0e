// Runs one load job against one target (the fake upstream directly, the bare proxy or the gateway) in the
// load generator's process, and counts what the gateway answered with 200 (the analytics rows it owes).
import type { ChildProcess } from 'node:child_process';
import type { Gateway } from './gateway';
import type { LoadJob, LoadResult } from './load-job';
import type { Scenario } from './scenarios';
import { BARE_PORT, DURATION_MS, MIN_SAMPLES, WARMUP_MS, type Target } from './settings';

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

export class BenchRunner {
  private readonly load: LoadGenerator;
  gatewaySucceeded = 0;

  constructor(
    generator: ChildProcess,
    private readonly gateway: Gateway,
    private readonly upstreamUrl: string,
  ) {
    this.load = new LoadGenerator(generator);
  }

  async run(scenario: Scenario, target: Target, rate: number | null): Promise<LoadResult> {
    const result = await this.load.run(this.jobOf(scenario, target, rate));
    if (target === 'gateway') this.gatewaySucceeded += result.succeededAll;
    return result;
  }

  private jobOf(scenario: Scenario, target: Target, rate: number | null): LoadJob {
    const url = {
      direct: `${this.upstreamUrl}/v1${scenario.path}`,
      bare: `http://127.0.0.1:${BARE_PORT}/v1${scenario.path}`,
      gateway: `${this.gateway.proxyUrl}${scenario.gatewayPath ?? `/api/providers/openai/v1${scenario.path}`}`,
    }[target];
    const secret = target === 'gateway' ? this.gateway.keys[scenario.key] : 'sk-bench';
    return {
      url,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify(scenario.body),
      rate,
      // Closed loops: a stream lasts about 100 ms, so it takes more of them in flight to find the limit.
      connections: scenario.streams ? 400 : 64,
      warmupMs: WARMUP_MS,
      durationMs: rate === null ? DURATION_MS : Math.max(DURATION_MS, (MIN_SAMPLES / rate) * 1000),
    };
  }
}
