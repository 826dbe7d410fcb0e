import { describe, expect, it } from 'vitest';
import { TranslationError } from './translation-error';

describe(TranslationError.name, () => {
  it('answers in the OpenAI and the Anthropic error shapes', () => {
    const err = new TranslationError('unsupported_parameter', 'n > 1 is not supported', 'n');
    expect(err.status).toBe(400);
    expect(err.toOpenAiBody()).toEqual({
      error: {
        message: 'n > 1 is not supported',
        type: 'invalid_request_error',
        param: 'n',
        code: 'unsupported_parameter',
      },
    });
    expect(err.toAnthropicBody()).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'n > 1 is not supported' },
    });
  });
});
