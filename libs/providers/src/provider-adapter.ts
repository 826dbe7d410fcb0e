import type { TokenUsage } from '@tollgate/contracts';
import type { GatewayErrorCode } from './gateway-errors';
import type { ResponseFacts } from './usage/stream-facts';

// What the gateway reads from a provider's usage report; null when the provider reported none.
export type ReportedUsage = Omit<TokenUsage, 'estimated'>;

// Where a route's usage is found, by wire format (not by provider: Azure and vLLM speak OpenAI's).
// 'anthropic_legacy' (/v1/complete) reports no usage, but its completion text can be counted.
// 'assistants': an assistants run's usage, on the run object once it has ended (its steps' are not summed).
// 'custom': a custom provider's own locations (its reader is built from its route config).
// 'bedrock': Anthropic's usage (Messages or text completions), in Bedrock's event-stream framing when
// streamed, Bedrock's own token counts where Anthropic's body has none.
export type UsageFormat =
  'openai' | 'responses' | 'anthropic' | 'anthropic_legacy' | 'assistants' | 'bedrock' | 'custom' | 'none';

export interface UsageReader {
  fromJson(body: unknown): ReportedUsage | null;
  // The generated text, for estimating usage when the provider reported none.
  textFromJson(body: unknown): string;
  streamCollector(): StreamUsageCollector;
  // The usage a response's headers state (Bedrock's InvokeModel token counts), for a body that states none.
  fromHeaders?(headers: Readonly<Record<string, string | string[] | undefined>>): ReportedUsage | null;
}

export interface StreamUsageCollector {
  push(chunk: Uint8Array): void;
  usage(): ReportedUsage | null;
  // The text streamed so far (capped), for estimating usage when the stream carried none.
  text(): string;
  // The response's id, model and finish reasons, where the stream's frames are JSON the collector reads.
  responseFacts?(): ResponseFacts;
}

export interface ProviderSettingView {
  setting: Record<string, string>;
  secrets: Record<string, string>;
}

// Where the model a request is billed at comes from: the request's `model` field (most providers), or the
// response, where the request names something else (an Azure deployment is not a model).
export type ModelSource = 'request' | 'response';

// Where a request goes at its provider: the provider's own path (built by the gateway from the matched route's
// template and its checked parameters, never copied from the request) and the client's query string ('' or
// starting with '?').
export interface UpstreamTarget {
  path: string;
  query: string;
}

// An upstream request as it is about to leave, for providers that sign the whole request.
export interface OutgoingRequest {
  method: string;
  url: string;
  // The client's headers the gateway forwards (its own credentials already removed).
  headers: Record<string, string>;
  body: Buffer | undefined;
}

// Everything that differs between providers lives behind this interface.
export interface ProviderAdapter {
  readonly name: string;
  readonly modelSource: ModelSource;
  // The upstream URL of a request for `target` (joinUpstreamUrl: throws InvalidUpstreamUrl rather than build a
  // URL whose path differs from the target's).
  upstreamUrl(setting: ProviderSettingView, target: UpstreamTarget): string;
  authHeaders(secrets: Record<string, string>): Record<string, string>;
  // Providers that authenticate by signing the request (AWS Signature V4) instead of a static header: the
  // headers to send, signed. Only for routes with a buffered (JSON) body.
  signRequest?(setting: ProviderSettingView, request: OutgoingRequest): Promise<Record<string, string>>;
  // The gateway's own errors, in the shape this provider's SDKs parse.
  errorBody(status: number, code: GatewayErrorCode, message: string): unknown;
}

// The model a request is billed at: its adapter's source first, the other when that one names none.
export function billedModel(adapter: ProviderAdapter, requestModel: string, responseModel: string): string {
  return adapter.modelSource === 'response' ? responseModel || requestModel : requestModel || responseModel;
}
