import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { FakeAssistantRuns } from './fake-assistant-runs';
import { RecordingServer, sendJson, sleep, write, type RecordedRequest } from './recording-server';

// Bytes of every value 0..255, repeated: binary responses the gateway must pass through untouched.
export const FAKE_BINARY = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256));

export interface FakeChatReply {
  content: string;
  promptTokens: number;
  completionTokens: number;
  cachedTokens?: number;
  reasoningTokens?: number;
  // Delay between streamed chunks, to observe streaming through the gateway.
  chunkDelayMs?: number;
  // Answer with this status and an OpenAI error body instead.
  errorStatus?: number;
  // Wait this long before answering at all (to exercise timeouts).
  headersDelayMs?: number;
  // Behave like a server that reports no usage at all (ignores stream_options too).
  omitUsage?: boolean;
}

// A local stand-in for api.openai.com speaking the real wire format: chat.completion JSON, and SSE chunks
// with the usage chunk (choices: []) only when stream_options.include_usage is set, then `data: [DONE]`.
export class FakeOpenAiUpstream extends RecordingServer {
  // When the last streamed response was fully written (performance.now() of this process).
  lastStreamEndedAt = 0;
  // How many streams the other side closed before they were finished.
  streamsCutShort = 0;
  // Background responses, by id, as GET /v1/responses/:id returns them once finished.
  private readonly background = new Map<string, object>();
  // The audio length every transcription reports.
  audioSeconds = 90;
  // Assistants runs: created queued, finished (with their usage) after `runs.pollsBeforeDone` retrievals.
  readonly runs = new FakeAssistantRuns();
  private reply: FakeChatReply = {
    content: 'Hello from the fake upstream!',
    promptTokens: 19,
    completionTokens: 10,
  };
  willReply(reply: FakeChatReply): void {
    this.reply = reply;
  }

  protected async answer(request: RecordedRequest, res: ServerResponse): Promise<void> {
    return this.route(request.method, request.path, request.body, res, request.raw);
  }

