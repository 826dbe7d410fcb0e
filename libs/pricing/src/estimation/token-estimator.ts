import { BoundedCount, CountBudget } from './bounded-token-count';
import { tokenCounter, tokenizerFor, type TokenCounter } from './tokenizers';

export { encodingFor, tokenCounter, type TokenCounter } from './tokenizers';

// A prompt counted ahead of time by precountPromptTokens, by request body and counter: estimatePromptTokens
// answers it instead of counting again (admission's reservation, settlement's estimate).
const precounted = new WeakMap<object, Map<TokenCounter, number>>();

// Work precountPromptTokens may spend on one request (about 50 ms on the machine of the ADR's figures) and
// how much it does between two turns of the event loop (about 2 ms), so a large prompt is counted exactly
// without holding up anyone else.
export const PRECOUNT_BUDGET_UNITS = 50_000_000;
const PRECOUNT_SLICE_UNITS = 2_000_000;

interface ChatMessage {
  role?: unknown;
  name?: unknown;
  content?: unknown;
  tool_calls?: unknown;
}

// A request body is whatever the client sent: a part or message may be null, a number, an array.
function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

// Text of a message content: a string, or the text parts of a content array (OpenAI and Anthropic blocks).
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => {
      const p = asRecord(part);
      if (typeof p['text'] === 'string') return p['text'];
      if (p['type'] === 'tool_result') return contentText(p['content']);
      return '';
    })
    .join('');
}

// The prompt of a request, counted the way OpenAI's cookbook counts chat messages (3 tokens per message,
// 1 more for a name, 3 to prime the reply); plain prompts and inputs (completions, embeddings, Responses,
// Anthropic's system and legacy prompt) are counted as text. Every text shares one budget of work.
export function estimatePromptTokens(
  count: TokenCounter,
  request: unknown,
  budget: CountBudget = new CountBudget(),
): number {
  const ahead = request && typeof request === 'object' ? precounted.get(request)?.get(count) : undefined;
  if (ahead !== undefined) return ahead;
  const { overhead, texts } = promptParts(request);
  return texts.reduce((tokens, text) => tokens + count(text, budget), overhead);
}

// The same count as estimatePromptTokens, with a larger budget, done a slice at a time between turns of the
// event loop; kept for estimatePromptTokens to answer for the same body and model's counter.
export async function precountPromptTokens(
  model: string,
  request: object,
  budget: CountBudget = new CountBudget(PRECOUNT_BUDGET_UNITS),
): Promise<number> {
  const [count, tokenizer] = await Promise.all([tokenCounter(model), tokenizerFor(model)]);
  const { overhead, texts } = promptParts(request);
  let tokens = overhead;
  for (const text of texts) {
    const counting = new BoundedCount(tokenizer, text, budget);
    while (!counting.step(PRECOUNT_SLICE_UNITS)) await nextTurn();
    tokens += counting.tokens();
  }
  const byCounter = precounted.get(request) ?? new Map<TokenCounter, number>();
  precounted.set(request, byCounter.set(count, tokens));
  return tokens;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

// What a prompt is counted as: fixed tokens (per message, per name, to prime the reply) and the texts.
function promptParts(request: unknown): { overhead: number; texts: string[] } {
  const parts = { overhead: 0, texts: [] as string[] };
  if (!request || typeof request !== 'object') return parts;
  const r = request as Record<string, unknown>;
  if (Array.isArray(r['messages'])) messageParts(r['messages'], parts);
  for (const prompt of [r['prompt'], r['input'], r['system']]) {
    if (typeof prompt === 'string') parts.texts.push(prompt);
    else if (Array.isArray(prompt))
      for (const t of prompt)
        parts.texts.push(typeof t === 'string' ? t : contentText(asRecord(t)['content'] ?? [t]));
  }
  // Tool (and legacy function) definitions are sent to the model as part of the prompt.
  if (r['tools'] !== undefined) parts.texts.push(JSON.stringify(r['tools']));
  if (r['functions'] !== undefined) parts.texts.push(JSON.stringify(r['functions']));
  return parts;
}

function messageParts(messages: unknown[], parts: { overhead: number; texts: string[] }): void {
  parts.overhead += 3;
  for (const entry of messages) {
    const message = asRecord(entry) as ChatMessage;
    parts.overhead += 3;
    parts.texts.push(contentText(message.content), typeof message.role === 'string' ? message.role : '');
    if (typeof message.name === 'string') {
      parts.overhead += 1;
      parts.texts.push(message.name);
    }
    // An assistant turn's tool calls are part of the prompt the next turn sends back.
    if (message.tool_calls !== undefined) parts.texts.push(JSON.stringify(message.tool_calls));
  }
}
