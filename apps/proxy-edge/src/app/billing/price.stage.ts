import { hasSpendLimits } from '@tollgate/limits';
import type { Authorized, Priced } from '../request/request-context';
import { isMetered } from '../request/route-match';
import { refuseUnboundedLateUsage } from './late-usage-policy';
import type { Metering } from './metering';

// Stage 5: the catalog entry the request is admitted and billed at, decided once and carried. A model known
// only from the response (an Azure deployment names none) is priced provisionally and never refused here.
export class PriceStage {
  constructor(private readonly metering: Pick<Metering, 'priceFor' | 'lookup'>) {}

  run(ctx: Authorized): Priced {
    const { route, key, access, request } = ctx;
    if (!isMetered(route.route)) return Object.assign(ctx, { price: null });
    const { provider } = route.route;
    const costMap = access.setting.costMap;
    if (route.adapter.modelSource === 'response')
      return Object.assign(ctx, { price: this.metering.lookup(provider, request.model, costMap) });
    const spendLimited =
      hasSpendLimits(key.limits) || (access.user !== null && hasSpendLimits(access.user.limits));
    refuseUnboundedLateUsage(ctx, spendLimited);
    return Object.assign(ctx, {
      price: this.metering.priceFor(provider, request.model, spendLimited, costMap),
    });
  }
}
