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
  ])('%s carries %s', (template, format) => {
    expect(promptFormatOfRoute(template)).toBe(format);
  });

  it.each([
    '/api/providers/openai/v1/models',
    '/api/providers/openai/v1/files',
    '/api/providers/openai/v1/batches',
    '/api/providers/openai/v1/threads/:thread_id',
    '/api/providers/vllm/v1/embeddings',
  ])('%s carries no prompt text', (template) => {
    expect(promptFormatOfRoute(template)).toBeUndefined();
  });
});
