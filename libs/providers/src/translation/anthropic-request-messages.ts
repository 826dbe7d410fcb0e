// Anthropic messages (and system) → OpenAI chat messages: the reverse of chat-request-messages.ts.
import { invalid, isObject, unsupported, type Json } from './json-shapes';

function textOf(content: unknown, param: string): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw invalid(param, 'content must be a string or an array of blocks');
  return content
    .map((block: unknown, i) => {
      if (!isObject(block) || block['type'] !== 'text')
        throw unsupported(`${param}[${i}]`, 'only text is allowed here');
      return String(block['text']);
    })
    .join('\n');
}

function imagePart(block: Json, param: string): Json {
  const source = block['source'];
  if (isObject(source) && source['type'] === 'base64') {
    return {
      type: 'image_url',
      image_url: { url: `data:${String(source['media_type'])};base64,${String(source['data'])}` },
    };
  }
  if (isObject(source) && source['type'] === 'url')
    return { type: 'image_url', image_url: { url: source['url'] } };
  throw unsupported(
    `${param}.source`,
    'only base64 and url image sources can be sent to an OpenAI-format provider',
  );
}

// A user turn: its tool results become tool messages (first: they answer the previous assistant turn), the
// rest one user message.
function userMessages(content: unknown, param: string): Json[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  if (!Array.isArray(content)) throw invalid(param, 'content must be a string or an array of blocks');
  const tools: Json[] = [];
  const parts: Json[] = [];
  content.forEach((block: unknown, i) => {
    const at = `${param}[${i}]`;
    if (!isObject(block)) throw invalid(at, 'a content block must be an object');
    if (block['type'] === 'text') parts.push({ type: 'text', text: block['text'] });
    else if (block['type'] === 'image') parts.push(imagePart(block, at));
    else if (block['type'] === 'tool_result') {
      const text = block['content'] === undefined ? '' : textOf(block['content'], `${at}.content`);
      tools.push({ role: 'tool', tool_call_id: block['tool_use_id'], content: text });
    } else
      throw unsupported(
        `${at}.type`,
        `block type ${JSON.stringify(block['type'])} cannot be sent to an OpenAI-format provider`,
      );
  });
  return parts.length > 0 ? [...tools, { role: 'user', content: parts }] : tools;
}

function assistantMessage(content: unknown, param: string): Json {
  if (typeof content === 'string') return { role: 'assistant', content };
  if (!Array.isArray(content)) throw invalid(param, 'content must be a string or an array of blocks');
  const blocks = content.filter(isObject);
  const text = blocks.filter((b) => b['type'] === 'text').map((b) => String(b['text']));
  // Thinking blocks are the model's own notes, which OpenAI-format providers neither take nor need.
  const toolCalls = blocks
    .filter((b) => b['type'] === 'tool_use')
    .map((b) => ({
      id: b['id'],
      type: 'function',
      function: { name: b['name'], arguments: JSON.stringify(b['input'] ?? {}) },
    }));
  const message: Json = { role: 'assistant', content: text.length > 0 ? text.join('') : null };
  if (toolCalls.length > 0) message['tool_calls'] = toolCalls;
  return message;
}

export function chatMessagesOf(system: unknown, messages: unknown): Json[] {
  if (!Array.isArray(messages) || messages.length === 0)
    throw invalid('messages', 'messages must be a non-empty array');
  const out: Json[] = [];
  if (system !== undefined && system !== null)
    out.push({ role: 'system', content: textOf(system, 'system') });
  messages.forEach((message: unknown, i) => {
    const param = `messages[${i}]`;
    if (!isObject(message)) throw invalid(param, 'a message must be an object');
    if (message['role'] === 'user') out.push(...userMessages(message['content'], `${param}.content`));
    else if (message['role'] === 'assistant')
      out.push(assistantMessage(message['content'], `${param}.content`));
    else throw invalid(`${param}.role`, 'role must be user or assistant');
  });
  return out;
}
