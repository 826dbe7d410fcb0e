// What deploy/kubernetes must hold beyond its schemas, as pure checks over the parsed objects: each returns
// the problems it finds, so a test can show that every check also fails when what it checks is broken.
import type { K8sObject, ServiceFacts, ServiceName } from './deploy-manifests';
import { SECRET_VARS, SERVICES } from './deploy-manifests';

export interface Manifests {
  objects: K8sObject[];
  facts: Record<ServiceName, ServiceFacts>;
  peakMemoryMb: Record<string, number>;
  // Partitions of gateway.request.completed.v1: consumers past that count would hold none.
  usagePartitions: number;
}

interface Probe {
  httpGet?: { path?: string; port?: number | string };
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
}
interface Container {
  name: string;
  image?: string;
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command?: string[] }; sleep?: { seconds: number } } };
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  terminationGracePeriodSeconds?: number;
  enableServiceLinks?: boolean;
  automountServiceAccountToken?: boolean;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type?: string } };
  volumes?: { name: string; emptyDir?: { sizeLimit?: string; medium?: string } }[];
}
interface Deployment extends K8sObject {
  spec: {
    replicas?: number;
    strategy?: {
      type?: string;
      rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string };
    };
    selector: { matchLabels?: Record<string, string> };
    template: { metadata: { labels?: Record<string, string> }; spec: PodSpec };
  };
}
interface Service extends K8sObject {
  spec: { selector?: Record<string, string>; ports: { port: number; targetPort?: number | string }[] };
}
interface Hpa extends K8sObject {
  spec: {
    scaleTargetRef: { apiVersion: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas: number;
    metrics?: { type: string; resource?: { name: string; target: { type: string } } }[];
  };
}
interface Pdb extends K8sObject {
  spec: {
    minAvailable?: number | string;
    maxUnavailable?: number | string;
    selector?: { matchLabels?: Record<string, string> };
  };
}
interface ConfigMap extends K8sObject {
  data?: Record<string, string>;
}
interface Secret extends K8sObject {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

const CONFIG_MAP = 'tollgate-config';
const SECRET = 'tollgate-secrets';
// The services' own defaults (libs/platform/config, apps/proxy-edge config.ts).
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 15_000;
const DEFAULT_SPOOL_DIR = '/var/tmp/tollgate/spool';
const DEFAULT_SPOOL_MAX_BYTES = 256 * 1024 * 1024;
// Readiness answers within the services' own 2 s bound per dependency check.
const READINESS_CHECK_BOUND_S = 2;
// Boot includes migrations and topic creation: the startup probe must allow at least this long.
const MIN_STARTUP_WINDOW_S = 120;
// After the preStop sleep and the HTTP drain, shutdown hooks still run (consumers, producer flush).
const SHUTDOWN_HOOKS_MARGIN_S = 5;

const byKind = <T extends K8sObject>(m: Manifests, kind: string): T[] =>
  m.objects.filter((o): o is T => o.kind === kind);
const configMap = (m: Manifests) =>
  byKind<ConfigMap>(m, 'ConfigMap').find((c) => c.metadata.name === CONFIG_MAP);
const secret = (m: Manifests) => byKind<Secret>(m, 'Secret').find((s) => s.metadata.name === SECRET);
const configValue = (m: Manifests, key: string): string | undefined => configMap(m)?.data?.[key];

// Kubernetes quantities: cpu in cores ("500m", "1.5"), memory and storage in bytes ("384Mi", "1G").
export function quantity(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^([0-9.]+)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(String(value));
  if (!match) return undefined;
  const factor: Record<string, number> = {
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
  };
  return Number(match[1]) * (match[2] ? factor[match[2]] : 1);
}

const labelsMatch = (
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
) =>
  selector !== undefined &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

export function deploymentOf(m: Manifests, service: ServiceName): Deployment | undefined {
  return byKind<Deployment>(m, 'Deployment').find((d) => d.metadata.name === service);
}

function containerPort(container: Container, port: number | string | undefined): number | undefined {
  if (typeof port === 'number')
    return container.ports?.some((p) => p.containerPort === port) ? port : undefined;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

function preStopSleepSeconds(container: Container): number | undefined {
  const preStop = container.lifecycle?.preStop;
  if (preStop?.sleep) return preStop.sleep.seconds;
  const command = preStop?.exec?.command;
  if (command?.length === 2 && command[0] === 'sleep' && /^\d+$/.test(command[1])) return Number(command[1]);
  return undefined;
}

export function checkDeployment(m: Manifests, service: ServiceName): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(`${service}: ${message}`);
  const deployment = deploymentOf(m, service);
  if (!deployment) return [`${service}: no Deployment`];
  const pod = deployment.spec.template.spec;
  const facts = m.facts[service];

  if (!labelsMatch(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels))
    fail('selector does not match its pod labels');
  if (pod.containers.length !== 1 || pod.initContainers?.length) fail('expected exactly one container');
  const container = pod.containers[0];
  if (container.image?.split(':')[0] !== `tollgate/${service}`)
    fail(`image ${container.image} is not tollgate/${service}`);

  // The port the service listens on (its default, or the ConfigMap's) is the container's `http` port.
  const listens = Number(configValue(m, facts.portVar) ?? facts.defaultPort);
  if (containerPort(container, 'http') !== listens) fail(`port http is not the ${listens} it listens on`);
  // Service links would define <SERVICE>_PORT=tcp://... for each Service, which is the name of a port variable.
  if (pod.enableServiceLinks !== false)
    fail('enableServiceLinks must be false (it would set the port variables)');
  if (pod.automountServiceAccountToken !== false) fail('automountServiceAccountToken must be false');

  const probes: [string, Probe | undefined, string][] = [
    ['readinessProbe', container.readinessProbe, '/api/health/ready'],
    ['livenessProbe', container.livenessProbe, '/api/health'],
    ['startupProbe', container.startupProbe, '/api/health'],
  ];
  for (const [name, probe, path] of probes) {
    if (probe?.httpGet?.path !== path) {
      fail(`${name} must GET ${path}`);
      continue;
    }
    if (containerPort(container, probe.httpGet.port) !== listens)
      fail(`${name} does not probe port ${listens}`);
  }
  if ((container.readinessProbe?.timeoutSeconds ?? 1) <= READINESS_CHECK_BOUND_S)
    fail(`readinessProbe timeoutSeconds must exceed the services' ${READINESS_CHECK_BOUND_S} s check bound`);
  const startup = container.startupProbe;
  if ((startup?.periodSeconds ?? 10) * (startup?.failureThreshold ?? 3) < MIN_STARTUP_WINDOW_S)
    fail(`startupProbe allows less than ${MIN_STARTUP_WINDOW_S} s for boot (migrations)`);

  for (const resource of ['cpu', 'memory']) {
    const request = quantity(container.resources?.requests?.[resource]);
    const limit = quantity(container.resources?.limits?.[resource]);
    if (request === undefined || limit === undefined) fail(`${resource} request and limit are required`);
    else if (limit < request) fail(`${resource} limit below its request`);
  }
  const peakMb = m.peakMemoryMb[service];
  const memoryRequest = quantity(container.resources?.requests?.['memory']);
  if (peakMb === undefined) fail('no peak memory in bench/results/proxy.json');
  else if (memoryRequest !== undefined && memoryRequest < peakMb * 2 ** 20)
    fail(`memory request below the ${peakMb} MB peak measured by make bench`);

  const shutdownMs = Number(configValue(m, 'SHUTDOWN_TIMEOUT_MS') ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
  const sleep = preStopSleepSeconds(container);
  if (sleep === undefined || sleep < 1 || sleep > 30) fail('preStop must sleep 1 to 30 s');
  const grace = pod.terminationGracePeriodSeconds ?? 30;
  if (grace < (sleep ?? 0) + shutdownMs / 1000 + SHUTDOWN_HOOKS_MARGIN_S)
    fail(
      `terminationGracePeriodSeconds ${grace} leaves no room after preStop + SHUTDOWN_TIMEOUT_MS ${shutdownMs}`,
    );

  problems.push(...checkEnvironment(m, service, container));
  problems.push(...checkSecurity(m, service, pod, container));
  return problems;
}

// Secrets only from the Secret, each service only the ones its config reads; everything else from the ConfigMap.
function checkEnvironment(m: Manifests, service: ServiceName, container: Container): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(`${service}: ${message}`);
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef?.name !== CONFIG_MAP) fail('envFrom may only name the ConfigMap tollgate-config');
  }
  const fromSecret: string[] = [];
  const secretKeys = Object.keys({ ...secret(m)?.data, ...secret(m)?.stringData });
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    if (variable.value !== undefined)
      fail(`${variable.name} is a literal value (not from the ConfigMap or Secret)`);
    else if (ref) {
      if (ref.name !== SECRET || !secretKeys.includes(ref.key))
        fail(`${variable.name} refers to ${ref.name}/${ref.key}, not a key of the Secret tollgate-secrets`);
      fromSecret.push(variable.name);
    } else if (variable.valueFrom?.configMapKeyRef?.name !== CONFIG_MAP)
      fail(`${variable.name} comes neither from the Secret nor from the ConfigMap`);
    if (SECRET_VARS.includes(variable.name) && !ref)
      fail(`${variable.name} is a secret but not from the Secret`);
  }
  const wanted = m.facts[service].secrets;
  if (fromSecret.sort().join() !== wanted.join())
    fail(`secrets [${fromSecret.join()}] differ from the ones its config reads [${wanted.join()}]`);
  return problems;
}

