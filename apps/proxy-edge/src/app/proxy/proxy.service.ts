import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Dispatcher } from 'undici';
import type { RequestCompletedV1Payload, RequestOutcome, TokenUsage } from '@tollgate/contracts';
import { hasSpendLimits } from '@tollgate/limits';
import { parseGoDuration } from '@tollgate/platform-config';
import {
  BatchOutputCollector,
  openAiErrorBody,
  PROVIDER_ADAPTERS,
  responseIdOfJson,
  ResponseModelSniffer,
  responseModelOfJson,
  setTopLevelField,
  UsageChunkStripper,
  type ProviderAdapter,
  type ReportedUsage,
  type UsageFormat,
} from '@tollgate/providers';
import {
  estimatePromptTokens,
  meterCost,
  pricedModel,
  tokenCounter,
  type MeteredUnit,
  type PriceEntry,
} from '@tollgate/pricing';
import { PROXY_EDGE_CONFIG, type ProxyEdgeConfig } from '../config';
import { KeyDirectory, type ProviderSettingView } from '../keys/key-directory';
import { hasExpired, isModelAllowed, isPathAllowed } from '../limits/access-rules';
import { AdmissionService, type Admitted } from '../limits/admission.service';
import { Metering } from '../limits/metering';
import { ResponsesBilling } from '../limits/responses-billing';
import { StreamCap } from '../limits/stream-cap';
import { matchRoute, type RouteLookup, type RouteMatch } from '../routing/route-matcher';
import { UsageRecorder } from '../usage/usage.recorder';
import { gatewayKeyOf } from './gateway-key';
import { clientResponseHeaders, upstreamRequestHeaders } from './headers';
import { ProxyError, sendProxyError, type ErrorBodyOf } from './proxy-error';
import { BodyLog } from './body-log';
import { MultipartFieldSniffer } from './multipart-fields';
import { ServerTiming } from './server-timing';
import { BodyLimit, checkDeclaredLength, jsonRequestFields, readRequestBody } from './request-body';
import { UpstreamClient } from './upstream.client';

// Largest non-streaming JSON response the usage reader keeps a copy of; bigger ones are passed on unread.
const MAX_USAGE_JSON_BYTES = 16 * 1024 * 1024;
const NO_USAGE: TokenUsage = {
  promptTokens: 0,
  completionTokens: 0,
  cachedPromptTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  totalTokens: 0,
  estimated: false,
};

interface Outcome {
  status: number;
  outcome: RequestOutcome;
  usage: ReportedUsage | null;
  errorCode: string | null;
  // What the upstream generated (for estimation when it reported no usage).
  text?: string;
  // The JSON response (images and audio are billed from it) and the model it names (Azure bills that one).
  json?: unknown;
  responseModel?: string;
  responseId?: string;
  // A batch output file's usage, per model.
  batchUsage?: Map<string, ReportedUsage>;
}

// What the end of a request needs to know of its start: the usage format and parsed body (for estimation
// when the provider reports no usage), the price it bills at, and what admission charged and holds.
interface RequestContext {
  format: UsageFormat;
  unit: MeteredUnit;
  request: Record<string, unknown> | null;
  // The text fields of a multipart upload (model, size, ...), read as it streams through.
  multipart: MultipartFieldSniffer | null;
  price: PriceEntry | null;
  costMap: Record<string, unknown> | null;
  admitted: Admitted | null;
  // The bodies logged for a key with shouldLogRequest / shouldLogResponse.
  requestLog: BodyLog | null;
  responseLog: BodyLog | null;
  // The gateway's own time, sent in the Server-Timing header.
  timing: ServerTiming;
}

// What the upstream call needs of what forward() decided.
interface UpstreamCall {
  match: RouteMatch;
  adapter: ProviderAdapter;
  setting: ProviderSettingView;
  body: Buffer | Readable | undefined;
  limit: BodyLimit | undefined;
  stripUsageChunk: boolean;
  logResponse: boolean;
}

// One request through the gateway: route, authenticate, forward, stream back, and record one usage event
// whatever happens.
@Injectable()
export class ProxyService {
  private readonly logger = new Logger(ProxyService.name);

