import { describe, expect, it } from 'vitest';
import { encode as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { ProxyEdgeEnv } from '../config';
import type { Outcome, RequestContext, UsageReport } from '../request/request-context';
import {
  authorizedContext,
  contextOf,
  seedPrice,
  type RequestInit,
} from '../testing/stage-context.test-support';
import { Metering } from './metering';
import { SettleStage } from './settle.stage';

const metering = new Metering(ProxyEdgeEnv.parse({ SECRETS_MASTER_KEY: 'ab'.repeat(32) }));
const SUCCESS: Outcome = { status: 200, outcome: 'success', errorCode: null };
const usage = (prompt: number, completion: number) => ({
  promptTokens: prompt,
  completionTokens: completion,
  cachedPromptTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  totalTokens: prompt + completion,
});
const reportOf = (report: Partial<UsageReport>): UsageReport => ({
  usage: null,
  text: '',
  json: null,
  streamed: false,
  responseModel: '',
  responseId: '',
  finishReasons: [],
  batchUsage: null,
  ...report,
});

// Claims answer as Redis would: true the first time an id is seen (runs are claimed against real Redis in
// proxy-metering.spec.ts).
function claims() {
  const seen = new Set<string>();
  return {
    claim: async (id: string, kind = 'response') => !seen.has(`${kind}:${id}`) && !!seen.add(`${kind}:${id}`),
    noteRun: async () => undefined,
    claimRun: async () => null,
    claimSteps: async () => null,
  };
}

function settled(
  init: RequestInit,
  parts: { model?: string; price?: string | null; outcome?: Outcome; report?: Partial<UsageReport> },
) {
  const ctx: RequestContext = authorizedContext(init, { request: { model: parts.model ?? 'gpt-4o' } });
  ctx.price =
    parts.price === null ? null : seedPrice(ctx.route?.route.provider ?? 'openai', parts.price ?? 'gpt-4o');
  ctx.outcome = parts.outcome ?? SUCCESS;
  ctx.report = reportOf(parts.report ?? {});
  return ctx;
}

describe(SettleStage.name, () => {
  it('bills the provider’s usage at the price decided before the call, without looking it up again', async () => {
    const lookups: string[] = [];
    const spy = {
      lookup: (...args: Parameters<Metering['lookup']>) => (lookups.push(args[1]), metering.lookup(...args)),
    };
    const ctx = settled({}, { model: 'gpt-4o-2024-08-06', report: { usage: usage(1000, 200) } });
    await new SettleStage(spy, claims()).run(ctx);
    // gpt-4o: 1000 × 2.5 + 200 × 10 = 4500 micro-dollars.
    expect(ctx.bill).toEqual({
      model: 'gpt-4o-2024-08-06',
      usage: { ...usage(1000, 200), estimated: false },
      costNanoUsd: 4_500_000,
      priceEntry: 'gpt-4o',
      heldFor: null,
      lateUsageBilled: [],
    });
    expect(lookups).toEqual([]);
  });

  it('bills Azure at the model its response names', async () => {
    const ctx = settled(
      { url: '/api/providers/azure/openai/deployments/prod-chat/chat/completions' },
      {
        model: 'prod-chat',
        price: null,
        report: { usage: usage(1000, 200), responseModel: 'gpt-4o-mini-2024-07-18' },
      },
    );
    await new SettleStage(metering, claims()).run(ctx);
    // azure/gpt-4o-mini: 1000 × 0.165 + 200 × 0.66 = 297 micro-dollars.
    expect(ctx.bill).toMatchObject({
      model: 'gpt-4o-mini-2024-07-18',
      priceEntry: 'azure/gpt-4o-mini',
      costNanoUsd: 297_000,
    });
  });

  it('estimates usage the provider did not report, and marks it estimated', async () => {
    const ctx = settled({}, { report: { text: 'Paris.' } });
    if (ctx.request)
      ctx.request.json = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Capital?' }] };
    await new SettleStage(metering, claims()).run(ctx);
    const prompt = 3 + o200k('user').length + o200k('Capital?').length + 3;
    expect(ctx.bill?.usage).toMatchObject({
      promptTokens: prompt,
      completionTokens: o200k('Paris.').length,
      estimated: true,
    });
  });

  it('bills a Responses API response’s usage only the first time it is reported', async () => {
    const stage = new SettleStage(metering, claims());
    const first = settled(
      { url: '/api/providers/openai/v1/responses' },
      { report: { usage: usage(100, 10), responseId: 'resp_1' } },
    );
    const again = settled(
      { url: '/api/providers/openai/v1/responses' },
      { report: { usage: usage(100, 10), responseId: 'resp_1' } },
    );
    await stage.run(first);
    await stage.run(again);
    // gpt-4o: 100 × 2.5 + 10 × 10 = 350 micro-dollars.
    expect(first.bill).toMatchObject({ costNanoUsd: 350_000, lateUsageBilled: ['response:resp_1'] });
    expect(again.bill).toMatchObject({
      costNanoUsd: 0,
      usage: { totalTokens: 0, estimated: false },
      lateUsageBilled: [],
    });
  });

  it('bills a batch output file at batch prices, once', async () => {
    const stage = new SettleStage(metering, claims());
    const batchUsage = new Map([['gpt-4o-mini-2024-07-18', usage(2000, 400)]]);
    const fetch = () =>
      settled(
        { method: 'GET', url: '/api/providers/openai/v1/files/file-1/content' },
        { model: '', price: null, report: { batchUsage } },
      );
    const first = fetch();
    const again = fetch();
    await stage.run(first);
    await stage.run(again);
    // gpt-4o-mini batch: 2000 × 0.075 + 400 × 0.3 = 270 micro-dollars.
    expect(first.bill).toMatchObject({
      model: 'gpt-4o-mini-2024-07-18',
      priceEntry: 'gpt-4o-mini',
      costNanoUsd: 270_000,
    });
    expect(again.bill?.costNanoUsd).toBe(0);
  });

  it('bills counts a provider reports out of shape as whole tokens, rounded up, so the event stays valid', async () => {
    const odd = { ...usage(10, 5), promptTokens: 10.2, completionTokens: -3, totalTokens: 7.2 };
    const ctx = settled({}, { report: { usage: odd } });
    await new SettleStage(metering, claims()).run(ctx);
    expect(ctx.bill?.usage).toMatchObject({ promptTokens: 11, completionTokens: 0, totalTokens: 8 });
    // gpt-4o: 11 × 2.5 micro-dollars.
    expect(ctx.bill?.costNanoUsd).toBe(27_500);
  });

  it('records a cost past what one request can be billed at the ceiling, never as unpriced or $0', async () => {
    const ctx = settled({}, { report: { usage: usage(2 ** 52, 2 ** 52) } });
    await new SettleStage(metering, claims()).run(ctx);
    expect(ctx.bill?.costNanoUsd).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('records a batch output file whose costs add up past the ceiling at the ceiling', async () => {
    const huge = usage(2 ** 50, 2 ** 50);
    const batchUsage = new Map([
      ['gpt-4o', huge],
      ['gpt-4o-mini', huge],
    ]);
    const ctx = settled(
      { method: 'GET', url: '/api/providers/openai/v1/files/file-huge/content' },
      { model: '', price: null, report: { batchUsage } },
    );
    await new SettleStage(metering, claims()).run(ctx);
    expect(ctx.bill?.costNanoUsd).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('records a used model without a price as unpriced (null), and a refused request as costing nothing', async () => {
    const unpriced = settled({}, { model: 'house-model', price: null, report: { usage: usage(10, 5) } });
    await new SettleStage(metering, claims()).run(unpriced);
    expect(unpriced.bill).toMatchObject({ costNanoUsd: null, priceEntry: null });
    const refused = contextOf();
    refused.outcome = { status: 401, outcome: 'rejected', errorCode: 'invalid_api_key' };
    await new SettleStage(metering, claims()).run(refused);
    expect(refused.bill).toMatchObject({ costNanoUsd: 0, usage: { totalTokens: 0 } });
  });
});
