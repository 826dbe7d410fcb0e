import type { MeteringCase } from '../metering-case';

// OpenAI Chat Completions streams: usage arrives in the `choices: []` chunk before `data: [DONE]`
// (stream_options.include_usage).
export const OPENAI_STREAM_CASES: MeteringCase[] = [
  {
    name: 'openai stream gpt-4o-mini with include_usage',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-4o-mini',
      messages: [
        {
          role: 'user',
          content: 'Hi',
        },
      ],
      stream: true,
      stream_options: {
        include_usage: true,
      },
    },
    response: {
      sse: String.raw`data: {"id":"chatcmpl-dab20M1RrUGAILFRMr6wVmKmlHszv","object":"chat.completion.chunk","created":1763908634,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_bb7f759043","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-dab20M1RrUGAILFRMr6wVmKmlHszv","object":"chat.completion.chunk","created":1763908634,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_bb7f759043","choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-dab20M1RrUGAILFRMr6wVmKmlHszv","object":"chat.completion.chunk","created":1763908634,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_bb7f759043","choices":[{"index":0,"delta":{"content":"!"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-dab20M1RrUGAILFRMr6wVmKmlHszv","object":"chat.completion.chunk","created":1763908634,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_bb7f759043","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}

data: {"id":"chatcmpl-dab20M1RrUGAILFRMr6wVmKmlHszv","object":"chat.completion.chunk","created":1763908634,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_bb7f759043","choices":[],"usage":{"prompt_tokens":19,"completion_tokens":2,"total_tokens":21,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}

data: [DONE]

`,
    },
    expected: {
      priceEntry: 'gpt-4o-mini',
      costNanoUsd: 4050,
      promptTokens: 19,
      completionTokens: 2,
    },
    working: 'gpt-4o-mini, µ$/token: in 19 × 0.15 + out 2 × 0.6 = 2.85 + 1.2 = 4.05 µ$ = 4050 n$',
  },
  {
    name: 'openai stream gpt-4o, cached prompt tokens',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-4o',
      messages: [
        {
          role: 'system',
          content: 'Product catalogue follows…',
        },
        {
          role: 'user',
          content: 'Which kettles are under $40?',
        },
      ],
      stream: true,
      stream_options: {
        include_usage: true,
      },
    },
    response: {
      sse: String.raw`data: {"id":"chatcmpl-O8xxo6ZAWsQNbJT8fjtQmlziKFplj","object":"chat.completion.chunk","created":1763912498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_026e12a0a1","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-O8xxo6ZAWsQNbJT8fjtQmlziKFplj","object":"chat.completion.chunk","created":1763912498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_026e12a0a1","choices":[{"index":0,"delta":{"content":"Two kettles"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-O8xxo6ZAWsQNbJT8fjtQmlziKFplj","object":"chat.completion.chunk","created":1763912498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_026e12a0a1","choices":[{"index":0,"delta":{"content":" are under $40: the K-100"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-O8xxo6ZAWsQNbJT8fjtQmlziKFplj","object":"chat.completion.chunk","created":1763912498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_026e12a0a1","choices":[{"index":0,"delta":{"content":" and the K-120."},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-O8xxo6ZAWsQNbJT8fjtQmlziKFplj","object":"chat.completion.chunk","created":1763912498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_026e12a0a1","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}

data: {"id":"chatcmpl-O8xxo6ZAWsQNbJT8fjtQmlziKFplj","object":"chat.completion.chunk","created":1763912498,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_026e12a0a1","choices":[],"usage":{"prompt_tokens":2250,"completion_tokens":180,"total_tokens":2430,"prompt_tokens_details":{"cached_tokens":2048,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}

data: [DONE]

`,
    },
    expected: {
      priceEntry: 'gpt-4o',
      costNanoUsd: 4_865_000,
      promptTokens: 2250,
      completionTokens: 180,
      cachedPromptTokens: 2048,
    },
    working:
      'gpt-4o, µ$/token: in 202 × 2.5 + cached 2048 × 1.25 + out 180 × 10 = 505 + 2560 + 1800 = 4865 µ$ = 4865000 n$',
  },
  {
    name: 'openai stream gpt-4o-mini, n = 2 interleaved choices',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-4o-mini',
      messages: [
        {
          role: 'user',
          content: 'Two-word band name?',
        },
      ],
      n: 2,
      stream: true,
      stream_options: {
        include_usage: true,
      },
    },
    response: {
      sse: String.raw`data: {"id":"chatcmpl-mFozJVnXxCeMVnMgg6x7Ky9gWzgkR","object":"chat.completion.chunk","created":1763951132,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_64bb52e062","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-mFozJVnXxCeMVnMgg6x7Ky9gWzgkR","object":"chat.completion.chunk","created":1763951132,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_64bb52e062","choices":[{"index":1,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-mFozJVnXxCeMVnMgg6x7Ky9gWzgkR","object":"chat.completion.chunk","created":1763951132,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_64bb52e062","choices":[{"index":0,"delta":{"content":"Blue"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-mFozJVnXxCeMVnMgg6x7Ky9gWzgkR","object":"chat.completion.chunk","created":1763951132,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_64bb52e062","choices":[{"index":1,"delta":{"content":"Teal"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-mFozJVnXxCeMVnMgg6x7Ky9gWzgkR","object":"chat.completion.chunk","created":1763951132,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_64bb52e062","choices":[{"index":0,"delta":{"content":" harbour"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-mFozJVnXxCeMVnMgg6x7Ky9gWzgkR","object":"chat.completion.chunk","created":1763951132,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_64bb52e062","choices":[{"index":1,"delta":{"content":" lantern"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-mFozJVnXxCeMVnMgg6x7Ky9gWzgkR","object":"chat.completion.chunk","created":1763951132,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_64bb52e062","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}

data: {"id":"chatcmpl-mFozJVnXxCeMVnMgg6x7Ky9gWzgkR","object":"chat.completion.chunk","created":1763951132,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_64bb52e062","choices":[{"index":1,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}

data: {"id":"chatcmpl-mFozJVnXxCeMVnMgg6x7Ky9gWzgkR","object":"chat.completion.chunk","created":1763951132,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_64bb52e062","choices":[],"usage":{"prompt_tokens":24,"completion_tokens":38,"total_tokens":62,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}

data: [DONE]

`,
    },
    expected: {
      priceEntry: 'gpt-4o-mini',
      costNanoUsd: 26_400,
      promptTokens: 24,
      completionTokens: 38,
    },
    working: 'gpt-4o-mini, µ$/token: in 24 × 0.15 + out 38 × 0.6 = 3.6 + 22.8 = 26.4 µ$ = 26400 n$',
  },
  {
    name: 'openai stream gpt-4.1, tool_calls deltas',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-4.1',
      messages: [
        {
          role: 'user',
          content: 'Where is order A-10492?',
        },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'lookup_order',
            description: 'Look up an order by id',
            parameters: {
              type: 'object',
              properties: {
                order_id: {
                  type: 'string',
                },
              },
              required: ['order_id'],
            },
            strict: true,
          },
        },
      ],
      stream: true,
      stream_options: {
        include_usage: true,
      },
    },
    response: {
      sse: String.raw`data: {"id":"chatcmpl-ZNF2YJpp2hXMNx1LlvA2u9Sl1uiqH","object":"chat.completion.chunk","created":1763968226,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_a2693bf2a1","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1feZdUYUVIPZrJ1HKVnOcxxx","type":"function","function":{"name":"lookup_order","arguments":""}}],"refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-ZNF2YJpp2hXMNx1LlvA2u9Sl1uiqH","object":"chat.completion.chunk","created":1763968226,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_a2693bf2a1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"order"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-ZNF2YJpp2hXMNx1LlvA2u9Sl1uiqH","object":"chat.completion.chunk","created":1763968226,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_a2693bf2a1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"_id\":\"A-10"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-ZNF2YJpp2hXMNx1LlvA2u9Sl1uiqH","object":"chat.completion.chunk","created":1763968226,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_a2693bf2a1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"492\"}"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-ZNF2YJpp2hXMNx1LlvA2u9Sl1uiqH","object":"chat.completion.chunk","created":1763968226,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_a2693bf2a1","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}],"usage":null}

data: {"id":"chatcmpl-ZNF2YJpp2hXMNx1LlvA2u9Sl1uiqH","object":"chat.completion.chunk","created":1763968226,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_a2693bf2a1","choices":[],"usage":{"prompt_tokens":318,"completion_tokens":24,"total_tokens":342,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}

data: [DONE]

`,
    },
    expected: {
      priceEntry: 'gpt-4.1',
      costNanoUsd: 828_000,
      promptTokens: 318,
      completionTokens: 24,
    },
    working: 'gpt-4.1, µ$/token: in 318 × 2 + out 24 × 8 = 636 + 192 = 828 µ$ = 828000 n$',
  },
  {
    name: 'openai stream o4-mini, reasoning tokens',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'o4-mini',
      messages: [
        {
          role: 'user',
          content: 'Is 2^61 - 1 prime?',
        },
      ],
      reasoning_effort: 'high',
      stream: true,
      stream_options: {
        include_usage: true,
      },
    },
    response: {
      sse: String.raw`data: {"id":"chatcmpl-P2MbSRez2O7UOOenVxAZouuZJ3Eva","object":"chat.completion.chunk","created":1763805223,"model":"o4-mini-2025-04-16","service_tier":"default","system_fingerprint":"fp_a3d553c46c","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-P2MbSRez2O7UOOenVxAZouuZJ3Eva","object":"chat.completion.chunk","created":1763805223,"model":"o4-mini-2025-04-16","service_tier":"default","system_fingerprint":"fp_a3d553c46c","choices":[{"index":0,"delta":{"content":"Yes"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-P2MbSRez2O7UOOenVxAZouuZJ3Eva","object":"chat.completion.chunk","created":1763805223,"model":"o4-mini-2025-04-16","service_tier":"default","system_fingerprint":"fp_a3d553c46c","choices":[{"index":0,"delta":{"content":" — it is a Mersenne prime."},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-P2MbSRez2O7UOOenVxAZouuZJ3Eva","object":"chat.completion.chunk","created":1763805223,"model":"o4-mini-2025-04-16","service_tier":"default","system_fingerprint":"fp_a3d553c46c","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}

data: {"id":"chatcmpl-P2MbSRez2O7UOOenVxAZouuZJ3Eva","object":"chat.completion.chunk","created":1763805223,"model":"o4-mini-2025-04-16","service_tier":"default","system_fingerprint":"fp_a3d553c46c","choices":[],"usage":{"prompt_tokens":96,"completion_tokens":1380,"total_tokens":1476,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":1280,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}

data: [DONE]

`,
    },
    expected: {
      priceEntry: 'o4-mini',
      costNanoUsd: 6_177_600,
      promptTokens: 96,
      completionTokens: 1380,
      reasoningTokens: 1280,
    },
    working:
      'o4-mini (out 1380 includes 1280 reasoning), µ$/token: in 96 × 1.1 + out 1380 × 4.4 = 105.6 + 6072 = 6177.6 µ$ = 6177600 n$',
  },
  {
    name: 'openai stream gpt-5, reasoning and cached prompt',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-5',
      messages: [
        {
          role: 'developer',
          content: 'API reference follows…',
        },
        {
          role: 'user',
          content: 'How do I paginate /v2/events?',
        },
      ],
      stream: true,
      stream_options: {
        include_usage: true,
      },
    },
    response: {
      sse: String.raw`data: {"id":"chatcmpl-QlxMcq7SGYkDO2ufcsF2onLi30TpR","object":"chat.completion.chunk","created":1763867219,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":"fp_f94927df2c","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-QlxMcq7SGYkDO2ufcsF2onLi30TpR","object":"chat.completion.chunk","created":1763867219,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":"fp_f94927df2c","choices":[{"index":0,"delta":{"content":"Pass the next_cursor"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-QlxMcq7SGYkDO2ufcsF2onLi30TpR","object":"chat.completion.chunk","created":1763867219,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":"fp_f94927df2c","choices":[{"index":0,"delta":{"content":" value from each page as cursor."},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-QlxMcq7SGYkDO2ufcsF2onLi30TpR","object":"chat.completion.chunk","created":1763867219,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":"fp_f94927df2c","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}

data: {"id":"chatcmpl-QlxMcq7SGYkDO2ufcsF2onLi30TpR","object":"chat.completion.chunk","created":1763867219,"model":"gpt-5-2025-08-07","service_tier":"default","system_fingerprint":"fp_f94927df2c","choices":[],"usage":{"prompt_tokens":5400,"completion_tokens":900,"total_tokens":6300,"prompt_tokens_details":{"cached_tokens":4096,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":640,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}

data: [DONE]

`,
    },
    expected: {
      priceEntry: 'gpt-5',
      costNanoUsd: 11_142_000,
      promptTokens: 5400,
      completionTokens: 900,
      cachedPromptTokens: 4096,
      reasoningTokens: 640,
    },
    working:
      'gpt-5 (out 900 includes 640 reasoning), µ$/token: in 1304 × 1.25 + cached 4096 × 0.125 + out 900 × 10 = 1630 + 512 + 9000 = 11142 µ$ = 11142000 n$',
  },
  {
    name: 'openai stream gpt-5-nano, half a micro-dollar kept exact',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-5-nano',
      messages: [
        {
          role: 'user',
          content: 'Yes or no?',
        },
      ],
      reasoning_effort: 'minimal',
      stream: true,
      stream_options: {
        include_usage: true,
      },
    },
    response: {
      sse: String.raw`data: {"id":"chatcmpl-G8YT3EdMRbXXFz65s5t0xuQNsvycq","object":"chat.completion.chunk","created":1763886862,"model":"gpt-5-nano-2025-08-07","service_tier":"default","system_fingerprint":"fp_7218545cd1","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-G8YT3EdMRbXXFz65s5t0xuQNsvycq","object":"chat.completion.chunk","created":1763886862,"model":"gpt-5-nano-2025-08-07","service_tier":"default","system_fingerprint":"fp_7218545cd1","choices":[{"index":0,"delta":{"content":"Yes."},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-G8YT3EdMRbXXFz65s5t0xuQNsvycq","object":"chat.completion.chunk","created":1763886862,"model":"gpt-5-nano-2025-08-07","service_tier":"default","system_fingerprint":"fp_7218545cd1","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}

data: {"id":"chatcmpl-G8YT3EdMRbXXFz65s5t0xuQNsvycq","object":"chat.completion.chunk","created":1763886862,"model":"gpt-5-nano-2025-08-07","service_tier":"default","system_fingerprint":"fp_7218545cd1","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":10,"total_tokens":20,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}

data: [DONE]

`,
    },
    expected: {
      priceEntry: 'gpt-5-nano',
      costNanoUsd: 4500,
      promptTokens: 10,
      completionTokens: 10,
    },
    working: 'gpt-5-nano, µ$/token: in 10 × 0.05 + out 10 × 0.4 = 0.5 + 4 = 4.5 µ$ = 4500 n$',
  },
  {
    name: 'openai stream gpt-5.6 above 272k with cache read and write',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-5.6',
      messages: [
        {
          role: 'user',
          content: 'Cross-reference these filings.',
        },
      ],
      prompt_cache_options: {
        mode: 'explicit',
      },
      stream: true,
      stream_options: {
        include_usage: true,
      },
    },
    response: {
      sse: String.raw`data: {"id":"chatcmpl-lR5TOyasG9VytTRnxTYNPWiq1mZNu","object":"chat.completion.chunk","created":1763909864,"model":"gpt-5.6-2026-10-01","service_tier":"default","system_fingerprint":"fp_0d9c8e3f0c","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-lR5TOyasG9VytTRnxTYNPWiq1mZNu","object":"chat.completion.chunk","created":1763909864,"model":"gpt-5.6-2026-10-01","service_tier":"default","system_fingerprint":"fp_0d9c8e3f0c","choices":[{"index":0,"delta":{"content":"Filing 7 contradicts"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-lR5TOyasG9VytTRnxTYNPWiq1mZNu","object":"chat.completion.chunk","created":1763909864,"model":"gpt-5.6-2026-10-01","service_tier":"default","system_fingerprint":"fp_0d9c8e3f0c","choices":[{"index":0,"delta":{"content":" filing 12 on revenue recognition."},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-lR5TOyasG9VytTRnxTYNPWiq1mZNu","object":"chat.completion.chunk","created":1763909864,"model":"gpt-5.6-2026-10-01","service_tier":"default","system_fingerprint":"fp_0d9c8e3f0c","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}

data: {"id":"chatcmpl-lR5TOyasG9VytTRnxTYNPWiq1mZNu","object":"chat.completion.chunk","created":1763909864,"model":"gpt-5.6-2026-10-01","service_tier":"default","system_fingerprint":"fp_0d9c8e3f0c","choices":[],"usage":{"prompt_tokens":280000,"completion_tokens":1200,"total_tokens":281200,"prompt_tokens_details":{"cached_tokens":200000,"audio_tokens":0,"cache_write_tokens":70000},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}

data: [DONE]

`,
    },
    expected: {
      priceEntry: 'gpt-5.6',
      costNanoUsd: 1_229_000_000,
      promptTokens: 280000,
      completionTokens: 1200,
      cachedPromptTokens: 200000,
      cacheWriteTokens: 70000,
    },
    working:
      'gpt-5.6 above_272k tier (prompt 280000 > 272000), µ$/token: in 10000 × 10 + cached 200000 × 1 + cache write 70000 × 12.5 + out 1200 × 45 = 100000 + 200000 + 875000 + 54000 = 1229000 µ$ = 1229000000 n$',
  },
  {
    name: 'openai stream gpt-4o-mini, fractional micro-dollars kept exact',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-4o-mini',
      messages: [
        {
          role: 'user',
          content: 'Name a colour.',
        },
      ],
      stream: true,
      stream_options: {
        include_usage: true,
      },
    },
    response: {
      sse: String.raw`data: {"id":"chatcmpl-JhNVBZt3A5NoChrVKDSnwCLQpnaYi","object":"chat.completion.chunk","created":1763926150,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_c45281286c","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-JhNVBZt3A5NoChrVKDSnwCLQpnaYi","object":"chat.completion.chunk","created":1763926150,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_c45281286c","choices":[{"index":0,"delta":{"content":"Cerulean"},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-JhNVBZt3A5NoChrVKDSnwCLQpnaYi","object":"chat.completion.chunk","created":1763926150,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_c45281286c","choices":[{"index":0,"delta":{"content":"."},"logprobs":null,"finish_reason":null}],"usage":null}

data: {"id":"chatcmpl-JhNVBZt3A5NoChrVKDSnwCLQpnaYi","object":"chat.completion.chunk","created":1763926150,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_c45281286c","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}

data: {"id":"chatcmpl-JhNVBZt3A5NoChrVKDSnwCLQpnaYi","object":"chat.completion.chunk","created":1763926150,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_c45281286c","choices":[],"usage":{"prompt_tokens":11,"completion_tokens":3,"total_tokens":14,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}

data: [DONE]

`,
    },
    expected: {
      priceEntry: 'gpt-4o-mini',
      costNanoUsd: 3450,
      promptTokens: 11,
      completionTokens: 3,
    },
    working: 'gpt-4o-mini, µ$/token: in 11 × 0.15 + out 3 × 0.6 = 1.65 + 1.8 = 3.45 µ$ = 3450 n$',
  },
];
