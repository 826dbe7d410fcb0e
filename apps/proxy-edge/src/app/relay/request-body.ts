import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { ClientClosedRequest, ProxyError } from '../request/proxy-error';
import type { BufferLease } from './request-buffers';

const tooLarge = (limit: number) => new ProxyError('request_too_large', `request body over ${limit} bytes`);

// Refuses a body whose declared length is over the limit before reading any of it.
export function checkDeclaredLength(req: IncomingMessage, limit: number): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
}

// Reads the whole request body, refusing more than `limit` bytes (413) and more than the process may hold
// (503) before buffering them; `onChunk` sees each chunk as it arrives (the JSON depth check). A refused
// body is left unread, not destroyed: the pipeline drains it so the client receives the refusal.
export async function readRequestBody(
  req: IncomingMessage,
  limit: number,
  lease: BufferLease,
  onChunk: (chunk: Buffer) => void = () => undefined,
): Promise<Buffer> {
  checkDeclaredLength(req, limit);
  // A declared length is held at once: a body that cannot fit is refused before any of it is read.
  const declared = Number(req.headers['content-length']);
  const held = Number.isInteger(declared) && declared > 0 ? declared : 0;
  lease.take(held);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => req.off('data', onData).off('end', onEnd).off('close', onClose);
    const onData = (chunk: Buffer) => {
      try {
        size += chunk.length;
        if (size > limit) throw tooLarge(limit);
        if (size > held) lease.take(Math.min(chunk.length, size - held));
        onChunk(chunk);
        chunks.push(chunk);
      } catch (error) {
        stop();
        req.pause();
        reject(error as Error);
      }
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    // Closed before its end: the client went away mid-body, nothing to answer.
    const onClose = () => {
      stop();
      reject(new ClientClosedRequest());
    };
    req.on('data', onData).once('end', onEnd).once('close', onClose);
  });
}

// Passes a streamed body (multipart uploads) through untouched, failing it once it passes the limit.
export class BodyLimit extends Transform {
  private size = 0;
  exceeded = false;

  // `onChunk` sees every byte that passes (the request log of a key with shouldLogRequest).
  constructor(
    private readonly limit: number,
    private readonly onChunk?: (chunk: Buffer) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.limit) {
      this.exceeded = true;
      done(tooLarge(this.limit));
      return;
    }
    this.onChunk?.(chunk);
    done(null, chunk);
  }
}

export interface JsonRequestFields {
  model: string;
  stream: boolean;
  user: string;
  // The client's stream_options object, if any.
  streamOptions: Record<string, unknown> | null;
  // The whole parsed body, kept for estimating the prompt when the provider reports no usage.
  parsed: Record<string, unknown>;
}

// Reads the fields the gateway needs; the body itself is forwarded byte for byte. The user id is OpenAI's
// `user` or Anthropic's `metadata.user_id`.
export function jsonRequestFields(body: Buffer): JsonRequestFields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ProxyError('invalid_json', 'request body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ProxyError('invalid_json', 'request body must be a JSON object');
  }
  const fields = parsed as {
    model?: unknown;
    stream?: unknown;
    user?: unknown;
    metadata?: { user_id?: unknown };
    stream_options?: unknown;
  };
  const streamOptions = fields.stream_options;
  const user = typeof fields.user === 'string' ? fields.user : fields.metadata?.user_id;
  return {
    model: typeof fields.model === 'string' ? fields.model : '',
    stream: fields.stream === true,
    user: typeof user === 'string' ? user : '',
    streamOptions:
      streamOptions && typeof streamOptions === 'object' && !Array.isArray(streamOptions)
        ? (streamOptions as Record<string, unknown>)
        : null,
    parsed: parsed as Record<string, unknown>,
  };
}
