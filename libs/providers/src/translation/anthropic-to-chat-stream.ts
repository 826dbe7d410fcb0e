// Anthropic messages SSE → OpenAI chat.completion.chunk SSE, incrementally: each push returns the OpenAI
// frames its input completed, whatever the chunk boundaries (a frame split across pushes waits for its end).
import { SseParser } from '../sse-parser';
import { mergeUsage, openAiUsageOf } from './anthropic-usage-to-openai';
import { chatCompletionId, unixSeconds } from './anthropic-to-chat-response';
import { openAiErrorObject } from './anthropic-error-to-openai';
import { isObject, type Json } from './json-shapes';
import { finishReasonOf } from './stop-reasons';

export interface AnthropicToChatStreamOptions {
  model: string;
  // stream_options.include_usage: every chunk carries usage: null and a last chunk (choices: []) the usage.
  includeUsage: boolean;
  // Unix seconds; now when absent (tests fix it).
  created?: number;
}

const frame = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`;
const DONE = 'data: [DONE]\n\n';

export class AnthropicToChatStream {
  private readonly parser = new SseParser();
  private readonly encoder = new TextEncoder();
  private readonly created: number;
  private id = chatCompletionId(undefined);
  private started = false;
  private finished = false;
  private complete = false;
  // A high surrogate at the end of a string push waits for its pair (a string may be cut inside a character).
  private pendingSurrogate = '';
  // Anthropic content block index → OpenAI tool_calls index (tool calls are numbered on their own).
  private readonly toolIndex = new Map<number, number>();
  private stopReason: unknown = null;
  private usage: Json = {};

  constructor(private readonly opts: AnthropicToChatStreamOptions) {
    this.created = unixSeconds(opts.created);
  }

  push(sseText: string | Uint8Array): string {
    let bytes: Uint8Array;
    if (typeof sseText === 'string') {
      let text = this.pendingSurrogate + sseText;
      this.pendingSurrogate = '';
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        this.pendingSurrogate = text.slice(-1);
        text = text.slice(0, -1);
      }
      bytes = this.encoder.encode(text);
    } else bytes = sseText;
    return this.parser
      .push(bytes)
      .map((event) => this.onEvent(event.event, event.data))
      .join('');
  }

  // True once message_stop has been translated: the answer is whole (worth caching). False after an error
  // event or a stream cut short, whose output ends with an error frame instead of [DONE].
  get completed(): boolean {
    return this.complete;
  }

  // The upstream ended. A stream cut before message_stop is not a complete answer: the client gets an error
  // frame (the OpenAI SDKs throw on it) rather than a [DONE] that would pass a truncated answer as whole.
  end(): string {
    if (this.finished) return '';
    this.finished = true;
    return frame({
      error: {
        message: 'the upstream stream ended before the message was complete',
        type: 'server_error',
        param: null,
        code: null,
      },
    });
  }

  private onEvent(eventName: string | null, data: string): string {
    if (this.finished) return '';
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return '';
    }
    if (!isObject(payload)) return '';
    const type = typeof payload['type'] === 'string' ? payload['type'] : (eventName ?? '');
    switch (type) {
      case 'message_start':
        return this.onMessageStart(payload['message']);
      case 'content_block_start':
        return this.onBlockStart(payload);
      case 'content_block_delta':
        return this.onBlockDelta(payload);
      case 'message_delta':
        this.stopReason =
          (isObject(payload['delta']) ? payload['delta']['stop_reason'] : null) ?? this.stopReason;
        this.usage = mergeUsage(this.usage, payload['usage']);
        return '';
      case 'message_stop':
        return this.onMessageStop();
      case 'error':
        this.finished = true;
        return frame({ error: openAiErrorObject(payload['error'], 200).error });
      default:
        // ping, content_block_stop and events this translation does not know carry nothing for the client.
        return '';
    }
  }

  private onMessageStart(message: unknown): string {
    if (isObject(message)) {
      this.id = chatCompletionId(message['id']);
      this.usage = mergeUsage(this.usage, message['usage']);
    }
    return this.roleChunk();
  }

  // The first chunk carries the role, as OpenAI's does.
  private roleChunk(): string {
    if (this.started) return '';
    this.started = true;
    return this.chunk({ role: 'assistant', content: '' }, null);
  }

  private onBlockStart(payload: Json): string {
    const block = payload['content_block'];
    if (!isObject(block) || block['type'] !== 'tool_use' || typeof payload['index'] !== 'number') return '';
    const index = this.toolIndex.size;
    this.toolIndex.set(payload['index'], index);
    const call = {
      index,
      id: block['id'],
      type: 'function',
      function: { name: block['name'], arguments: '' },
    };
    return this.roleChunk() + this.chunk({ tool_calls: [call] }, null);
  }

  private onBlockDelta(payload: Json): string {
    const delta = payload['delta'];
    if (!isObject(delta)) return '';
    if (delta['type'] === 'text_delta' && typeof delta['text'] === 'string') {
      return this.roleChunk() + this.chunk({ content: delta['text'] }, null);
    }
    const index = typeof payload['index'] === 'number' ? this.toolIndex.get(payload['index']) : undefined;
    if (
      delta['type'] === 'input_json_delta' &&
      index !== undefined &&
      typeof delta['partial_json'] === 'string'
    ) {
      return this.chunk({ tool_calls: [{ index, function: { arguments: delta['partial_json'] } }] }, null);
    }
    // Thinking and signature deltas have no place in a chat completion.
    return '';
  }

  private onMessageStop(): string {
    this.finished = true;
    this.complete = true;
    let out = this.roleChunk() + this.chunk({}, finishReasonOf(this.stopReason));
    if (this.opts.includeUsage)
      out += frame({ ...this.envelope(), choices: [], usage: openAiUsageOf(this.usage) });
    return out + DONE;
  }

  private envelope(): Json {
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.opts.model };
  }

  private chunk(delta: Json, finishReason: string | null): string {
    return frame({
      ...this.envelope(),
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(this.opts.includeUsage ? { usage: null } : {}),
    });
  }
}
