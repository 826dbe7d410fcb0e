import { CL100K_TOKEN_SPLIT_REGEX, O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { CountBudget, countTokensWithin, RecentMerges, type Tokenizer } from './bounded-token-count';

// Counts the tokens of a text, with a bounded amount of work (bounded-token-count.ts). Pass one budget to
// every count of a request; without one, each call gets a budget of its own.
export type TokenCounter = (text: string, budget?: CountBudget) => number;

// Special tokens in a prompt are plain text to the provider (and to this count); gpt-tokenizer's default
// throws on them.
const SPECIALS_AS_TEXT = { disallowedSpecial: new Set<string>() };

// Encodings load lazily (each costs tens of MB): only a request with a spend or token limit, or one whose
// provider reported no usage, needs one.
const LOADERS = {
  cl100k_base: async (): Promise<Tokenizer> => {
    const [{ countTokens }, ranks] = await Promise.all([
      import('gpt-tokenizer/encoding/cl100k_base'),
      import('gpt-tokenizer/bpeRanks/cl100k_base'),
    ]);
    return tokenizerOf(CL100K_TOKEN_SPLIT_REGEX, ranks.default, (chunk) =>
      countTokens(chunk, SPECIALS_AS_TEXT),
    );
  },
  o200k_base: async (): Promise<Tokenizer> => {
    const [{ countTokens }, ranks] = await Promise.all([
      import('gpt-tokenizer/encoding/o200k_base'),
      import('gpt-tokenizer/bpeRanks/o200k_base'),
    ]);
    return tokenizerOf(O200K_TOKEN_SPLIT_REGEX, ranks.default, (chunk) =>
      countTokens(chunk, SPECIALS_AS_TEXT),
    );
  },
};
const counters = new Map<keyof typeof LOADERS, Promise<TokenCounter>>();

function tokenizerOf(
  splitter: RegExp,
  ranks: readonly (string | number[])[],
  mergedTokens: (chunk: string) => number,
): Tokenizer {
  const vocabulary = new Set(ranks.filter((token): token is string => typeof token === 'string'));
  // A copy: the counter moves lastIndex, gpt-tokenizer's own splitting must not see it.
  return {
    splitter: new RegExp(splitter.source, splitter.flags),
    vocabulary,
    mergedTokens,
    recentMerges: new RecentMerges(),
  };
}

// cl100k for the GPT-4 and GPT-3.5 families and the first embeddings; o200k for everything newer and, as the
// closest public approximation, for other vendors' models (the event marks such counts as estimated).
export function encodingFor(model: string): keyof typeof LOADERS {
  return /^(gpt-4(?!o|\.\d)|gpt-3\.5|text-embedding-(ada|3)|ada)/.test(model) ? 'cl100k_base' : 'o200k_base';
}

export function tokenCounter(model: string): Promise<TokenCounter> {
  const name = encodingFor(model);
  let counter = counters.get(name);
  if (!counter) {
    counter = LOADERS[name]().then(
      (tokenizer) =>
        (text: string, budget = new CountBudget()) =>
          countTokensWithin(tokenizer, text, budget),
    );
    counters.set(name, counter);
  }
  return counter;
}

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
  if (!request || typeof request !== 'object') return 0;
  const r = request as Record<string, unknown>;
  const text = (value: string) => count(value, budget);
  let tokens = Array.isArray(r['messages']) ? messageTokens(r['messages'], text) : 0;
  for (const prompt of [r['prompt'], r['input'], r['system']]) {
    if (typeof prompt === 'string') tokens += text(prompt);
    else if (Array.isArray(prompt))
      tokens += prompt.reduce(
        (n: number, t: unknown) =>
          n + text(typeof t === 'string' ? t : contentText(asRecord(t)['content'] ?? [t])),
        0,
      );
  }
  // Tool (and legacy function) definitions are sent to the model as part of the prompt.
  if (r['tools'] !== undefined) tokens += text(JSON.stringify(r['tools']));
  if (r['functions'] !== undefined) tokens += text(JSON.stringify(r['functions']));
  return tokens;
}

function messageTokens(messages: unknown[], text: (value: string) => number): number {
  let tokens = 3;
  for (const entry of messages) {
    const message = asRecord(entry) as ChatMessage;
    tokens +=
      3 + text(contentText(message.content)) + text(typeof message.role === 'string' ? message.role : '');
    if (typeof message.name === 'string') tokens += 1 + text(message.name);
    // An assistant turn's tool calls are part of the prompt the next turn sends back.
    if (message.tool_calls !== undefined) tokens += text(JSON.stringify(message.tool_calls));
  }
  return tokens;
}
