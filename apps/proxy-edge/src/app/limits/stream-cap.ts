import { frameData, SseFrameSplitter } from '@tollgate/providers';
import type { TokenCounter } from '@tollgate/pricing';
import type { StreamGuard } from '../request/request-context';

export type CappedFormat = 'openai' | 'anthropic';

// Asks for room for `tokens` more output tokens within the key's and user's limits; false: none left.
export type ExtendAllowance = (tokens: number) => Promise<boolean>;

// Ends a stream cleanly once its output would pass what the request may spend: the output it reserved at
// admission, then more in steps while the limits have room. The end is the provider's own (finish_reason
// "length", or Anthropic's stop_reason "max_tokens"), so the official SDKs read it as a normal end.
export class StreamCap implements StreamGuard {
  private readonly frames = new SseFrameSplitter();
  private used = 0;
  cut = false;
  // OpenAI: the stream's id, model and created, repeated in the closing chunk.
  private chunkFields: Record<string, unknown> = {};
  // Anthropic: the content block left open, to close before the message ends.
  private openBlock: number | null = null;

  constructor(
    private readonly format: CappedFormat,
    private readonly count: TokenCounter,
    private allowance: number,
    private readonly extend: ExtendAllowance,
    private readonly stepTokens: number,
  ) {}

  get outputTokens(): number {
    return this.used;
  }

  // The bytes to send on: whole frames, ending with the closing frames once the cap is reached.
  async push(chunk: Buffer): Promise<Buffer> {
    if (this.cut) return Buffer.alloc(0);
    const out: Buffer[] = [];
    for (const frame of this.frames.push(chunk)) {
      const tokens = this.count(this.observe(frame));
      while (this.used + tokens > this.allowance) {
        if (!(await this.extend(this.stepTokens))) {
          this.cut = true;
          out.push(Buffer.from(this.closingFrames()));
          return Buffer.concat(out);
        }
        this.allowance += this.stepTokens;
      }
      this.used += tokens;
      out.push(frame);
    }
    return out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out);
  }

  flush(): Buffer {
    return this.cut ? Buffer.alloc(0) : this.frames.flush();
  }

  // The generated text a frame carries, noting what the closing frames need.
  private observe(frame: Buffer): string {
    const { event, data } = frameData(frame);
    if (!data || data === '[DONE]') return '';
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return '';
    }
    // Frames of any other shape pass on uncounted, as unparseable ones do: they carry no text.
    if (!isObject(parsed)) return '';
    return this.format === 'openai' ? this.observeOpenAi(parsed) : this.observeAnthropic(event, parsed);
  }

  private observeOpenAi(chunk: Record<string, unknown>): string {
    const { id, model, created, system_fingerprint } = chunk;
    this.chunkFields = { id, object: 'chat.completion.chunk', created, model, system_fingerprint };
    const choices: unknown[] = Array.isArray(chunk['choices']) ? chunk['choices'] : [];
    return choices.map(choiceText).join('');
  }

  private observeAnthropic(event: string | null, message: Record<string, unknown>): string {
    const type = event ?? message['type'];
    const index = typeof message['index'] === 'number' ? message['index'] : null;
    if (type === 'content_block_start') this.openBlock = index;
    if (type === 'content_block_stop') this.openBlock = null;
    if (type !== 'content_block_delta') return '';
    const delta = (isObject(message['delta']) ? message['delta'] : {}) as {
      text?: unknown;
      partial_json?: unknown;
      thinking?: unknown;
    };
    for (const text of [delta.text, delta.partial_json, delta.thinking])
      if (typeof text === 'string') return text;
    return '';
  }

  private closingFrames(): string {
    if (this.format === 'openai') {
      const chunk = {
        ...this.chunkFields,
        choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'length' }],
      };
      return `data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`;
    }
    const frames: string[] = [];
    if (this.openBlock !== null)
      frames.push(sse('content_block_stop', { type: 'content_block_stop', index: this.openBlock }));
    frames.push(
      sse('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: 'max_tokens', stop_sequence: null },
        usage: { output_tokens: this.used },
      }),
      sse('message_stop', { type: 'message_stop' }),
    );
    return frames.join('');
  }
}

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// A chat chunk choice's generated text: its content and its tool calls' argument fragments.
function choiceText(choice: unknown): string {
  const delta = isObject(choice) && isObject(choice['delta']) ? choice['delta'] : {};
  const text = typeof delta['content'] === 'string' ? delta['content'] : '';
  const calls: unknown[] = Array.isArray(delta['tool_calls']) ? delta['tool_calls'] : [];
  const args = calls.map((call) => {
    const fn = isObject(call) ? call['function'] : undefined;
    return isObject(fn) && typeof fn['arguments'] === 'string' ? fn['arguments'] : '';
  });
  return text + args.join('');
}
