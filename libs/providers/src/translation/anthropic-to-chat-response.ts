// Anthropic messages response → OpenAI chat completion.
export function anthropicToChatResponse(
  _messageBody: unknown,
  _opts: { model: string },
): Record<string, unknown> {
  throw new Error('anthropicToChatResponse: not implemented yet');
}