function checkSecurity(m: Manifests, service: ServiceName, pod: PodSpec, container: Container): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(`${service}: ${message}`);
  const runAsNonRoot = container.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
  const runAsUser = container.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
  // The image's user is a name (node): the kubelet can only check a numeric one.
  if (runAsNonRoot !== true || !runAsUser) fail('must run as non-root with a numeric runAsUser');
  if (pod.securityContext?.seccompProfile?.type !== 'RuntimeDefault')
    fail('seccompProfile must be RuntimeDefault');
  const sc = container.securityContext;
  if (sc?.allowPrivilegeEscalation !== false) fail('allowPrivilegeEscalation must be false');
  if (!sc?.capabilities?.drop?.includes('ALL')) fail('capabilities must drop ALL');
  if (sc?.readOnlyRootFilesystem !== true) fail('root filesystem must be read-only');
  // What each service writes (none but proxy-edge's usage spool) must be a writable volume.
  if (service === 'proxy-edge') {
    const spoolDir = configValue(m, 'USAGE_SPOOL_DIR') ?? DEFAULT_SPOOL_DIR;
    const mount = container.volumeMounts?.find(
      (v) => !v.readOnly && (spoolDir === v.mountPath || spoolDir.startsWith(`${v.mountPath}/`)),
    );
    const volume = pod.volumes?.find((v) => v.name === mount?.name);
    if (!volume?.emptyDir) fail(`USAGE_SPOOL_DIR ${spoolDir} is not on a writable emptyDir`);
    else {
      // A partial drain rewrites the rest beside the file being drained: up to twice the bound on disk.
      const bound = Number(configValue(m, 'USAGE_SPOOL_MAX_BYTES') ?? DEFAULT_SPOOL_MAX_BYTES);
      if (volume.emptyDir.medium === 'Memory') fail('the spool emptyDir must be on disk, not memory');
      if ((quantity(volume.emptyDir.sizeLimit) ?? 0) < 2 * bound)
        fail(
          'the spool emptyDir sizeLimit is below twice USAGE_SPOOL_MAX_BYTES (the kubelet would evict the pod)',
        );
    }
  }
  return problems;
}

