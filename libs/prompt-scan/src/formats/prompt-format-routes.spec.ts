import { describe, expect, it } from 'vitest';
import { promptFormatOfRoute } from './prompt-format-routes';

describe(promptFormatOfRoute.name, () => {
  it.each([
    ['/api/providers/openai/v1/chat/completions', 'chat_completions'],
    ['/api/providers/openai/v1/completions', 'completions'],
    ['/api/providers/openai/v1/embeddings', 'embeddings'],
    ['/api/providers/openai/v1/responses', 'responses'],
    ['/api/providers/openai/v1/assistants', 'assistant'],
    ['/api/providers/openai/v1/assistants/:assistant_id', 'assistant'],
    ['/api/providers/openai/v1/threads', 'thread'],
    ['/api/providers/openai/v1/threads/:thread_id/messages', 'thread_message'],
    ['/api/providers/openai/v1/threads/:thread_id/runs', 'run'],
    ['/api/providers/openai/v1/threads/runs', 'thread_and_run'],
    ['/api/providers/openai/v1/threads/:thread_id/runs/:run_id/submit_tool_outputs', 'tool_outputs'],
    ['/api/providers/azure/openai/deployments/:deployment_id/chat/completions', 'chat_completions'],
    ['/api/providers/azure/openai/deployments/:deployment_id/completions', 'completions'],
    ['/api/providers/azure/openai/deployments/:deployment_id/embeddings', 'embeddings'],
    ['/api/providers/vllm/v1/chat/completions', 'chat_completions'],
    ['/api/providers/vllm/v1/completions', 'completions'],
    ['/api/providers/deepinfra/v1/chat/completions', 'chat_completions'],
    ['/api/providers/deepinfra/v1/completions', 'completions'],
    ['/api/providers/deepinfra/v1/embeddings', 'embeddings'],
    ['/api/providers/anthropic/v1/messages', 'anthropic_messages'],
    ['/api/providers/anthropic/v1/messages/count_tokens', 'anthropic_messages'],
    ['/api/providers/anthropic/v1/complete', 'anthropic_complete'],
    ['/api/providers/bedrock/model/:model_id/invoke', 'anthropic_messages'],
    ['/api/providers/bedrock/model/:model_id/invoke-with-response-stream', 'anthropic_messages'],
    ['/api/providers/bedrock/anthropic/v1/messages', 'anthropic_messages'],
  ])('%s carries %s', (template, format) => {
    expect(promptFormatOfRoute(template)).toBe(format);
  });

  // Any other route's JSON body (custom providers, image and speech prompts) is scanned whole: a policy key
  // cannot get a prompt past its policy by choosing a path the gateway does not know the format of.
  it.each([
    '/api/providers/openai/v1/images/generations',
    '/api/providers/openai/v1/audio/speech',
    '/api/providers/openai/v1/threads/:thread_id',
    '/api/providers/vllm/v1/embeddings',
    '/api/custom/providers/:provider/*',
  ])('%s is scanned as any JSON', (template) => {
    expect(promptFormatOfRoute(template)).toBe('any_json');
  });
});
