import { declaredPromptTokens } from '../limits/output-tokens';
import { ProxyError } from '../request/proxy-error';
import type { RequestRead } from '../request/request-context';

// Late-billed endpoints under a spend limit: the reservation that keeps spend within the limit must be taken
// when the work starts, so work whose most cannot be known then is refused. A background response reserves
// like any response (its prompt and max_output_tokens). An assistants run reserves its declared bounds
// (max_prompt_tokens, max_completion_tokens, at its model's price). A batch is refused: its input file was
// uploaded apart, so nothing bounds it.
export function refuseUnboundedLateUsage({ route, request }: RequestRead, spendLimited: boolean): void {
  if (!spendLimited) return;
  const late = route.route.lateUsage;
  if (late === 'starts_batch')
    throw new ProxyError(
      'spend_limited_endpoint',
      'a key or user with a spend limit cannot start batches: a batch’s cost is unknown until it has run; use a key without a spend limit for batch jobs',
    );
  const completion = request.json?.['max_completion_tokens'];
  const bounded =
    request.model !== '' &&
    declaredPromptTokens(request.json) !== null &&
    typeof completion === 'number' &&
    Number.isInteger(completion) &&
    completion >= 0;
  if (late === 'starts_run' && !bounded)
    throw new ProxyError(
      'cost_not_reservable',
      'a key or user with a spend limit starts an assistants run only with model, max_prompt_tokens and max_completion_tokens set, so the most it may cost can be reserved',
    );
}
