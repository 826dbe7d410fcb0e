import type { ProxyEdgeConfig } from '../config';
import type { Admission, Admitted, Priced, StreamGuard } from '../request/request-context';
import type { AdmissionService } from './admission.service';
import { declaredPromptTokens } from './output-tokens';
import { StreamCap, type CappedFormat } from './stream-cap';

const CAPPABLE: ReadonlySet<string> = new Set<CappedFormat>(['openai', 'anthropic']);

// Stage 6: every limit of the key and its user, checked and charged atomically before the upstream call
// (429 or 503 otherwise); what was charged and is held is carried to settlement and release.
export class AdmitStage {
  constructor(
    private readonly admission: Pick<AdmissionService, 'admit'>,
    private readonly config: Pick<ProxyEdgeConfig, 'LIMITS_STREAM_STEP_TOKENS'>,
  ) {}

  async run(ctx: Priced): Promise<Admitted> {
    const { route, request } = ctx;
    const result = await this.admission.admit({
      requestId: ctx.requestId,
      key: ctx.key,
      user: ctx.access.user,
      model: ctx.access.model,
      price: ctx.price,
      body: request.json,
      generates: !route.route.template.includes('embeddings'),
      promptTokensBound: route.route.lateUsage === 'starts_run' ? declaredPromptTokens(request.json) : null,
      timeoutMs: request.timeoutMs,
    });
    const allowance = result.streamAllowance;
    const format = route.route.usage;
    // Only formats whose end the gateway can write are capped (finish_reason "length", stop_reason
    // "max_tokens").
    const streamGuard: StreamGuard | null =
      allowance && CAPPABLE.has(format)
        ? new StreamCap(
            format as CappedFormat,
            allowance.count,
            allowance.outputTokens,
            allowance.extend,
            this.config.LIMITS_STREAM_STEP_TOKENS,
          )
        : null;
    const admission: Admission = { charge: result.charge, streamGuard, release: result.release };
    return Object.assign(ctx, { admission });
  }
}
