// Anthropic error body → OpenAI error body, so an OpenAI client of a route raises its usual typed errors.
import { isObject } from './json-shapes';

export interface TranslatedError {
  status: number;
  body: Record<string, unknown>;
}

interface OpenAiErrorKind {
  type: string;
  code: string | null;
  // Anthropic statuses OpenAI never answers become the nearest one OpenAI clients know.
  status?: number;
}

const KINDS: Record<string, OpenAiErrorKind> = {
  invalid_request_error: { type: 'invalid_request_error', code: null },
  authentication_error: { type: 'invalid_request_error', code: 'invalid_api_key' },
  billing_error: { type: 'insufficient_quota', code: 'insufficient_quota' },
  permission_error: { type: 'invalid_request_error', code: 'permission_denied' },
  not_found_error: { type: 'invalid_request_error', code: 'not_found' },
  request_too_large: { type: 'invalid_request_error', code: 'request_too_large' },
  rate_limit_error: { type: 'requests', code: 'rate_limit_exceeded' },
  api_error: { type: 'server_error', code: null },
  timeout_error: { type: 'server_error', code: 'timeout' },
  // 529 is Anthropic's own; OpenAI's overload answer is a 503 (which the SDKs retry as well).
  overloaded_error: { type: 'service_unavailable_error', code: 'server_is_overloaded', status: 503 },
};

function kindByStatus(status: number): OpenAiErrorKind {
  if (status === 401) return KINDS['authentication_error'];
  if (status === 429) return KINDS['rate_limit_error'];
  if (status === 529) return KINDS['overloaded_error'];
  return status >= 500 ? KINDS['api_error'] : KINDS['invalid_request_error'];
}

// The `error` object alone (also what a mid-stream error frame carries).
export function openAiErrorObject(
  anthropicError: unknown,
  status: number,
): { status: number; error: Record<string, unknown> } {
  const error = isObject(anthropicError) ? anthropicError : {};
  const type = typeof error['type'] === 'string' ? error['type'] : '';
  const kind = KINDS[type] ?? kindByStatus(status);
  const message =
    typeof error['message'] === 'string' && error['message'] !== ''
      ? error['message']
      : `upstream error (HTTP ${status})`;
  return { status: kind.status ?? status, error: { message, type: kind.type, param: null, code: kind.code } };
}

export function anthropicErrorToOpenAi(status: number, body: unknown): TranslatedError {
  const anthropicError = isObject(body) ? body['error'] : undefined;
  const { status: mapped, error } = openAiErrorObject(anthropicError, status);
  return { status: mapped, body: { error } };
}