export function checkServices(m: Manifests): string[] {
  const problems: string[] = [];
  for (const service of SERVICES) {
    const svc = byKind<Service>(m, 'Service').find((s) => s.metadata.name === service);
    const deployment = deploymentOf(m, service);
    if (!svc || !deployment) {
      problems.push(`${service}: no Service`);
      continue;
    }
    if (!labelsMatch(svc.spec.selector, deployment.spec.template.metadata.labels))
      problems.push(`${service}: the Service does not select its pods`);
    const container = deployment.spec.template.spec.containers[0];
    const listens = containerPort(container, 'http');
    if (!svc.spec.ports.some((p) => containerPort(container, p.targetPort ?? p.port) === listens))
      problems.push(`${service}: the Service does not target port ${listens}`);
  }
  return problems;
}

// proxy-edge scales on CPU from 2 replicas; the HPA owns its count; drains take one pod at a time.
export function checkProxyEdgeScaling(m: Manifests): string[] {
  const problems: string[] = [];
  const hpas = byKind<Hpa>(m, 'HorizontalPodAutoscaler');
  const hpa = hpas.find(
    (h) =>
      h.spec.scaleTargetRef.kind === 'Deployment' &&
      h.spec.scaleTargetRef.apiVersion === 'apps/v1' &&
      h.spec.scaleTargetRef.name === 'proxy-edge',
  );
  const minReplicas = hpa?.spec.minReplicas ?? 1;
  if (!hpa) problems.push('proxy-edge: no HorizontalPodAutoscaler targets it');
  else {
    if (minReplicas < 2) problems.push('proxy-edge: the HPA must keep at least 2 replicas');
    if (hpa.spec.maxReplicas <= minReplicas) problems.push('proxy-edge: the HPA has no room to scale out');
    const cpu = hpa.spec.metrics?.find((x) => x.type === 'Resource' && x.resource?.name === 'cpu');
    if (cpu?.resource?.target.type !== 'Utilization')
      problems.push('proxy-edge: the HPA must scale on CPU utilization');
  }
  if (hpas.some((h) => h.spec.scaleTargetRef.name !== 'proxy-edge'))
    problems.push('only proxy-edge has an HPA (config-admin is single, consumers are bound by partitions)');
  if (deploymentOf(m, 'proxy-edge')?.spec.replicas !== undefined)
    problems.push('proxy-edge: spec.replicas would reset the HPA on every apply');

  const labels = deploymentOf(m, 'proxy-edge')?.spec.template.metadata.labels;
  const pdb = byKind<Pdb>(m, 'PodDisruptionBudget').find((p) =>
    labelsMatch(p.spec.selector?.matchLabels, labels),
  );
  if (!pdb) problems.push('proxy-edge: no PodDisruptionBudget selects its pods');
  else {
    const { maxUnavailable, minAvailable } = pdb.spec;
    // Percentages are not used here; a budget that allows no eviction at minReplicas would block drains.
    const allowsOne =
      typeof maxUnavailable === 'number'
        ? maxUnavailable >= 1
        : typeof minAvailable === 'number' && minAvailable < minReplicas;
    if (!allowsOne || (typeof maxUnavailable === 'number' && maxUnavailable >= minReplicas))
      problems.push('proxy-edge: the PodDisruptionBudget must allow one eviction and keep a pod serving');
  }
  return problems;
}

