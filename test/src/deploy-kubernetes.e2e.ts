import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Topics } from '@tollgate/contracts';
import {
  benchPeakMemoryMb,
  KUBERNETES_VERSIONS,
  KUSTOMIZATION,
  MANIFEST_DIR,
  manifestFiles,
  parseYaml,
  SECRET_TEMPLATE,
  serviceFacts,
  SERVICES,
  validateManifests,
  type ValidationReport,
} from './support/deploy-manifests';
import { checkAll, type Manifests } from './support/kubernetes-checks';

// deploy/kubernetes cannot be applied here (no cluster): its manifests are validated offline against the
// Kubernetes schemas (kubernetes-validate, strict: unknown fields refused), then checked for what the schemas
// cannot see. Each check is also shown to fail on a manifest broken the way it guards against.
let report: ValidationReport;
let manifests: Manifests;

beforeAll(async () => {
  const files = manifestFiles()
    .filter((f) => f !== KUSTOMIZATION)
    .map((f) => join(MANIFEST_DIR, f));
  report = await validateManifests(files);
  manifests = {
    objects: report.documents.map((d) => d.document),
    facts: Object.fromEntries(SERVICES.map((s) => [s, serviceFacts(s)])) as Manifests['facts'],
    peakMemoryMb: benchPeakMemoryMb(),
    usagePartitions: Topics.requestCompleted.partitions,
  };
});

describe('deploy/kubernetes', () => {
  it('validates every document against the Kubernetes 1.29 and 1.37 schemas, strictly', () => {
    expect(report.validator).toBe('1.37.0');
    const notPassed = report.results.filter((r) => r.outcome !== 'passed');
    expect(notPassed).toEqual([]);
    // Each document against each version's own schemas (not an older one the validator fell back to).
    expect(report.results).toHaveLength(report.documents.length * KUBERNETES_VERSIONS.length);
    for (const r of report.results) expect(r.schemaVersion).toBe(r.version.split('.').slice(0, 2).join('.'));
  });

  it('holds the five services, proxy-edge scaling, the ConfigMap and the Secret template', () => {
    const inventory = manifests.objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();
    expect(inventory).toEqual(
      [
        'ConfigMap/tollgate-config',
        'Secret/tollgate-secrets',
        ...SERVICES.flatMap((s) => [`Deployment/${s}`, `Service/${s}`]),
        'HorizontalPodAutoscaler/proxy-edge',
        'PodDisruptionBudget/proxy-edge',
      ].sort(),
    );
  });

  it('lists every manifest in kustomization.yaml but the Secret template, with nothing else to render', async () => {
    const [kustomization] = (await parseYaml(readFileSync(join(MANIFEST_DIR, KUSTOMIZATION), 'utf8'))) as {
      resources?: string[];
    }[];
    // Only resources: `kubectl apply -k` then yields exactly the files this test validated.
    expect(Object.keys(kustomization).sort()).toEqual(['apiVersion', 'kind', 'resources']);
    expect([...(kustomization.resources ?? [])].sort()).toEqual(
      manifestFiles().filter((f) => f !== KUSTOMIZATION && f !== SECRET_TEMPLATE),
    );
  });

  it('passes every check beyond the schemas', () => {
    expect(checkAll(manifests)).toEqual([]);
  });

  it('derives what it checks from the code: ports, secrets per service, partitions', () => {
    expect(manifests.facts['proxy-edge']).toEqual({
      portVar: 'PROXY_EDGE_PORT',
      defaultPort: 8002,
      secrets: ['DATABASE_URL', 'REDIS_URL', 'SECRETS_MASTER_KEY'],
    });
    expect(manifests.facts['config-admin'].secrets).toEqual([
      'ADMIN_PASS',
      'CLICKHOUSE_URL',
      'DATABASE_URL',
      'REDIS_URL',
      'SECRETS_MASTER_KEY',
    ]);
    expect(manifests.facts['pii-redaction'].secrets).toEqual([]);
    expect(manifests.usagePartitions).toBe(3);
  });
});

