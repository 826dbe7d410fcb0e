import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkHealthchecks, checkVolumes, type Compose, NO_HEALTHCHECK } from './support/compose-checks';
import { resolvedCompose } from './support/deploy-manifests';

const execFileAsync = promisify(execFile);
// The compose file requires these two; any values do for validation.
const env = { ...process.env, SECRETS_MASTER_KEY: 'ab'.repeat(32), ADMIN_PASS: 'compose-check' };
const run = (cmd: string, args: string[], opts: { cwd: string }) =>
  execFileAsync(cmd, args, { ...opts, env });
const ROOT = resolve(import.meta.dirname, '../..');

// docker-compose.yml cannot run here (no Docker engine); Debian's docker-compose validates it offline.
describe('docker-compose.yml', () => {
  it('is a valid compose file', async () => {
    const { stderr } = await run('docker-compose', ['-f', 'docker-compose.yml', 'config', '--quiet'], {
      cwd: ROOT,
    });
    expect(stderr).not.toMatch(/error/i);
  });

  it('runs the five services and every piece of infrastructure', async () => {
    const { stdout } = await run('docker-compose', ['-f', 'docker-compose.yml', 'config', '--services'], {
      cwd: ROOT,
    });
    expect(stdout.trim().split('\n').sort()).toEqual(
      [
        'analytics-ingester',
        'auth-limit',
        'clickhouse',
        'config-admin',
        'grafana',
        'jaeger',
        'kafka',
        'otel-collector',
        'pii-redaction',
        'postgres',
        'prometheus',
        'proxy-edge',
        'redis',
      ].sort(),
    );
  });

  describe('as docker-compose resolves it', () => {
    let compose: Compose;
    beforeAll(async () => {
      compose = (await resolvedCompose()) as Compose;
    });

    it('has a healthcheck on every service (the five through their readiness), but the one it names', () => {
      expect(Object.keys(compose.services)).toHaveLength(13);
      expect(Object.keys(NO_HEALTHCHECK)).toEqual(['otel-collector']);
      expect(checkHealthchecks(compose)).toEqual([]);
    });

    it('keeps PostgreSQL, Redis (append-only file on), Kafka, ClickHouse and Grafana data on named volumes', () => {
      expect(checkVolumes(compose)).toEqual([]);
    });

    // Each check fails on a compose file broken in the way it guards against.
    const broken: [string, (c: Compose) => void, string][] = [
      [
        'a service without healthcheck',
        (c) => delete c.services['jaeger'].healthcheck,
        'jaeger: no healthcheck',
      ],
      [
        'a disabled healthcheck',
        (c) => (c.services['kafka'].healthcheck = { test: ['NONE'] }),
        'kafka: no healthcheck',
      ],
      [
        'a service probing liveness, not readiness',
        (c) =>
          (c.services['auth-limit'].healthcheck = {
            test: ['CMD', 'node', '-e', "fetch('http://127.0.0.1:8003/api/health')"],
          }),
        'auth-limit: the healthcheck must fetch its /api/health/ready on port 8003',
      ],
      [
        "a service probing another service's port",
        (c) => (c.services['proxy-edge'].healthcheck = c.services['config-admin'].healthcheck),
        'proxy-edge: the healthcheck must fetch its /api/health/ready on port 8002',
      ],
      [
        'the exempt service given a healthcheck that cannot run',
        (c) =>
          (c.services['otel-collector'].healthcheck = { test: ['CMD', 'wget', 'http://127.0.0.1:13133'] }),
        'otel-collector: listed without a healthcheck, yet has one',
      ],
      [
        'Redis without its volume',
        (c) => delete c.services['redis'].volumes,
        'redis: /data is not on a named volume',
      ],
      [
        'Kafka writing outside its volume',
        (c) => delete c.services['kafka'].environment?.['KAFKA_LOG_DIRS'],
        'kafka: no data directory',
      ],
      [
        'ClickHouse on a bind mount',
        (c) => (c.services['clickhouse'].volumes = ['/tmp/ch:/var/lib/clickhouse:rw']),
        'clickhouse: /var/lib/clickhouse is not on a named volume',
      ],
      [
        'a volume not declared',
        (c) => delete c.volumes?.['grafana-data'],
        'grafana: /var/lib/grafana is not on a named volume',
      ],
      [
        'Redis without its append-only file',
        (c) => (c.services['redis'].command = ['redis-server', '--appendonly', 'no']),
        'redis: the append-only file must be on',
      ],
    ];

    it.each(broken)('catches %s', (_what, mutate, expected) => {
      const copy = structuredClone(compose);
      mutate(copy);
      expect([...checkHealthchecks(copy), ...checkVolumes(copy)]).toEqual(
        expect.arrayContaining([expect.stringContaining(expected)]),
      );
    });
  });
});