  constructor(
    @Inject(PROXY_EDGE_CONFIG) private readonly config: ProxyEdgeConfig,
    private readonly keys: KeyDirectory,
    private readonly upstream: UpstreamClient,
    private readonly usage: UsageRecorder,
    private readonly admission: AdmissionService,
    private readonly metering: Metering,
    private readonly responsesBilling: ResponsesBilling,
  ) {}

  // `lookup` is given for routes resolved elsewhere (custom providers); provider routes come from the table.
  async handle(req: IncomingMessage, res: ServerResponse, lookup?: RouteLookup): Promise<void> {
    const timing = new ServerTiming();
    const startedAt = performance.now();
    const url = req.url ?? '';
    lookup ??= matchRoute(req.method ?? '', url);
    const provider = 'match' in lookup ? lookup.match.route.provider : (lookup.provider ?? '');
    const adapter: ProviderAdapter | undefined =
      'match' in lookup ? lookup.match.adapter : PROVIDER_ADAPTERS[provider];
    const event: RequestCompletedV1Payload = {
      requestId: randomUUID(),
      keyId: null,
      tags: [],
      provider,
      model: '',
      path: url.split('?')[0] ?? '',
      method: req.method ?? '',
      status: 0,
      outcome: 'gateway_error',
      stream: false,
      latencyMs: 0,
      usage: NO_USAGE,
      costMicroUsd: null,
      priceEntry: null,
      userId: '',
      customId: headerOf(req, 'x-custom-event-id'),
      metadata: metadataOf(headerOf(req, 'x-metadata')),
      errorCode: null,
      userEntityId: null,
      admission: null,
      request: null,
      response: null,
    };
    const errorBodyOf: ErrorBodyOf = adapter ? adapter.errorBody : openAiErrorBody;
    const context: RequestContext = {
      format: 'none',
      unit: 'tokens',
      request: null,
      multipart: null,
      price: null,
      costMap: null,
      admitted: null,
      requestLog: null,
      responseLog: null,
      timing,
    };
    let result: Outcome;
    try {
      if (!('match' in lookup) || !adapter) {
        const message = ('message' in lookup && lookup.message) || 'route not supported';
        throw new ProxyError(404, 'route_not_supported', message);
      }
      context.format = lookup.match.route.usage;
      context.unit = lookup.match.route.unit;
      result = await this.forward(req, res, lookup.match, adapter, event, context);
    } catch (error) {
      result = this.fail(res, error, errorBodyOf, timing);
    }
    event.status = result.status;
    event.outcome = result.outcome;
    event.errorCode = result.errorCode;
    event.latencyMs = Math.round(performance.now() - startedAt);
    context.admitted?.release();
    if (result.usage && !(await this.firstReportOf(context, result))) {
      // This response's usage was billed when it was first reported: nothing to bill (or estimate) now.
      result.usage = null;
      context.format = 'none';
    }
    if (result.usage) event.usage = { ...result.usage, estimated: false };
    else if (this.needsEstimate(result, context))
      event.usage = await this.estimate(event.model, context, result);
    if (context.unit === 'batch_output') await this.billBatchOutput(event, context, result);
    else this.bill(event, context, result);
    event.admission = context.admitted?.charge ?? null;
    event.request = context.requestLog?.toLogged() ?? null;
    event.response = context.responseLog?.toLogged() ?? null;
    this.usage.record(event, headerOf(req, 'traceparent'));
  }

  // The price the request ran at, now that the response is known (Azure's model, a multipart upload's model),
  // and its cost. Unpriced (null) only when something was used at a price the catalog does not know.
  private bill(event: RequestCompletedV1Payload, context: RequestContext, result: Outcome): void {
    const requestModel = event.model || (context.multipart?.fields['model'] ?? '');
    const model = pricedModel(event.provider, requestModel, result.responseModel ?? '');
    if (!event.model) event.model = model;
    const price =
      model && model !== context.price?.model
        ? (this.metering.lookup(event.provider, model, context.costMap) ?? context.price)
        : context.price;
    const used = event.usage.totalTokens > 0 || (result.outcome === 'success' && context.unit !== 'tokens');
    event.priceEntry = price?.key ?? null;
    event.costMicroUsd = price
      ? meterCost(price, {
          unit: context.unit,
          usage: event.usage,
          request: context.request ?? context.multipart?.fields ?? null,
          response: result.json ?? null,
        })
      : used
        ? null
        : 0;
  }

