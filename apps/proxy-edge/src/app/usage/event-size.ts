import type { Envelope, LoggedBody, RequestCompletedV1Payload } from '@tollgate/contracts';

// The most a usage event may take, serialized: Kafka's default message limit is 1 MiB (1,048,588 bytes, and
// 1,000,000 on some managed brokers); the rest is margin for the key, headers and record overhead.
export const USAGE_EVENT_MAX_BYTES = 768 * 1024;
// Fields a client writes (model, user, custom id, path) are cut to this only when an event without its
// bodies would still be too large; metadata larger than METADATA_MAX_BYTES is then dropped.
const FIELD_MAX_BYTES = 1024;
const METADATA_MAX_BYTES = 16 * 1024;

type UsageEvent = Envelope<RequestCompletedV1Payload>;

const sizeOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

// The event as it is when it fits; otherwise its logged bodies cut (each marked truncated) so the whole event
// fits in maxBytes, and, when even that is not enough, the client's free-text fields cut too.
export function fitEventSize<E extends UsageEvent>(event: E, maxBytes = USAGE_EVENT_MAX_BYTES): E {
  if (sizeOf(event) <= maxBytes) return event;
  const bare = (e: E) => withBodies(e, emptied(e.payload.request), emptied(e.payload.response));
  const fitted = sizeOf(bare(event)) > maxBytes ? withShortFields(event) : event;
  const { request, response } = fitted.payload;
  const budget = Math.max(0, maxBytes - sizeOf(bare(fitted)));
  const [forRequest, forResponse] = share(budget, bodyBytes(request), bodyBytes(response));
  return withBodies(fitted, cutBody(request, forRequest), cutBody(response, forResponse));
}

// Two bodies share the room: half each, and what one does not need goes to the other.
function share(budget: number, request: number, response: number): [number, number] {
  const half = Math.floor(budget / 2);
  if (request <= half) return [request, budget - request];
  if (response <= half) return [budget - response, response];
  return [half, budget - half];
}

// The bytes a body's text takes inside the serialized event (JSON escapes included, quotes not).
function bodyBytes(body: LoggedBody | null): number {
  return body ? sizeOf(body.body) - 2 : 0;
}

function emptied(body: LoggedBody | null): LoggedBody | null {
  return body && { ...body, body: '' };
}

function cutBody(body: LoggedBody | null, maxBytes: number): LoggedBody | null {
  if (!body || bodyBytes(body) <= maxBytes) return body;
  // Cut JSON is no longer JSON: it is reported as text.
  const encoding = body.encoding === 'json' ? 'text' : body.encoding;
  return {
    ...body,
    encoding,
    body: cutText(body.body, maxBytes, body.encoding === 'base64'),
    truncated: true,
  };
}

// The longest prefix whose JSON form fits in maxBytes, never ending inside a surrogate pair (nor inside a
// base64 quantum).
function cutText(text: string, maxBytes: number, base64: boolean): string {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (sizeOf(text.slice(0, mid)) - 2 <= maxBytes) low = mid;
    else high = mid - 1;
  }
  let end = base64 ? low - (low % 4) : low;
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end);
}

function withBodies<E extends UsageEvent>(
  event: E,
  request: LoggedBody | null,
  response: LoggedBody | null,
): E {
  return { ...event, payload: { ...event.payload, request, response } };
}

function withShortFields<E extends UsageEvent>(event: E): E {
  const p = event.payload;
  const cut = (text: string) => cutText(text, FIELD_MAX_BYTES, false);
  return {
    ...event,
    payload: {
      ...p,
      model: cut(p.model),
      userId: cut(p.userId),
      customId: cut(p.customId),
      path: cut(p.path),
      metadata: p.metadata && sizeOf(p.metadata) > METADATA_MAX_BYTES ? null : p.metadata,
    },
  };
}
