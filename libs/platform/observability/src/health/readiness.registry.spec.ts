import { describe, expect, it } from 'vitest';
import { ReadinessRegistry } from './readiness.registry';

describe(ReadinessRegistry.name, () => {
  it('is ready with no checks', async () => {
    expect(await new ReadinessRegistry().report()).toEqual({ ready: true, checks: {} });
  });

  it('is not ready when one check fails, and says which and why', async () => {
    const registry = new ReadinessRegistry();
    registry.register('postgres', async () => undefined);
    registry.register('kafka', async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:9092');
    });
    const report = await registry.report();
    expect(report.ready).toBe(false);
    expect(report.checks['postgres']).toEqual({ status: 'up' });
    expect(report.checks['kafka']).toEqual({ status: 'down', error: 'connect ECONNREFUSED 127.0.0.1:9092' });
  });

  it('fails a check that hangs', async () => {
    const registry = new ReadinessRegistry();
    registry.register('redis', () => new Promise(() => undefined));
    const report = await registry.report(20);
    expect(report.checks['redis']).toEqual({ status: 'down', error: 'timed out after 20 ms' });
  });

  it('stays ready when only a check registered as not required fails, and reports it', async () => {
    const registry = new ReadinessRegistry();
    registry.register('redis', async () => undefined);
    registry.register(
      'kafka',
      async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:9092');
      },
      { required: false },
    );
    expect(await registry.report()).toEqual({
      ready: true,
      checks: {
        redis: { status: 'up' },
        kafka: { status: 'down', error: 'connect ECONNREFUSED 127.0.0.1:9092', required: false },
      },
    });
  });

  it('is not ready when a required check fails beside one that is not required', async () => {
    const registry = new ReadinessRegistry();
    registry.register('postgres', async () => undefined, { required: false });
    registry.register('redis', async () => {
      throw new Error('down');
    });
    expect((await registry.report()).ready).toBe(false);
  });
});
