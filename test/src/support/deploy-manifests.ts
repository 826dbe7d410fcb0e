// Reads what the deploy checks judge: the Kubernetes manifests (validated against the Kubernetes schemas by
// kubernetes-validate), docker-compose.yml as docker-compose resolves it, and the facts the manifests must
// agree with (each service's port and secrets from its config.ts, peak memory from the benchmark).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
export const ROOT = resolve(import.meta.dirname, '../../..');
export const MANIFEST_DIR = join(ROOT, 'deploy/kubernetes');
export const SECRET_TEMPLATE = 'secret.example.yaml';
export const KUSTOMIZATION = 'kustomization.yaml';
// The oldest Kubernetes the manifests claim (every field they use is stable there) and the newest the
// validator bundles.
export const KUBERNETES_VERSIONS = ['1.29.0', '1.37.0'];

// scripts/deploy-check/install.sh puts the validator here.
const VENV = join(
  process.env['TOLLGATE_CACHE_DIR'] ?? join(homedir(), '.cache/tollgate'),
  'kubernetes-validate',
);
const HELPER = join(ROOT, 'scripts/deploy-check/manifests.py');

export const SERVICES = [
  'config-admin',
  'proxy-edge',
  'auth-limit',
  'pii-redaction',
  'analytics-ingester',
] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

export interface ValidationResult {
  file: string;
  index: number;
  kind: string;
  name: string;
  version: string;
  outcome: 'passed' | 'failed' | 'no-schema';
  schemaVersion?: string;
  message?: string;
}

export interface ValidationReport {
  validator: string;
  documents: { file: string; index: number; document: K8sObject }[];
  results: ValidationResult[];
}

async function helper(args: string[], input?: string): Promise<string> {
  const python = join(VENV, 'bin/python');
  if (!existsSync(python)) {
    throw new Error(`no Kubernetes schema validator at ${VENV}: run bash scripts/deploy-check/install.sh`);
  }
  const child = execFileAsync(python, [HELPER, ...args], { maxBuffer: 64 * 1024 * 1024 });
  if (input !== undefined) child.child.stdin?.end(input);
  return (await child).stdout;
}

export async function validateManifests(
  files: string[],
  versions = KUBERNETES_VERSIONS,
): Promise<ValidationReport> {
  return JSON.parse(await helper(['validate', versions.join(','), ...files])) as ValidationReport;
}

export async function parseYaml(text: string): Promise<unknown[]> {
  return JSON.parse(await helper(['yaml'], text)) as unknown[];
}

export function manifestFiles(): string[] {
  return readdirSync(MANIFEST_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
}

// What each service's config.ts says it reads: its port variable and default, and the secrets among its
// variables (from the env schemas it composes).
export interface ServiceFacts {
  portVar: string;
  defaultPort: number;
  secrets: string[];
}

const SECRET_OF_SCHEMA: Record<string, string> = {
  DatabaseEnv: 'DATABASE_URL',
  RedisEnv: 'REDIS_URL',
  ClickHouseEnv: 'CLICKHOUSE_URL',
  SecretsEnv: 'SECRETS_MASTER_KEY',
};
export const SECRET_VARS = [...Object.values(SECRET_OF_SCHEMA), 'ADMIN_PASS'];

export function serviceFacts(service: ServiceName): ServiceFacts {
  const source = readFileSync(join(ROOT, 'apps', service, 'src/app/config.ts'), 'utf8');
  const port = /\b([A-Z_]+_PORT): port\((\d+)\)/.exec(source);
  if (!port) throw new Error(`${service}: no port(...) in its config.ts`);
  const secrets = Object.entries(SECRET_OF_SCHEMA)
    .filter(([schema]) => new RegExp(`\\b${schema}\\b`).test(source))
    .map(([, variable]) => variable);
  if (/\bADMIN_PASS:/.test(source)) secrets.push('ADMIN_PASS');
  return { portVar: port[1], defaultPort: Number(port[2]), secrets: secrets.sort() };
}

// Peak resident memory per service in the latest `make bench` (MB as /proc's VmHWM, i.e. MiB).
export function benchPeakMemoryMb(): Record<string, number> {
  const bench = JSON.parse(readFileSync(join(ROOT, 'bench/results/proxy.json'), 'utf8')) as {
    memoryMb: Record<string, number>;
  };
  return bench.memoryMb;
}

// docker-compose.yml resolved by docker-compose itself (anchors, merges, defaults), as plain data.
export async function resolvedCompose(): Promise<unknown> {
  const env = { ...process.env, SECRETS_MASTER_KEY: 'ab'.repeat(32), ADMIN_PASS: 'compose-check' };
  const { stdout } = await execFileAsync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
    cwd: ROOT,
    env,
  });
  const [compose] = await parseYaml(stdout);
  return compose;
}