  // A batch output file: each model's results at its batch price, once per file however often it is fetched.
  private async billBatchOutput(event: RequestCompletedV1Payload, context: RequestContext, result: Outcome) {
    const fileId = /\/files\/([^/]+)\/content$/.exec(event.path)?.[1] ?? '';
    const usage = result.batchUsage;
    if (!usage || usage.size === 0 || !(await this.responsesBilling.claim(fileId, 'file'))) {
      event.costMicroUsd = 0;
      return;
    }
    let cost: number | null = 0;
    const entries: string[] = [];
    const total = { ...NO_USAGE };
    for (const [model, used] of usage) {
      const price = this.metering.lookup(event.provider, model, context.costMap);
      const metered = price
        ? meterCost(price, {
            unit: 'batch_output',
            usage: { ...used, estimated: false },
            request: null,
            response: null,
          })
        : null;
      cost = cost === null || metered === null ? null : cost + metered;
      if (price) entries.push(price.key);
      for (const field of [
        'promptTokens',
        'completionTokens',
        'cachedPromptTokens',
        'cacheWriteTokens',
        'reasoningTokens',
        'totalTokens',
      ] as const)
        total[field] += used[field];
    }
    event.model = [...usage.keys()][0] ?? '';
    event.usage = total;
    event.priceEntry = entries.length > 0 ? [...new Set(entries)].join(',') : null;
    event.costMicroUsd = cost;
  }

  // A Responses API response reports its usage whenever it is fetched; only the first report is billed.
  private async firstReportOf(context: RequestContext, result: Outcome): Promise<boolean> {
    if (context.format !== 'responses' || !result.responseId) return true;
    return this.responsesBilling.claim(result.responseId);
  }

  // Only a generating request that reached the provider and got no usage report is estimated.
  private needsEstimate(result: Outcome, estimation: RequestContext): boolean {
    const reached =
      result.outcome === 'success' ||
      result.outcome === 'client_aborted' ||
      result.errorCode === 'upstream_interrupted';
    // A background response still running reports its usage later, when it is fetched finished.
    const pending = ['queued', 'in_progress'].includes(
      String((result.json as { status?: unknown } | null)?.status),
    );
    return (
      reached &&
      !pending &&
      estimation.unit === 'tokens' &&
      estimation.format !== 'none' &&
      estimation.request !== null
    );
  }

  // Counted with gpt-tokenizer after the response has ended, so it never delays the client; marked estimated.
  private async estimate(model: string, estimation: RequestContext, result: Outcome): Promise<TokenUsage> {
    try {
      const count = await tokenCounter(model);
      const promptTokens = estimatePromptTokens(count, estimation.request);
      const completionTokens = count(result.text ?? '');
      return {
        ...NO_USAGE,
        promptTokens,
        completionTokens,
        totalTokens: promptTokens + completionTokens,
        estimated: true,
      };
    } catch (error) {
      this.logger.error(`token estimation failed: ${String(error)}`);
      return { ...NO_USAGE, estimated: true };
    }
  }

