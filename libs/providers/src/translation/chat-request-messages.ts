// OpenAI chat messages → Anthropic's top-level system prompt and alternating user/assistant messages.
import { contentBlocks, contentText } from './chat-content-parts';
import { invalid, isObject, unsupported, type Json } from './json-shapes';

export interface AnthropicMessages {
  system: Json[];
  messages: { role: 'user' | 'assistant'; content: Json[] }[];
}

function toolUseBlocks(toolCalls: unknown, param: string): Json[] {
  if (toolCalls === undefined || toolCalls === null) return [];
  if (!Array.isArray(toolCalls)) throw invalid(param, 'tool_calls must be an array');
  return toolCalls.map((call: unknown, i) => {
    const fn = isObject(call) ? call['function'] : undefined;
    if (
      !isObject(call) ||
      !isObject(fn) ||
      typeof call['id'] !== 'string' ||
      typeof fn['name'] !== 'string'
    ) {
      throw invalid(`${param}[${i}]`, 'a tool call needs an id and a function name');
    }
    return {
      type: 'tool_use',
      id: call['id'],
      name: fn['name'],
      input: toolArguments(fn['arguments'], param, i),
    };
  });
}

function toolArguments(args: unknown, param: string, i: number): unknown {
  if (args === undefined || args === '') return {};
  try {
    const parsed: unknown = JSON.parse(String(args));
    if (!isObject(parsed)) throw new Error('not an object');
    return parsed;
  } catch {
    throw invalid(`${param}[${i}].function.arguments`, 'tool call arguments must be a JSON object');
  }
}

function toolResultBlock(message: Json, param: string): Json {
  if (typeof message['tool_call_id'] !== 'string')
    throw invalid(`${param}.tool_call_id`, 'tool_call_id is required');
  return {
    type: 'tool_result',
    tool_use_id: message['tool_call_id'],
    content: contentText(message['content'], `${param}.content`),
  };
}

// One OpenAI message → the role and blocks it becomes (system text goes to the side).
function translateOne(
  message: unknown,
  param: string,
  system: Json[],
): { role: 'user' | 'assistant'; content: Json[] } | null {
  if (!isObject(message)) throw invalid(param, 'a message must be an object');
  const role = message['role'];
  switch (role) {
    case 'system':
    case 'developer': {
      const text = contentText(message['content'], `${param}.content`);
      if (text !== '') system.push({ type: 'text', text });
      return null;
    }
    case 'user':
      return { role: 'user', content: contentBlocks(message['content'], `${param}.content`) };
    case 'assistant':
      return {
        role: 'assistant',
        content: [
          ...contentBlocks(message['content'], `${param}.content`),
          ...toolUseBlocks(message['tool_calls'], `${param}.tool_calls`),
        ],
      };
    case 'tool':
      return { role: 'user', content: [toolResultBlock(message, param)] };
    default:
      throw unsupported(`${param}.role`, `role ${JSON.stringify(role)} cannot be sent to Anthropic`);
  }
}

// Anthropic wants user and assistant turns to alternate: consecutive turns of one role (the results of
// parallel tool calls, a tool result followed by a user note) become one turn with all their blocks, in order.
export function translateMessages(messages: unknown): AnthropicMessages {
  if (!Array.isArray(messages) || messages.length === 0)
    throw invalid('messages', 'messages must be a non-empty array');
  const system: Json[] = [];
  const out: AnthropicMessages['messages'] = [];
  messages.forEach((message, i) => {
    const turn = translateOne(message, `messages[${i}]`, system);
    if (!turn || turn.content.length === 0) return;
    const last = out[out.length - 1];
    if (last && last.role === turn.role) last.content.push(...turn.content);
    else out.push(turn);
  });
  if (out.length === 0) throw invalid('messages', 'messages must contain a user or assistant message');
  return { system, messages: out };
}
