import type { MeteredUnit } from '@tollgate/pricing';
import type { ProviderAdapter, UpstreamTarget, UsageFormat, UsageReader } from '@tollgate/providers';

// How the gateway handles a request body: `json` is read once (to extract model, stream and user) and
// forwarded byte for byte; `stream` (multipart uploads, binary) flows through untouched; `none` has no body.
export type BodyKind = 'json' | 'stream' | 'none';

// Routes whose usage is reported after the request that caused it (billed once, when the gateway sees it):
// starts_run starts an assistants run (reserved from its declared bounds, held until the run is billed);
// reports_runs and reports_steps answer with run or run-step objects that carry the usage of finished ones;
// starts_batch starts a batch, whose cost nothing bounds before it runs (refused under a spend limit).
export type LateUsage = 'starts_run' | 'reports_runs' | 'reports_steps' | 'starts_batch';

export interface ProxyRoute {
  provider: string;
  method: string;
  // The route template as BricksLLM (gin) writes it; allowedPaths entries match it.
  template: string;
  body: BodyKind;
  usage: UsageFormat;
  // What the request is billed for: tokens (the default), or images, speech characters, audio minutes.
  unit: MeteredUnit;
  // OpenAI-style chat and completions streams report usage only when asked: the gateway asks for it.
  injectStreamUsage: boolean;
  lateUsage?: LateUsage;
  // Bedrock runtime: the model is the path's :model_id (the body names none), and the path, not the body,
  // says whether the answer streams.
  modelInPath?: { streams: boolean };
  // BricksLLM's /api/providers/bedrock/anthropic/v1/messages: Anthropic's API in, Bedrock's InvokeModel out
  // (the body re-shaped, a stream turned back into Anthropic's SSE), errors in Anthropic's shape.
  anthropicOnBedrock?: true;
}

// Fields a route reads from the request body in its own way (custom providers' locations).
export interface RequestFieldsOverride {
  model: string;
  stream: boolean;
  // What estimation counts as the prompt.
  prompt: Record<string, unknown>;
}

// A request path matched to a route: what it is, who serves it, how its usage is read.
export interface RouteMatch {
  route: ProxyRoute;
  adapter: ProviderAdapter;
  reader: UsageReader;
  // The gateway path as matched, priced and limited (query string excluded): what the event records.
  path: string;
  // The provider's path, built from the route's template and its checked parameters, and the query string.
  upstream: UpstreamTarget;
  fieldsOf?: (body: Record<string, unknown>) => RequestFieldsOverride;
  // A route whose provider takes another body and path than the client sent: the bytes and target to send,
  // from the body as read (its model and stream already extracted).
  toUpstream?: (bytes: Buffer, model: string, stream: boolean) => { bytes: Buffer; upstream: UpstreamTarget };
}

// Only a route that reads usage, bills a unit other than tokens or reports late usage has a price.
export function isMetered(route: ProxyRoute): boolean {
  return route.usage !== 'none' || route.unit !== 'tokens' || route.lateUsage !== undefined;
}
