import type { MeteredUnit } from '@tollgate/pricing';
import type { UsageFormat } from '@tollgate/providers';
import type { BodyKind, LateUsage, ProxyRoute } from '../request/route-match';

// The provider paths BricksLLM proxies (plus the Responses API), and how each is handled and billed.
type Spec = [
  method: string,
  path: string,
  body: BodyKind,
  usage?: UsageFormat,
  unit?: MeteredUnit,
  lateUsage?: LateUsage,
];

const OPENAI: Spec[] = [
  ['POST', '/v1/chat/completions', 'json', 'openai'],
  ['POST', '/v1/completions', 'json', 'openai'],
  ['POST', '/v1/embeddings', 'json', 'openai'],
  ['POST', '/v1/moderations', 'json'],
  ['GET', '/v1/models', 'none'],
  ['GET', '/v1/models/:model', 'none'],
  ['DELETE', '/v1/models/:model', 'none'],
  ['GET', '/v1/files', 'none'],
  ['POST', '/v1/files', 'stream'],
  ['GET', '/v1/files/:file_id', 'none'],
  ['DELETE', '/v1/files/:file_id', 'none'],
  // A batch's results arrive as its output file: the gateway bills them, at batch prices, when it is fetched.
  ['GET', '/v1/files/:file_id/content', 'none', 'none', 'batch_output'],
  ['POST', '/v1/batches', 'json', 'none', 'tokens', 'starts_batch'],
  ['GET', '/v1/batches', 'none'],
  ['GET', '/v1/batches/:batch_id', 'none'],
  ['POST', '/v1/batches/:batch_id/cancel', 'none'],
  // Token-priced image and transcription models report usage as the Responses API does (input/output_tokens).
  ['POST', '/v1/images/generations', 'json', 'responses', 'images'],
  ['POST', '/v1/images/edits', 'stream', 'responses', 'images'],
  ['POST', '/v1/images/variations', 'stream', 'responses', 'images'],
  ['POST', '/v1/audio/speech', 'json', 'none', 'speech_characters'],
  ['POST', '/v1/audio/transcriptions', 'stream', 'responses', 'audio_minutes'],
  ['POST', '/v1/audio/translations', 'stream', 'responses', 'audio_minutes'],
  ['POST', '/v1/assistants', 'json'],
  ['GET', '/v1/assistants', 'none'],
  ['GET', '/v1/assistants/:assistant_id', 'none'],
  ['POST', '/v1/assistants/:assistant_id', 'json'],
  ['DELETE', '/v1/assistants/:assistant_id', 'none'],
  ['POST', '/v1/assistants/:assistant_id/files', 'json'],
  ['GET', '/v1/assistants/:assistant_id/files', 'none'],
  ['GET', '/v1/assistants/:assistant_id/files/:file_id', 'none'],
  ['DELETE', '/v1/assistants/:assistant_id/files/:file_id', 'none'],
  ['POST', '/v1/threads', 'json'],
  ['GET', '/v1/threads/:thread_id', 'none'],
  ['POST', '/v1/threads/:thread_id', 'json'],
  ['DELETE', '/v1/threads/:thread_id', 'none'],
  ['POST', '/v1/threads/:thread_id/messages', 'json'],
  ['GET', '/v1/threads/:thread_id/messages', 'none'],
  ['GET', '/v1/threads/:thread_id/messages/:message_id', 'none'],
  ['POST', '/v1/threads/:thread_id/messages/:message_id', 'json'],
  ['DELETE', '/v1/threads/:thread_id/messages/:message_id', 'none'],
  ['GET', '/v1/threads/:thread_id/messages/:message_id/files', 'none'],
  ['GET', '/v1/threads/:thread_id/messages/:message_id/files/:file_id', 'none'],
  // An assistants run reports its usage when it has ended, on whatever request sees it then.
  ['POST', '/v1/threads/runs', 'json', 'assistants', 'tokens', 'starts_run'],
  ['POST', '/v1/threads/:thread_id/runs', 'json', 'assistants', 'tokens', 'starts_run'],
  ['GET', '/v1/threads/:thread_id/runs', 'none', 'assistants', 'tokens', 'reports_runs'],
  ['GET', '/v1/threads/:thread_id/runs/:run_id', 'none', 'assistants', 'tokens', 'reports_runs'],
  ['POST', '/v1/threads/:thread_id/runs/:run_id', 'json', 'assistants', 'tokens', 'reports_runs'],
  [
    'POST',
    '/v1/threads/:thread_id/runs/:run_id/submit_tool_outputs',
    'json',
    'assistants',
    'tokens',
    'reports_runs',
  ],
  ['POST', '/v1/threads/:thread_id/runs/:run_id/cancel', 'none', 'assistants', 'tokens', 'reports_runs'],
  ['GET', '/v1/threads/:thread_id/runs/:run_id/steps', 'none', 'assistants', 'tokens', 'reports_steps'],
  [
    'GET',
    '/v1/threads/:thread_id/runs/:run_id/steps/:step_id',
    'none',
    'assistants',
    'tokens',
    'reports_steps',
  ],
  ['POST', '/v1/vector_stores', 'json'],
  ['GET', '/v1/vector_stores', 'none'],
  ['GET', '/v1/vector_stores/:vector_store_id', 'none'],
  ['POST', '/v1/vector_stores/:vector_store_id', 'json'],
  ['DELETE', '/v1/vector_stores/:vector_store_id', 'none'],
  ['POST', '/v1/vector_stores/:vector_store_id/files', 'json'],
  ['GET', '/v1/vector_stores/:vector_store_id/files', 'none'],
  ['GET', '/v1/vector_stores/:vector_store_id/files/:file_id', 'none'],
  ['DELETE', '/v1/vector_stores/:vector_store_id/files/:file_id', 'none'],
  ['POST', '/v1/vector_stores/:vector_store_id/file_batches', 'json'],
  ['GET', '/v1/vector_stores/:vector_store_id/file_batches/:batch_id', 'none'],
  ['POST', '/v1/vector_stores/:vector_store_id/file_batches/:batch_id/cancel', 'none'],
  ['GET', '/v1/vector_stores/:vector_store_id/file_batches/:batch_id/files', 'none'],
  ['POST', '/v1/responses', 'json', 'responses'],
  ['GET', '/v1/responses/:response_id', 'none', 'responses'],
  ['DELETE', '/v1/responses/:response_id', 'none'],
  ['POST', '/v1/responses/:response_id/cancel', 'none', 'responses'],
  ['GET', '/v1/responses/:response_id/input_items', 'none'],
];