  private async route(
    method: string,
    url: string,
    body: string,
    res: ServerResponse,
    raw: Buffer,
  ): Promise<void> {
    const path = url.split('?')[0] ?? '';
    if (method === 'POST' && path === '/v1/chat/completions') return this.chat(body, res);
    // Azure: the same chat format under a deployment.
    if (method === 'POST' && /^\/openai\/deployments\/[^/]+\/chat\/completions$/.test(path))
      return this.chat(body, res);
    if (method === 'POST' && path === '/v1/embeddings') {
      const reply = this.reply;
      // Values exact in float32, so the SDK's base64 decoding gives them back unchanged.
      const vector = [0.5, -0.25, 0.125];
      const base64 = (JSON.parse(body) as { encoding_format?: string }).encoding_format === 'base64';
      const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
      return sendJson(res, 200, {
        object: 'list',
        data: [{ object: 'embedding', index: 0, embedding }],
        model: 'text-embedding-3-small',
        usage: { prompt_tokens: reply.promptTokens, total_tokens: reply.promptTokens },
      });
    }
    if (method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, {
        object: 'list',
        data: [{ id: 'gpt-4o-mini', object: 'model', created: 1, owned_by: 'openai' }],
      });
    }
    if (method === 'POST' && path === '/v1/files') {
      return sendJson(res, 200, {
        id: 'file-fake',
        object: 'file',
        bytes: raw.length,
        purpose: 'assistants',
        filename: 'upload',
      });
    }
    // A batch's output file (ids starting file-batch): one result line per request, with its usage.
    if (method === 'GET' && /^\/v1\/files\/file-batch[^/]*\/content$/.test(path)) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const usage = usageOf(this.reply);
      const line = (i: number) =>
        JSON.stringify({
          id: `batch_req_${i}`,
          custom_id: `request-${i}`,
          response: {
            status_code: 200,
            request_id: `req_${i}`,
            body: { id: `chatcmpl-${i}`, object: 'chat.completion', model: 'gpt-4o-mini-2024-07-18', usage },
          },
          error: null,
        });
      res.end(`${line(1)}\n${line(2)}\n`);
      return;
    }
    if (method === 'GET' && /^\/v1\/files\/[^/]+\/content$/.test(path))
      return sendBinary(res, 'application/octet-stream');
    if (method === 'POST' && path === '/v1/audio/speech') return sendBinary(res, 'audio/mpeg');
    if (method === 'POST' && path === '/v1/responses') return this.responses(body, res);
    if (method === 'POST' && path === '/v1/completions') return this.completion(body, res);
    const background = /^\/v1\/responses\/([^/]+)$/.exec(path);
    if (method === 'GET' && background) {
      const stored = this.background.get(background[1] ?? '');
      if (stored) return sendJson(res, 200, stored);
    }
    if (method === 'POST' && path === '/v1/images/generations') {
      const n = (JSON.parse(body) as { n?: number }).n ?? 1;
      return sendJson(res, 200, {
        created: 1763900000,
        data: Array.from({ length: n }, () => ({
          url: 'https://images.example/fake.png',
          revised_prompt: 'a cat',
        })),
      });
    }
    // Transcriptions and translations report their length in seconds, as whisper-1 does.
    if (method === 'POST' && (path === '/v1/audio/transcriptions' || path === '/v1/audio/translations')) {
      return sendJson(res, 200, {
        text: 'Hello there.',
        usage: { type: 'duration', seconds: this.audioSeconds },
      });
    }
    const startsRun = /^\/v1\/threads(?:\/([^/]+))?\/runs$/.exec(path);
    if (method === 'POST' && startsRun)
      return this.runs.create(startsRun[1] ?? `thread_${randomUUID().slice(0, 8)}`, body, this.reply, res);
    if (this.runs.answer(method, path, res)) return;
    sendJson(res, 404, {
      error: { message: `Unknown route ${method} ${url}`, type: 'invalid_request_error' },
    });
  }

  private async chat(body: string, res: ServerResponse): Promise<void> {
    let request: { model?: string; stream?: boolean; stream_options?: { include_usage?: boolean } };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      return sendJson(res, 400, {
        error: { message: 'We could not parse the JSON body', type: 'invalid_request_error' },
      });
    }
    const reply = this.reply;
    if (reply.headersDelayMs) await sleep(reply.headersDelayMs);
    if (reply.errorStatus) {
      return sendJson(res, reply.errorStatus, {
        error: { message: 'fake upstream error', type: 'server_error', param: null, code: null },
      });
    }
    const model = `${request.model ?? 'gpt-4o-mini'}-2024-07-18`;
    const usage = usageOf(reply);
    const id = 'chatcmpl-fake123';
    const created = 1763900000;
    if (!request.stream) {
      return sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [
          {
            index: 0,
            finish_reason: 'stop',
            logprobs: null,
            message: { role: 'assistant', content: reply.content, refusal: null, annotations: [] },
          },
        ],
        ...(reply.omitUsage ? {} : { usage }),
        service_tier: 'default',
        system_fingerprint: 'fp_fake',
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    const chunk = (choices: unknown[], chunkUsage: unknown = null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, usage: chunkUsage })}\n\n`;
    const pieces = splitWords(reply.content);
    await write(res, chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
    let clientGone = false;
    res.once('close', () => {
      if (!res.writableFinished) {
        clientGone = true;
        this.streamsCutShort += 1;
      }
    });
    for (const piece of pieces) {
      if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
      // The gateway aborted the call (its client went away): stop generating, as a provider does.
      if (clientGone) return;
      await write(res, chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]));
    }
    await write(res, chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
    if (request.stream_options?.include_usage && !reply.omitUsage) await write(res, chunk([], usage));
    res.end('data: [DONE]\n\n');
    this.lastStreamEndedAt = performance.now();
  }

  // The legacy completions API (unstreamed): a text_completion with usage.
  private completion(body: string, res: ServerResponse): void {
    const request = JSON.parse(body) as { model?: string };
    const { promptTokens, completionTokens } = this.reply;
    sendJson(res, 200, {
      id: 'cmpl-fake123',
      object: 'text_completion',
      created: 1763900000,
      model: request.model ?? 'gpt-3.5-turbo-instruct',
      choices: [{ index: 0, text: this.reply.content, finish_reason: 'stop', logprobs: null }],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    });
  }

  // The Responses API: usage on the response object, and on response.completed when streamed.
  private async responses(body: string, res: ServerResponse): Promise<void> {
    const request = JSON.parse(body) as { model?: string; stream?: boolean; background?: boolean };
    const reply = this.reply;
    const usage = {
      input_tokens: reply.promptTokens,
      input_tokens_details: { cached_tokens: reply.cachedTokens ?? 0 },
      output_tokens: reply.completionTokens,
      output_tokens_details: { reasoning_tokens: reply.reasoningTokens ?? 0 },
      total_tokens: reply.promptTokens + reply.completionTokens,
    };
    const response = {
      // Unique, as OpenAI's: the gateway bills a response once, by its id.
      id: `resp_${randomUUID().replaceAll('-', '')}`,
      object: 'response',
      created_at: 1763900000,
      status: 'completed',
      model: request.model ?? 'gpt-4o-mini',
      output: [
        {
          type: 'message',
          id: 'msg_fake',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: reply.content, annotations: [] }],
        },
      ],
      usage,
    };
    if (request.background) {
      // Queued now; the finished response, with its usage, is fetched later with GET /v1/responses/:id.
      const id = `resp_bg_${randomUUID().replaceAll('-', '')}`;
      this.background.set(id, { ...response, id });
      return sendJson(res, 200, { ...response, id, status: 'queued', output: [], usage: null });
    }
    if (!request.stream) return sendJson(res, 200, response);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
    let sequence = 0;
    const emit = (type: string, data: object) =>
      write(
        res,
        `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`,
      );
    await emit('response.created', {
      response: { ...response, status: 'in_progress', output: [], usage: null },
    });
    for (const piece of splitWords(reply.content)) {
      if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
      await emit('response.output_text.delta', {
        item_id: 'msg_fake',
        output_index: 0,
        content_index: 0,
        delta: piece,
      });
    }
    await emit('response.completed', { response });
    res.end();
  }
}

function sendBinary(res: ServerResponse, contentType: string): void {
  res.writeHead(200, { 'content-type': contentType, 'content-length': FAKE_BINARY.length });
  res.end(FAKE_BINARY);
}

function usageOf(reply: FakeChatReply) {
  return {
    prompt_tokens: reply.promptTokens,
    completion_tokens: reply.completionTokens,
    total_tokens: reply.promptTokens + reply.completionTokens,
    prompt_tokens_details: { cached_tokens: reply.cachedTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reply.reasoningTokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function splitWords(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [text];
}
