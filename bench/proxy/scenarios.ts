// The benchmark's scenarios: each runs directly against the fake upstream, through the bare proxy and through
// the gateway. Adding one is an entry here (a PII policy or a route joins the same way, with its own key).
export type BenchKey = 'plain' | 'limited' | 'pii';

export interface Scenario {
  name: string;
  // The path below /v1, the same on every target.
  path: string;
  body: Record<string, unknown>;
  // The gateway key it runs with: without limits, with several limit windows and a spend limit, or with a
  // PII policy that redacts.
  key: BenchKey;
  // Streamed: the time to the first byte is reported beside the total.
  streams?: boolean;
  // The gateway's path when it is not the provider path (a route): /api/routes/<path>.
  gatewayPath?: string;
}

// The routes the benchmark creates (gateway.ts): one whose cache answers every measured call, one whose
// first step fails at once (connection refused) and falls back to the fake upstream.
export const BENCH_ROUTES = {
  cacheHit: '/bench-cache/chat/completions',
  fallback: '/bench-fallback/chat/completions',
};

const chat = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content }],
  max_tokens: 64,
  ...extra,
});

// " word" is one token in the o200k and cl100k encodings: 8,000 of them make an 8k-token prompt.
const EIGHT_K_TOKENS = 'word '.repeat(8000).trim();

// A 2 KB support ticket with a few PII values among ordinary text, as a redacting policy sees it.
const TICKET_LINE =
  'Customer Jane Doe (jane.doe@example.com, +1 415 555 0134) reports that order 88412 arrived damaged; ' +
  'please refund the card 4111 1111 1111 1111 and confirm by mail to 12 Market Street, Springfield. ';
const TWO_KB_TICKET = TICKET_LINE.repeat(Math.ceil(2048 / TICKET_LINE.length)).slice(0, 2048);

export const SCENARIOS: Scenario[] = [
  { name: 'chat, small prompt', path: '/chat/completions', body: chat('Say hello.'), key: 'plain' },
  { name: 'chat, 8k-token prompt', path: '/chat/completions', body: chat(EIGHT_K_TOKENS), key: 'plain' },
  {
    name: 'chat, streaming',
    path: '/chat/completions',
    body: chat('Say hello.', { stream: true }),
    key: 'plain',
    streams: true,
  },
  {
    name: 'embeddings',
    path: '/embeddings',
    body: { model: 'text-embedding-3-small', input: 'The quick brown fox jumps over the lazy dog.' },
    key: 'plain',
  },
  {
    name: 'chat, key with 4 rate windows, 2 spend windows, a total spend and a token window',
    path: '/chat/completions',
    body: chat('Say hello.'),
    key: 'limited',
  },
  // The same 2 KB prompt without and with a redacting policy: the difference is the PII hop (ADR 0017).
  { name: 'chat, 2 KB prompt', path: '/chat/completions', body: chat(TWO_KB_TICKET), key: 'plain' },
  {
    name: 'chat, 2 KB prompt, key with a redacting PII policy',
    path: '/chat/completions',
    body: chat(TWO_KB_TICKET),
    key: 'pii',
  },
  {
    name: 'route, cache hit',
    path: '/chat/completions',
    body: chat('Say hello.'),
    key: 'plain',
    gatewayPath: `/api/routes${BENCH_ROUTES.cacheHit}`,
  },
  {
    name: 'route, first step refused, fallback answers',
    path: '/chat/completions',
    body: chat('Say hello.'),
    key: 'plain',
    gatewayPath: `/api/routes${BENCH_ROUTES.fallback}`,
  },
];

// The PII key's policy (admin API fields): every entity the ticket holds is redacted, so every request is
// scanned, rewritten and forwarded.
export const PII_POLICY_FIELDS = {
  tags: ['bench'],
  config: {
    rules: {
      email: 'allow_but_redact',
      phone: 'allow_but_redact',
      credit_debit_number: 'allow_but_redact',
      name: 'allow_but_redact',
      address: 'allow_but_redact',
      ssn: 'allow_but_redact',
    },
  },
};

// The limited key's limits (admin API fields): never reached by the benchmark, all checked on every request.
export const LIMITED_KEY_FIELDS = {
  rateLimits: [
    { limit: 1_000_000, unit: 's' },
    { limit: 10_000_000, unit: 'm' },
    { limit: 100_000_000, unit: 'h' },
    { limit: 1_000_000_000, unit: 'd' },
  ],
  costLimitInUsd: 1_000_000,
  costLimits: [
    { limitInUsd: 100_000, unit: 'd' },
    { limitInUsd: 1_000_000, unit: 'mo' },
  ],
  tokenLimits: [{ limit: 2_000_000_000, unit: 'm' }],
};
