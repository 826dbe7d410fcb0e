import { hasSpendLimits } from '@tollgate/limits';
import { ProxyError } from '../request/proxy-error';
import type { Authorized, Priced } from '../request/request-context';
import { isMetered } from '../request/route-match';
import { refuseUnboundedLateUsage } from './late-usage-policy';
import type { Metering } from './metering';

// Stage 5: the catalog entry the request is admitted and billed at, decided once and carried, with the
// unknown-model policy applied. An Azure deployment is priced as the model its setting maps it to (or is
// named after); the response's model, where it names one, is what settlement bills.
export class PriceStage {
  constructor(private readonly metering: Pick<Metering, 'priceFor' | 'lookup'>) {}

  run(ctx: Authorized): Priced {
    const { route, key, access } = ctx;
    if (!isMetered(route.route)) return Object.assign(ctx, { price: null });
    const { provider } = route.route;
    const spendLimited =
      hasSpendLimits(key.limits) || (access.user !== null && hasSpendLimits(access.user.limits));
    refuseUnboundedLateUsage(ctx, spendLimited);
    try {
      return Object.assign(ctx, {
        price: this.metering.priceFor(provider, access.model, spendLimited, access.setting.costMap),
      });
    } catch (error) {
      throw route.adapter.modelSource === 'response' ? unpricedDeployment(error, access.model) : error;
    }
  }
}

function unpricedDeployment(error: unknown, model: string): unknown {
  if (!(error instanceof ProxyError) || error.code !== 'unknown_model_price') return error;
  return new ProxyError(
    'unknown_model_price',
    `deployment ${model} serves no model with a price, so its cost cannot be counted; map it to its model in the Azure provider setting's deployments ("${model}=gpt-4o") or add a price with PUT /api/pricing/azure/${model}`,
  );
}
