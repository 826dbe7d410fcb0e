import type { PolicyAction } from '@tollgate/contracts';
import type { PiiEntity } from '../entities/pii-entity';
import type { RedactionSpan } from '../redaction/redact';

// The parts of a BricksLLM policy this library enforces (customConfig rules need a model call: not here).
// PolicySnapshot from @tollgate/contracts fits this shape.
export interface PiiPolicy {
  readonly config?: { readonly rules: Readonly<Partial<Record<string, PolicyAction>>> };
  readonly regexConfig?: {
    readonly rules: readonly { readonly definition: string; readonly action: PolicyAction }[];
  };
}

// BricksLLM's event values for the outcome.
export type PolicyOutcome = 'allowed' | 'warned' | 'redacted' | 'blocked';

export interface PolicyEvaluation {
  readonly action: PolicyOutcome;
  // Types found among those a rule acts on; never the values.
  readonly entitiesFound: readonly PiiEntity[];
  // Indexes into regexConfig.rules of the rules that matched.
  readonly regexRulesMatched: readonly number[];
  // Per input text (same order): the spans to replace when the outcome is 'redacted'. Under 'warned' the
  // request goes on unredacted (as BricksLLM); under 'blocked' it does not go on at all.
  readonly redactions: readonly (readonly RedactionSpan[])[];
}
