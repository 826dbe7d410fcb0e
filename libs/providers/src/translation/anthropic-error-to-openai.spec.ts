import { describe, expect, it } from 'vitest';
import { anthropicErrorToOpenAi } from './anthropic-error-to-openai';

const anthropicError = (type: string, message: string) => ({
  type: 'error',
  error: { type, message },
  request_id: 'req_1',
});

describe(anthropicErrorToOpenAi.name, () => {
  it.each([
    [400, 'invalid_request_error', 400, 'invalid_request_error', null],
    [401, 'authentication_error', 401, 'invalid_request_error', 'invalid_api_key'],
    [403, 'permission_error', 403, 'invalid_request_error', 'permission_denied'],
    [404, 'not_found_error', 404, 'invalid_request_error', 'not_found'],
    [413, 'request_too_large', 413, 'invalid_request_error', 'request_too_large'],
    [429, 'rate_limit_error', 429, 'requests', 'rate_limit_exceeded'],
    [500, 'api_error', 500, 'server_error', null],
    [504, 'timeout_error', 504, 'server_error', 'timeout'],
    [529, 'overloaded_error', 503, 'service_unavailable_error', 'server_is_overloaded'],
  ])('maps %i %s to %i %s/%s', (status, type, outStatus, outType, code) => {
    expect(anthropicErrorToOpenAi(status, anthropicError(type, 'details'))).toEqual({
      status: outStatus,
      body: { error: { message: 'details', type: outType, param: null, code } },
    });
  });

  it('falls back on the status for a body that is not Anthropic-shaped', () => {
    expect(anthropicErrorToOpenAi(502, '<html>Bad gateway</html>')).toEqual({
      status: 502,
      body: {
        error: { message: 'upstream error (HTTP 502)', type: 'server_error', param: null, code: null },
      },
    });
    expect(anthropicErrorToOpenAi(529, {})).toMatchObject({ status: 503 });
    expect(anthropicErrorToOpenAi(401, null).body).toMatchObject({ error: { code: 'invalid_api_key' } });
  });
});
