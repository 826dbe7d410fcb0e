// Regex rules run on every prompt, written by an admin: they are compiled with re2js (RE2's automaton, linear
// in the text whatever the pattern, Go's syntax as BricksLLM's own regexp package), never with the backtracking
// RegExp, so a rule like (a+)+$ cannot stall the gateway.
import { RE2JS } from 're2js';
import { PiiRuleException } from './pii-rule.exception';

export interface CompiledRegexRule {
  readonly definition: string;
  // Non-empty matches, UTF-16 offsets.
  matches(text: string): { start: number; end: number }[];
  test(text: string): boolean;
}

// RE2 bounds each repetition count (1000); this bounds the whole program, so a rule cannot cost more per
// character than a few thousand automaton steps.
const MAX_PROGRAM_SIZE = 20_000;
const MAX_DEFINITION_LENGTH = 4_096;

export function compileRule(definition: string): CompiledRegexRule {
  if (definition.length === 0) throw new PiiRuleException('invalid-regex', 'a regex rule must not be empty');
  if (definition.length > MAX_DEFINITION_LENGTH) {
    throw new PiiRuleException(
      'regex-too-large',
      `a regex rule may have at most ${MAX_DEFINITION_LENGTH} characters`,
    );
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(definition);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown error';
    throw new PiiRuleException('invalid-regex', `regex rule does not compile (RE2 syntax): ${reason}`);
  }
  if (re.programSize() > MAX_PROGRAM_SIZE) {
    throw new PiiRuleException(
      'regex-too-large',
      `regex rule is too large (${re.programSize()} > ${MAX_PROGRAM_SIZE} instructions)`,
    );
  }
  return {
    definition,
    matches(text) {
      const out: { start: number; end: number }[] = [];
      const m = re.matcher(text);
      while (m.find()) if (m.end() > m.start()) out.push({ start: m.start(), end: m.end() });
      return out;
    },
    test(text) {
      const m = re.matcher(text);
      while (m.find()) if (m.end() > m.start()) return true;
      return false;
    },
  };
}

const compiled = new Map<string, CompiledRegexRule>();
const CACHE_LIMIT = 1_024;

// Policies are re-read on every request; compiling once per definition keeps the cost off the request path.
export function compiledRule(definition: string): CompiledRegexRule {
  let rule = compiled.get(definition);
  if (!rule) {
    rule = compileRule(definition);
    if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value as string);
    compiled.set(definition, rule);
  }
  return rule;
}
