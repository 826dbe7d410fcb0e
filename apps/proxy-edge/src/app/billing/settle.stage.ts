import { Logger } from '@nestjs/common';
import type { TokenUsage } from '@tollgate/contracts';
import {
  MAX_NANO_USD,
  meterCost,
  MoneyRangeError,
  type MeterInput,
  type PriceEntry,
} from '@tollgate/pricing';
import { billedModel } from '@tollgate/providers';
import type { Bill, RequestContext } from '../request/request-context';
import { billByModel } from './batch-billing';
import type { LateUsageClaims } from './late-usage-claims';
import type { Metering } from './metering';
import { RunBilling } from './run-billing';
import { estimateUsage, needsEstimate, NO_USAGE, wholeUsage } from './usage-estimate';

type Claims = Pick<LateUsageClaims, 'claim' | 'noteRun' | 'claimRun' | 'claimSteps'>;

const unbilled = (model: string): Bill => ({
  model,
  usage: NO_USAGE,
  costNanoUsd: 0,
  priceEntry: null,
  heldFor: null,
  lateUsageBilled: [],
});

// Stage 9: what the request cost, once its response has ended (or it was refused): the provider's usage (or
// an estimate, marked so) at the price decided before the call, or at the response's model where the
// adapter says the response names it. Usage reported later or again (Responses, batch output files,
// assistants runs) is billed the first time it is seen, never again.
export class SettleStage {
  private readonly logger = new Logger(SettleStage.name);
  private readonly runs: RunBilling;

  constructor(
    private readonly metering: Pick<Metering, 'lookup'>,
    private readonly claims: Claims,
  ) {
    this.runs = new RunBilling(metering, claims);
  }

  async run(ctx: RequestContext): Promise<void> {
    ctx.bill = await this.billOf(ctx);
  }

  private async billOf(ctx: RequestContext): Promise<Bill> {
    const { route, request, report, outcome } = ctx;
    const requestModel = request?.model || request?.upload?.fields?.['model'] || '';
    if (!route || !outcome) return unbilled(requestModel);
    if (route.route.unit === 'batch_output') return this.billBatch(ctx);
    const late = route.route.lateUsage;
    if (
      (late === 'starts_run' || late === 'reports_runs' || late === 'reports_steps') &&
      ctx.price !== undefined
    )
      return this.runs.bill(ctx);

    const model = billedModel(route.adapter, requestModel, report?.responseModel ?? '');
    const { usage, claimed } = await this.usageOf(ctx, requestModel);
    const price = this.finalPrice(ctx, model);
    const used = usage.totalTokens > 0 || (outcome.outcome === 'success' && route.route.unit !== 'tokens');
    const cost = price
      ? this.costOf(price, {
          unit: route.route.unit,
          usage,
          request: request?.json ?? request?.upload?.fields ?? null,
          response: report?.json ?? null,
        })
      : null;
    return {
      model,
      usage,
      // Unpriced (null) only when something was used at a price the catalog does not know; never a silent $0.
      costNanoUsd: price ? cost : used ? null : 0,
      priceEntry: price?.key ?? null,
      heldFor: backgroundResponseHeld(ctx),
      lateUsageBilled: claimed ? [`response:${claimed}`] : [],
    };
  }

  // Past MAX_NANO_USD (only a usage report no provider sends could get there) the cost is recorded at the
  // ceiling, never dropped: the key's limits see it and the event stays valid for every consumer.
  private costOf(price: PriceEntry, input: MeterInput): number | null {
    try {
      return meterCost(price, input);
    } catch (error) {
      if (!(error instanceof MoneyRangeError)) throw error;
      this.logger.error(`cost of ${price.key} not countable (${error.message}): recorded at the ceiling`);
      return MAX_NANO_USD;
    }
  }

  // The price the price stage decided, unless the model billed is not the one it priced (the response's
  // model on Azure, a multipart upload's field); a request refused before pricing used nothing.
  private finalPrice(ctx: RequestContext, model: string): PriceEntry | null {
    if (ctx.price === undefined) return null;
    if (!model || model === ctx.request?.model) return ctx.price;
    const provider = ctx.route?.route.provider ?? '';
    return this.metering.lookup(provider, model, ctx.access?.setting.costMap ?? null) ?? ctx.price;
  }

  // The usage to bill, and the Responses API response it was claimed for (billed once, by its id).
  private async usageOf(
    ctx: RequestContext,
    requestModel: string,
  ): Promise<{ usage: TokenUsage; claimed: string | null }> {
    const { route, request, report, outcome } = ctx;
    if (!route || !outcome) return { usage: NO_USAGE, claimed: null };
    if (report?.usage) {
      // A Responses API response reports its usage whenever it is fetched; only the first report is billed.
      const id = route.route.usage === 'responses' ? report.responseId : '';
      if (id && !(await this.claims.claim(id))) return { usage: NO_USAGE, claimed: null };
      return { usage: wholeUsage(report.usage), claimed: id || null };
    }
    const prompt = request?.json ?? null;
    if (!prompt || !needsEstimate(route.route, prompt, outcome, report))
      return { usage: NO_USAGE, claimed: null };
    try {
      return { usage: await estimateUsage(requestModel, prompt, report?.text ?? ''), claimed: null };
    } catch (error) {
      this.logger.error(`token estimation failed: ${String(error)}`);
      return { usage: { ...NO_USAGE, estimated: true }, claimed: null };
    }
  }

  private async billBatch(ctx: RequestContext): Promise<Bill> {
    const fileId = /\/files\/([^/]+)\/content$/.exec(ctx.req.url?.split('?')[0] ?? '')?.[1] ?? '';
    const usage = ctx.report?.batchUsage;
    if (!usage || usage.size === 0 || !(await this.claims.claim(fileId, 'file'))) return unbilled('');
    const provider = ctx.route?.route.provider ?? '';
    const bill = billByModel(this.metering, provider, usage, ctx.access?.setting.costMap ?? null, true);
    return { ...bill, heldFor: null, lateUsageBilled: [`file:${fileId}`] };
  }
}

// A background response still running keeps its creation's reservation until its usage is billed.
function backgroundResponseHeld({ route, report, admission }: RequestContext): string | null {
  const status = (report?.json as { status?: unknown } | null | undefined)?.status;
  const pending = status === 'queued' || status === 'in_progress';
  const charge = admission?.charge;
  const reserved = charge && (charge.reservedNanoUsd > 0 || charge.reservedTokens > 0);
  const starts = route?.route.usage === 'responses' && route.route.method === 'POST';
  return starts && pending && reserved && report?.responseId ? `response:${report.responseId}` : null;
}
