import { hasSpendLimits, hasTokenLimits } from '@tollgate/limits';
import { precountPromptTokens } from '@tollgate/pricing';
import type { Priced } from '../request/request-context';

// Before admission: the prompt a spend or token limit must reserve is counted here, a slice of work at a
// time between turns of the event loop, so a megabyte prompt holds up no other request; admission (and
// settlement, should the provider report no usage) then read this count instead of counting again.
export class CountPromptStage {
  async run(ctx: Priced): Promise<Priced> {
    const { key, access, request } = ctx;
    const reserved = [key.limits, access.user?.limits].some(
      (limits) => limits !== undefined && (hasSpendLimits(limits) || hasTokenLimits(limits)),
    );
    if (reserved && request.json) await precountPromptTokens(request.model, request.json);
    return ctx;
  }
}
