import type { IncomingMessage } from 'node:http';
import { ProxyError } from './proxy-error';

// Reads the whole request body, refusing more than `limit` bytes (413) before buffering them.
export async function readRequestBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    throw new ProxyError(413, 'request_too_large', `request body over ${limit} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new ProxyError(413, 'request_too_large', `request body over ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

export interface ChatRequestFields {
  model: string;
  stream: boolean;
  user: string;
}

// Reads the fields the gateway needs; the body itself is forwarded byte for byte.
export function chatRequestFields(body: Buffer): ChatRequestFields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ProxyError(400, 'invalid_json', 'request body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ProxyError(400, 'invalid_json', 'request body must be a JSON object');
  }
  const fields = parsed as { model?: unknown; stream?: unknown; user?: unknown };
  return {
    model: typeof fields.model === 'string' ? fields.model : '',
    stream: fields.stream === true,
    user: typeof fields.user === 'string' ? fields.user : '',
  };
}