// Each check fails on a manifest broken in the way it guards against.
describe('deploy/kubernetes checks', () => {
  // An edit of one object of the parsed manifests: set the value at a dotted path, or remove what is there.
  const REMOVE = Symbol('remove');
  interface Edit {
    object: string;
    path: string;
    value: unknown;
  }
  const edit = (object: string, path: string, value: unknown = REMOVE): Edit => ({ object, path, value });
  const C = 'spec.template.spec.containers.0';
  const POD = 'spec.template.spec';

  function apply(m: Manifests, edits: Edit[]): void {
    for (const { object, path, value } of edits) {
      const target = m.objects.find((o) => `${o.kind}/${o.metadata.name}` === object);
      if (!target) throw new Error(`no ${object}`);
      const keys = path.split('.');
      let node: Record<string, unknown> = target;
      for (const key of keys.slice(0, -1)) {
        if (typeof node[key] !== 'object' || node[key] === null) throw new Error(`${object}: no ${path}`);
        node = node[key] as Record<string, unknown>;
      }
      const last = keys[keys.length - 1];
      if (value !== REMOVE) node[last] = value;
      else if (Array.isArray(node)) node.splice(Number(last), 1);
      else delete node[last];
    }
  }

  const secretRef = (key: string) => ({ secretKeyRef: { name: 'tollgate-secrets', key } });
  const broken: [string, Edit[], string][] = [
    [
      'readiness on the liveness path',
      [edit('Deployment/proxy-edge', `${C}.readinessProbe.httpGet.path`, '/api/health')],
      'proxy-edge: readinessProbe must GET /api/health/ready',
    ],
    [
      'no liveness probe',
      [edit('Deployment/auth-limit', `${C}.livenessProbe`)],
      'auth-limit: livenessProbe must GET /api/health',
    ],
    [
      'a probe on another port',
      [edit('Deployment/config-admin', `${C}.livenessProbe.httpGet.port`, 9999)],
      'config-admin: livenessProbe does not probe port 8001',
    ],
    [
      'the container port not the one the service listens on',
      [edit('Deployment/pii-redaction', `${C}.ports.0.containerPort`, 8080)],
      'pii-redaction: port http is not the 8004 it listens on',
    ],
    [
      'readiness timing out before the service answers',
      [edit('Deployment/analytics-ingester', `${C}.readinessProbe.timeoutSeconds`)],
      'analytics-ingester: readinessProbe timeoutSeconds',
    ],
    [
      'a startup probe too short for migrations',
      [edit('Deployment/config-admin', `${C}.startupProbe.failureThreshold`, 3)],
      'config-admin: startupProbe allows less than',
    ],
    [
      'no memory limit',
      [edit('Deployment/proxy-edge', `${C}.resources.limits.memory`)],
      'proxy-edge: memory request and limit are required',
    ],
    [
      'no cpu request',
      [edit('Deployment/auth-limit', `${C}.resources.requests.cpu`)],
      'auth-limit: cpu request and limit are required',
    ],
    [
      'a memory request below the benchmark peak',
      [edit('Deployment/proxy-edge', `${C}.resources.requests.memory`, '256Mi')],
      'proxy-edge: memory request below the 309 MB peak',
    ],
    [
      'a limit below the request',
      [edit('Deployment/config-admin', `${C}.resources.limits.cpu`, '50m')],
      'config-admin: cpu limit below its request',
    ],
    [
      'a grace period shorter than preStop + SHUTDOWN_TIMEOUT_MS',
      [edit('Deployment/proxy-edge', `${POD}.terminationGracePeriodSeconds`, 20)],
      'proxy-edge: terminationGracePeriodSeconds 20',
    ],
    [
      'SHUTDOWN_TIMEOUT_MS raised in the ConfigMap without the grace period',
      [edit('ConfigMap/tollgate-config', 'data.SHUTDOWN_TIMEOUT_MS', '60000')],
      'terminationGracePeriodSeconds 35 leaves no room',
    ],
    [
      'no preStop sleep',
      [edit('Deployment/config-admin', `${C}.lifecycle`)],
      'config-admin: preStop must sleep',
    ],
    [
      'a secret as a literal value',
      [edit('Deployment/proxy-edge', `${C}.env.0`, { name: 'DATABASE_URL', value: 'postgres://u:p@h/db' })],
      'proxy-edge: DATABASE_URL is a literal value',
    ],
    [
      'the whole Secret through envFrom',
      [edit('Deployment/analytics-ingester', `${C}.envFrom.1`, { secretRef: { name: 'tollgate-secrets' } })],
      'analytics-ingester: envFrom may only name the ConfigMap',
    ],
    [
      'a secret the service does not read',
      [
        edit('Deployment/pii-redaction', `${C}.env`, [
          { name: 'ADMIN_PASS', valueFrom: secretRef('ADMIN_PASS') },
        ]),
      ],
      'pii-redaction: secrets [ADMIN_PASS] differ',
    ],
    [
      'a secret the service reads left out',
      [edit('Deployment/config-admin', `${C}.env.4`)],
      'config-admin: secrets [',
    ],
    [
      'a key the Secret does not have',
      [edit('Deployment/auth-limit', `${C}.env.0.valueFrom`, secretRef('DB_URL'))],
      'auth-limit: DATABASE_URL refers to tollgate-secrets/DB_URL',
    ],
    [
      'a secret in the ConfigMap',
      [edit('ConfigMap/tollgate-config', 'data.ADMIN_PASS', 'x')],
      'ConfigMap: ADMIN_PASS is a secret',
    ],
    [
      'credentials in a ConfigMap URL',
      [edit('ConfigMap/tollgate-config', 'data.OTEL_EXPORTER_OTLP_ENDPOINT', 'https://u:pw@otel:4318')],
      'ConfigMap: OTEL_EXPORTER_OTLP_ENDPOINT carries credentials',
    ],
    [
      'a real value in the Secret template',
      [edit('Secret/tollgate-secrets', 'stringData.ADMIN_PASS', 'hunter2')],
      'Secret: ADMIN_PASS is not a REPLACE_ME placeholder',
    ],
    [
      'a writable root filesystem',
      [edit('Deployment/auth-limit', `${C}.securityContext.readOnlyRootFilesystem`, false)],
      'auth-limit: root filesystem must be read-only',
    ],
    [
      'running as root',
      [edit('Deployment/pii-redaction', `${POD}.securityContext.runAsNonRoot`, false)],
      'pii-redaction: must run as non-root',
    ],
    [
      'privilege escalation allowed',
      [edit('Deployment/config-admin', `${C}.securityContext.allowPrivilegeEscalation`)],
      'config-admin: allowPrivilegeEscalation must be false',
    ],
    [
      'the usage spool on the read-only root',
      [edit('Deployment/proxy-edge', `${C}.volumeMounts`)],
      'proxy-edge: USAGE_SPOOL_DIR /var/tmp/tollgate/spool is not on a writable emptyDir',
    ],
    [
      'a spool volume the spool bound can outgrow',
      [edit('Deployment/proxy-edge', `${POD}.volumes.0.emptyDir.sizeLimit`, '256Mi')],
      'proxy-edge: the spool emptyDir sizeLimit is below twice USAGE_SPOOL_MAX_BYTES',
    ],
    [
      'service links on',
      [edit('Deployment/auth-limit', `${POD}.enableServiceLinks`)],
      'auth-limit: enableServiceLinks must be false',
    ],
    [
      'a Service selecting no pod',
      [edit('Service/analytics-ingester', 'spec.selector', { 'app.kubernetes.io/name': 'analytics' })],
      'analytics-ingester: the Service does not select its pods',
    ],
    [
      'the HPA targeting another Deployment',
      [edit('HorizontalPodAutoscaler/proxy-edge', 'spec.scaleTargetRef.name', 'auth-limit')],
      'proxy-edge: no HorizontalPodAutoscaler targets it',
    ],
    [
      'the HPA down to one replica',
      [edit('HorizontalPodAutoscaler/proxy-edge', 'spec.minReplicas', 1)],
      'proxy-edge: the HPA must keep at least 2 replicas',
    ],
    [
      'the HPA on memory',
      [edit('HorizontalPodAutoscaler/proxy-edge', 'spec.metrics.0.resource.name', 'memory')],
      'proxy-edge: the HPA must scale on CPU utilization',
    ],
    [
      'proxy-edge replicas fixed in the Deployment',
      [edit('Deployment/proxy-edge', 'spec.replicas', 2)],
      'proxy-edge: spec.replicas would reset the HPA',
    ],
    [
      'a PodDisruptionBudget that blocks every drain',
      [
        edit('PodDisruptionBudget/proxy-edge', 'spec.maxUnavailable'),
        edit('PodDisruptionBudget/proxy-edge', 'spec.minAvailable', 2),
      ],
      'proxy-edge: the PodDisruptionBudget must allow one eviction',
    ],
    [
      'two config-admins',
      [edit('Deployment/config-admin', 'spec.replicas', 2)],
      'config-admin: must run exactly 1 replica',
    ],
    [
      'config-admin rolled out side by side',
      [edit('Deployment/config-admin', 'spec.strategy', { type: 'RollingUpdate' })],
      'config-admin: must roll out with Recreate',
    ],
    [
      'more consumers than partitions',
      [edit('Deployment/auth-limit', 'spec.replicas', 4)],
      'auth-limit: 4 replicas for 3 partitions',
    ],
  ];

  it.each(broken)('catch %s', (_what, edits, expected) => {
    const copy = structuredClone(manifests);
    apply(copy, edits);
    expect(checkAll(copy)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  it('the schema validation refuses unknown fields, wrong types and unknown kinds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-k8s-'));
    const base = readFileSync(join(MANIFEST_DIR, 'pii-redaction.yaml'), 'utf8');
    const cases: [string, string, string][] = [
      ['unknown-field.yaml', base.replace('imagePullPolicy:', 'imagePullPolicyy:'), 'failed'],
      ['wrong-type.yaml', base.replace('failureThreshold: 60', 'failureThreshold: sixty'), 'failed'],
      ['unknown-api.yaml', base.replace('apiVersion: apps/v1', 'apiVersion: apps/v2'), 'no-schema'],
    ];
    for (const [file, text] of cases) writeFileSync(join(dir, file), text);
    const bad = await validateManifests(cases.map(([file]) => join(dir, file)));
    for (const [file, text, outcome] of cases) {
      expect(text).not.toBe(base);
      const deploymentResults = bad.results.filter((r) => r.file.endsWith(file) && r.kind === 'Deployment');
      expect(deploymentResults.map((r) => r.outcome)).toEqual(KUBERNETES_VERSIONS.map(() => outcome));
    }
  });
});
