export * from './entities/pii-entity';
export type { PiiSpan } from './detection/pii-span';
export { detect, entitiesIn } from './detection/detect';
export * from './redaction/redact';
export * from './policy/pii-policy';
export * from './policy/pii-rule.exception';
export { compileRule, type CompiledRegexRule } from './policy/compile-rule';
export { evaluate, evaluateCompiled } from './policy/evaluate';
export {
  compilePolicy,
  entityActions,
  type CompiledPolicy,
  type CompiledPolicyRule,
} from './policy/compile-policy';
