import type { PromptFormat } from './prompt-format';

// The proxy routes (templates as in proxy-edge's route table) whose JSON body carries a prompt, and its format.
// Azure, vLLM and DeepInfra speak OpenAI's formats. Any other JSON route (custom providers, image and speech
// prompts) is scanned as `any_json`: every string in it.
const OPENAI_COMPATIBLE: readonly [string, PromptFormat][] = [
  ['/chat/completions', 'chat_completions'],
  ['/completions', 'completions'],
  ['/embeddings', 'embeddings'],
];

const OPENAI_ONLY: readonly [string, PromptFormat][] = [
  ['/responses', 'responses'],
  ['/assistants', 'assistant'],
  ['/assistants/:assistant_id', 'assistant'],
  ['/threads', 'thread'],
  ['/threads/:thread_id/messages', 'thread_message'],
  ['/threads/:thread_id/runs', 'run'],
  ['/threads/runs', 'thread_and_run'],
  ['/threads/:thread_id/runs/:run_id/submit_tool_outputs', 'tool_outputs'],
];

const routes = (prefix: string, table: readonly [string, PromptFormat][]) =>
  table.map(([path, format]) => [`${prefix}${path}`, format] as const);

const PROMPT_FORMAT_BY_ROUTE: ReadonlyMap<string, PromptFormat> = new Map([
  ...routes('/api/providers/openai/v1', [...OPENAI_COMPATIBLE, ...OPENAI_ONLY]),
  ...routes('/api/providers/azure/openai/deployments/:deployment_id', OPENAI_COMPATIBLE),
  ...routes('/api/providers/vllm/v1', OPENAI_COMPATIBLE.slice(0, 2)),
  ...routes('/api/providers/deepinfra/v1', OPENAI_COMPATIBLE),
  ['/api/providers/anthropic/v1/messages', 'anthropic_messages'],
  ['/api/providers/anthropic/v1/messages/count_tokens', 'anthropic_messages'],
  ['/api/providers/anthropic/v1/complete', 'anthropic_complete'],
  // Bedrock runtime and BricksLLM's Bedrock path carry Anthropic's Messages body.
  ['/api/providers/bedrock/model/:model_id/invoke', 'anthropic_messages'],
  ['/api/providers/bedrock/model/:model_id/invoke-with-response-stream', 'anthropic_messages'],
  ['/api/providers/bedrock/anthropic/v1/messages', 'anthropic_messages'],
  ['/api/providers/bedrock/anthropic/v1/complete', 'anthropic_complete'],
]);

export function promptFormatOfRoute(template: string): PromptFormat {
  return PROMPT_FORMAT_BY_ROUTE.get(template) ?? 'any_json';
}