const OPENAI_COMPATIBLE = (...paths: string[]): Spec[] => paths.map((p) => ['POST', p, 'json', 'openai']);

const BY_PROVIDER: Record<string, Spec[]> = {
  openai: OPENAI,
  azure: OPENAI_COMPATIBLE(
    '/openai/deployments/:deployment_id/chat/completions',
    '/openai/deployments/:deployment_id/completions',
    '/openai/deployments/:deployment_id/embeddings',
  ),
  anthropic: [
    ['POST', '/v1/messages', 'json', 'anthropic'],
    ['POST', '/v1/messages/count_tokens', 'json'],
    // The legacy text completions API reports no usage at all.
    ['POST', '/v1/complete', 'json', 'anthropic_legacy'],
  ],
  vllm: OPENAI_COMPATIBLE('/v1/chat/completions', '/v1/completions'),
  deepinfra: OPENAI_COMPATIBLE('/v1/chat/completions', '/v1/completions', '/v1/embeddings'),
};

const PROVIDER_ROUTES: readonly ProxyRoute[] = Object.entries(BY_PROVIDER).flatMap(([provider, specs]) =>
  specs.map(([method, path, body, usage, unit, lateUsage]) => ({
    provider,
    method,
    template: `/api/providers/${provider}${path}`,
    body,
    usage: usage ?? 'none',
    unit: unit ?? 'tokens',
    injectStreamUsage: usage === 'openai' && /\/(chat\/)?completions$/.test(path),
    ...(lateUsage ? { lateUsage } : {}),
  })),
);

// Bedrock runtime's InvokeModel and InvokeModelWithResponseStream, the paths the AWS SDK (and Anthropic's
// Bedrock client) send when pointed at the gateway: Anthropic's body and usage, the model in the path.
const BEDROCK_PATHS: [path: string, streams: boolean][] = [
  ['/model/:model_id/invoke', false],
  ['/model/:model_id/invoke-with-response-stream', true],
];
const BEDROCK_ROUTES = BEDROCK_PATHS.map(([path, streams]): ProxyRoute => ({
  provider: 'bedrock',
  method: 'POST',
  template: `/api/providers/bedrock${path}`,
  body: 'json',
  usage: 'bedrock',
  unit: 'tokens',
  injectStreamUsage: false,
  modelInPath: { streams },
}));

// BricksLLM's Bedrock paths: Anthropic's Messages API and its legacy text completions, served by InvokeModel
// (or its stream) of the body's model.
const BEDROCK_ANTHROPIC = ['/messages', '/complete'].map((path): ProxyRoute => ({
  provider: 'bedrock',
  method: 'POST',
  template: `/api/providers/bedrock/anthropic/v1${path}`,
  body: 'json',
  usage: 'bedrock',
  unit: 'tokens',
  injectStreamUsage: false,
  anthropicOnBedrock: true,
}));

export const PROXY_ROUTES: readonly ProxyRoute[] = [
  ...PROVIDER_ROUTES,
  ...BEDROCK_ROUTES,
  ...BEDROCK_ANTHROPIC,
];
