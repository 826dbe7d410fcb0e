import type { TokenUsage } from '@tollgate/contracts';
import { costMicroUsd } from './cost';
import type { PriceEntry } from './price-entry';

// What a request is billed for, besides tokens.
// batch_output: a Batch API output file, billed at batch prices when its results are fetched.
export type MeteredUnit = 'tokens' | 'images' | 'speech_characters' | 'audio_minutes' | 'batch_output';

export interface MeterInput {
  unit: MeteredUnit;
  usage: TokenUsage;
  // The parsed JSON request and response, where the unit is read from them (images, speech, audio).
  request: Record<string, unknown> | null;
  response: unknown;
  batch?: boolean;
}

const MICRO = 1_000_000;

// The cost of a request in micro-dollars, or null when the entry has no price for what it used.
export function meterCost(price: PriceEntry, input: MeterInput): number | null {
  switch (input.unit) {
    case 'tokens':
      return costMicroUsd(input.usage, price, { batch: input.batch });
    case 'images':
      return imagesCost(price, input);
    case 'speech_characters': {
      const text = input.request?.['input'];
      if (price.perMillionCharacters === null || typeof text !== 'string') return null;
      // USD per 1M characters is micro-dollars per character.
      return Math.round([...text].length * price.perMillionCharacters);
    }
    case 'audio_minutes':
      return audioCost(price, input);
    case 'batch_output':
      return costMicroUsd(input.usage, price, { batch: true });
  }
}

const reportedTokens = (usage: TokenUsage): boolean => !usage.estimated && usage.totalTokens > 0;

// Token-priced image models (gpt-image-1) report usage; the others bill each image by quality and size.
function imagesCost(price: PriceEntry, input: MeterInput): number | null {
  if (reportedTokens(input.usage)) return costMicroUsd(input.usage, price);
  if (!price.perImage) return null;
  const data = (input.response as { data?: unknown } | null)?.data;
  const count = Array.isArray(data) ? data.length : 0;
  const size = typeof input.request?.['size'] === 'string' ? input.request['size'] : '1024x1024';
  const quality = input.request?.['quality'] === 'hd' ? 'hd' : 'standard';
  const each = price.perImage[`${quality}|${size}`];
  return each === undefined ? null : Math.round(count * each * MICRO);
}

// Transcriptions report their length (`usage: {type: "duration", seconds}`, or `duration` in verbose_json);
// token-priced ones report tokens instead.
function audioCost(price: PriceEntry, input: MeterInput): number | null {
  if (reportedTokens(input.usage)) return costMicroUsd(input.usage, price);
  const response = input.response as {
    usage?: { type?: unknown; seconds?: unknown };
    duration?: unknown;
  } | null;
  const seconds =
    response?.usage?.type === 'duration' && typeof response.usage.seconds === 'number'
      ? response.usage.seconds
      : typeof response?.duration === 'number'
        ? response.duration
        : null;
  if (seconds === null || price.perMinute === null) return null;
  return Math.round((seconds / 60) * price.perMinute * MICRO);
}

// BricksLLM's per-setting override: USD per 1K tokens by model (`promptCostPerModel`,
// `completionCostPerModel`, `embeddingsCostPerModel`). Chat prices apply when the model is in both the prompt
// and the completion map (as BricksLLM), embeddings prices when it is in the embeddings map.
export function priceFromCostMap(costMap: unknown, model: string): PriceEntry | null {
  if (!costMap || typeof costMap !== 'object' || !model) return null;
  const map = costMap as Record<string, Record<string, unknown> | undefined>;
  const per1K = (name: string) => {
    const value = map[name]?.[model];
    return typeof value === 'number' && value >= 0 ? value : null;
  };
  const prompt = per1K('promptCostPerModel');
  const completion = per1K('completionCostPerModel');
  const embeddings = per1K('embeddingsCostPerModel');
  const entry = (input: number, output: number): PriceEntry => ({
    key: `costMap/${model}`,
    provider: '*',
    mode: 'chat',
    model,
    // USD per 1K tokens × 1000 = USD per 1M tokens.
    input: input * 1000,
    output: output * 1000,
    cachedInput: null,
    cacheWrite: null,
    batchInput: null,
    batchOutput: null,
    longContext: [],
    perImage: null,
    perMinute: null,
    perMillionCharacters: null,
  });
  if (prompt !== null && completion !== null) return entry(prompt, completion);
  if (embeddings !== null) return entry(embeddings, 0);
  return null;
}
