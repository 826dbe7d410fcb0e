import type { MeteringCase } from '../metering-case';

// Batch API results (the body of an output-file line): batch_input / batch_output replace input / output where the
// catalog has them; cached and cache-write prices are unchanged.
export const BATCH_CASES: MeteringCase[] = [
  {
    name: 'batch gpt-4o-mini chat at batch prices',
    provider: 'openai',
    usageFormat: 'openai',
    batch: true,
    request: {
      model: 'gpt-4o-mini',
      messages: [
        {
          role: 'user',
          content: 'Tag this review: "Arrived broken."',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-e6G7KH9RLCHwrmb4lzBPF3ijxO9IT',
        object: 'chat.completion',
        created: 1763925053,
        model: 'gpt-4o-mini-2024-07-18',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'negative, shipping-damage',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 1200,
          completion_tokens: 300,
          total_tokens: 1500,
          prompt_tokens_details: {
            cached_tokens: 0,
            audio_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'batch',
        system_fingerprint: 'fp_08f938632a',
      },
    },
    expected: {
      priceEntry: 'gpt-4o-mini',
      costNanoUsd: 180_000,
      promptTokens: 1200,
      completionTokens: 300,
    },
    working:
      'gpt-4o-mini batch prices, µ$/token: in 1200 × 0.075 + out 300 × 0.3 = 90 + 90 = 180 µ$ = 180000 n$',
  },
  {
    name: 'batch gpt-4o with cached prompt (cached price unchanged)',
    provider: 'openai',
    usageFormat: 'openai',
    batch: true,
    request: {
      model: 'gpt-4o',
      messages: [
        {
          role: 'system',
          content: 'Labelling guide follows…',
        },
        {
          role: 'user',
          content: 'Label ticket 88.',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-qQZeK6p6LyqbLi8shBaN5OiSGi3UN',
        object: 'chat.completion',
        created: 1763929472,
        model: 'gpt-4o-2024-08-06',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'billing/refund',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 3000,
          completion_tokens: 500,
          total_tokens: 3500,
          prompt_tokens_details: {
            cached_tokens: 2048,
            audio_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'batch',
        system_fingerprint: 'fp_7978549e25',
      },
    },
    expected: {
      priceEntry: 'gpt-4o',
      costNanoUsd: 6_250_000,
      promptTokens: 3000,
      completionTokens: 500,
      cachedPromptTokens: 2048,
    },
    working:
      'gpt-4o batch prices, µ$/token: in 952 × 1.25 + cached 2048 × 1.25 + out 500 × 5 = 1190 + 2560 + 2500 = 6250 µ$ = 6250000 n$',
  },
  {
    name: 'batch gpt-4.1',
    provider: 'openai',
    usageFormat: 'openai',
    batch: true,
    request: {
      model: 'gpt-4.1',
      messages: [
        {
          role: 'user',
          content: 'Extract the invoice total.',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-CheKz2bavcfDb2905fqiIi6HkASFN',
        object: 'chat.completion',
        created: 1763838875,
        model: 'gpt-4.1-2025-04-14',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: '{"total": "1,240.00 EUR"}',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 800,
          completion_tokens: 200,
          total_tokens: 1000,
          prompt_tokens_details: {
            cached_tokens: 0,
            audio_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'batch',
        system_fingerprint: 'fp_973ffc9aaf',
      },
    },
    expected: {
      priceEntry: 'gpt-4.1',
      costNanoUsd: 1_600_000,
      promptTokens: 800,
      completionTokens: 200,
    },
    working: 'gpt-4.1 batch prices, µ$/token: in 800 × 1 + out 200 × 4 = 800 + 800 = 1600 µ$ = 1600000 n$',
  },
  {
    name: 'batch gpt-5.6 with cache write (cache-write price unchanged)',
    provider: 'openai',
    usageFormat: 'openai',
    batch: true,
    request: {
      model: 'gpt-5.6',
      messages: [
        {
          role: 'developer',
          content: 'Schema docs follow…',
        },
        {
          role: 'user',
          content: 'Write the migration.',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-n6RAx7bbeqpngDSvXMrVLyQhz8Qa1',
        object: 'chat.completion',
        created: 1763996444,
        model: 'gpt-5.6-2026-10-01',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: "ALTER TABLE orders ADD COLUMN currency char(3) NOT NULL DEFAULT 'EUR';",
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 9000,
          completion_tokens: 310,
          total_tokens: 9310,
          prompt_tokens_details: {
            cached_tokens: 0,
            audio_tokens: 0,
            cache_write_tokens: 8192,
          },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'batch',
        system_fingerprint: 'fp_5dfe797112',
      },
    },
    expected: {
      priceEntry: 'gpt-5.6',
      costNanoUsd: 57_870_000,
      promptTokens: 9000,
      completionTokens: 310,
      cacheWriteTokens: 8192,
    },
    working:
      'gpt-5.6 batch prices, µ$/token: in 808 × 2.5 + cache write 8192 × 6.25 + out 310 × 15 = 2020 + 51200 + 4650 = 57870 µ$ = 57870000 n$',
  },
  {
    name: 'batch o3 without batch prices falls back to the standard price',
    provider: 'openai',
    usageFormat: 'openai',
    batch: true,
    request: {
      model: 'o3',
      messages: [
        {
          role: 'user',
          content: 'Prove there are infinitely many primes.',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-cyxAdft8qA9XnO51XILLLMjK8W5h4',
        object: 'chat.completion',
        created: 1763953040,
        model: 'o3-2025-04-16',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content:
                'Assume finitely many primes p1…pn; then p1·…·pn + 1 has a prime factor not in the list.',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 2870,
          completion_tokens: 9214,
          total_tokens: 12084,
          prompt_tokens_details: {
            cached_tokens: 0,
            audio_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 8448,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'batch',
        system_fingerprint: 'fp_20ecd86d58',
      },
    },
    expected: {
      priceEntry: 'o3',
      costNanoUsd: 79_452_000,
      promptTokens: 2870,
      completionTokens: 9214,
      reasoningTokens: 8448,
    },
    working:
      'o3 (no batch prices in the catalog: standard prices) (out 9214 includes 8448 reasoning), µ$/token: in 2870 × 2 + out 9214 × 8 = 5740 + 73712 = 79452 µ$ = 79452000 n$',
  },
  {
    name: 'batch gpt-4o-mini, fractional batch cost',
    provider: 'openai',
    usageFormat: 'openai',
    batch: true,
    request: {
      model: 'gpt-4o-mini',
      messages: [
        {
          role: 'user',
          content: 'Yes?',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-tPgkuXvnM4NBwaw50OmQL9S6sQsXZ',
        object: 'chat.completion',
        created: 1763858594,
        model: 'gpt-4o-mini-2024-07-18',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'Yes.',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 14,
          completion_tokens: 5,
          total_tokens: 19,
          prompt_tokens_details: {
            cached_tokens: 0,
            audio_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'batch',
        system_fingerprint: 'fp_4ec127461c',
      },
    },
    expected: {
      priceEntry: 'gpt-4o-mini',
      costNanoUsd: 2550,
      promptTokens: 14,
      completionTokens: 5,
    },
    working:
      'gpt-4o-mini batch prices, µ$/token: in 14 × 0.075 + out 5 × 0.3 = 1.05 + 1.5 = 2.55 µ$ = 2550 n$',
  },
  {
    name: 'batch azure gpt-4.1 at the Azure batch price',
    provider: 'azure',
    usageFormat: 'openai',
    batch: true,
    request: {
      model: 'gpt41-batch',
      messages: [
        {
          role: 'user',
          content: 'Classify: "Where is my order?"',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-SJPCIOHYnBuC1nbJeI99SxQCjOH0I',
        object: 'chat.completion',
        created: 1763855855,
        model: 'gpt-4.1-2025-04-14',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'order-status',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 530,
          completion_tokens: 41,
          total_tokens: 571,
          prompt_tokens_details: {
            cached_tokens: 0,
            audio_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'batch',
        system_fingerprint: 'fp_7cb52d517f',
      },
    },
    expected: {
      priceEntry: 'azure/gpt-4.1',
      costNanoUsd: 694_000,
      promptTokens: 530,
      completionTokens: 41,
    },
    working:
      'azure prices the response model gpt-4.1-2025-04-14 (request names deployment gpt41-batch); azure/gpt-4.1 batch prices, µ$/token: in 530 × 1 + out 41 × 4 = 530 + 164 = 694 µ$ = 694000 n$',
  },
  {
    name: 'batch text-embedding-3-small, 21.75 micro-dollars kept exact',
    provider: 'openai',
    usageFormat: 'openai',
    batch: true,
    request: {
      model: 'text-embedding-3-small',
      input: 'catalogue entry to embed…',
    },
    response: {
      json: {
        object: 'list',
        data: [
          {
            object: 'embedding',
            index: 0,
            embedding: [0.0152, -0.0098, 0.0031],
          },
        ],
        model: 'text-embedding-3-small',
        usage: {
          prompt_tokens: 2175,
          total_tokens: 2175,
        },
      },
    },
    expected: {
      priceEntry: 'text-embedding-3-small',
      costNanoUsd: 21_750,
      promptTokens: 2175,
      completionTokens: 0,
    },
    working: 'text-embedding-3-small batch prices, µ$/token: in 2175 × 0.01 = 21.75 µ$ = 21750 n$',
  },
  {
    name: 'batch text-embedding-3-large, 3.25 micro-dollars kept exact',
    provider: 'openai',
    usageFormat: 'openai',
    batch: true,
    request: {
      model: 'text-embedding-3-large',
      input: 'catalogue entry to embed…',
    },
    response: {
      json: {
        object: 'list',
        data: [
          {
            object: 'embedding',
            index: 0,
            embedding: [0.0152, -0.0098, 0.0031],
          },
        ],
        model: 'text-embedding-3-large',
        usage: {
          prompt_tokens: 50,
          total_tokens: 50,
        },
      },
    },
    expected: {
      priceEntry: 'text-embedding-3-large',
      costNanoUsd: 3250,
      promptTokens: 50,
      completionTokens: 0,
    },
    working: 'text-embedding-3-large batch prices, µ$/token: in 50 × 0.065 = 3.25 µ$ = 3250 n$',
  },
  {
    name: 'batch Responses gpt-5.4-mini, half a micro-dollar kept exact',
    provider: 'openai',
    usageFormat: 'responses',
    batch: true,
    request: {
      model: 'gpt-5.4-mini',
      input: 'Summarise ticket 4411 in one line.',
      reasoning: {
        effort: 'low',
        summary: null,
      },
    },
    response: {
      json: {
        id: 'resp_facb0fb679623664270106cdb089b5ed4ea198ca34b9ac78',
        object: 'response',
        created_at: 1763944584,
        status: 'completed',
        background: false,
        error: null,
        incomplete_details: null,
        instructions: null,
        max_output_tokens: null,
        model: 'gpt-5.4-mini-2026-03-17',
        output: [
          {
            id: 'rs_cbed4830a2fbb87100cabbe5c82cd7d7045b58e6dea282b5',
            type: 'reasoning',
            summary: [],
          },
          {
            id: 'msg_b4d5ff2b686160661d0ffa22e93e0a980ab9c4be4d9e29ae',
            type: 'message',
            status: 'completed',
            role: 'assistant',
            content: [
              {
                type: 'output_text',
                annotations: [],
                logprobs: [],
                text: 'Customer cannot reset password; SMS code never arrives.',
              },
            ],
          },
        ],
        parallel_tool_calls: true,
        previous_response_id: null,
        reasoning: {
          effort: 'low',
          summary: null,
        },
        service_tier: 'default',
        store: true,
        temperature: 1.0,
        text: {
          format: {
            type: 'text',
          },
          verbosity: 'medium',
        },
        tool_choice: 'auto',
        tools: [],
        top_p: 1.0,
        truncation: 'disabled',
        usage: {
          input_tokens: 1200,
          input_tokens_details: {
            cached_tokens: 0,
          },
          output_tokens: 830,
          output_tokens_details: {
            reasoning_tokens: 512,
          },
          total_tokens: 2030,
        },
        user: null,
        metadata: {},
      },
    },
    expected: {
      priceEntry: 'gpt-5.4-mini',
      costNanoUsd: 2_317_500,
      promptTokens: 1200,
      completionTokens: 830,
      reasoningTokens: 512,
    },
    working:
      'gpt-5.4-mini batch prices (out 830 includes 512 reasoning), µ$/token: in 1200 × 0.375 + out 830 × 2.25 = 450 + 1867.5 = 2317.5 µ$ = 2317500 n$',
  },
];
