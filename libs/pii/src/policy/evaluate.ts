import type { PolicyAction } from '@tollgate/contracts';
import { detect } from '../detection/detect';
import type { PiiEntity } from '../entities/pii-entity';
import type { RedactionSpan } from '../redaction/redact';
import { compilePolicy, type CompiledPolicy } from './compile-policy';
import type { PiiPolicy, PolicyEvaluation, PolicyOutcome } from './pii-policy';

const SEVERITY: Readonly<Record<PolicyAction, number>> = {
  allow: 0,
  allow_but_redact: 1,
  allow_but_warn: 2,
  block: 3,
};
const OUTCOME: Readonly<Record<PolicyAction, PolicyOutcome>> = {
  allow: 'allowed',
  allow_but_redact: 'redacted',
  allow_but_warn: 'warned',
  block: 'blocked',
};

// Block > warn > redact > allow across every entity and regex rule. Unlike BricksLLM, every redact rule applies:
// entity and regex redactions are collected together and applied once, so no rule's redaction is lost.
// A stored regex that no longer compiles throws PiiRuleException: the caller fails closed.
export function evaluate(policy: PiiPolicy, texts: readonly string[]): PolicyEvaluation {
  return evaluateCompiled(compilePolicy(policy), texts);
}

export function evaluateCompiled(policy: CompiledPolicy, texts: readonly string[]): PolicyEvaluation {
  const actions = policy.entityActions;
  let severity = 0;
  const found = new Set<PiiEntity>();
  const matchedRules = new Set<number>();
  const redactions = texts.map(() => [] as RedactionSpan[]);
  if (actions.size === 0 && policy.regexRules.length === 0) {
    return { action: 'allowed', entitiesFound: [], regexRulesMatched: [], redactions };
  }
  const wanted = [...actions.keys()];
  texts.forEach((text, i) => {
    for (const span of wanted.length > 0 ? detect(text, wanted) : []) {
      const action = actions.get(span.entity) ?? 'allow';
      found.add(span.entity);
      severity = Math.max(severity, SEVERITY[action]);
      if (action === 'allow_but_redact') redactions[i].push(span);
    }
    for (const { index, action, rule } of policy.regexRules) {
      if (action === 'allow_but_redact') {
        const matches = rule.matches(text);
        if (matches.length === 0) continue;
        for (const m of matches) redactions[i].push({ ...m, entity: 'regex' });
      } else if (!rule.test(text)) {
        continue;
      }
      matchedRules.add(index);
      severity = Math.max(severity, SEVERITY[action]);
    }
  });
  const action = (Object.keys(SEVERITY) as PolicyAction[]).find((a) => SEVERITY[a] === severity) ?? 'allow';
  return {
    action: OUTCOME[action],
    entitiesFound: [...found].sort(),
    regexRulesMatched: [...matchedRules].sort((a, b) => a - b),
    redactions: redactions.map((spans) => spans.sort((a, b) => a.start - b.start)),
  };
}
