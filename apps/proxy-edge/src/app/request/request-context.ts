import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Span } from '@opentelemetry/api';
import type { Dispatcher } from 'undici';
import type {
  AdmissionCharge,
  KeySnapshot,
  LoggedBody,
  RequestOutcome,
  TokenUsage,
  UserSnapshot,
} from '@tollgate/contracts';
import type { PriceEntry } from '@tollgate/pricing';
import type { ReportedUsage } from '@tollgate/providers';
import type { EventErrorCode } from './proxy-error';
import type { RouteMatch } from './route-match';
import type { RouteRun } from './route-run';
import type { ServerTiming } from './server-timing';

// A key as the hot path sees it: the read model's snapshot (limits, allowed paths, TTL included).
export type GatewayKey = KeySnapshot;

// A provider setting with its secrets opened, as the upstream call needs it.
export interface ProviderSettingView {
  id: string;
  provider: string;
  setting: Record<string, string>;
  secrets: Record<string, string>;
  allowedModels: string[];
  // BricksLLM's per-setting price override (USD per 1K tokens), or null.
  costMap: Record<string, unknown> | null;
}

// Something that keeps the first bytes of a body for the event (shouldLogRequest / shouldLogResponse).
export interface BodyRecorder {
  push(chunk: Buffer): void;
  toLogged(): LoggedBody;
}

// A streamed upload: forwarded untouched, counted against the body limit, its text fields read on the way.
export interface Upload {
  // Pipes the request into the upstream body; called only when the upstream call takes it.
  pipe(): Readable;
  // Whether the limit cut the body off (the upstream call then failed because of it).
  readonly exceeded: boolean;
  // Text fields of a multipart upload seen so far (model, size, ...), or null when not read.
  readonly fields: Record<string, string> | null;
}

// What the gateway read of the request: the fields it needs, and the body to forward.
export interface ProxiedRequest {
  timeoutMs: number;
  // As the request names it (a deployment on Azure; '' for requests without a model).
  model: string;
  stream: boolean;
  userId: string;
  // The parsed JSON body, or the part of it a custom provider names as the prompt: what reservations,
  // estimates and unit prices (images, speech) read.
  json: Record<string, unknown> | null;
  // JSON bytes (patched only to ask a stream for its usage), or nothing; streamed bodies are in `upload`.
  bytes: Buffer | undefined;
  upload: Upload | null;
  // The stream's usage chunk was asked for by the gateway, not the client: it is kept from the client.
  stripUsageChunk: boolean;
  log: BodyRecorder | null;
}

// Who the request runs as: the provider setting chosen for it and the user it is bound to, and the model it
// was allowed and is priced as (the request's; for an Azure deployment, the model the setting maps it to).
export interface Access {
  setting: ProviderSettingView;
  user: UserSnapshot | null;
  model: string;
}

// Ends a stream cleanly at the key's limits: the bytes to pass on, then the closing frames once cut.
export interface StreamGuard {
  push(chunk: Buffer): Promise<Buffer>;
  flush(): Buffer;
  readonly cut: boolean;
}

// What admission charged and holds for the request.
export interface Admission {
  charge: AdmissionCharge | null;
  // For a key or user that ends streams at its limits, in a format whose end the gateway can write.
  streamGuard: StreamGuard | null;
  // Frees the request's in-flight slots; called once its response has ended, however it ended.
  release(): void;
}

// The upstream's answer, and how its relay ends early.
export interface UpstreamExchange {
  response: Dispatcher.ResponseData;
  // Aborted when the client goes away.
  clientGone: AbortSignal;
  // Clears the deadline; called when the relay has ended.
  finish(): void;
}

// How the request ended, as the event records it.
export interface Outcome {
  status: number;
  outcome: RequestOutcome;
  errorCode: EventErrorCode | null;
}

// What the response said about its usage, read as it passed through.
export interface UsageReport {
  usage: ReportedUsage | null;
  // What the upstream generated, for estimating usage when it reported none.
  text: string;
  // A JSON response (images and audio are billed from it; a background response's status).
  json: unknown;
  streamed: boolean;
  responseModel: string;
  responseId: string;
  // Why the response ended, per choice (for the provider call's span).
  finishReasons: string[];
  // A batch output file's usage, per model.
  batchUsage: Map<string, ReportedUsage> | null;
}

// The request's cost, as settled once its response has ended.
export interface Bill {
  model: string;
  usage: TokenUsage;
  // Nano-dollars; null when what was used has no price.
  costNanoUsd: number | null;
  priceEntry: string | null;
  // The late usage (`<kind>:<id>`) whose billing settles this request's reservation, which is held until then.
  heldFor: string | null;
  // The late usages this request billed (their held reservations are released).
  lateUsageBilled: string[];
}

// What the key's PII policy did to the request. Set for every key with a policy once the PII stage has run;
// `action` is null when nothing was scanned (every rule allows, no prompt text, or the scan failed open).
export interface PiiVerdict {
  policyId: string;
  action: 'allowed' | 'warned' | 'redacted' | 'blocked' | null;
  // Entity types found, never values.
  entities: string[];
  // The scan was unreachable or late and PII_FAIL_OPEN let the request through unscanned.
  failedOpen: boolean;
}

// Request bytes held in memory (a JSON body, an upload's head), counted against the process's budget until
// the request ends.
export interface HeldBytes {
  release(): void;
}

// One request through the gateway: created once at the entrance; each stage adds its part, in order.
export interface RequestContext {
  readonly requestId: string;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly timing: ServerTiming;
  // performance.now() when the request arrived.
  readonly receivedAt: number;
  // The provider the path names, known even when no route matches (for the error shape and the event).
  provider?: string;
  // Set while the body is read; released when the request has ended, however it ended.
  held?: HeldBytes;
  route?: RouteMatch;
  key?: GatewayKey;
  request?: ProxiedRequest;
  access?: Access;
  // The catalog entry the request is admitted at, or null (unpriced).
  price?: PriceEntry | null;
  admission?: Admission;
  upstream?: UpstreamExchange;
  outcome?: Outcome;
  // performance.now() when the response ended (or the request was refused): the event's latency.
  endedAt?: number;
  report?: UsageReport;
  responseLog?: BodyRecorder;
  bill?: Bill;
  pii?: PiiVerdict;
  // The provider call's GenAI span, when the request is traced; ended by the record stage.
  upstreamSpan?: Span;
  // Set for /api/routes/<path>: the route, its steps and what its attempts did.
  routeRun?: RouteRun;
}

// The context as each stage receives it: everything the stages before it have added.
export type Routed = RequestContext & { provider: string; route: RouteMatch };
export type Authenticated = Routed & { key: GatewayKey };
export type RequestRead = Authenticated & { request: ProxiedRequest };
export type Authorized = RequestRead & { access: Access };
export type Priced = Authorized & { price: PriceEntry | null };
export type Admitted = Priced & { admission: Admission };
export type Called = Admitted & { upstream: UpstreamExchange };