  private async forward(
    req: IncomingMessage,
    res: ServerResponse,
    match: RouteMatch,
    adapter: ProviderAdapter,
    event: RequestCompletedV1Payload,
    context: RequestContext,
  ): Promise<Outcome> {
    const { route } = match;
    const rawKey = gatewayKeyOf(req.headers);
    if (!rawKey)
      throw new ProxyError(401, 'missing_api_key', 'no API key in x-api-key, api-key or Authorization');
    const timeoutMs = this.timeoutOf(req);
    const key = this.keys.findByRawKey(rawKey);
    if (!key) throw new ProxyError(401, 'invalid_api_key', 'API key is not recognised');
    event.keyId = key.keyId;
    event.tags = key.tags;
    if (key.revoked) throw new ProxyError(401, 'revoked_api_key', 'API key has been revoked');
    // Decided here, at once: auth-limit also revokes the key (reason "expired"), but no request waits for it.
    if (hasExpired(key.limits.expiresAt, Date.now()))
      throw new ProxyError(401, 'expired_api_key', 'API key has expired');
    if (!isPathAllowed(key.allowedPaths, route.template, route.method))
      throw new ProxyError(403, 'path_not_allowed', 'path is not allowed');

    // A body the gateway cannot parse is refused, never forwarded with its checks skipped (as BricksLLM does).
    let body: Buffer | Readable | undefined;
    let limit: BodyLimit | undefined;
    let stripUsageChunk = false;
    if (route.body === 'json') {
      body = await readRequestBody(req, this.config.MAX_REQUEST_BODY_BYTES);
      if (key.shouldLogRequest) {
        context.requestLog = new BodyLog(headerOf(req, 'content-type'), this.config.LOG_BODY_MAX_BYTES);
        context.requestLog.push(body);
      }
      const fields = jsonRequestFields(body);
      event.model = fields.model;
      event.stream = fields.stream;
      event.userId = fields.user;
      context.request = fields.parsed;
      const override = match.fieldsOf?.(fields.parsed);
      if (override) {
        event.model = override.model;
        event.stream = override.stream;
        context.request = override.prompt;
      }
      if (route.injectStreamUsage && fields.stream && fields.streamOptions?.['include_usage'] !== true) {
        // Ask for the usage chunk (a patch of the original bytes), and keep it from a client that did not.
        const options = JSON.stringify({ ...(fields.streamOptions ?? {}), include_usage: true });
        body = setTopLevelField(body, 'stream_options', options);
        stripUsageChunk = true;
      }
    } else if (route.body === 'stream') {
      checkDeclaredLength(req, this.config.MAX_REQUEST_BODY_BYTES);
    }

    // The first compatible setting that allows the model, or a random one when the key rotates its settings
    // (as BricksLLM does).
    const compatible = this.keys.settings(key.settingIds).filter((s) => s.provider === route.provider);
    if (compatible.length === 0)
      throw new ProxyError(
        403,
        'provider_not_configured',
        `this key has no ${route.provider} provider setting`,
      );
    const usable = compatible.filter((s) => isModelAllowed(s.allowedModels, event.model));
    const setting = key.rotationEnabled ? usable[Math.floor(Math.random() * usable.length)] : usable[0];
    if (!setting) throw new ProxyError(403, 'model_not_allowed', 'model is not allowed');
    context.costMap = setting.costMap;

    const user = this.keys.userFor(event.userId, key.tags);
    if (user) {
      event.userEntityId = user.id;
      const who = user.userId;
      if (user.revoked) throw new ProxyError(401, 'user_revoked', `user is revoked: ${who}`);
      if (hasExpired(user.limits.expiresAt, Date.now()))
        throw new ProxyError(401, 'user_expired', `user has expired: ${who}`);
      if (!isModelAllowed(user.allowedModels, event.model))
        throw new ProxyError(
          403,
          'model_not_allowed_for_user',
          `model: ${event.model} forbidden for user: ${who}`,
        );
      if (!isPathAllowed(user.allowedPaths, route.template, route.method))
        throw new ProxyError(
          403,
          'path_not_allowed_for_user',
          `path: ${route.template} forbidden for user: ${who}`,
        );
    }
    if (route.usage !== 'none' || route.unit !== 'tokens') {
      const spendLimited = hasSpendLimits(key.limits) || (user !== null && hasSpendLimits(user.limits));
      // Azure names a deployment, not a model: it is priced by the response's model once that is known.
      context.price =
        route.provider === 'azure'
          ? this.metering.lookup(route.provider, event.model, context.costMap)
          : this.metering.priceFor(route.provider, event.model, spendLimited, context.costMap);
    }
    context.admitted = await this.admission.admit({
      requestId: event.requestId,
      key,
      user,
      model: event.model,
      price: context.price,
      body: context.request,
      generates: !route.template.includes('embeddings'),
      timeoutMs,
    });
    if (route.body === 'stream') {
      // Piped only now, just before the upstream call takes it: an error of the limit has a listener at once.
      const requestLog = key.shouldLogRequest
        ? new BodyLog(headerOf(req, 'content-type'), this.config.LOG_BODY_MAX_BYTES)
        : null;
      context.requestLog = requestLog;
      limit = new BodyLimit(
        this.config.MAX_REQUEST_BODY_BYTES,
        requestLog ? (c) => requestLog.push(c) : undefined,
      );
      body = req.pipe(limit);
      if (route.unit !== 'tokens') {
        const sniffer = new MultipartFieldSniffer();
        // The limit's 413 must reach the upstream call through the sniffer.
        limit.once('error', (error) => sniffer.destroy(error));
        context.multipart = sniffer;
        body = limit.pipe(sniffer);
      }
    }

    // The upstream call ends at the deadline or when the client goes away, whichever comes first. One plain
    // timer, cleared when the response ends: AbortSignal.timeout and AbortSignal.any keep a timer and weak
    // references alive per request for the whole timeout (measured: about a sixth more CPU per request).
    const clientGone = new AbortController();
    const upstreamCall = new AbortController();
    res.once('close', () => {
      if (res.writableFinished) return;
      clientGone.abort();
      upstreamCall.abort();
    });
    const deadline = setTimeout(() => upstreamCall.abort(), timeoutMs);
    try {
      return await this.callAndRelay(
        req,
        res,
        { match, adapter, setting, body, limit, stripUsageChunk, logResponse: key.shouldLogResponse },
        event,
        context,
        { clientGone, upstreamCall, timeoutMs },
      );
    } finally {
      clearTimeout(deadline);
    }
  }

