import { afterEach, describe, expect, it } from 'vitest';
import { ScanException } from './scan.exception';
import { ScanWorkerPool, type ScanJob, type WorkerScript } from './scan-worker-pool';

// A worker that plays detection by its first text: "sleep:N" blocks N ms, "loop" never returns, "crash"
// throws out of the message handler; anything else answers at once.
const SCRIPTED_WORKER: WorkerScript = {
  options: { eval: true },
  source: `
    const { parentPort } = require('node:worker_threads');
    parentPort.on('message', (task) => {
      const [command, arg] = (task.texts[0] || '').split(':');
      if (command === 'sleep') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(arg));
      if (command === 'loop') for (;;) {}
      if (command === 'crash') throw new Error('detector bug');
      const result = { action: 'allowed', entitiesFound: [], regexRulesMatched: [], redactions: [[]] };
      parentPort.postMessage({ kind: 'result', id: task.id, result, scanMs: 1 });
    });
    parentPort.postMessage({ kind: 'ready' });
  `,
};

const pools: ScanWorkerPool[] = [];

async function readyPool(
  size: number,
  smallCallBytes = 1_000,
  maxQueuedBytes = 1_000_000,
): Promise<ScanWorkerPool> {
  const pool = new ScanWorkerPool({
    size,
    script: SCRIPTED_WORKER,
    policyCacheSize: 4,
    smallCallBytes,
    maxQueuedBytes,
  });
  pools.push(pool);
  while (pool.readyWorkers < size) await new Promise((resolve) => setTimeout(resolve, 10));
  return pool;
}

function job(text: string, { deadlineMs = 5_000, bytes = 10, tenant = '' } = {}): ScanJob {
  return {
    policyKey: 'p\u00001',
    policy: {},
    texts: [text],
    bytes,
    deadline: performance.now() + deadlineMs,
    tenant,
  };
}

async function timed<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const started = performance.now();
  try {
    return { value: await promise, ms: performance.now() - started };
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

describe(ScanWorkerPool.name, () => {
  it('answers a job from a worker', async () => {
    const pool = await readyPool(1);
    const done = await pool.run(job('hello'));
    expect(done.result.action).toBe('allowed');
    expect(done.scanMs).toBe(1);
  });

  it('terminates a worker still busy at the deadline, answers deadline_exceeded, and replaces it', async () => {
    const pool = await readyPool(1);
    const stuck = await timed(pool.run(job('loop', { deadlineMs: 100 })));
    expect(stuck.error).toMatchObject({ code: 'deadline_exceeded' });
    expect(stuck.ms).toBeLessThan(1_000);
    expect((await pool.run(job('hello'))).result.action).toBe('allowed');
  });

  it('answers deadline_exceeded for a job that waited in the queue past its deadline', async () => {
    const pool = await readyPool(1);
    const busy = pool.run(job('sleep:300'));
    const waiting = await timed(pool.run(job('hello', { deadlineMs: 50 })));
    expect(waiting.error).toMatchObject({ code: 'deadline_exceeded' });
    expect(waiting.ms).toBeLessThan(250);
    await busy;
  });

  it('answers detector_failed when a worker dies, and goes on with a new one', async () => {
    const pool = await readyPool(1);
    await expect(pool.run(job('crash'))).rejects.toMatchObject({ code: 'detector_failed' });
    expect((await pool.run(job('hello'))).result.action).toBe('allowed');
  });

  it('keeps a worker for small calls while large calls hold the others', async () => {
    const pool = await readyPool(2, 1_000);
    const large = [1, 2].map(() => pool.run(job('sleep:600', { bytes: 50_000 })));
    const small = await timed(pool.run(job('hello', { bytes: 100 })));
    expect(small.value?.result.action).toBe('allowed');
    expect(small.ms).toBeLessThan(300);
    await Promise.all(large);
  });

  it('runs large calls one after another on the other workers', async () => {
    const pool = await readyPool(2, 1_000);
    const started = performance.now();
    await Promise.all([1, 2].map(() => pool.run(job('sleep:200', { bytes: 50_000 }))));
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('refuses a job at once when the text bytes waiting for a worker would pass the bound', async () => {
    const pool = await readyPool(1, 1_000, 100);
    const busy = pool.run(job('sleep:200', { bytes: 100, tenant: 'a' }));
    const queued = pool.run(job('hello', { bytes: 60, tenant: 'b' }));
    await expect(pool.run(job('hello', { bytes: 60, tenant: 'c' }))).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('waiting for a worker'),
    });
    await Promise.all([busy, queued]);
    // Once the queue has drained, the bound has room again.
    expect((await pool.run(job('hello', { bytes: 100 }))).result.action).toBe('allowed');
  });

  it('refuses queued and new jobs once closed', async () => {
    const pool = await readyPool(1);
    const busy = pool.run(job('sleep:200')).catch((error: unknown) => error);
    const queued = pool.run(job('hello')).catch((error: unknown) => error);
    await pool.close();
    expect(await queued).toMatchObject({ code: 'unavailable' });
    await expect(pool.run(job('hello'))).rejects.toBeInstanceOf(ScanException);
    await busy;
  });

  it('gives a worker to a second tenant’s call before a flooding tenant’s queued ones', async () => {
    const pool = await readyPool(1);
    const finished: string[] = [];
    const track = (name: string, promise: Promise<unknown>) => promise.then(() => finished.push(name));
    const flood = Array.from({ length: 4 }, (_, i) =>
      track(`flood ${i}`, pool.run(job('sleep:100', { tenant: 'greedy' }))),
    );
    const other = track('other', pool.run(job('hello', { tenant: 'other' })));
    await Promise.all([...flood, other]);
    // The flood's first call was already running; the other tenant's call came next, not last.
    expect(finished).toEqual(['flood 0', 'other', 'flood 1', 'flood 2', 'flood 3']);
  });

  it('lets one tenant fill at most half the queue, so other tenants can still wait their turn', async () => {
    const pool = await readyPool(1, 1_000, 100);
    const running = pool.run(job('sleep:100', { tenant: 'greedy', bytes: 30 }));
    const queued = pool.run(job('hello', { tenant: 'greedy', bytes: 30 }));
    await expect(pool.run(job('hello', { tenant: 'greedy', bytes: 30 }))).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('this caller'),
    });
    const other = pool.run(job('hello', { tenant: 'other', bytes: 30 }));
    await expect(Promise.all([running, queued, other])).resolves.toHaveLength(3);
  });
});
