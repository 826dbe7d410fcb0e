import { describe, expect, it } from 'vitest';
import type { TokenUsage } from '@tollgate/contracts';
import { meterCost, PriceCatalog, priceFromCostMap } from '@tollgate/pricing';
import { billedModel, PROVIDER_ADAPTERS, responseModelOfJson, USAGE_READERS } from '@tollgate/providers';
import { METERING_CORPUS } from './cases';
import type { MeteringCase } from './metering-case';

const catalog = PriceCatalog.seed();
const NO_USAGE: TokenUsage = {
  promptTokens: 0,
  completionTokens: 0,
  cachedPromptTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  totalTokens: 0,
  estimated: false,
};

// The proxy's metering path on a recorded pair: the route's usage reader (JSON or stream), the priced model
// (the response's on Azure), the catalog entry, the cost.
function meterCase(c: MeteringCase) {
  const reader = USAGE_READERS[c.usageFormat];
  let reported;
  let responseModel = '';
  let json: unknown = null;
  if ('sse' in c.response) {
    const bytes = Buffer.from(c.response.sse);
    const collector = reader.streamCollector();
    // Split mid-frame, as TCP reads do.
    for (let at = 0; at < bytes.length; at += 37) collector.push(bytes.subarray(at, at + 37));
    reported = collector.usage();
    responseModel = collector.responseFacts?.().model ?? '';
  } else {
    json = c.response.json;
    reported = reader.fromJson(json);
    responseModel = responseModelOfJson(json);
  }
  const usage: TokenUsage = reported ? { ...reported, estimated: false } : NO_USAGE;
  const requestModel = typeof c.request['model'] === 'string' ? c.request['model'] : '';
  const adapter = PROVIDER_ADAPTERS[c.provider];
  if (!adapter) throw new Error(`no adapter for ${c.provider}`);
  const model = billedModel(adapter, requestModel, responseModel);
  const price = priceFromCostMap(c.costMap, model) ?? catalog.resolve(c.provider, model);
  const cost = price
    ? meterCost(price, {
        unit: c.unit ?? 'tokens',
        usage,
        request: c.request,
        response: json,
        batch: c.batch,
      })
    : null;
  return { usage, priceEntry: price?.key ?? null, cost };
}

describe('metering corpus', () => {
  it('has at least 60 pairs covering every provider family, streams, cache, reasoning, tools and n > 1', () => {
    expect(METERING_CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(METERING_CORPUS.map((c) => c.provider))).toEqual(
      new Set(['openai', 'azure', 'anthropic', 'vllm', 'deepinfra']),
    );
    expect(METERING_CORPUS.some((c) => 'sse' in c.response)).toBe(true);
    expect(METERING_CORPUS.some((c) => (c.expected.cachedPromptTokens ?? 0) > 0)).toBe(true);
    expect(METERING_CORPUS.some((c) => (c.expected.cacheWriteTokens ?? 0) > 0)).toBe(true);
    expect(METERING_CORPUS.some((c) => (c.expected.reasoningTokens ?? 0) > 0)).toBe(true);
    expect(METERING_CORPUS.some((c) => JSON.stringify(c.response).includes('tool_calls'))).toBe(true);
    expect(METERING_CORPUS.some((c) => typeof c.request['n'] === 'number' && c.request['n'] > 1)).toBe(true);
    expect(new Set(METERING_CORPUS.map((c) => c.name)).size).toBe(METERING_CORPUS.length);
  });

  it.each(METERING_CORPUS.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const metered = meterCase(c);
    expect(metered.priceEntry).toBe(c.expected.priceEntry);
    expect(metered.usage).toMatchObject({
      promptTokens: c.expected.promptTokens,
      completionTokens: c.expected.completionTokens,
      ...(c.expected.cachedPromptTokens === undefined
        ? {}
        : { cachedPromptTokens: c.expected.cachedPromptTokens }),
      ...(c.expected.cacheWriteTokens === undefined ? {} : { cacheWriteTokens: c.expected.cacheWriteTokens }),
      ...(c.expected.reasoningTokens === undefined ? {} : { reasoningTokens: c.expected.reasoningTokens }),
    });
    expect(metered.cost).toBe(c.expected.costNanoUsd);
  });
});