  // The upstream call and the relay of its response, bounded by the deadline and the client's presence.
  private async callAndRelay(
    req: IncomingMessage,
    res: ServerResponse,
    call: UpstreamCall,
    event: RequestCompletedV1Payload,
    context: RequestContext,
    abort: { clientGone: AbortController; upstreamCall: AbortController; timeoutMs: number },
  ): Promise<Outcome> {
    const { match, adapter, setting, body, limit, stripUsageChunk } = call;
    const { route } = match;
    const { clientGone, timeoutMs } = abort;
    const signal = abort.upstreamCall.signal;
    let upstream: Dispatcher.ResponseData;
    context.timing.upstreamCalled();
    try {
      upstream = await this.upstream.send(adapter.upstreamUrl(setting, match.upstreamSuffix), {
        method: route.method as Dispatcher.HttpMethod,
        headers: upstreamRequestHeaders(req.headers, adapter.authHeaders(setting.secrets)),
        body,
        signal,
      });
    } catch (error) {
      context.timing.upstreamAnswered();
      if (limit?.exceeded)
        throw new ProxyError(
          413,
          'request_too_large',
          `request body over ${this.config.MAX_REQUEST_BODY_BYTES} bytes`,
        );
      if (clientGone.signal.aborted)
        return { status: 499, outcome: 'client_aborted', usage: null, errorCode: 'client_closed' };
      if (signal.aborted)
        throw new ProxyError(504, 'upstream_timeout', `upstream did not answer within ${timeoutMs} ms`);
      throw new ProxyError(502, 'upstream_unreachable', `upstream request failed: ${String(error)}`);
    }
    context.timing.upstreamAnswered();
    if (call.logResponse)
      context.responseLog = new BodyLog(
        String(upstream.headers['content-type'] ?? ''),
        this.config.LOG_BODY_MAX_BYTES,
      );
    return this.relayResponse(res, upstream, match, clientGone.signal, event, stripUsageChunk, context);
  }

