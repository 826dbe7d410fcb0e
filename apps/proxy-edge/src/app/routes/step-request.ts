import { chatToAnthropicRequest, setTopLevelField, TranslationError } from '@tollgate/providers';
import { upstreamRequestHeaders } from '../relay/headers';
import { ProxyError } from '../request/proxy-error';
import type { ProxiedRequest } from '../request/request-context';
import type { PlannedStep } from '../request/route-run';

// Anthropic requires max_tokens; a chat request without one gets this (Anthropic's own examples use it).
const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;
const ANTHROPIC_VERSION = '2023-06-01';

export interface StepRequest {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

// The request a step sends: the client's body with the step's model and requestParams (patched into the
// original bytes, so fields the gateway does not know are forwarded), or translated to Anthropic's messages
// API for an Anthropic step. Built once per step, reused by its retries.
export function stepRequest(
  planned: PlannedStep,
  request: ProxiedRequest,
  incoming: Parameters<typeof upstreamRequestHeaders>[0],
): StepRequest {
  const auth = planned.adapter.authHeaders(planned.setting.secrets);
  const headers = upstreamRequestHeaders(incoming, auth);
  const url = planned.adapter.upstreamUrl(planned.setting, planned.target);
  if (planned.format === 'anthropic') {
    headers['anthropic-version'] ??= ANTHROPIC_VERSION;
    headers['content-type'] = 'application/json';
    return { url, headers, body: anthropicBody(planned, request) };
  }
  let body = request.bytes ?? Buffer.from('{}');
  body = setTopLevelField(body, 'model', JSON.stringify(planned.step.model));
  for (const [field, value] of Object.entries(planned.step.requestParams))
    if (value !== undefined && value !== null) body = setTopLevelField(body, field, JSON.stringify(value));
  return { url, headers, body };
}

function anthropicBody(planned: PlannedStep, request: ProxiedRequest): Buffer {
  const chat = { ...(request.json ?? {}), ...planned.step.requestParams };
  try {
    const translated = chatToAnthropicRequest(chat, {
      model: planned.step.model,
      defaultMaxTokens: DEFAULT_ANTHROPIC_MAX_TOKENS,
    });
    return Buffer.from(JSON.stringify(translated));
  } catch (error) {
    if (error instanceof TranslationError) throw new ProxyError('untranslatable_request', error.message);
    throw error;
  }
}
