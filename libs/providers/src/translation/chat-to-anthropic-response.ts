// OpenAI chat completion → Anthropic message (an Anthropic-format caller on an OpenAI-format step).
import { invalid, isObject, type Json } from './json-shapes';
import { stopReasonOf } from './stop-reasons';

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function toolInput(args: unknown): unknown {
  try {
    const parsed: unknown = JSON.parse(String(args));
    return isObject(parsed) ? parsed : {};
  } catch {
    // A model may emit arguments that are not JSON; Anthropic clients expect an object, so it is empty.
    return {};
  }
}

function contentOf(message: Json): Json[] {
  const blocks: Json[] = [];
  if (typeof message['content'] === 'string' && message['content'] !== '') {
    blocks.push({ type: 'text', text: message['content'] });
  }
  const toolCalls = Array.isArray(message['tool_calls']) ? message['tool_calls'].filter(isObject) : [];
  for (const call of toolCalls) {
    const fn = isObject(call['function']) ? call['function'] : {};
    blocks.push({ type: 'tool_use', id: call['id'], name: fn['name'], input: toolInput(fn['arguments']) });
  }
  return blocks;
}

// OpenAI's prompt_tokens includes cached and cache-write tokens; Anthropic's input_tokens leaves both out.
function usageOf(usage: unknown): Json {
  const u = isObject(usage) ? usage : {};
  const details = isObject(u['prompt_tokens_details']) ? u['prompt_tokens_details'] : {};
  const cached = count(details['cached_tokens']);
  const written = count(details['cache_write_tokens']);
  return {
    input_tokens: Math.max(0, count(u['prompt_tokens']) - cached - written),
    output_tokens: count(u['completion_tokens']),
    cache_read_input_tokens: cached,
    cache_creation_input_tokens: written,
  };
}

export function chatToAnthropicResponse(chatBody: unknown, opts: { model: string }): Record<string, unknown> {
  const choices = isObject(chatBody) ? chatBody['choices'] : undefined;
  const choice = Array.isArray(choices) && isObject(choices[0]) ? choices[0] : undefined;
  if (!isObject(chatBody) || !choice || !isObject(choice['message'])) {
    throw invalid('body', 'the OpenAI response is not a chat completion');
  }
  const id = typeof chatBody['id'] === 'string' ? chatBody['id'] : 'tollgate';
  return {
    id: `msg_${id}`,
    type: 'message',
    role: 'assistant',
    model: opts.model,
    content: contentOf(choice['message']),
    stop_reason: stopReasonOf(choice['finish_reason']),
    stop_sequence: null,
    usage: usageOf(chatBody['usage']),
  };
}
