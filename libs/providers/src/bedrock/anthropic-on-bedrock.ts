import { removeTopLevelField, setTopLevelField } from '../json/json-patch';
import { EventStreamFrames, headerString } from './event-stream-frames';

// The Anthropic version Bedrock's Anthropic models take in the body (Anthropic's own API takes a header).
export const BEDROCK_ANTHROPIC_VERSION = 'bedrock-2023-05-31';

// What a Bedrock model id may hold in a path: Bedrock's ids and inference-profile ARNs are letters, digits,
// . _ - : / (an ARN's slash is sent encoded); anything else is not a Bedrock model.
const MODEL_ID = /^[A-Za-z0-9._:-]+(?:\/[A-Za-z0-9._:-]+)*$/;

export function isBedrockModelId(model: string): boolean {
  return model.length <= 2048 && MODEL_ID.test(model) && !/(^|\/)\.{1,2}(\/|$)/.test(model);
}

// BricksLLM's /api/providers/bedrock/anthropic/v1/{messages,complete}: an Anthropic Messages (or text
// completions) body becomes an InvokeModel (or its stream) of the body's model. The body loses `model` and `stream` (Bedrock refuses them) and gains
// Bedrock's anthropic_version when it names none; every other byte is forwarded as it came.
export function bedrockInvokeOf(
  body: Buffer,
  model: string,
  stream: boolean,
): { bytes: Buffer; path: string } {
  let bytes = removeTopLevelField(removeTopLevelField(body, 'model'), 'stream');
  const parsed = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  if (typeof parsed['anthropic_version'] !== 'string')
    bytes = setTopLevelField(bytes, 'anthropic_version', JSON.stringify(BEDROCK_ANTHROPIC_VERSION));
  const operation = stream ? 'invoke-with-response-stream' : 'invoke';
  return { bytes, path: `/model/${encodeURIComponent(model)}/${operation}` };
}

// A Bedrock answer stream turned into Anthropic's SSE for a client of Anthropic's API: each `chunk`'s
// base64 event becomes `event: <type>` / `data: <json>`, and a Bedrock exception Anthropic's `error` event.
// Frame by frame as they arrive; nothing is held beyond a partial frame.
export class EventStreamToSse {
  private readonly frames = new EventStreamFrames();

  push(chunk: Buffer): Buffer {
    const out: string[] = [];
    for (const message of this.frames.push(chunk)) {
      const kind = headerString(message, ':message-type');
      const body = Buffer.from(message.body).toString('utf8');
      if (kind === 'event' && headerString(message, ':event-type') === 'chunk') out.push(sseOfChunk(body));
      else if (kind === 'exception' || kind === 'error')
        out.push(
          sseError(headerString(message, ':exception-type') || headerString(message, ':error-code'), body),
        );
    }
    return Buffer.from(out.join(''), 'utf8');
  }

  flush(): Buffer {
    return Buffer.alloc(0);
  }
}

// A Messages event names its type; a text completion's chunk ({completion, stop_reason, stop}) does not, and
// becomes Anthropic's `completion` event, as its own API streams them.
function sseOfChunk(payload: string): string {
  try {
    const bytes = (JSON.parse(payload) as { bytes?: unknown } | null)?.bytes;
    if (typeof bytes !== 'string') return '';
    const json = Buffer.from(bytes, 'base64').toString('utf8');
    const event = JSON.parse(json) as { type?: unknown; completion?: unknown } | null;
    if (typeof event?.type === 'string') return `event: ${event.type}\ndata: ${json}\n\n`;
    if (typeof event?.completion !== 'string') return '';
    return `event: completion\ndata: ${JSON.stringify({ type: 'completion', ...event })}\n\n`;
  } catch {
    return '';
  }
}

function sseError(exception: string, payload: string): string {
  let message = payload;
  try {
    const parsed = JSON.parse(payload) as { message?: unknown };
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // Not JSON: the payload is the message.
  }
  const type = exception === 'throttlingException' ? 'rate_limit_error' : 'api_error';
  const data = JSON.stringify({ type: 'error', error: { type, message: `${exception}: ${message}` } });
  return `event: error\ndata: ${data}\n\n`;
}
