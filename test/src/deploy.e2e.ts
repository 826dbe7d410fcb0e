import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

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
        'proxy-edge',
        'redis',
      ].sort(),
    );
  });
});
