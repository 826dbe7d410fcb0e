import type { TokenUsage } from '@tollgate/contracts';
import { estimatePromptTokens, tokenCounter } from '@tollgate/pricing';
import type { Outcome, UsageReport } from '../request/request-context';
import type { ProxyRoute } from '../request/route-match';

export const NO_USAGE: TokenUsage = {
  promptTokens: 0,
  completionTokens: 0,
  cachedPromptTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  totalTokens: 0,
  estimated: false,
};

// Only a generating request that reached the provider and got no usage report is estimated.
export function needsEstimate(
  route: ProxyRoute,
  prompt: Record<string, unknown> | null,
  outcome: Outcome,
  report: UsageReport | undefined,
): boolean {
  const reached =
    outcome.outcome === 'success' ||
    outcome.outcome === 'client_aborted' ||
    outcome.errorCode === 'upstream_interrupted';
  // A background response still running reports its usage later, when it is fetched finished.
  const status = (report?.json as { status?: unknown } | null | undefined)?.status;
  const pending = status === 'queued' || status === 'in_progress';
  return reached && !pending && route.unit === 'tokens' && route.usage !== 'none' && prompt !== null;
}

// Counted with gpt-tokenizer after the response has ended, so it never delays the client; marked estimated.
export async function estimateUsage(
  model: string,
  prompt: Record<string, unknown>,
  generated: string,
): Promise<TokenUsage> {
  const count = await tokenCounter(model);
  const promptTokens = estimatePromptTokens(count, prompt);
  const completionTokens = count(generated);
  return {
    ...NO_USAGE,
    promptTokens,
    completionTokens,
    totalTokens: promptTokens + completionTokens,
    estimated: true,
  };
}
