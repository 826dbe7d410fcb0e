import type { IncomingMessage } from 'node:http';
import { parseGoDuration } from '@tollgate/platform-config';
import { setTopLevelField } from '@tollgate/providers';
import type { ProxyEdgeConfig } from '../config';
import { ProxyError } from '../request/proxy-error';
import { headerOf } from '../request/request-headers';
import type { Authenticated, BodyRecorder, ProxiedRequest, RequestRead } from '../request/request-context';
import { BodyLog } from './body-log';
import { checkDeclaredLength, jsonRequestFields, readRequestBody } from './request-body';
import { StreamedUpload } from './streamed-upload';

export type ReadRequestConfig = Pick<
  ProxyEdgeConfig,
  'PROXY_TIMEOUT' | 'MAX_REQUEST_BODY_BYTES' | 'LOG_BODY_MAX_BYTES'
>;

const NO_FIELDS = {
  model: '',
  stream: false,
  userId: '',
  json: null,
  bytes: undefined,
  stripUsageChunk: false,
};

// Stage 3: what the request asks for. A JSON body is read once (model, stream, user) and forwarded byte for
// byte; a body the gateway cannot parse is refused, never forwarded with its checks skipped (as BricksLLM
// does). Uploads stream through untouched.
export class ReadRequestStage {
  constructor(private readonly config: ReadRequestConfig) {}

  async run(ctx: Authenticated): Promise<RequestRead> {
    const timeoutMs = this.timeoutOf(ctx.req);
    const { route } = ctx.route;
    const log = ctx.key.shouldLogRequest && route.body !== 'none' ? this.logFor(ctx.req) : null;
    let request: ProxiedRequest;
    if (route.body === 'json') request = { timeoutMs, log, upload: null, ...(await this.readJson(ctx, log)) };
    else if (route.body === 'stream') {
      checkDeclaredLength(ctx.req, this.config.MAX_REQUEST_BODY_BYTES);
      // Metered uploads (transcriptions, image edits) name their model in a multipart field.
      const upload = new StreamedUpload(
        ctx.req,
        this.config.MAX_REQUEST_BODY_BYTES,
        log,
        route.unit !== 'tokens',
      );
      request = { timeoutMs, log, upload, ...NO_FIELDS };
    } else request = { timeoutMs, log: null, upload: null, ...NO_FIELDS };
    return Object.assign(ctx, { request });
  }

  private async readJson(
    ctx: Authenticated,
    log: BodyRecorder | null,
  ): Promise<Omit<ProxiedRequest, 'timeoutMs' | 'log' | 'upload'>> {
    let bytes = await readRequestBody(ctx.req, this.config.MAX_REQUEST_BODY_BYTES);
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
    return {
      model: override ? override.model : fields.model,
      stream,
      userId: fields.user,
      json: override ? override.prompt : fields.parsed,
      bytes,
      stripUsageChunk,
    };
  }

  private logFor(req: IncomingMessage): BodyRecorder {
    return new BodyLog(headerOf(req, 'content-type'), this.config.LOG_BODY_MAX_BYTES);
  }

  private timeoutOf(req: IncomingMessage): number {
    const header = headerOf(req, 'x-request-timeout');
    if (!header) return this.config.PROXY_TIMEOUT;
    const ms = parseGoDuration(header);
    if (ms === null || ms <= 0)
      throw new ProxyError('invalid_timeout', 'x-request-timeout must be a Go duration such as 30s');
    return ms;
  }
}
