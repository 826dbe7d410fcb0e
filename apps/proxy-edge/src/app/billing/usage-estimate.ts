import type { TokenUsage } from '@tollgate/contracts';
import { estimatePromptTokens, tokenCounter } from '@tollgate/pricing';
import type { ReportedUsage } from '@tollgate/providers';
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

// A provider's counts as the event carries them: whole and non-negative (a count out of range would make the
// event invalid for its consumers, and so unbilled). A fraction is rounded up, never down to nothing.
export function wholeUsage(usage: ReportedUsage): TokenUsage {
  const whole = (n: number) =>
    Number.isFinite(n) ? Math.min(Math.max(0, Math.ceil(n)), Number.MAX_SAFE_INTEGER) : 0;
  return {
    ...usage,
    promptTokens: whole(usage.promptTokens),
    completionTokens: whole(usage.completionTokens),
    cachedPromptTokens: whole(usage.cachedPromptTokens),
    cacheWriteTokens: whole(usage.cacheWriteTokens),
    ...(usage.cacheWrite1hTokens === undefined
      ? {}
      : { cacheWrite1hTokens: whole(usage.cacheWrite1hTokens) }),
    reasoningTokens: whole(usage.reasoningTokens),
    totalTokens: whole(usage.totalTokens),
    estimated: false,
  };
}

// Only a generating request that reached the provider and got no usage report is estimated: one answered,
// or cut off by the client leaving, the upstream breaking off or the deadline (the provider bills the prompt
// of work it started, and what it generated until then). Assistants runs report their usage later instead.
export function needsEstimate(
  route: ProxyRoute,
  prompt: Record<string, unknown> | null,
  outcome: Outcome,
  report: UsageReport | undefined,
): boolean {
  const reached =
    outcome.outcome === 'success' ||
    outcome.outcome === 'client_aborted' ||
    outcome.errorCode === 'upstream_interrupted' ||
    outcome.errorCode === 'upstream_timeout';
  // A background response still running reports its usage later, when it is fetched finished.
  const status = (report?.json as { status?: unknown } | null | undefined)?.status;
  const pending = status === 'queued' || status === 'in_progress';
  const late = route.lateUsage !== undefined;
  return reached && !pending && !late && route.unit === 'tokens' && route.usage !== 'none' && prompt !== null;
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
