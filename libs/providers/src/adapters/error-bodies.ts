import type { GatewayErrorCode } from '../gateway-errors';

// OpenAI's error shape, which the openai SDKs parse into typed errors (code → error.code).
export function openAiErrorBody(_status: number, code: GatewayErrorCode, message: string): unknown {
  return { error: { message: `[Tollgate] ${message}`, type: 'tollgate_error', param: null, code } };
}

const ANTHROPIC_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

// Anthropic's shape, which @anthropic-ai/sdk parses (BricksLLM sends OpenAI's here, issue #40).
export function anthropicErrorBody(status: number, _code: GatewayErrorCode, message: string): unknown {
  return {
    type: 'error',
    error: { type: ANTHROPIC_TYPES[status] ?? 'api_error', message: `[Tollgate] ${message}` },
  };
}
