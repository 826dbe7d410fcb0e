import type { IncomingMessage } from 'node:http';
import { parseGoDuration } from '@tollgate/platform-config';
import { setTopLevelField } from '@tollgate/providers';
import { bufferedBytesPerKey, type ProxyEdgeConfig } from '../config';
import { ProxyError } from '../request/proxy-error';
import { headerOf } from '../request/request-headers';
import type { Authenticated, BodyRecorder, ProxiedRequest, RequestRead } from '../request/request-context';
import { BodyLog } from './body-log';
import { JsonDepthGauge } from './json-depth';
import { isMultipart, multipartFields, UPLOAD_HEAD_BYTES } from './multipart-fields';
import { RequestBufferBudget, type BufferLease } from './request-buffers';
import { checkDeclaredLength, jsonRequestFields, readRequestBody } from './request-body';
import { StreamedUpload } from './streamed-upload';
import { readUploadHead, type UploadHead } from './upload-head';

export type ReadRequestConfig = Pick<
  ProxyEdgeConfig,
  | 'PROXY_TIMEOUT'
  | 'PROXY_TIMEOUT_MAX'
  | 'MAX_REQUEST_BODY_BYTES'
  | 'MAX_BUFFERED_REQUEST_BYTES'
  | 'MAX_BUFFERED_REQUEST_BYTES_PER_KEY'
  | 'MAX_JSON_DEPTH'
  | 'LOG_BODY_MAX_BYTES'
>;

type BodyFields = Omit<ProxiedRequest, 'timeoutMs' | 'log' | 'upload'>;

const NO_FIELDS: BodyFields = {
  model: '',
  stream: false,
  userId: '',
  json: null,
  bytes: undefined,
  stripUsageChunk: false,
};

// Stage 3: what the request asks for. A JSON body is read once (model, stream, user) and forwarded byte for
// byte; a body the gateway cannot parse is refused, never forwarded with its checks skipped (as BricksLLM
// does). An upload's head is read for its text fields (its model, for the allow-lists and the price), then
// the upload streams through untouched. What is read is held against the process's buffer budget.
export class ReadRequestStage {
  constructor(
    private readonly config: ReadRequestConfig,
    private readonly buffers = new RequestBufferBudget(
      config.MAX_BUFFERED_REQUEST_BYTES,
      bufferedBytesPerKey(config),
    ),
  ) {}

  async run(ctx: Authenticated): Promise<RequestRead> {
    const timeoutMs = this.timeoutOf(ctx.req);
    const { route } = ctx.route;
    const log = ctx.key.shouldLogRequest && route.body !== 'none' ? this.logFor(ctx.req) : null;
    const lease = this.buffers.lease(ctx.key.keyId);
    ctx.held = lease;
    let request: ProxiedRequest;
    if (route.body === 'json')
      request = { timeoutMs, log, upload: null, ...(await this.readJson(ctx, log, lease)) };
    else if (route.body === 'stream')
      request = { timeoutMs, log, ...(await this.readUpload(ctx, log, lease)) };
    else request = { timeoutMs, log: null, upload: null, ...NO_FIELDS };
    checkModelNamed(ctx, request);
    return Object.assign(ctx, { request });
  }

  private async readJson(
    ctx: Authenticated,
    log: BodyRecorder | null,
    lease: BufferLease,
  ): Promise<BodyFields> {
    const depth = new JsonDepthGauge(this.config.MAX_JSON_DEPTH);
    let bytes = await readRequestBody(ctx.req, this.config.MAX_REQUEST_BODY_BYTES, lease, (chunk) =>
      depth.push(chunk),
    );
    log?.push(bytes);
    const fields = jsonRequestFields(bytes);
    const override = ctx.route.fieldsOf?.(fields.parsed);
    const stream = override ? override.stream : fields.stream;
    let stripUsageChunk = false;
    if (ctx.route.route.injectStreamUsage && stream && fields.streamOptions?.['include_usage'] !== true) {
      // Ask for the usage chunk (a patch of the original bytes), and keep it from a client that did not.
      const options = JSON.stringify({ ...(fields.streamOptions ?? {}), include_usage: true });
      bytes = setTopLevelField(bytes, 'stream_options', options);
      stripUsageChunk = true;
    }
    const model = override ? override.model : fields.model;
    const reshaped = ctx.route.toUpstream?.(bytes, model, stream);
    if (reshaped) {
      bytes = reshaped.bytes;
      ctx.route.upstream = reshaped.upstream;
    }
    return {
      model,
      stream,
      userId: fields.user,
      json: override ? override.prompt : fields.parsed,
      bytes,
      stripUsageChunk,
    };
  }

