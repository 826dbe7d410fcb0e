// OpenAI chat completions request → Anthropic messages request, for a route step on Anthropic.
import { translateMessages } from './chat-request-messages';
import { translateToolChoice, translateTools } from './chat-request-tools';
import { invalid, isObject, unsupported, type Json } from './json-shapes';

export interface ChatToAnthropicOptions {
  model: string;
  defaultMaxTokens: number;
}

// Fields whose meaning Anthropic cannot honour: dropping them would answer a different question, so the
// request is refused instead. Hints that only tune the sampling or the billing (penalties, seed,
// service_tier, prompt_cache_key...) are dropped.
function refuseUnsupported(body: Json): void {
  if (typeof body['n'] === 'number' && body['n'] > 1)
    throw unsupported('n', 'n > 1 is not supported by this route step');
  if (body['logprobs'] === true || typeof body['top_logprobs'] === 'number') {
    throw unsupported('logprobs', 'logprobs are not supported by this route step');
  }
  const format = body['response_format'];
  if (isObject(format) && format['type'] !== 'text') {
    throw unsupported(
      'response_format',
      'response_format other than text is not supported by this route step',
    );
  }
  const modalities = body['modalities'];
  if (body['audio'] != null || (Array.isArray(modalities) && modalities.some((m) => m !== 'text'))) {
    throw unsupported('modalities', 'audio output is not supported by this route step');
  }
  if (isObject(body['logit_bias']) && Object.keys(body['logit_bias']).length > 0) {
    throw unsupported('logit_bias', 'logit_bias is not supported by this route step');
  }
}

function maxTokens(body: Json, fallback: number): number {
  const field = body['max_completion_tokens'] != null ? 'max_completion_tokens' : 'max_tokens';
  const value = body[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalid(field, `${field} must be a non-negative integer`);
  }
  return value;
}

function stopSequences(stop: unknown): string[] | undefined {
  if (stop === undefined || stop === null) return undefined;
  const list = typeof stop === 'string' ? [stop] : stop;
  if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) {
    throw invalid('stop', 'stop must be a string or an array of strings');
  }
  return list.length > 0 ? list : undefined;
}

function samplingFields(body: Json): Json {
  const out: Json = {};
  for (const field of ['temperature', 'top_p'] as const) {
    if (typeof body[field] === 'number') out[field] = body[field];
  }
  const stop = stopSequences(body['stop']);
  if (stop) out['stop_sequences'] = stop;
  const user = body['user'] ?? body['safety_identifier'];
  if (typeof user === 'string' && user !== '') out['metadata'] = { user_id: user };
  if (body['stream'] === true) out['stream'] = true;
  return out;
}

export function chatToAnthropicRequest(
  chatBody: unknown,
  opts: ChatToAnthropicOptions,
): Record<string, unknown> {
  if (!isObject(chatBody)) throw invalid('body', 'the request body must be a JSON object');
  refuseUnsupported(chatBody);
  const { system, messages } = translateMessages(chatBody['messages']);
  const tools = translateTools(chatBody['tools']);
  // Without tools a tool_choice means nothing (and Anthropic refuses one): it is left out.
  // (It is still checked: a malformed one is the caller's error either way.)
  const toolChoice = translateToolChoice(chatBody['tool_choice'], chatBody['parallel_tool_calls']);
  return {
    model: opts.model,
    max_tokens: maxTokens(chatBody, opts.defaultMaxTokens),
    ...(system.length > 0 ? { system } : {}),
    messages,
    ...(tools && tools.length > 0 ? { tools } : {}),
    ...(toolChoice && tools?.length ? { tool_choice: toolChoice } : {}),
    ...samplingFields(chatBody),
  };
}
