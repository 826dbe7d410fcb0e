// A recorded request/response pair with the cost a person worked out from the pricing catalog
// (libs/pricing/src/catalog/prices.seed.json and prices.extra.json), exact to the nano-dollar.
export interface MeteringCase {
  name: string;
  provider: 'openai' | 'azure' | 'anthropic' | 'vllm' | 'deepinfra';
  // How the proxy reads the usage of the route (libs/providers USAGE_READERS).
  usageFormat: 'openai' | 'responses' | 'anthropic' | 'anthropic_legacy' | 'none';
  // What is billed: tokens, or images, speech characters, audio minutes.
  unit?: 'tokens' | 'images' | 'speech_characters' | 'audio_minutes';
  batch?: boolean;
  // The provider setting's BricksLLM costMap (USD per 1K tokens), which overrides the catalog for it.
  costMap?: Record<string, Record<string, number>>;
  request: Record<string, unknown>;
  // A JSON body, or the raw SSE text of a stream exactly as the provider sends it.
  response: { json: unknown } | { sse: string };
  expected: {
    // The catalog key the cost was computed with.
    priceEntry: string;
    costNanoUsd: number;
    promptTokens: number;
    completionTokens: number;
    cachedPromptTokens?: number;
    cacheWriteTokens?: number;
    reasoningTokens?: number;
  };
  // The arithmetic, e.g. "gpt-4o: 1000 × 2.5 + 200 × 10 = 4500".
  working: string;
}
