import type { CustomProviderSnapshot, PolicySnapshot, RouteSnapshot } from '@tollgate/contracts';
import { PiiScanClient } from '@tollgate/prompt-scan';
import type { ConfigReadModel } from '@tollgate/platform-config-sync';
import { ResponseCache } from '@tollgate/response-cache';
import {
  infraEnv,
  startTestProxy,
  uniqueSuffix,
  type InMemoryKeyDirectory,
  type TestProxy,
} from '@tollgate/testing';
import { Metering } from '../billing/metering';
import { LateUsageClaims } from '../billing/late-usage-claims';
import { ProxyEdgeEnv } from '../config';
import { AdmissionService } from '../limits/admission.service';
import { LimitsRedis } from '../limits/limits-redis';
import { PiiCounters } from '../pii/pii-counters';
import { composeProxyPipeline } from '../pipeline/compose-pipeline';
import { UpstreamClient } from '../relay/upstream.client';
import { CustomProviderRoutes } from '../routing/custom-provider-routes';
import { GatewayRoutes } from '../routing/gateway-routes';
import { UsageRecorder } from '../usage/usage.recorder';

const NO_CUSTOM_PROVIDERS = {
  resolve: () => ({ provider: null, notFound: true as const, message: 'no custom providers in this test' }),
};

// Custom providers as the read model would hold them.
function customRoutesOf(providers: CustomProviderSnapshot[]): CustomProviderRoutes {
  const byName = new Map(providers.map((p) => [p.provider, p]));
  const model: Pick<ConfigReadModel, 'customProvider'> = {
    customProvider: (name) => byName.get(name) ?? null,
  };
  return new CustomProviderRoutes(model as ConfigReadModel);
}

// Routes as the read model would hold them, by path.
function routesOf(routes: RouteSnapshot[]): GatewayRoutes {
  const model: Pick<ConfigReadModel, 'route'> = {
    route: (path) => routes.find((r) => r.path === path) ?? null,
  };
  return new GatewayRoutes(model as ConfigReadModel);
}

// proxy-edge's request pipeline as it runs in production (real Redis for limits and billing claims, real
// upstream calls), on a loopback port, with keys from memory and usage events kept in memory. `env`
// overrides the proxy's settings; a REDIS_URL given here is not waited for (tests of an unreachable Redis).
export async function startEdgeUnderTest(
  directory: InMemoryKeyDirectory,
  env: Record<string, string> = {},
  options: {
    customProviders?: CustomProviderSnapshot[];
    policies?: PolicySnapshot[];
    routes?: RouteSnapshot[];
  } = {},
): Promise<TestProxy> {
  const config = ProxyEdgeEnv.parse({
    SECRETS_MASTER_KEY: 'ab'.repeat(32),
    REDIS_URL: infraEnv.redisUrl,
    ...env,
  });
  const redis = new LimitsRedis(config);
  if (!env['REDIS_URL']) await redis.onModuleInit();
  const upstream = new UpstreamClient();
  const scanner = new PiiScanClient({ url: config.PII_REDACTION_URL });
  const policies = new Map((options.policies ?? []).map((p) => [p.id, p]));
  return startTestProxy((bus) => {
    const pipeline = composeProxyPipeline({
      config,
      keys: directory,
      customRoutes: options.customProviders ? customRoutesOf(options.customProviders) : NO_CUSTOM_PROVIDERS,
      gatewayRoutes: routesOf(options.routes ?? []),
      // Each proxy under test has its own cache: tests share Redis.
      routeCache: new ResponseCache(redis.client, `tollgate:route-cache:test-${uniqueSuffix()}`),
      upstream,
      usage: new UsageRecorder(bus),
      admission: new AdmissionService(config, redis),
      metering: new Metering(config),
      claims: new LateUsageClaims(redis),
      pii: { scanner, policies: { policy: (id) => policies.get(id) ?? null }, counters: new PiiCounters() },
    });
    return {
      handle: (req, res) => pipeline.handle(req, res),
      close: async () => {
        await upstream.onApplicationShutdown();
        await scanner.close();
        await redis.onApplicationShutdown();
      },
    };
  });
}
