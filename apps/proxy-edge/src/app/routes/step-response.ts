import type { IncomingHttpHeaders } from 'node:http';
import { AnthropicToChatStream, anthropicErrorToOpenAi, anthropicToChatResponse } from '@tollgate/providers';
import type { PlannedStep } from '../request/route-run';

type Headers = IncomingHttpHeaders;

// An upstream answer as the route hands it on: status, headers and body bytes as they arrive.
export interface StepAnswer {
  statusCode: number;
  headers: Headers;
  body: AsyncIterable<Buffer>;
}

// A body already in memory, as an answer's body.
export async function* bodyOf(bytes: Buffer): AsyncIterable<Buffer> {
  yield bytes;
}

// Waits for the first chunk of a body: until it has arrived nothing has reached the client, so a failure
// (a reset, the attempt's timeout) can still be failed over. The chunk is handed on first.
export async function withFirstChunk(body: AsyncIterable<Buffer>): Promise<AsyncIterable<Buffer>> {
  const iterator = body[Symbol.asyncIterator]();
  const first = await iterator.next();
  return (async function* () {
    if (!first.done) yield first.value;
    else return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
}

export async function readText(body: AsyncIterable<Buffer>, maxBytes = 1 << 20): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const jsonAnswer = (status: number, headers: Headers, value: unknown): StepAnswer => ({
  statusCode: status,
  headers: { ...keptHeaders(headers), 'content-type': 'application/json' },
  body: bodyOf(Buffer.from(JSON.stringify(value))),
});

// A translated body has other bytes: the upstream's length and encoding no longer describe it.
function keptHeaders(headers: Headers): Headers {
  const { 'content-length': _l, 'content-type': _t, 'content-encoding': _e, ...rest } = headers;
  return rest;
}

// What the client of an OpenAI-format route gets from a step: an OpenAI-format step's answer as it is; an
// Anthropic step's answer translated (a message, its SSE stream, or its error) into OpenAI's.
export async function clientAnswer(planned: PlannedStep, answer: StepAnswer): Promise<StepAnswer> {
  if (planned.format === 'openai') return answer;
  const { statusCode, headers } = answer;
  if (statusCode < 200 || statusCode >= 300) {
    const error = anthropicErrorToOpenAi(statusCode, parsed(await readText(answer.body)));
    return jsonAnswer(error.status, headers, error.body);
  }
  if (String(headers['content-type'] ?? '').includes('text/event-stream'))
    return {
      statusCode,
      headers: { ...keptHeaders(headers), 'content-type': 'text/event-stream; charset=utf-8' },
      body: translatedStream(answer.body, planned.step.model),
    };
  return jsonAnswer(
    statusCode,
    headers,
    anthropicToChatResponse(parsed(await readText(answer.body)), { model: planned.step.model }),
  );
}

// The usage chunk is always produced: the gateway reads it, and strips it for a client that did not ask.
async function* translatedStream(body: AsyncIterable<Buffer>, model: string): AsyncIterable<Buffer> {
  const translator = new AnthropicToChatStream({ model, includeUsage: true });
  for await (const chunk of body) {
    const out = translator.push(chunk);
    if (out) yield Buffer.from(out);
  }
  const tail = translator.end();
  if (tail) yield Buffer.from(tail);
  // A stream that closed before Anthropic's message_stop is a cut answer: it ends as an interrupted relay
  // (and is never cached), not as a clean end.
  if (!translator.completed) throw new Error('the Anthropic stream ended before message_stop');
}
