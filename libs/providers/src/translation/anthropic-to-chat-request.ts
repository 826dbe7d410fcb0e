// Anthropic messages request → OpenAI chat completions request (an Anthropic-format caller on an
// OpenAI-format step).
import { chatMessagesOf } from './anthropic-request-messages';
import { invalid, isObject, unsupported, type Json } from './json-shapes';

function chatTools(tools: unknown): Json[] | undefined {
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) throw invalid('tools', 'tools must be an array');
  return tools.map((tool: unknown, i) => {
    // Server tools (web search, code execution...) run at Anthropic; an OpenAI-format provider has none.
    if (
      !isObject(tool) ||
      (tool['type'] !== undefined && tool['type'] !== 'custom') ||
      typeof tool['name'] !== 'string'
    ) {
      throw unsupported(`tools[${i}]`, 'only custom tools can be sent to an OpenAI-format provider');
    }
    const fn: Json = {
      name: tool['name'],
      parameters: tool['input_schema'] ?? { type: 'object', properties: {} },
    };
    if (typeof tool['description'] === 'string') fn['description'] = tool['description'];
    return { type: 'function', function: fn };
  });
}

function chatToolChoice(choice: unknown): Json {
  if (choice === undefined || choice === null) return {};
  if (!isObject(choice)) throw invalid('tool_choice', 'tool_choice must be an object');
  const parallel = choice['disable_parallel_tool_use'] === true ? { parallel_tool_calls: false } : {};
  switch (choice['type']) {
    case 'auto':
      return { tool_choice: 'auto', ...parallel };
    case 'any':
      return { tool_choice: 'required', ...parallel };
    case 'none':
      return { tool_choice: 'none' };
    case 'tool':
      return { tool_choice: { type: 'function', function: { name: choice['name'] } }, ...parallel };
    default:
      throw invalid('tool_choice', 'tool_choice type must be auto, any, none or tool');
  }
}

// top_k and thinking have no OpenAI equivalent and only tune how the answer is produced: they are dropped.
function parameters(body: Json): Json {
  const out: Json = {};
  if (typeof body['max_tokens'] === 'number') out['max_completion_tokens'] = body['max_tokens'];
  for (const field of ['temperature', 'top_p'] as const) {
    if (typeof body[field] === 'number') out[field] = body[field];
  }
  if (Array.isArray(body['stop_sequences']) && body['stop_sequences'].length > 0)
    out['stop'] = body['stop_sequences'];
  const userId = isObject(body['metadata']) ? body['metadata']['user_id'] : undefined;
  if (typeof userId === 'string' && userId !== '') out['user'] = userId;
  // Anthropic streams always report usage; an OpenAI stream does only when asked.
  if (body['stream'] === true) Object.assign(out, { stream: true, stream_options: { include_usage: true } });
  return out;
}

export function anthropicToChatRequest(
  anthropicBody: unknown,
  opts: { model: string },
): Record<string, unknown> {
  if (!isObject(anthropicBody)) throw invalid('body', 'the request body must be a JSON object');
  const tools = chatTools(anthropicBody['tools']);
  return {
    model: opts.model,
    messages: chatMessagesOf(anthropicBody['system'], anthropicBody['messages']),
    ...(tools && tools.length > 0 ? { tools } : {}),
    ...chatToolChoice(anthropicBody['tool_choice']),
    ...parameters(anthropicBody),
  };
}
