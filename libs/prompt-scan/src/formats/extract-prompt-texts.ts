import type { JsonNode } from '../json/json-node';
import { parseLocatedJson } from '../json/located-json.parser';
import { PROMPT_SELECTORS, type PromptFormat } from './prompt-format';
import { select } from './selector';

// One text a model reads, decoded, and where its JSON string lies in the raw body.
export interface PromptText {
  // JSON pointer of the string (for debugging and tests; never logged with the text).
  readonly pointer: string;
  readonly text: string;
  // Raw byte offsets of the string's content: after the opening quote, up to the closing quote.
  readonly start: number;
  readonly end: number;
}

// The prompt texts of a request body in document order; empty strings are left out (nothing to scan).
// Throws PromptTextException for a body that is not strict JSON in UTF-8.
export function extractPromptTexts(raw: Uint8Array, format: PromptFormat): PromptText[] {
  return promptTextsOf(parseLocatedJson(raw), format);
}

export function promptTextsOf(root: JsonNode, format: PromptFormat): PromptText[] {
  const byStart = new Map<number, PromptText>();
  for (const selector of PROMPT_SELECTORS[format]) {
    for (const { pointer, node } of select(root, selector)) {
      if (node.value.length > 0)
        byStart.set(node.start, { pointer, text: node.value, start: node.start, end: node.end });
    }
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}
