import type { PolicyAction } from '@tollgate/contracts';
import { ALL_ENTITIES, PII_ENTITY_TYPES, type PiiEntity } from '../entities/pii-entity';
import { compiledRule, type CompiledRegexRule } from './compile-rule';
import type { PiiPolicy } from './pii-policy';

// A policy ready to run: the action of every entity it acts on, and its acting regex rules compiled. A
// service that sees the same policy on every request compiles it once and keeps it.
export interface CompiledPolicy {
  readonly entityActions: ReadonlyMap<PiiEntity, PolicyAction>;
  readonly regexRules: readonly CompiledPolicyRule[];
}

export interface CompiledPolicyRule {
  // Index in the policy's regexConfig.rules (what PolicyEvaluation.regexRulesMatched reports).
  readonly index: number;
  readonly action: Exclude<PolicyAction, 'allow'>;
  readonly rule: CompiledRegexRule;
}

// Throws PiiRuleException for a regex rule that does not compile.
export function compilePolicy(policy: PiiPolicy): CompiledPolicy {
  const regexRules = (policy.regexConfig?.rules ?? []).flatMap(({ definition, action }, index) =>
    action === 'allow' ? [] : [{ index, action, rule: compiledRule(definition) }],
  );
  return { entityActions: entityActions(policy), regexRules };
}

// An entity's own rule wins over 'all' (so {all: redact, email: allow} redacts everything but emails).
export function entityActions(policy: PiiPolicy): ReadonlyMap<PiiEntity, PolicyAction> {
  const rules = policy.config?.rules ?? {};
  const fallback = rules[ALL_ENTITIES];
  const out = new Map<PiiEntity, PolicyAction>();
  for (const entity of PII_ENTITY_TYPES) {
    const action = rules[entity] ?? fallback;
    if (action && action !== 'allow') out.set(entity, action);
  }
  return out;
}
