import type { ReportedUsage } from '@tollgate/providers';
import type { Bill, RequestContext } from '../request/request-context';
import { assistantsObjectsOf, runTokensOf, type RunSeen, type StepSeen } from './assistants-objects';
import { billByModel } from './batch-billing';
import type { LateUsageClaims, RunTokens } from './late-usage-claims';
import type { Metering } from './metering';

type Claims = Pick<LateUsageClaims, 'noteRun' | 'claimRun' | 'claimSteps'>;

// Assistants runs report their usage when they have ended, on whichever request sees that: the run's own
// retrieval, a list of runs, a cancel, a stream that ran to the end, or the run's steps (each finished step
// as it is seen, the run's remainder once it has ended). Each is billed once, at the run's model price.
// A run started by a reserving request and not ended in its response holds that reservation until then.
export class RunBilling {
  constructor(
    private readonly metering: Pick<Metering, 'lookup'>,
    private readonly claims: Claims,
  ) {}

  async bill(ctx: RequestContext): Promise<Bill> {
    const { runs, steps } = this.objectsOf(ctx);
    const usageByModel = new Map<string, ReportedUsage>();
    const billed: string[] = [];
    for (const run of runs) {
      if (run.usage) {
        const left = await this.claims.claimRun(run.id, run.usage);
        if (!left) continue;
        add(usageByModel, run.model, left);
        billed.push(`run:${run.id}`);
      } else if (run.model) await this.claims.noteRun(run.id, run.model);
    }
    for (const [runId, finished] of finishedStepsByRun(steps)) {
      const claimed = await this.claims.claimSteps(runId, finished);
      if (claimed) add(usageByModel, claimed.model, claimed);
    }
    const provider = ctx.route?.route.provider ?? '';
    const bill = billByModel(
      this.metering,
      provider,
      usageByModel,
      ctx.access?.setting.costMap ?? null,
      false,
    );
    return {
      ...bill,
      model: bill.model || runs[0]?.model || '',
      heldFor: heldFor(ctx, runs),
      lateUsageBilled: billed,
    };
  }

  private objectsOf({ report }: RequestContext): { runs: RunSeen[]; steps: StepSeen[] } {
    if (!report?.streamed) return assistantsObjectsOf(report?.json ?? null);
    // A stream names its run in its first event and reports usage on its terminal one.
    if (!report.responseId) return { runs: [], steps: [] };
    const run = { id: report.responseId, model: report.responseModel, usage: runTokensOf(report.usage) };
    return { runs: [run], steps: [] };
  }
}

function add(usageByModel: Map<string, ReportedUsage>, model: string, tokens: RunTokens): void {
  const sum = usageByModel.get(model) ?? {
    promptTokens: 0,
    completionTokens: 0,
    cachedPromptTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    totalTokens: 0,
  };
  sum.promptTokens += tokens.promptTokens;
  sum.completionTokens += tokens.completionTokens;
  sum.totalTokens += tokens.promptTokens + tokens.completionTokens;
  usageByModel.set(model, sum);
}

function finishedStepsByRun(steps: readonly StepSeen[]): Map<string, ({ id: string } & RunTokens)[]> {
  const byRun = new Map<string, ({ id: string } & RunTokens)[]>();
  for (const step of steps)
    if (step.usage) byRun.set(step.runId, [...(byRun.get(step.runId) ?? []), { id: step.id, ...step.usage }]);
  return byRun;
}

// A run this request started that has not ended yet keeps the request's reservation until it is billed.
function heldFor(ctx: RequestContext, runs: readonly RunSeen[]): string | null {
  const charge = ctx.admission?.charge;
  const started = ctx.route?.route.lateUsage === 'starts_run' ? runs[0] : undefined;
  const reserved = charge && (charge.reservedNanoUsd > 0 || charge.reservedTokens > 0);
  return started && !started.usage && reserved ? `run:${started.id}` : null;
}
