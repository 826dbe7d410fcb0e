import { Logger } from '@nestjs/common';
import type { TokenUsage } from '@tollgate/contracts';
import { meterCost, type PriceEntry } from '@tollgate/pricing';
import { billedModel } from '@tollgate/providers';
import type { Bill, RequestContext } from '../request/request-context';
import { billBatchOutput } from './batch-billing';
import type { Metering } from './metering';
import type { ResponsesBilling } from './responses-billing';
import { estimateUsage, needsEstimate, NO_USAGE } from './usage-estimate';

// Stage 9: what the request cost, once its response has ended (or it was refused): the provider's usage (or
// an estimate, marked so) at the price decided before the call, or at the response's model where the
// adapter says the response names it. Responses and batch output files are billed the first time they are
// seen, never again.
export class SettleStage {
  private readonly logger = new Logger(SettleStage.name);

  constructor(
    private readonly metering: Pick<Metering, 'lookup'>,
    private readonly claims: Pick<ResponsesBilling, 'claim'>,
  ) {}

  async run(ctx: RequestContext): Promise<void> {
    ctx.bill = await this.billOf(ctx);
  }

  private async billOf(ctx: RequestContext): Promise<Bill> {
    const { route, request, report, outcome } = ctx;
    const requestModel = request?.model || request?.upload?.fields?.['model'] || '';
    if (!route || !outcome)
      return { model: requestModel, usage: NO_USAGE, costMicroUsd: 0, priceEntry: null };
    const costMap = ctx.access?.setting.costMap ?? null;
    if (route.route.unit === 'batch_output') return this.billBatch(ctx, costMap);

    const model = billedModel(route.adapter, requestModel, report?.responseModel ?? '');
    const usage = await this.usageOf(ctx, requestModel);
    const price = this.finalPrice(ctx, model, costMap);
    const used = usage.totalTokens > 0 || (outcome.outcome === 'success' && route.route.unit !== 'tokens');
    const cost = price
      ? meterCost(price, {
          unit: route.route.unit,
          usage,
          request: request?.json ?? request?.upload?.fields ?? null,
          response: report?.json ?? null,
        })
      : null;
    // Unpriced (null) only when something was used at a price the catalog does not know; never a silent $0.
    return { model, usage, costMicroUsd: price ? cost : used ? null : 0, priceEntry: price?.key ?? null };
  }

  // The price the price stage decided, unless the model billed is not the one it priced (the response's
  // model on Azure, a multipart upload's field); a request refused before pricing used nothing.
  private finalPrice(
    ctx: RequestContext,
    model: string,
    costMap: Record<string, unknown> | null,
  ): PriceEntry | null {
    if (ctx.price === undefined) return null;
    if (!model || model === ctx.request?.model) return ctx.price;
    const provider = ctx.route?.route.provider ?? '';
    return this.metering.lookup(provider, model, costMap) ?? ctx.price;
  }

  private async usageOf(ctx: RequestContext, requestModel: string): Promise<TokenUsage> {
    const { route, request, report, outcome } = ctx;
    if (!route || !outcome) return NO_USAGE;
    if (report?.usage) {
      // A Responses API response reports its usage whenever it is fetched; only the first report is billed.
      const first = !(route.route.usage === 'responses' && report.responseId)
        ? true
        : await this.claims.claim(report.responseId);
      return first ? { ...report.usage, estimated: false } : NO_USAGE;
    }
    const prompt = request?.json ?? null;
    if (!prompt || !needsEstimate(route.route, prompt, outcome, report)) return NO_USAGE;
    try {
      return await estimateUsage(requestModel, prompt, report?.text ?? '');
    } catch (error) {
      this.logger.error(`token estimation failed: ${String(error)}`);
      return { ...NO_USAGE, estimated: true };
    }
  }

  private async billBatch(ctx: RequestContext, costMap: Record<string, unknown> | null): Promise<Bill> {
    const fileId = /\/files\/([^/]+)\/content$/.exec(ctx.req.url?.split('?')[0] ?? '')?.[1] ?? '';
    const usage = ctx.report?.batchUsage;
    const unbilled: Bill = { model: '', usage: NO_USAGE, costMicroUsd: 0, priceEntry: null };
    if (!usage || usage.size === 0 || !(await this.claims.claim(fileId, 'file'))) return unbilled;
    return billBatchOutput(this.metering, ctx.route?.route.provider ?? '', usage, costMap);
  }
}
