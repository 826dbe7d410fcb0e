import { Logger } from '@nestjs/common';
import type { PolicySnapshot } from '@tollgate/contracts';
import {
  extractPromptTexts,
  promptFormatOfRoute,
  PromptTextException,
  rewritePrompt,
  type PiiScanClient,
  type PromptText,
  type ScanResult,
} from '@tollgate/prompt-scan';
import type { ProxyEdgeConfig } from '../config';
import { ProxyError } from '../request/proxy-error';
import type { Admitted, PiiVerdict } from '../request/request-context';
import type { PiiCounters } from './pii-counters';
import { needsScan, policyScanOf } from './policy-scan';
import { replaceRequestLog } from './request-log';

// Where the stage finds a key's policy: the config read model, which the config stream keeps current.
export interface PolicyLookup {
  policy(id: string): PolicySnapshot | null;
}

export type PiiStageConfig = Pick<
  ProxyEdgeConfig,
  'PII_SCAN_DEADLINE_MS' | 'PII_FAIL_OPEN' | 'LOG_BODY_MAX_BYTES'
>;

// Stage 7 (after admission, before the upstream call): the prompt of a key whose PII policy has a rule other
// than allow, scanned by pii-redaction. Blocked: 403 naming the entity types, nothing forwarded or logged.
// Redacted: only the matched spans of the raw body are replaced before it is forwarded (and logged). Warned:
// forwarded unchanged. The scan unreachable or late: 503, or forwarded unscanned with PII_FAIL_OPEN.
export class PiiStage {
  private readonly logger = new Logger(PiiStage.name);

  constructor(
    private readonly scanner: Pick<PiiScanClient, 'scan'>,
    private readonly policies: PolicyLookup,
    private readonly config: PiiStageConfig,
    private readonly counters: PiiCounters,
  ) {}

  async run(ctx: Admitted): Promise<Admitted> {
    const policyId = ctx.key.policyId;
    if (!policyId) return ctx;
    const verdict: PiiVerdict = { policyId, action: null, entities: [], failedOpen: false };
    ctx.pii = verdict;
    const policy = this.policies.policy(policyId);
    // Keys are admitted only once their policy is here (ADR 0015), so this is a race with an admin change:
    // refused rather than forwarded unscanned.
    if (!policy) throw new ProxyError('pii_unavailable', "the key's PII policy is not loaded yet");
    const format = promptFormatOfRoute(ctx.route.route.template);
    const bytes = ctx.request.bytes;
    // An upload streams through unread: a policy that needs a scan cannot be applied to it, so it is refused
    // (fail closed) rather than forwarded unscanned.
    if (needsScan(policy) && ctx.request.upload)
      throw new ProxyError('pii_unscannable', "uploads cannot be scanned for the key's PII policy");
    const texts = needsScan(policy) && bytes ? promptTextsOf(bytes, format) : [];
    // Nothing the policy could act on (every rule allows, no prompt text): allowed, as BricksLLM records it.
    if (!bytes || texts.length === 0) {
      verdict.action = 'allowed';
      return ctx;
    }
    // The logged body is the client's: dropped until the scan says what may be kept of it.
    ctx.request.log = null;
    const result = await this.scan(ctx, verdict, policy, texts);
    if (!result) return ctx;
    this.settle(verdict, result.action, result.entitiesFound);
    if (result.action === 'blocked') throw blockedError(result);
    const forwarded = result.action === 'redacted' ? redacted(bytes, texts, result) : bytes;
    ctx.request.bytes = forwarded;
    if (ctx.key.shouldLogRequest) ctx.request.log = replaceRequestLog(ctx, forwarded, this.config);
    return ctx;
  }

  private async scan(
    ctx: Admitted,
    verdict: PiiVerdict,
    policy: PolicySnapshot,
    texts: PromptText[],
  ): Promise<ScanResult | null> {
    const { policy: rules, policyVersion } = policyScanOf(policy);
    const outcome = await this.scanner.scan({
      policyId: verdict.policyId,
      policyVersion,
      policy: rules,
      texts: texts.map((t) => t.text),
      deadlineMs: this.config.PII_SCAN_DEADLINE_MS,
      tenant: ctx.key.keyId,
    });
    if (outcome.kind === 'ok') return outcome.result;
    if (outcome.kind === 'rejected') {
      // The call itself was wrong (a prompt past the service's bounds, a policy it cannot compile): never
      // forwarded unscanned, whatever PII_FAIL_OPEN says.
      this.counters.rejected++;
      this.logger.warn(`PII scan of request ${ctx.requestId} refused: ${outcome.code}`);
      if (outcome.code === 'too_large')
        throw new ProxyError('request_too_large', 'the prompt is larger than the PII scan accepts');
      throw new ProxyError('pii_unavailable', "the key's PII policy could not be applied");
    }
    if (this.config.PII_FAIL_OPEN) {
      this.counters.failedOpen++;
      verdict.failedOpen = true;
      this.logger.warn(`PII scan unavailable (${outcome.reason}): request ${ctx.requestId} sent unscanned`);
      return null;
    }
    this.counters.failedClosed++;
    throw new ProxyError('pii_unavailable', 'the PII scan is unavailable; try again later');
  }

  private settle(verdict: PiiVerdict, action: ScanResult['action'], entities: string[]): void {
    verdict.action = action;
    verdict.entities = [...entities].sort();
    this.counters.actions[action]++;
  }
}

function promptTextsOf(bytes: Buffer, format: ReturnType<typeof promptFormatOfRoute>) {
  try {
    return extractPromptTexts(bytes, format);
  } catch (error) {
    if (!(error instanceof PromptTextException)) throw error;
    // The read stage parsed the body already; what is left is what JSON.parse forgives (invalid UTF-8).
    throw new ProxyError('invalid_json', `the request body cannot be scanned: ${error.code}`);
  }
}

function redacted(bytes: Buffer, texts: PromptText[], result: ScanResult): Buffer {
  try {
    return rewritePrompt(bytes, texts, result.redactions);
  } catch (error) {
    if (!(error instanceof PromptTextException)) throw error;
    // Spans that do not fit came from the service, not the client: refused, never forwarded unredacted.
    throw new ProxyError('pii_unavailable', "the key's PII policy could not be applied");
  }
}

function blockedError(result: ScanResult): ProxyError {
  const found = [
    ...[...result.entitiesFound].sort(),
    ...result.regexRulesMatched.map((i) => `regex rule ${i}`),
  ];
  return new ProxyError('pii_blocked', `request blocked by the key's PII policy: found ${found.join(', ')}`);
}
