import { openAiUsage, type ReportedUsage } from '@tollgate/providers';
import type { RunTokens } from './late-usage-claims';

// What an assistants response says about runs and their steps: a run or a step object, or a list of them.
// A run's or step's usage is null until it has ended.
export interface RunSeen {
  id: string;
  model: string;
  usage: RunTokens | null;
}

export interface StepSeen {
  id: string;
  runId: string;
  usage: RunTokens | null;
}

type Fields = Record<string, unknown>;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

// Whole, non-negative token counts, or null (no usage, or counts the gateway cannot bill exactly).
export function runTokensOf(
  read: Pick<ReportedUsage, 'promptTokens' | 'completionTokens'> | null,
): RunTokens | null {
  if (!read) return null;
  const { promptTokens, completionTokens } = read;
  const whole = (n: number) => Number.isSafeInteger(n) && n >= 0;
  return whole(promptTokens) && whole(completionTokens) ? { promptTokens, completionTokens } : null;
}

export function assistantsObjectsOf(json: unknown): { runs: RunSeen[]; steps: StepSeen[] } {
  const body = (json ?? {}) as Fields;
  const items = (
    body['object'] === 'list' && Array.isArray(body['data']) ? body['data'] : [body]
  ) as Fields[];
  const runs: RunSeen[] = [];
  const steps: StepSeen[] = [];
  for (const item of items) {
    const id = text(item?.['id']);
    if (!id) continue;
    if (item['object'] === 'thread.run')
      runs.push({ id, model: text(item['model']), usage: runTokensOf(openAiUsage(item['usage'])) });
    else if (item['object'] === 'thread.run.step' && text(item['run_id']))
      steps.push({ id, runId: text(item['run_id']), usage: runTokensOf(openAiUsage(item['usage'])) });
  }
  return { runs, steps };
}