// config-admin migrates at start and relays the outbox in order: never two at once. The consumers share
// gateway.request.completed.v1's partitions, and analytics-ingester migrates ClickHouse at start.
export function checkSingletonsAndConsumers(m: Manifests): string[] {
  const problems: string[] = [];
  const admin = deploymentOf(m, 'config-admin');
  if (admin?.spec.replicas !== 1) problems.push('config-admin: must run exactly 1 replica');
  if (admin?.spec.strategy?.type !== 'Recreate')
    problems.push('config-admin: must roll out with Recreate (a rolling update runs two at once)');
  for (const consumer of ['auth-limit', 'analytics-ingester'] as const) {
    const replicas = deploymentOf(m, consumer)?.spec.replicas ?? 1;
    if (replicas > m.usagePartitions)
      problems.push(`${consumer}: ${replicas} replicas for ${m.usagePartitions} partitions leaves some idle`);
  }
  const rolling = deploymentOf(m, 'analytics-ingester')?.spec.strategy;
  if (rolling?.type !== 'RollingUpdate' || rolling.rollingUpdate?.maxSurge !== 1)
    problems.push('analytics-ingester: a rollout must start one new pod at a time (maxSurge 1)');
  return problems;
}

// No secret in the ConfigMap, and no credentials in any of its values.
export function checkConfigMap(m: Manifests): string[] {
  const data = configMap(m)?.data;
  if (!data) return ['no ConfigMap tollgate-config'];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (SECRET_VARS.includes(key)) problems.push(`ConfigMap: ${key} is a secret`);
    if (/:\/\/[^/@\s]*:[^/@\s]*@/.test(value)) problems.push(`ConfigMap: ${key} carries credentials`);
  }
  return problems;
}

// The Secret is a template: every value a placeholder, no real value ever committed.
export function checkSecretTemplate(m: Manifests): string[] {
  const s = secret(m);
  if (!s) return ['no Secret tollgate-secrets template'];
  const problems: string[] = [];
  if (s.data && Object.keys(s.data).length > 0)
    problems.push('Secret: data (base64) would hide values; use stringData');
  for (const key of SECRET_VARS) {
    const value = s.stringData?.[key];
    if (value === undefined) problems.push(`Secret: no ${key}`);
    else if (!value.includes('REPLACE_ME')) problems.push(`Secret: ${key} is not a REPLACE_ME placeholder`);
  }
  return problems;
}

export function checkAll(m: Manifests): string[] {
  return [
    ...SERVICES.flatMap((service) => checkDeployment(m, service)),
    ...checkServices(m),
    ...checkProxyEdgeScaling(m),
    ...checkSingletonsAndConsumers(m),
    ...checkConfigMap(m),
    ...checkSecretTemplate(m),
  ];
}
