import { mergeSpans, placeholderOf, type PolicyEvaluation } from '@tollgate/pii';
import type { ScanResult } from '@tollgate/prompt-scan';

// The answer of a scan: types only, and spans to rewrite only when the request is to be redacted (a warned
// request goes on unredacted, as in BricksLLM; a blocked one does not go on).
export function toScanResult(evaluation: PolicyEvaluation, texts: readonly string[]): ScanResult {
  const redacting = evaluation.action === 'redacted';
  return {
    action: evaluation.action,
    entitiesFound: [...evaluation.entitiesFound],
    regexRulesMatched: [...evaluation.regexRulesMatched],
    redactions: evaluation.redactions.map((spans, i) =>
      redacting
        ? mergeSpans(spans, texts[i].length).map((s) => ({
            start: s.start,
            end: s.end,
            placeholder: placeholderOf(s),
          }))
        : [],
    ),
  };
}
