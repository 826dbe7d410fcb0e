import type { PiiScanClient } from '@tollgate/prompt-scan';
import { AuthenticateStage } from '../auth/authenticate.stage';
import { AuthorizeStage } from '../auth/authorize.stage';
import type { KeyLookup } from '../auth/key-directory';
import type { Metering } from '../billing/metering';
import { PriceStage } from '../billing/price.stage';
import type { LateUsageClaims } from '../billing/late-usage-claims';
import { SettleStage } from '../billing/settle.stage';
import type { ProxyEdgeConfig } from '../config';
import type { AdmissionService } from '../limits/admission.service';
import { AdmitStage } from '../limits/admit.stage';
import type { PiiCounters } from '../pii/pii-counters';
import { PiiStage, type PolicyLookup } from '../pii/pii.stage';
import { CallUpstreamStage } from '../relay/call-upstream.stage';
import { CountPromptStage } from '../relay/count-prompt.stage';
import { ReadRequestStage } from '../relay/read-request.stage';
import { RelayResponseStage } from '../relay/relay-response.stage';
import type { UpstreamClient } from '../relay/upstream.client';
import {
  ResolveRouteStage,
  type CustomRouteResolver,
  type GatewayRouteResolver,
} from '../routing/resolve-route.stage';
import { AuthorizeRouteStage } from '../routes/authorize-route.stage';
import { CallRouteStage } from '../routes/call-route.stage';
import type { ResponseStore } from '../routes/route-cache';
import { SettleRouteStage } from '../routes/settle-route.stage';
import { RecordStage } from '../usage/record.stage';
import { UnauthenticatedEvents } from '../usage/unauthenticated-events';
import type { RequestMetrics } from '../usage/request.metrics';
import type { UsageRecorder } from '../usage/usage.recorder';
import { ProxyPipeline } from './proxy-pipeline';

// What the stages need from outside: the config, the read model, Redis-backed services and the bus.
export interface PipelineDependencies {
  config: ProxyEdgeConfig;
  keys: KeyLookup;
  customRoutes: CustomRouteResolver;
  // Routes (/api/routes/<path>) and their response cache; without them a route path answers 404.
  gatewayRoutes?: GatewayRouteResolver;
  routeCache?: ResponseStore | null;
  upstream: Pick<UpstreamClient, 'send'>;
  usage: Pick<UsageRecorder, 'record'>;
  admission: Pick<AdmissionService, 'admit'>;
  metering: Pick<Metering, 'priceFor' | 'lookup'>;
  claims: Pick<LateUsageClaims, 'claim' | 'noteRun' | 'claimRun' | 'claimSteps'>;
  pii: { scanner: Pick<PiiScanClient, 'scan'>; policies: PolicyLookup; counters: PiiCounters };
  // Per-request Prometheus metrics (GET /metrics on the metrics port); absent in tests that do not read them.
  metrics?: Pick<RequestMetrics, 'observe'>;
}

export function composeProxyPipeline(d: PipelineDependencies): ProxyPipeline {
  return new ProxyPipeline({
    resolveRoute: new ResolveRouteStage(d.customRoutes, d.gatewayRoutes),
    authenticate: new AuthenticateStage(d.keys),
    readRequest: new ReadRequestStage(d.config),
    // A route's stages wrap the provider stages they stand in for: other requests pass through unchanged.
    authorize: new AuthorizeRouteStage(new AuthorizeStage(d.keys), d.keys, d.customRoutes),
    price: new PriceStage(d.metering),
    countPrompt: new CountPromptStage(),
    admit: new AdmitStage(d.admission, d.config),
    pii: new PiiStage(d.pii.scanner, d.pii.policies, d.config, d.pii.counters),
    callUpstream: new CallRouteStage(
      new CallUpstreamStage(d.upstream, d.config),
      (url, options) => d.upstream.send(url, options),
      d.routeCache ?? null,
      d.metering,
    ),
    relay: new RelayResponseStage(d.config),
    settle: new SettleRouteStage(new SettleStage(d.metering, d.claims)),
    record: new RecordStage(
      d.usage,
      new UnauthenticatedEvents(d.config.UNAUTHENTICATED_EVENTS_PER_SECOND),
      d.metrics,
    ),
  });
}
