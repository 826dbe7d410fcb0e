export type TokenCounter = (text: string) => number;

// Encodings load lazily (each costs tens of MB): only a request without provider-reported usage needs one.
const LOADERS = {
  cl100k_base: () => import('gpt-tokenizer/encoding/cl100k_base'),
  o200k_base: () => import('gpt-tokenizer/encoding/o200k_base'),
};
const counters = new Map<keyof typeof LOADERS, Promise<TokenCounter>>();

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
      ({ encode }) =>
        (text: string) =>
          text ? encode(text).length : 0,
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

// Text of a message content: a string, or the text parts of a content array (OpenAI and Anthropic blocks).
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => {
      const p = part as { type?: unknown; text?: unknown; content?: unknown };
      if (typeof p.text === 'string') return p.text;
      if (p.type === 'tool_result') return contentText(p.content);
      return '';
    })
    .join('');
}

// The prompt of a request, counted the way OpenAI's cookbook counts chat messages (3 tokens per message,
// 1 more for a name, 3 to prime the reply); plain prompts and inputs (completions, embeddings, Responses,
// Anthropic's system and legacy prompt) are counted as text.
export function estimatePromptTokens(count: TokenCounter, request: unknown): number {
  if (!request || typeof request !== 'object') return 0;
  const r = request as {
    messages?: unknown;
    prompt?: unknown;
    input?: unknown;
    system?: unknown;
    tools?: unknown;
    functions?: unknown;
  };
  let tokens = 0;
  if (Array.isArray(r.messages)) {
    for (const message of r.messages as ChatMessage[]) {
      tokens +=
        3 + count(contentText(message.content)) + count(typeof message.role === 'string' ? message.role : '');
      if (typeof message.name === 'string') tokens += 1 + count(message.name);
      // An assistant turn's tool calls are part of the prompt the next turn sends back.
      if (message.tool_calls !== undefined) tokens += count(JSON.stringify(message.tool_calls));
    }
    tokens += 3;
  }
  for (const text of [r.prompt, r.input, r.system]) {
    if (typeof text === 'string') tokens += count(text);
    else if (Array.isArray(text))
      tokens += text.reduce(
        (n: number, t: unknown) =>
          n + count(typeof t === 'string' ? t : contentText((t as ChatMessage).content ?? [t])),
        0,
      );
  }
  // Tool (and legacy function) definitions are sent to the model as part of the prompt.
  if (r.tools !== undefined) tokens += count(JSON.stringify(r.tools));
  if (r.functions !== undefined) tokens += count(JSON.stringify(r.functions));
  return tokens;
}
