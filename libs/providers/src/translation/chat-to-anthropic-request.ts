// OpenAI chat completions request → Anthropic messages request.
export interface ChatToAnthropicOptions {
  model: string;
  defaultMaxTokens: number;
}

export function chatToAnthropicRequest(
  _chatBody: unknown,
  _opts: ChatToAnthropicOptions,
): Record<string, unknown> {
  throw new Error('chatToAnthropicRequest: not implemented yet');
}
