// Anthropic messages response → OpenAI chat completion, for a route step on Anthropic.
import { openAiUsageOf } from './anthropic-usage-to-openai';
import { invalid, isObject, type Json } from './json-shapes';
import { finishReasonOf } from './stop-reasons';

export interface AnthropicToChatOptions {
  // The model the caller named (what the OpenAI response echoes).
  model: string;
  // Unix seconds; now when absent (tests fix it).
  created?: number;
}

export const chatCompletionId = (messageId: unknown): string =>
  `chatcmpl-${typeof messageId === 'string' && messageId !== '' ? messageId : 'tollgate'}`;

export const unixSeconds = (created: number | undefined): number => created ?? Math.floor(Date.now() / 1000);

function toolCall(block: Json): Json {
  return {
    id: block['id'],
    type: 'function',
    function: { name: block['name'], arguments: JSON.stringify(block['input'] ?? {}) },
  };
}

// Text blocks join into content; tool_use blocks become tool_calls. Thinking and server-tool blocks have no
// place in a chat completion and are left out.
function assistantMessage(content: unknown[]): Json {
  const blocks = content.filter(isObject);
  const text = blocks
    .filter((b) => b['type'] === 'text' && typeof b['text'] === 'string')
    .map((b) => b['text'] as string);
  const toolCalls = blocks.filter((b) => b['type'] === 'tool_use').map(toolCall);
  const message: Json = {
    role: 'assistant',
    // OpenAI answers null content when the model only called tools.
    content: text.length === 0 && toolCalls.length > 0 ? null : text.join(''),
    refusal: null,
  };
  if (toolCalls.length > 0) message['tool_calls'] = toolCalls;
  return message;
}

export function anthropicToChatResponse(
  messageBody: unknown,
  opts: AnthropicToChatOptions,
): Record<string, unknown> {
  if (!isObject(messageBody) || !Array.isArray(messageBody['content'])) {
    throw invalid('body', 'the Anthropic response is not a message');
  }
  const response: Json = {
    id: chatCompletionId(messageBody['id']),
    object: 'chat.completion',
    created: unixSeconds(opts.created),
    model: opts.model,
    choices: [
      {
        index: 0,
        message: assistantMessage(messageBody['content']),
        logprobs: null,
        finish_reason: finishReasonOf(messageBody['stop_reason']),
      },
    ],
  };
  const usage = openAiUsageOf(messageBody['usage']);
  if (usage) response['usage'] = usage;
  return response;
}
