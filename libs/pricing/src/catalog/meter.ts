import type { TokenUsage } from '@tollgate/contracts';
import { costNanoUsd } from './cost';
import { nanoFromPico, picoOf, unitsOf } from './money';
import { priceProblem } from './price-bounds';
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

// Pico-dollars per price unit: USD per 1M characters is micro-dollars per character; USD per image or per
// minute is 1e12 pico-dollars per image or minute.
const PICO_PER_USD_PER_MILLION = 1_000_000;
const PICO_PER_USD = 1_000_000_000_000;
const MS_PER_MINUTE = 60_000n;

// The cost of a request in nano-dollars, or null when the entry has no price for what it used. Throws
// MoneyRangeError for amounts it cannot count exactly (never NaN, Infinity or a silent 0).
export function meterCost(price: PriceEntry, input: MeterInput): number | null {
  switch (input.unit) {
    case 'tokens':
      return costNanoUsd(input.usage, price, { batch: input.batch });
    case 'images':
      return imagesCost(price, input);
    case 'speech_characters': {
      const text = input.request?.['input'];
      if (price.perMillionCharacters === null || typeof text !== 'string') return null;
      const pico = unitsOf([...text].length) * picoOf(price.perMillionCharacters, PICO_PER_USD_PER_MILLION);
      return nanoFromPico(pico, 'half_up');
    }
    case 'audio_minutes':
      return audioCost(price, input);
    case 'batch_output':
      return costNanoUsd(input.usage, price, { batch: true });
  }
}

const reportedTokens = (usage: TokenUsage): boolean => !usage.estimated && usage.totalTokens > 0;

// Token-priced image models (gpt-image-1) report usage; the others bill each image by quality and size.
function imagesCost(price: PriceEntry, input: MeterInput): number | null {
  if (reportedTokens(input.usage)) return costNanoUsd(input.usage, price);
  if (!price.perImage) return null;
  const data = (input.response as { data?: unknown } | null)?.data;
  const count = Array.isArray(data) ? data.length : 0;
  const size = typeof input.request?.['size'] === 'string' ? input.request['size'] : '1024x1024';
  const quality = input.request?.['quality'] === 'hd' ? 'hd' : 'standard';
  const each = price.perImage[`${quality}|${size}`];
  return each === undefined ? null : nanoFromPico(unitsOf(count) * picoOf(each, PICO_PER_USD), 'half_up');
}

// Transcriptions report their length (`usage: {type: "duration", seconds}`, or `duration` in verbose_json);
// token-priced ones report tokens instead.
function audioCost(price: PriceEntry, input: MeterInput): number | null {
  if (reportedTokens(input.usage)) return costNanoUsd(input.usage, price);
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
  // Billed to the millisecond of audio the response reports.
  const pico = unitsOf(Math.round(seconds * 1000)) * picoOf(price.perMinute, PICO_PER_USD);
  return nanoFromPico(pico, 'half_up', MS_PER_MINUTE);
}

// BricksLLM's per-setting override: USD per 1K tokens by model (`promptCostPerModel`,
// `completionCostPerModel`, `embeddingsCostPerModel`). Chat prices apply when the model is in both the prompt
// and the completion map (as BricksLLM), embeddings prices when it is in the embeddings map.
export function priceFromCostMap(costMap: unknown, model: string): PriceEntry | null {
  if (!costMap || typeof costMap !== 'object' || !model) return null;
  const map = costMap as Record<string, Record<string, unknown> | undefined>;
  const per1K = (name: string) => {
    const value = map[name]?.[model];
    // A price out of bounds (stored before costMaps were checked) is not used: the catalog's applies.
    return typeof value === 'number' && priceProblem(value, 'usdPer1KTokens') === null ? value : null;
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