  // A multipart upload's model, stream and user come from the text fields in its head.
  private async readUpload(
    ctx: Authenticated,
    log: BodyRecorder | null,
    lease: BufferLease,
  ): Promise<BodyFields & Pick<ProxiedRequest, 'upload'>> {
    const { req } = ctx;
    checkDeclaredLength(req, this.config.MAX_REQUEST_BODY_BYTES);
    let head = isMultipart(headerOf(req, 'content-type'))
      ? await readUploadHead(req, UPLOAD_HEAD_BYTES, lease)
      : null;
    // Fields within the first 64 KiB exactly, however the socket split the bytes.
    let fields = head ? multipartFields(head.bytes.subarray(0, UPLOAD_HEAD_BYTES)) : null;
    if (head && fields && !fields['model'] && !head.ended && isBilledByModel(ctx)) {
      head = await this.readWholeUpload(req, lease);
      fields = multipartFields(head.bytes);
    }
    const upload = new StreamedUpload(req, this.config.MAX_REQUEST_BODY_BYTES, log, head, fields);
    return {
      ...NO_FIELDS,
      upload,
      model: fields?.['model'] ?? '',
      stream: fields?.['stream'] === 'true',
      userId: fields?.['user'] ?? '',
    };
  }

  // An upload billed by its model that names it after its head (the openai Node SDK writes `{ file, model }`
  // in that order) is read whole to find it: held against the buffer budget like a JSON body (503 past it,
  // 413 past the body limit), so the memory bound holds; every byte is still forwarded as it came.
  private async readWholeUpload(req: IncomingMessage, lease: BufferLease): Promise<UploadHead> {
    // The head was put back in front of the stream: it is read, and held, again with the rest.
    lease.release();
    const reading = readRequestBody(req, this.config.MAX_REQUEST_BODY_BYTES, lease);
    req.resume(); // the head's reader left it paused
    const bytes = await reading;
    return { bytes, ended: true };
  }

  private logFor(req: IncomingMessage): BodyRecorder {
    return new BodyLog(headerOf(req, 'content-type'), this.config.LOG_BODY_MAX_BYTES);
  }

  // The client's deadline, clamped to the longest allowed and rounded to whole milliseconds (a timer and the
  // in-flight slot's expiry take integers).
  private timeoutOf(req: IncomingMessage): number {
    const header = headerOf(req, 'x-request-timeout');
    if (!header) return this.config.PROXY_TIMEOUT;
    const ms = parseGoDuration(header);
    if (ms === null || ms <= 0)
      throw new ProxyError('invalid_timeout', 'x-request-timeout must be a Go duration such as 30s');
    return Math.max(1, Math.round(Math.min(ms, this.config.PROXY_TIMEOUT_MAX)));
  }
}

// Images, speech and audio are billed by the model the request names.
function isBilledByModel({ route }: Authenticated): boolean {
  const { unit, body } = route.route;
  return unit !== 'tokens' && unit !== 'batch_output' && body !== 'none';
}

// Without a model the provider would use its default, which the gateway could neither allow-list nor price.
function checkModelNamed(ctx: Authenticated, request: ProxiedRequest): void {
  if (!isBilledByModel(ctx) || request.model) return;
  throw new ProxyError(
    'model_required',
    ctx.route.route.body === 'stream'
      ? 'name the model in a multipart field of the upload'
      : 'name the model: this request is billed by it',
  );
}