  // Streams the upstream response to the client with backpressure while a tee reads its usage.
  private async relayResponse(
    res: ServerResponse,
    upstream: Dispatcher.ResponseData,
    match: RouteMatch,
    clientGone: AbortSignal,
    event: RequestCompletedV1Payload,
    stripUsageChunk: boolean,
    context: RequestContext,
  ): Promise<Outcome> {
    const headers = clientResponseHeaders(upstream.headers);
    headers['server-timing'] = context.timing.headerAfter(upstream.headers['server-timing']);
    res.writeHead(upstream.statusCode, headers);
    const contentType = String(upstream.headers['content-type'] ?? '');
    const isStream = contentType.includes('text/event-stream');
    if (isStream) event.stream = true;
    const { reader } = match;
    const collector = isStream ? reader.streamCollector() : null;
    const stripper = isStream && stripUsageChunk ? new UsageChunkStripper() : null;
    const cap = isStream ? this.streamCapFor(context) : null;
    const ok = upstream.statusCode >= 200 && upstream.statusCode < 300;
    const batchOutput = ok && match.route.unit === 'batch_output' ? new BatchOutputCollector() : null;
    const metered = match.route.usage !== 'none' || match.route.unit !== 'tokens';
    const readJson = !isStream && metered && contentType.includes('json');
    const modelSniffer =
      isStream && (match.route.provider === 'azure' || match.route.usage === 'responses')
        ? new ResponseModelSniffer()
        : null;
    const jsonCopy: Buffer[] = [];
    let jsonBytes = 0;
    try {
      for await (const received of upstream.body as AsyncIterable<Buffer>) {
        // Capped, only what reaches the client is read for usage (and billed).
        const chunk = cap ? await cap.push(received) : received;
        modelSniffer?.push(chunk);
        batchOutput?.push(chunk);
        if (collector) collector.push(chunk);
        else if (readJson && jsonBytes + chunk.length <= MAX_USAGE_JSON_BYTES) {
          jsonCopy.push(chunk);
          jsonBytes += chunk.length;
        }
        const out = stripper ? stripper.push(chunk) : chunk;
        context.responseLog?.push(out);
        // Backpressure: wait for the client to drain before reading more from upstream.
        if (out.length > 0 && !res.write(out)) await once(res, 'drain', { signal: clientGone });
        // Leaving the loop aborts the upstream call: the provider stops generating what no one will pay for.
        if (cap?.cut) break;
      }
      const tail = cap ? cap.flush() : Buffer.alloc(0);
      collector?.push(tail);
      res.write(stripper ? Buffer.concat([stripper.push(tail), stripper.flush()]) : tail);
    } catch {
      const usage = collector?.usage() ?? null;
      const text = collector?.text() ?? '';
      if (clientGone.aborted) {
        return {
          status: upstream.statusCode,
          outcome: 'client_aborted',
          usage,
          errorCode: 'client_closed',
          text,
        };
      }
      res.destroy();
      return {
        status: upstream.statusCode,
        outcome: 'gateway_error',
        usage,
        errorCode: 'upstream_interrupted',
        text,
      };
    }
    res.end();
    if (cap?.cut) {
      // The provider's usage report never came: what was sent is counted (and marked estimated).
      return {
        status: upstream.statusCode,
        outcome: 'success',
        usage: null,
        errorCode: 'stream_capped',
        text: collector?.text() ?? '',
      };
    }
    const json = readJson ? parseJson(jsonCopy) : null;
    const usage = collector ? collector.usage() : reader.fromJson(json);
    const text = collector ? collector.text() : reader.textFromJson(json);
    batchOutput?.end();
    return {
      status: upstream.statusCode,
      outcome: ok ? 'success' : 'upstream_error',
      usage,
      errorCode: null,
      text,
      json,
      responseModel: modelSniffer ? modelSniffer.model : responseModelOfJson(json),
      responseId: modelSniffer ? modelSniffer.id : responseIdOfJson(json),
      batchUsage: batchOutput?.usageByModel,
    };
  }

  // Streams of keys or users that end streams at their limits, for the formats whose end the gateway can write.
  private streamCapFor(context: RequestContext): StreamCap | null {
    const allowance = context.admitted?.streamAllowance;
    if (!allowance || (context.format !== 'openai' && context.format !== 'anthropic')) return null;
    return new StreamCap(
      context.format,
      allowance.count,
      allowance.outputTokens,
      allowance.extend,
      this.config.LIMITS_STREAM_STEP_TOKENS,
    );
  }

  private timeoutOf(req: IncomingMessage): number {
    const header = headerOf(req, 'x-request-timeout');
    if (!header) return this.config.PROXY_TIMEOUT;
    const ms = parseGoDuration(header);
    if (ms === null || ms <= 0)
      throw new ProxyError(400, 'invalid_timeout', 'x-request-timeout must be a Go duration such as 30s');
    return ms;
  }

  private fail(res: ServerResponse, error: unknown, errorBodyOf: ErrorBodyOf, timing: ServerTiming): Outcome {
    const proxyError =
      error instanceof ProxyError
        ? error
        : new ProxyError(500, 'internal_error', 'the gateway failed to handle the request');
    if (!(error instanceof ProxyError))
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : error);
    if (!res.headersSent) {
      res.setHeader('server-timing', timing.header());
      sendProxyError(res, proxyError, errorBodyOf);
    } else res.destroy();
    const rejected = proxyError.status < 500;
    return {
      status: proxyError.status,
      outcome: rejected ? 'rejected' : 'gateway_error',
      usage: null,
      errorCode: proxyError.code,
    };
  }
}

function headerOf(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function metadataOf(header: string): Record<string, unknown> | null {
  if (!header) return null;
  try {
    const value: unknown = JSON.parse(header);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function parseJson(chunks: Buffer[]): unknown {
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}
