import type { RouteAttempt, RouteSnapshot } from '@tollgate/contracts';
import type { ProviderAdapter, UpstreamTarget } from '@tollgate/providers';
import type { ProviderSettingView } from './request-context';

export type RouteStep = RouteSnapshot['steps'][number];

// The wire format a step's provider speaks: OpenAI's (OpenAI, Azure, vLLM, DeepInfra, custom providers), or
// Anthropic's messages API, which the route translates to and from.
export type StepFormat = 'openai' | 'anthropic';

// A step as the key can run it: its provider's setting for the key and where the request goes.
export interface PlannedStep {
  index: number;
  step: RouteStep;
  setting: ProviderSettingView;
  adapter: ProviderAdapter;
  target: UpstreamTarget;
  format: StepFormat;
}

// One request to a route: what the route is, the steps the key may run, and what happened.
export interface RouteRun {
  config: RouteSnapshot;
  kind: 'chat' | 'embeddings';
  // The model the client asked for (a step's model replaces it on the way): part of the cache key.
  requestedModel: string;
  // Set by authorization: the steps with a setting for the key, in the route's order.
  steps: PlannedStep[];
  // The index (in the route's steps) of the step whose answer the client got.
  answeredStep: number | null;
  attempts: RouteAttempt[];
  cache: 'hit' | 'miss' | null;
}
