// What docker-compose.yml must hold beyond being valid, as pure checks over `docker-compose config` (the file
// as docker-compose resolves it): each returns the problems it finds.
import { SERVICES } from './deploy-manifests';

interface ComposeService {
  command?: string[] | string;
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  ports?: { target: number }[];
  volumes?: string[];
}
export interface Compose {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

// Services without a healthcheck, each with the reason (docker-compose.yml says it too).
export const NO_HEALTHCHECK: Record<string, string> = {
  'otel-collector': 'its image is FROM scratch: no shell or HTTP client to query its health from inside',
};

// Where each piece of infrastructure keeps what must outlive its container.
const DATA_DIRS: Record<string, (s: ComposeService) => string | undefined> = {
  postgres: () => '/var/lib/postgresql/data',
  redis: () => '/data',
  // Kafka writes where KAFKA_LOG_DIRS says (without it, under /tmp in the container).
  kafka: (s) => s.environment?.['KAFKA_LOG_DIRS'],
  clickhouse: () => '/var/lib/clickhouse',
  // Grafana's database and plugins (the ClickHouse datasource, downloaded once).
  grafana: () => '/var/lib/grafana',
};

const testOf = (s: ComposeService): string[] =>
  typeof s.healthcheck?.test === 'string' ? [s.healthcheck.test] : (s.healthcheck?.test ?? []);

export function checkHealthchecks(compose: Compose): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    const test = testOf(service);
    const disabled = test[0] === 'NONE' || service.healthcheck?.disable === true;
    if (name in NO_HEALTHCHECK) {
      if (!disabled) problems.push(`${name}: listed without a healthcheck, yet has one`);
      continue;
    }
    if (test.length < 2 || disabled) problems.push(`${name}: no healthcheck`);
  }
  // The five services are healthy when ready: their own readiness endpoint, on their own port, through node.
  for (const name of SERVICES) {
    const service = compose.services[name];
    const port = service?.ports?.[0]?.target;
    const test = service ? testOf(service).join(' ') : '';
    if (!test.includes('node') || !test.includes(`fetch('http://127.0.0.1:${port}/api/health/ready')`))
      problems.push(`${name}: the healthcheck must fetch its /api/health/ready on port ${port}`);
  }
  return problems;
}

export function checkVolumes(compose: Compose): string[] {
  const problems: string[] = [];
  for (const [name, dataDirOf] of Object.entries(DATA_DIRS)) {
    const service = compose.services[name];
    const dir = service && dataDirOf(service);
    if (!service || !dir) {
      problems.push(`${name}: no data directory`);
      continue;
    }
    // A named volume (declared at the top level), mounted read-write on the data directory.
    const mount = service.volumes?.map((v) => v.split(':')).find(([, target]) => target === dir);
    const [source, , mode] = mount ?? [];
    if (!source || source.startsWith('/') || !(source in (compose.volumes ?? {})) || mode === 'ro')
      problems.push(`${name}: ${dir} is not on a named volume`);
  }
  const redis = compose.services['redis']?.command;
  const args = typeof redis === 'string' ? redis.split(/\s+/) : (redis ?? []);
  const aof = args.indexOf('--appendonly');
  if (aof < 0 || args[aof + 1] !== 'yes')
    problems.push('redis: the append-only file must be on (--appendonly yes)');
  return problems;
}
