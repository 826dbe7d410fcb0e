import { Counter, Histogram } from 'prom-client';
import { RequestOutcomeSchema, type RequestCompletedV1Payload } from '@tollgate/contracts';
import {
  AllowedLabel,
  CappedLabel,
  NONE,
  OTHER,
  statusLabel,
  type MetricsRegistry,
} from '@tollgate/platform-metrics';
import { GATEWAY_ERROR_STATUS, PROVIDER_ADAPTERS } from '@tollgate/providers';

// What the record stage knows beyond the event: the matched route's template, the catalog entry the request
// was admitted at, and when its response head was written.
export interface RequestObservation {
  route: string | null;
  priceKey: string | null;
  answeredIn: { firstByteMs: number; gatewayMs: number } | null;
}

export interface RequestMetricsOptions {
  maxKeySeries: number;
  // Catalog entries and route templates are configured, so bounded; capped all the same.
  maxModelSeries?: number;
  maxRouteSeries?: number;
}

// Refusals by a key's or user's limits: the 429s, and the refusals a spend limit makes before admission.
const LIMIT_REASONS = [
  ...Object.entries(GATEWAY_ERROR_STATUS)
    .filter(([, status]) => status === 429)
    .map(([code]) => code),
  'spend_limited_endpoint',
  'cost_not_reservable',
];
// The PII stage's decisions (the event's piiAction, when the event carries one).
const PII_ACTIONS = ['allowed', 'warned', 'redacted', 'blocked'];
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const OVERHEAD_SECONDS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

type RequestLabel = 'provider' | 'model' | 'route' | 'status' | 'outcome';
type LatencyLabel = 'provider' | 'route';

// Proxy-edge's per-request metrics, recorded once per request from its usage event. No label takes a value
// from the request as sent: providers and outcomes from fixed sets, models from the pricing catalog (the
// entry the request was priced at), routes from the route table's templates, keys only once authenticated
// (so they exist in config), each capped; anything else is "other" (docs/adr/0021).
export class RequestMetrics {
  private readonly providers = new AllowedLabel(Object.keys(PROVIDER_ADAPTERS));
  private readonly outcomes = new AllowedLabel(RequestOutcomeSchema.options);
  private readonly limitReasons = new AllowedLabel(LIMIT_REASONS);
  private readonly keys: CappedLabel;
  private readonly models: CappedLabel;
  private readonly routes: CappedLabel;
  private readonly requests: Counter<RequestLabel>;
  private readonly duration: Histogram<LatencyLabel>;
  private readonly firstByte: Histogram<LatencyLabel>;
  private readonly overhead: Histogram<LatencyLabel>;
  private readonly tokens: Counter<'model' | 'key' | 'kind'>;
  private readonly spend: Counter<'model' | 'key'>;
  private readonly limitRejections: Counter<'reason'>;
  private readonly piiActions: Counter<'action'>;

  constructor(registry: MetricsRegistry, options: RequestMetricsOptions) {
    this.keys = new CappedLabel(options.maxKeySeries);
    this.models = new CappedLabel(options.maxModelSeries ?? 1000);
    this.routes = new CappedLabel(options.maxRouteSeries ?? 500);
    const registers = [registry];
    const latency = (name: string, help: string, buckets: number[]) =>
      new Histogram({ name, help, labelNames: ['provider', 'route'], buckets, registers });
    this.requests = new Counter({
      name: 'tollgate_requests_total',
      help: 'Proxied requests, once each when they end, by provider, model, route, status and outcome.',
      labelNames: ['provider', 'model', 'route', 'status', 'outcome'],
      registers,
    });
    this.duration = latency(
      'tollgate_request_duration_seconds',
      'Whole request, from arrival to the end of the response (the event latency).',
      SECONDS,
    );
    this.firstByte = latency(
      'tollgate_request_first_byte_seconds',
      'From arrival to the response head written to the client (time to first byte).',
      SECONDS,
    );
    this.overhead = latency(
      'tollgate_gateway_overhead_seconds',
      "The gateway's own time up to the response head, upstream wait excluded (Server-Timing gateway).",
      OVERHEAD_SECONDS,
    );
    this.tokens = new Counter({
      name: 'tollgate_tokens_total',
      help: 'Tokens billed, by model, key and kind (prompt, completion).',
      labelNames: ['model', 'key', 'kind'],
      registers,
    });
    this.spend = new Counter({
      name: 'tollgate_spend_nano_usd_total',
      help: 'Spend billed in nano-dollars (1e-9 USD), by model and key.',
      labelNames: ['model', 'key'],
      registers,
    });
    this.limitRejections = new Counter({
      name: 'tollgate_limit_rejections_total',
      help: "Requests refused by a key's or user's limits, by reason (the gateway error code).",
      labelNames: ['reason'],
      registers,
    });
    this.piiActions = new Counter({
      name: 'tollgate_pii_actions_total',
      help: 'PII policy decisions on requests, by action (allowed, warned, redacted, blocked).',
      labelNames: ['action'],
      registers,
    });
  }

  observe(event: RequestCompletedV1Payload, seen: RequestObservation): void {
    const provider = this.providers.of(event.provider);
    const route = seen.route === null ? NONE : this.routes.of(seen.route);
    const model = this.modelOf(event, seen);
    const outcome = this.outcomes.of(event.outcome);
    this.requests.inc({ provider, model, route, status: statusLabel(event.status), outcome });
    this.duration.observe({ provider, route }, event.latencyMs / 1000);
    if (seen.answeredIn) {
      this.firstByte.observe({ provider, route }, seen.answeredIn.firstByteMs / 1000);
      this.overhead.observe({ provider, route }, seen.answeredIn.gatewayMs / 1000);
    }
    this.billing(event, model);
    const reason = this.limitReasons.of(event.errorCode);
    if (reason !== OTHER) this.limitRejections.inc({ reason });
    const pii = piiActionOf(event);
    if (pii) this.piiActions.inc({ action: pii });
  }

  private billing(event: RequestCompletedV1Payload, model: string): void {
    // Only a known key's usage: a refusal before authentication has none to bill.
    if (event.keyId === null) return;
    const key = this.keys.of(event.keyId);
    const { promptTokens, completionTokens } = event.usage;
    if (promptTokens > 0) this.tokens.inc({ model, key, kind: 'prompt' }, promptTokens);
    if (completionTokens > 0) this.tokens.inc({ model, key, kind: 'completion' }, completionTokens);
    if (event.costNanoUsd !== null && event.costNanoUsd > 0)
      this.spend.inc({ model, key }, event.costNanoUsd);
  }

  // The catalog entry the request was billed (or admitted) at; no model at all is "none", an unpriced one
  // "other": a model name as the client wrote it never becomes a label.
  private modelOf(event: RequestCompletedV1Payload, seen: RequestObservation): string {
    const entry = event.priceEntry ?? seen.priceKey;
    if (entry) return this.models.of(entry);
    return event.model === '' ? NONE : OTHER;
  }
}

// The PII stage adds `piiAction` to the event; read defensively, as events without it (or with a value this
// version does not know) are valid too.
function piiActionOf(event: RequestCompletedV1Payload): string | null {
  const action = (event as { piiAction?: unknown }).piiAction;
  return typeof action === 'string' && PII_ACTIONS.includes(action) ? action : null;
}
