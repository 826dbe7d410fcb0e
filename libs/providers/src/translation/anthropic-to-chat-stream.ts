// Anthropic messages SSE → OpenAI chat.completion.chunk SSE, incrementally.
export interface AnthropicToChatStreamOptions {
  model: string;
  includeUsage: boolean;
}

export class AnthropicToChatStream {
  constructor(private readonly opts: AnthropicToChatStreamOptions) {}

  push(_sseText: string): string {
    void this.opts;
    throw new Error('AnthropicToChatStream: not implemented yet');
  }

  end(): string {
    throw new Error('AnthropicToChatStream: not implemented yet');
  }
}
