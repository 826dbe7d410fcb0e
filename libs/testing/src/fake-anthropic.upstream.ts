import type { ServerResponse } from 'node:http';
import { RecordingServer, sendJson, type RecordedRequest } from './recording-server';

export interface FakeMessageReply {
  text: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheCreationTokens?: number;
  chunkDelayMs?: number;
}

// A local stand-in for api.anthropic.com: Messages JSON and the named-event SSE stream (message_start with the
// input usage, cumulative message_delta usage, message_stop). Accepts x-api-key and Authorization: Bearer.
export class FakeAnthropicUpstream extends RecordingServer {
  private reply: FakeMessageReply = { text: 'Hello from the fake Claude!', inputTokens: 12, outputTokens: 6 };
  willReply(reply: FakeMessageReply): void {
    this.reply = reply;
  }

  protected async answer(request: RecordedRequest, res: ServerResponse): Promise<void> {
    if (request.method === 'POST' && request.path.split('?')[0] === '/v1/messages')
      return this.messages(request.body, res);
    sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: 'Not found' } });
  }

  private async messages(body: string, res: ServerResponse): Promise<void> {
    const request = JSON.parse(body) as { model?: string; stream?: boolean };
    const r = this.reply;
    const usage = {
      input_tokens: r.inputTokens,
      cache_creation_input_tokens: r.cacheCreationTokens ?? 0,
      cache_read_input_tokens: r.cacheReadTokens ?? 0,
      output_tokens: r.outputTokens,
      service_tier: 'standard',
    };
    const message = {
      id: 'msg_fake',
      type: 'message',
      role: 'assistant',
      model: request.model ?? 'claude-sonnet-4-6',
      content: [{ type: 'text', text: r.text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage,
    };
    if (!request.stream) return sendJson(res, 200, message);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'request-id': 'req_fake' });
    const emit = (type: string, data: object) =>
      new Promise<void>((resolve) =>
        res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`, () => resolve()),
      );
    await emit('message_start', {
      message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } },
    });
    await emit('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
    await emit('ping', {});
    const pieces = r.text.match(/\S+\s*/g) ?? [r.text];
    for (const piece of pieces) {
      if (r.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, r.chunkDelayMs));
      await emit('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } });
    }
    await emit('content_block_stop', { index: 0 });
    await emit('message_delta', {
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: r.outputTokens },
    });
    await emit('message_stop', {});
    res.end();
  }
}
