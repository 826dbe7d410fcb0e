// Redaction in place: only the bytes of each redacted span change; every other byte of the body is the
// client's own (key order, spacing, escapes, numbers, fields the gateway does not know).
import type { TextRedaction } from '../contract/scan-contract';
import type { PromptText } from '../formats/extract-prompt-texts';
import { rawRangeOf, unitSources } from '../json/raw-string';
import { PromptTextException } from '../prompt-text.exception';

// A change to the raw body: bytes [start, end) become `bytes`.
export interface RawEdit {
  readonly start: number;
  readonly end: number;
  readonly bytes: Buffer;
}

// `texts` are the body's prompt texts (extractPromptTexts) and `redactions` one list per text, in the same
// order. Throws PromptTextException('invalid-redaction') for spans that do not fit their text.
export function rewritePrompt(
  raw: Uint8Array,
  texts: readonly PromptText[],
  redactions: readonly (readonly TextRedaction[])[],
): Buffer {
  const body = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const parts: Buffer[] = [];
  let cursor = 0;
  for (const edit of planRewrite(raw, texts, redactions)) {
    parts.push(body.subarray(cursor, edit.start), edit.bytes);
    cursor = edit.end;
  }
  parts.push(body.subarray(cursor));
  return Buffer.concat(parts);
}

// The raw edits rewritePrompt applies, sorted and disjoint.
export function planRewrite(
  raw: Uint8Array,
  texts: readonly PromptText[],
  redactions: readonly (readonly TextRedaction[])[],
): RawEdit[] {
  if (redactions.length !== texts.length) {
    throw new PromptTextException(
      'invalid-redaction',
      `${redactions.length} redaction lists for ${texts.length} texts`,
    );
  }
  // Texts are distinct JSON strings, so edits of different texts never overlap.
  return texts.flatMap((text, i) => editsOfText(raw, text, redactions[i])).sort((a, b) => a.start - b.start);
}

function editsOfText(raw: Uint8Array, text: PromptText, spans: readonly TextRedaction[]): RawEdit[] {
  if (spans.length === 0) return [];
  const sources = unitSources(raw, text.start, text.end, text.text.length);
  if (sources.units !== text.text.length) {
    throw new PromptTextException('invalid-redaction', `the text at ${text.pointer} is not from this body`);
  }
  const edits: RawEdit[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    checkSpan(span, text);
    const range = rawRangeOf(text.text, sources, span.start, span.end);
    const last = edits[edits.length - 1];
    // Overlapping spans (or spans widened into the same character) become one edit with the first placeholder.
    if (last && range.start < last.end) {
      if (range.end > last.end) edits[edits.length - 1] = { ...last, end: range.end };
      continue;
    }
    edits.push({ ...range, bytes: jsonStringContent(span.placeholder) });
  }
  return edits;
}

function checkSpan(span: TextRedaction, text: PromptText): void {
  const fits =
    Number.isInteger(span.start) &&
    Number.isInteger(span.end) &&
    span.start >= 0 &&
    span.start < span.end &&
    span.end <= text.text.length;
  if (!fits) {
    throw new PromptTextException(
      'invalid-redaction',
      `span [${span.start}, ${span.end}) does not fit the text at ${text.pointer} (${text.text.length} units)`,
    );
  }
}

// A placeholder as it must appear between a JSON string's quotes.
function jsonStringContent(placeholder: string): Buffer {
  return Buffer.from(JSON.stringify(placeholder).slice(1, -1), 'utf8');
}
