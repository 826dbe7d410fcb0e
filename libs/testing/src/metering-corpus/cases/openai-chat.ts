import type { MeteringCase } from '../metering-case';

// OpenAI Chat Completions, non-streaming: cached prompt tokens, cache writes (gpt-5.6), reasoning, tool calls,
// n > 1, long-context tiers, dated and provider-prefixed model names, sub-micro-dollar rounding.
export const OPENAI_CHAT_CASES: MeteringCase[] = [
  {
    name: 'openai chat gpt-4o-mini, plain',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-4o-mini',
      messages: [
        {
          role: 'user',
          content: 'Say hello',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1763900000,
        model: 'gpt-4o-mini-2024-07-18',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'Hello!',
            },
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 1200,
          completion_tokens: 300,
          total_tokens: 1500,
          prompt_tokens_details: {
            cached_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 0,
          },
        },
      },
    },
    expected: {
      priceEntry: 'gpt-4o-mini',
      costNanoUsd: 360_000,
      promptTokens: 1200,
      completionTokens: 300,
    },
    working: 'gpt-4o-mini, µ$/token: in 1200 × 0.15 + out 300 × 0.6 = 180 + 180 = 360 µ$ = 360000 n$',
  },
  {
    name: 'openai chat gpt-4o, cached prompt tokens',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-4o',
      messages: [
        {
          role: 'system',
          content: 'You are a support agent for Acme. Policy manual follows…',
        },
        {
          role: 'user',
          content: 'Can I return an opened blender?',
        },
      ],
      prompt_cache_key: 'acme-support-v3',
    },
    response: {
      json: {
        id: 'chatcmpl-gVIyzhZNDF3Fe7GxiBs7ncIBJrWud',
        object: 'chat.completion',
        created: 1763970186,
        model: 'gpt-4o-2024-08-06',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'Yes. Opened small appliances can be returned within 30 days with the receipt.',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 3584,
          completion_tokens: 412,
          total_tokens: 3996,
          prompt_tokens_details: {
            cached_tokens: 3072,
            audio_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'default',
        system_fingerprint: 'fp_20d5dc5075',
      },
    },
    expected: {
      priceEntry: 'gpt-4o',
      costNanoUsd: 9_240_000,
      promptTokens: 3584,
      completionTokens: 412,
      cachedPromptTokens: 3072,
    },
    working:
      'gpt-4o, µ$/token: in 512 × 2.5 + cached 3072 × 1.25 + out 412 × 10 = 1280 + 3840 + 4120 = 9240 µ$ = 9240000 n$',
  },
  {
    name: 'openai chat gpt-4o-mini, 6.15 micro-dollars kept exact',
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
      max_completion_tokens: 16,
    },
    response: {
      json: {
        id: 'chatcmpl-ZlABmACQT5h6p6XApIjG1WaufEsGr',
        object: 'chat.completion',
        created: 1763936921,
        model: 'gpt-4o-mini-2024-07-18',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'Hi! How can I help you today?',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 13,
          completion_tokens: 7,
          total_tokens: 20,
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
        service_tier: 'default',
        system_fingerprint: 'fp_2a361883b5',
      },
    },
    expected: {
      priceEntry: 'gpt-4o-mini',
      costNanoUsd: 6150,
      promptTokens: 13,
      completionTokens: 7,
    },
    working: 'gpt-4o-mini, µ$/token: in 13 × 0.15 + out 7 × 0.6 = 1.95 + 4.2 = 6.15 µ$ = 6150 n$',
  },
  {
    name: 'openai chat gpt-4o-mini, exactly half a micro-dollar kept exact',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-4o-mini',
      messages: [
        {
          role: 'system',
          content: 'Answer with one word.',
        },
        {
          role: 'user',
          content: 'Capital of France?',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-dvxp5CDEP7dIQu2T36fDzj6QifN3g',
        object: 'chat.completion',
        created: 1763918174,
        model: 'gpt-4o-mini-2024-07-18',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'Paris.',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 30,
          completion_tokens: 5,
          total_tokens: 35,
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
        service_tier: 'default',
        system_fingerprint: 'fp_58f293da27',
      },
    },
    expected: {
      priceEntry: 'gpt-4o-mini',
      costNanoUsd: 7500,
      promptTokens: 30,
      completionTokens: 5,
    },
    working: 'gpt-4o-mini, µ$/token: in 30 × 0.15 + out 5 × 0.6 = 4.5 + 3 = 7.5 µ$ = 7500 n$',
  },
  {
    name: 'openai chat gpt-4.1-nano, cached prompt and fractional cost',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-4.1-nano',
      messages: [
        {
          role: 'system',
          content: 'Classify the ticket: billing, bug or other.',
        },
        {
          role: 'user',
          content: 'I was charged twice this month.',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-wkKgFFwVJavgdR3D1iAOvKU9AUD9J',
        object: 'chat.completion',
        created: 1763847324,
        model: 'gpt-4.1-nano-2025-04-14',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'billing',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 1337,
          completion_tokens: 21,
          total_tokens: 1358,
          prompt_tokens_details: {
            cached_tokens: 1024,
            audio_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'default',
        system_fingerprint: 'fp_fd528bee96',
      },
    },
    expected: {
      priceEntry: 'gpt-4.1-nano',
      costNanoUsd: 65_300,
      promptTokens: 1337,
      completionTokens: 21,
      cachedPromptTokens: 1024,
    },
    working:
      'gpt-4.1-nano, µ$/token: in 313 × 0.1 + cached 1024 × 0.025 + out 21 × 0.4 = 31.3 + 25.6 + 8.4 = 65.3 µ$ = 65300 n$',
  },
  {
    name: 'openai chat gpt-5.4-nano, three micro-dollars',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-5.4-nano',
      messages: [
        {
          role: 'user',
          content: 'ping',
        },
      ],
      reasoning_effort: 'none',
    },
    response: {
      json: {
        id: 'chatcmpl-F520mHRN5ugUpleObvMR1KjQJHqCE',
        object: 'chat.completion',
        created: 1763948766,
        model: 'gpt-5.4-nano-2026-03-05',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'pong',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 9,
          completion_tokens: 1,
          total_tokens: 10,
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
        service_tier: 'default',
        system_fingerprint: 'fp_4aeb913700',
      },
    },
    expected: {
      priceEntry: 'gpt-5.4-nano',
      costNanoUsd: 3050,
      promptTokens: 9,
      completionTokens: 1,
    },
    working: 'gpt-5.4-nano, µ$/token: in 9 × 0.2 + out 1 × 1.25 = 1.8 + 1.25 = 3.05 µ$ = 3050 n$',
  },
  {
    name: 'openai chat o3-mini, reasoning tokens',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'o3-mini',
      messages: [
        {
          role: 'user',
          content: 'How many primes are there below 100? Show the count only.',
        },
      ],
      reasoning_effort: 'medium',
    },
    response: {
      json: {
        id: 'chatcmpl-QzjkoRqltcE6mBuSIvhvbl3vSlrEh',
        object: 'chat.completion',
        created: 1763825191,
        model: 'o3-mini-2025-01-31',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: '25',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 154,
          completion_tokens: 2178,
          total_tokens: 2332,
          prompt_tokens_details: {
            cached_tokens: 0,
            audio_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 1920,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'default',
        system_fingerprint: 'fp_9235e1e6f9',
      },
    },
    expected: {
      priceEntry: 'o3-mini',
      costNanoUsd: 9_752_600,
      promptTokens: 154,
      completionTokens: 2178,
      reasoningTokens: 1920,
    },
    working:
      'o3-mini (out 2178 includes 1920 reasoning), µ$/token: in 154 × 1.1 + out 2178 × 4.4 = 169.4 + 9583.2 = 9752.6 µ$ = 9752600 n$',
  },
  {
    name: 'openai chat o4-mini, reasoning and cached prompt',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'o4-mini',
      messages: [
        {
          role: 'developer',
          content: 'You review pull requests. Repository conventions follow…',
        },
        {
          role: 'user',
          content: 'Review the diff below for concurrency bugs.',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-UTkSfU68NEH6Js52fOPsNeSPUJRhQ',
        object: 'chat.completion',
        created: 1763856610,
        model: 'o4-mini-2025-04-16',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content:
                'The counter update in worker.ts is not atomic: two workers can read the same value before either writes.',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 6120,
          completion_tokens: 1544,
          total_tokens: 7664,
          prompt_tokens_details: {
            cached_tokens: 5888,
            audio_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 1216,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'default',
        system_fingerprint: 'fp_2fb96a3c3c',
      },
    },
    expected: {
      priceEntry: 'o4-mini',
      costNanoUsd: 8_668_000,
      promptTokens: 6120,
      completionTokens: 1544,
      cachedPromptTokens: 5888,
      reasoningTokens: 1216,
    },
    working:
      'o4-mini (out 1544 includes 1216 reasoning), µ$/token: in 232 × 1.1 + cached 5888 × 0.275 + out 1544 × 4.4 = 255.2 + 1619.2 + 6793.6 = 8668 µ$ = 8668000 n$',
  },
  {
    name: 'openai chat o3, high reasoning effort',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'o3',
      messages: [
        {
          role: 'user',
          content: 'Prove that the square root of 2 is irrational.',
        },
      ],
      reasoning_effort: 'high',
    },
    response: {
      json: {
        id: 'chatcmpl-ZdvwgQ4CnlO7Xh4pnSPjG4zBlJNF6',
        object: 'chat.completion',
        created: 1763984303,
        model: 'o3-2025-04-16',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'Suppose √2 = p/q in lowest terms. Then p² = 2q², so p is even…',
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
        service_tier: 'default',
        system_fingerprint: 'fp_eed89eda30',
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
      'o3 (out 9214 includes 8448 reasoning), µ$/token: in 2870 × 2 + out 9214 × 8 = 5740 + 73712 = 79452 µ$ = 79452000 n$',
  },
  {
    name: 'openai chat gpt-5 dated snapshot, reasoning and cached prompt',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-5-2025-08-07',
      messages: [
        {
          role: 'developer',
          content: 'Internal knowledge base follows…',
        },
        {
          role: 'user',
          content: 'Summarise the on-call escalation policy.',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-gXiWo7QZMydkifeoQ5FnIbsJDufzl',
        object: 'chat.completion',
        created: 1763967765,
        model: 'gpt-5-2025-08-07',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content:
                'Page the primary; after 15 minutes without acknowledgement, page the secondary, then the manager.',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 14210,
          completion_tokens: 3311,
          total_tokens: 17521,
          prompt_tokens_details: {
            cached_tokens: 12800,
            audio_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 2752,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'default',
        system_fingerprint: 'fp_aadcccd084',
      },
    },
    expected: {
      priceEntry: 'gpt-5',
      costNanoUsd: 36_472_500,
      promptTokens: 14210,
      completionTokens: 3311,
      cachedPromptTokens: 12800,
      reasoningTokens: 2752,
    },
    working:
      'gpt-5 (out 3311 includes 2752 reasoning), µ$/token: in 1410 × 1.25 + cached 12800 × 0.125 + out 3311 × 10 = 1762.5 + 1600 + 33110 = 36472.5 µ$ = 36472500 n$',
  },
  {
    name: 'openai chat gpt-5-mini, tool call',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-5-mini',
      messages: [
        {
          role: 'user',
          content: 'What is the weather in Paris?',
        },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Current weather for a city',
            parameters: {
              type: 'object',
              properties: {
                city: {
                  type: 'string',
                },
                unit: {
                  type: 'string',
                  enum: ['celsius', 'fahrenheit'],
                },
              },
              required: ['city'],
            },
          },
        },
      ],
      tool_choice: 'auto',
    },
    response: {
      json: {
        id: 'chatcmpl-Hdnu9Ch9DTOowGSSuE7qgmRUMOxdL',
        object: 'chat.completion',
        created: 1763853651,
        model: 'gpt-5-mini-2025-08-07',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: null,
              tool_calls: [
                {
                  id: 'call_juuEMMMhYZkwoP171ilUm3Xp',
                  type: 'function',
                  function: {
                    name: 'get_weather',
                    arguments: '{"city":"Paris","unit":"celsius"}',
                  },
                },
              ],
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'tool_calls',
          },
        ],
        usage: {
          prompt_tokens: 412,
          completion_tokens: 87,
          total_tokens: 499,
          prompt_tokens_details: {
            cached_tokens: 0,
            audio_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 64,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'default',
        system_fingerprint: 'fp_1b14757d71',
      },
    },
    expected: {
      priceEntry: 'gpt-5-mini',
      costNanoUsd: 277_000,
      promptTokens: 412,
      completionTokens: 87,
      reasoningTokens: 64,
    },
    working:
      'gpt-5-mini (out 87 includes 64 reasoning), µ$/token: in 412 × 0.25 + out 87 × 2 = 103 + 174 = 277 µ$ = 277000 n$',
  },
  {
    name: 'openai chat gpt-4o, parallel tool calls',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-4o',
      messages: [
        {
          role: 'user',
          content: 'Compare the weather in Oslo and Lisbon.',
        },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Current weather for a city',
            parameters: {
              type: 'object',
              properties: {
                city: {
                  type: 'string',
                },
                unit: {
                  type: 'string',
                  enum: ['celsius', 'fahrenheit'],
                },
              },
              required: ['city'],
            },
          },
        },
      ],
      parallel_tool_calls: true,
    },
    response: {
      json: {
        id: 'chatcmpl-xNDlgc9MrJQVOIyXEBYk1vU7adXTo',
        object: 'chat.completion',
        created: 1763860341,
        model: 'gpt-4o-2024-08-06',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: null,
              tool_calls: [
                {
                  id: 'call_9bXhslhJon3GvZNkNuBhoPjd',
                  type: 'function',
                  function: {
                    name: 'get_weather',
                    arguments: '{"city":"Oslo"}',
                  },
                },
                {
                  id: 'call_Rsb8FGJF645wdNdK0gOCKPuH',
                  type: 'function',
                  function: {
                    name: 'get_weather',
                    arguments: '{"city":"Lisbon"}',
                  },
                },
              ],
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'tool_calls',
          },
        ],
        usage: {
          prompt_tokens: 261,
          completion_tokens: 58,
          total_tokens: 319,
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
        service_tier: 'default',
        system_fingerprint: 'fp_2e1eb2a4b4',
      },
    },
    expected: {
      priceEntry: 'gpt-4o',
      costNanoUsd: 1_232_500,
      promptTokens: 261,
      completionTokens: 58,
    },
    working: 'gpt-4o, µ$/token: in 261 × 2.5 + out 58 × 10 = 652.5 + 580 = 1232.5 µ$ = 1232500 n$',
  },
  {
    name: 'openai chat gpt-4o-mini, n = 3 choices',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-4o-mini',
      messages: [
        {
          role: 'user',
          content: 'Suggest a name for a coffee shop.',
        },
      ],
      n: 3,
      temperature: 1.2,
    },
    response: {
      json: {
        id: 'chatcmpl-saA0tJ2fi5bj8RAAkIRHUAl2vgTZX',
        object: 'chat.completion',
        created: 1763801540,
        model: 'gpt-4o-mini-2024-07-18',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'The Daily Grind',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
          {
            index: 1,
            message: {
              role: 'assistant',
              content: 'Bean There, Brewed That',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
          {
            index: 2,
            message: {
              role: 'assistant',
              content: 'Steam & Story',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 28,
          completion_tokens: 126,
          total_tokens: 154,
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
        service_tier: 'default',
        system_fingerprint: 'fp_fe0beb41d5',
      },
    },
    expected: {
      priceEntry: 'gpt-4o-mini',
      costNanoUsd: 79_800,
      promptTokens: 28,
      completionTokens: 126,
    },
    working: 'gpt-4o-mini, µ$/token: in 28 × 0.15 + out 126 × 0.6 = 4.2 + 75.6 = 79.8 µ$ = 79800 n$',
  },
  {
    name: 'openai chat gpt-4.1, n = 2 with cached prompt',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-4.1',
      messages: [
        {
          role: 'system',
          content: 'Style guide follows…',
        },
        {
          role: 'user',
          content: 'Rewrite the release note headline.',
        },
      ],
      n: 2,
    },
    response: {
      json: {
        id: 'chatcmpl-kkrmZp1hSlTJyC6iNgXFPOAN9dCFk',
        object: 'chat.completion',
        created: 1763845726,
        model: 'gpt-4.1-2025-04-14',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'Faster builds, fewer surprises',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
          {
            index: 1,
            message: {
              role: 'assistant',
              content: 'Builds that finish before your coffee does',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 1536,
          completion_tokens: 640,
          total_tokens: 2176,
          prompt_tokens_details: {
            cached_tokens: 1280,
            audio_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'default',
        system_fingerprint: 'fp_531cc44c7a',
      },
    },
    expected: {
      priceEntry: 'gpt-4.1',
      costNanoUsd: 6_272_000,
      promptTokens: 1536,
      completionTokens: 640,
      cachedPromptTokens: 1280,
    },
    working:
      'gpt-4.1, µ$/token: in 256 × 2 + cached 1280 × 0.5 + out 640 × 8 = 512 + 640 + 5120 = 6272 µ$ = 6272000 n$',
  },
  {
    name: 'openai chat dated request model gpt-4o-2024-08-06',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-4o-2024-08-06',
      messages: [
        {
          role: 'user',
          content: 'Translate "good morning" into Italian, Spanish and German.',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-BBzeKT8rxtcZum69NrSaDLKA0nzgC',
        object: 'chat.completion',
        created: 1763806805,
        model: 'gpt-4o-2024-08-06',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'Buongiorno · Buenos días · Guten Morgen',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 845,
          completion_tokens: 213,
          total_tokens: 1058,
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
        service_tier: 'default',
        system_fingerprint: 'fp_5555dbe8f8',
      },
    },
    expected: {
      priceEntry: 'gpt-4o',
      costNanoUsd: 4_242_500,
      promptTokens: 845,
      completionTokens: 213,
    },
    working: 'gpt-4o, µ$/token: in 845 × 2.5 + out 213 × 10 = 2112.5 + 2130 = 4242.5 µ$ = 4242500 n$',
  },
  {
    name: 'openai chat provider-prefixed model openai/gpt-4o-mini',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'openai/gpt-4o-mini',
      messages: [
        {
          role: 'user',
          content: 'List three HTTP methods.',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-dBxfqnCHNNsawwtxfzrU8Pmhhx0ga',
        object: 'chat.completion',
        created: 1763972900,
        model: 'gpt-4o-mini-2024-07-18',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'GET, POST, DELETE',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 512,
          completion_tokens: 96,
          total_tokens: 608,
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
        service_tier: 'default',
        system_fingerprint: 'fp_f97c70c75f',
      },
    },
    expected: {
      priceEntry: 'gpt-4o-mini',
      costNanoUsd: 134_400,
      promptTokens: 512,
      completionTokens: 96,
    },
    working: 'gpt-4o-mini, µ$/token: in 512 × 0.15 + out 96 × 0.6 = 76.8 + 57.6 = 134.4 µ$ = 134400 n$',
  },
  {
    name: 'openai chat gpt-4-turbo, no cached price in the catalog',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-4-turbo',
      messages: [
        {
          role: 'user',
          content: 'Write a haiku about rate limits.',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-eRRSn3VdDm8uwMjIKO8z3rvmiX2fy',
        object: 'chat.completion',
        created: 1763912687,
        model: 'gpt-4-turbo-2024-04-09',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'Tokens drip like rain / the bucket fills, then it stops / wait for the next tick',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 740,
          completion_tokens: 260,
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
        service_tier: 'default',
        system_fingerprint: 'fp_48c96566ea',
      },
    },
    expected: {
      priceEntry: 'gpt-4-turbo',
      costNanoUsd: 15_200_000,
      promptTokens: 740,
      completionTokens: 260,
    },
    working: 'gpt-4-turbo, µ$/token: in 740 × 10 + out 260 × 30 = 7400 + 7800 = 15200 µ$ = 15200000 n$',
  },
  {
    name: 'openai chat gpt-5.6, explicit cache write',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-5.6',
      messages: [
        {
          role: 'developer',
          content: 'Contract text follows…',
        },
        {
          role: 'user',
          content: 'List the termination clauses.',
        },
      ],
      prompt_cache_options: {
        mode: 'explicit',
        ttl: '30m',
      },
    },
    response: {
      json: {
        id: 'chatcmpl-rWNJcPz3xyU4i20yfaKO2Ctrhnp7E',
        object: 'chat.completion',
        created: 1763838669,
        model: 'gpt-5.6-2026-10-01',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'Clauses 14.2 (convenience, 90 days notice) and 14.3 (material breach).',
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
            reasoning_tokens: 128,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'default',
        system_fingerprint: 'fp_e1df40bacb',
      },
    },
    expected: {
      priceEntry: 'gpt-5.6',
      costNanoUsd: 64_540_000,
      promptTokens: 9000,
      completionTokens: 310,
      cacheWriteTokens: 8192,
      reasoningTokens: 128,
    },
    working:
      'gpt-5.6 (out 310 includes 128 reasoning), µ$/token: in 808 × 5 + cache write 8192 × 6.25 + out 310 × 30 = 4040 + 51200 + 9300 = 64540 µ$ = 64540000 n$',
  },
  {
    name: 'openai chat gpt-5.6, cache read and cache write',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-5.6',
      messages: [
        {
          role: 'developer',
          content: 'Contract text follows…',
        },
        {
          role: 'user',
          content: 'And the liability cap?',
        },
      ],
      prompt_cache_options: {
        mode: 'explicit',
        ttl: '30m',
      },
    },
    response: {
      json: {
        id: 'chatcmpl-cB9tkERgdJxWD3RQ6NJdA9y6GSIFO',
        object: 'chat.completion',
        created: 1763862468,
        model: 'gpt-5.6-2026-10-01',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'Liability is capped at the fees paid in the preceding 12 months (clause 11.1).',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 20480,
          completion_tokens: 512,
          total_tokens: 20992,
          prompt_tokens_details: {
            cached_tokens: 16384,
            audio_tokens: 0,
            cache_write_tokens: 3072,
          },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'default',
        system_fingerprint: 'fp_36fa935dfa',
      },
    },
    expected: {
      priceEntry: 'gpt-5.6',
      costNanoUsd: 47_872_000,
      promptTokens: 20480,
      completionTokens: 512,
      cachedPromptTokens: 16384,
      cacheWriteTokens: 3072,
    },
    working:
      'gpt-5.6, µ$/token: in 1024 × 5 + cached 16384 × 0.5 + cache write 3072 × 6.25 + out 512 × 30 = 5120 + 8192 + 19200 + 15360 = 47872 µ$ = 47872000 n$',
  },
  {
    name: 'openai chat gpt-5.6 at exactly 272k prompt tokens stays on the base tier',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-5.6',
      messages: [
        {
          role: 'user',
          content: 'Find every TODO in the attached monorepo dump.',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-4TijzetlNcUrium3IsfMVzSFuejzb',
        object: 'chat.completion',
        created: 1763953023,
        model: 'gpt-5.6-2026-10-01',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'There are 41 TODO comments; the list follows grouped by package…',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 272000,
          completion_tokens: 1800,
          total_tokens: 273800,
          prompt_tokens_details: {
            cached_tokens: 262144,
            audio_tokens: 0,
            cache_write_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'default',
        system_fingerprint: 'fp_b797808292',
      },
    },
    expected: {
      priceEntry: 'gpt-5.6',
      costNanoUsd: 234_352_000,
      promptTokens: 272000,
      completionTokens: 1800,
      cachedPromptTokens: 262144,
    },
    working:
      'gpt-5.6, µ$/token: in 9856 × 5 + cached 262144 × 0.5 + out 1800 × 30 = 49280 + 131072 + 54000 = 234352 µ$ = 234352000 n$',
  },
  {
    name: 'openai chat gpt-5.6 one token above 272k bills every token at the long-context tier',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-5.6',
      messages: [
        {
          role: 'user',
          content: 'Find every FIXME in the attached monorepo dump.',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-8bJYrvqpT3KfmR4SllIYGkrox0WVd',
        object: 'chat.completion',
        created: 1763903209,
        model: 'gpt-5.6-2026-10-01',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'There are 17 FIXME comments; the list follows grouped by package…',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 272001,
          completion_tokens: 1800,
          total_tokens: 273801,
          prompt_tokens_details: {
            cached_tokens: 262144,
            audio_tokens: 0,
            cache_write_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'default',
        system_fingerprint: 'fp_5b92cb1e58',
      },
    },
    expected: {
      priceEntry: 'gpt-5.6',
      costNanoUsd: 441_714_000,
      promptTokens: 272001,
      completionTokens: 1800,
      cachedPromptTokens: 262144,
    },
    working:
      'gpt-5.6 above_272k tier (prompt 272001 > 272000), µ$/token: in 9857 × 10 + cached 262144 × 1 + out 1800 × 45 = 98570 + 262144 + 81000 = 441714 µ$ = 441714000 n$',
  },
  {
    name: 'openai chat gpt-5.6 long context with cache read, cache write and reasoning',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-5.6',
      messages: [
        {
          role: 'user',
          content: 'Audit these 300k tokens of logs for the outage root cause.',
        },
      ],
      reasoning_effort: 'high',
    },
    response: {
      json: {
        id: 'chatcmpl-OwVqE0zIfk4gp5yumAbWJXoagouI6',
        object: 'chat.completion',
        created: 1763862633,
        model: 'gpt-5.6-2026-10-01',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content:
                'Root cause: the connection pool was exhausted after the 02:14 deploy doubled the worker count.',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 310000,
          completion_tokens: 5200,
          total_tokens: 315200,
          prompt_tokens_details: {
            cached_tokens: 240000,
            audio_tokens: 0,
            cache_write_tokens: 60000,
          },
          completion_tokens_details: {
            reasoning_tokens: 3900,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'default',
        system_fingerprint: 'fp_a353bdc64e',
      },
    },
    expected: {
      priceEntry: 'gpt-5.6',
      costNanoUsd: 1_324_000_000,
      promptTokens: 310000,
      completionTokens: 5200,
      cachedPromptTokens: 240000,
      cacheWriteTokens: 60000,
      reasoningTokens: 3900,
    },
    working:
      'gpt-5.6 above_272k tier (prompt 310000 > 272000) (out 5200 includes 3900 reasoning), µ$/token: in 10000 × 10 + cached 240000 × 1 + cache write 60000 × 12.5 + out 5200 × 45 = 100000 + 240000 + 750000 + 234000 = 1324000 µ$ = 1324000000 n$',
  },
  {
    name: 'openai chat gpt-5.5 long context without a cache-write price',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-5.5',
      messages: [
        {
          role: 'user',
          content: 'Summarise this book-length transcript.',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-i4JAyTpnmXUB1NbjNz7jiU046KrVe',
        object: 'chat.completion',
        created: 1763846556,
        model: 'gpt-5.5-2026-04-23',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'The hearings covered three topics…',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 400000,
          completion_tokens: 2500,
          total_tokens: 402500,
          prompt_tokens_details: {
            cached_tokens: 131072,
            audio_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'default',
        system_fingerprint: 'fp_2d74f7191c',
      },
    },
    expected: {
      priceEntry: 'gpt-5.5',
      costNanoUsd: 2_932_852_000,
      promptTokens: 400000,
      completionTokens: 2500,
      cachedPromptTokens: 131072,
    },
    working:
      'gpt-5.5 above_272k tier (prompt 400000 > 272000), µ$/token: in 268928 × 10 + cached 131072 × 1 + out 2500 × 45 = 2689280 + 131072 + 112500 = 2932852 µ$ = 2932852000 n$',
  },
  {
    name: 'openai chat gpt-3.5-turbo-0125 dated snapshot',
    provider: 'openai',
    usageFormat: 'openai',
    request: {
      model: 'gpt-3.5-turbo-0125',
      messages: [
        {
          role: 'user',
          content: 'Say OK.',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-0ONwlt2nwFkVkxLCwsVZ8EMBKpNQr',
        object: 'chat.completion',
        created: 1763976985,
        model: 'gpt-3.5-turbo-0125',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'OK.',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 57,
          completion_tokens: 19,
          total_tokens: 76,
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
        service_tier: 'default',
        system_fingerprint: 'fp_88d4d31361',
      },
    },
    expected: {
      priceEntry: 'gpt-3.5-turbo',
      costNanoUsd: 57_000,
      promptTokens: 57,
      completionTokens: 19,
    },
    working: 'gpt-3.5-turbo, µ$/token: in 57 × 0.5 + out 19 × 1.5 = 28.5 + 28.5 = 57 µ$ = 57000 n$',
  },
];
