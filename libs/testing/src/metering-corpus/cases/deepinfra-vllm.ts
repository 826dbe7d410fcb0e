import type { MeteringCase } from '../metering-case';

// DeepInfra (catalog prices, or a costMap override) and vLLM (costMap only: its models are not catalogued).
export const DEEPINFRA_VLLM_CASES: MeteringCase[] = [
  {
    name: 'deepinfra Llama-3.3-70B-Instruct at the catalog price',
    provider: 'deepinfra',
    usageFormat: 'openai',
    request: {
      model: 'meta-llama/Llama-3.3-70B-Instruct',
      messages: [
        {
          role: 'user',
          content: 'Outline a 3-day Lisbon itinerary.',
        },
      ],
      max_tokens: 600,
    },
    response: {
      json: {
        id: 'chatcmpl-vDoeSEFlHfrhOzxDqStoY40I',
        object: 'chat.completion',
        created: 1763913899,
        model: 'meta-llama/Llama-3.3-70B-Instruct',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'Day 1: Alfama and the castle…',
              name: null,
              tool_calls: null,
            },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage: {
          prompt_tokens: 1520,
          total_tokens: 1900,
          completion_tokens: 380,
          estimated_cost: 0.0005016,
        },
      },
    },
    expected: {
      priceEntry: 'deepinfra/meta-llama/Llama-3.3-70B-Instruct',
      costNanoUsd: 501_600,
      promptTokens: 1520,
      completionTokens: 380,
    },
    working:
      'deepinfra/meta-llama/Llama-3.3-70B-Instruct, µ$/token: in 1520 × 0.23 + out 380 × 0.4 = 349.6 + 152 = 501.6 µ$ = 501600 n$',
  },
  {
    name: 'deepinfra Meta-Llama-3.1-8B-Instruct, fractional micro-dollars kept exact',
    provider: 'deepinfra',
    usageFormat: 'openai',
    request: {
      model: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
      messages: [
        {
          role: 'user',
          content: 'Spell "necessary".',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-khFSNeGA22jv8JKnwShLPBcV',
        object: 'chat.completion',
        created: 1763996115,
        model: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'N-E-C-E-S-S-A-R-Y',
              name: null,
              tool_calls: null,
            },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage: {
          prompt_tokens: 47,
          total_tokens: 70,
          completion_tokens: 23,
          estimated_cost: 2.56e-6,
        },
      },
    },
    expected: {
      priceEntry: 'deepinfra/meta-llama/Meta-Llama-3.1-8B-Instruct',
      costNanoUsd: 2560,
      promptTokens: 47,
      completionTokens: 23,
    },
    working:
      'deepinfra/meta-llama/Meta-Llama-3.1-8B-Instruct, µ$/token: in 47 × 0.03 + out 23 × 0.05 = 1.41 + 1.15 = 2.56 µ$ = 2560 n$',
  },
  {
    name: 'deepinfra provider-style id openai/gpt-oss-120b',
    provider: 'deepinfra',
    usageFormat: 'openai',
    request: {
      model: 'openai/gpt-oss-120b',
      messages: [
        {
          role: 'user',
          content: 'Why is the sky blue? One sentence.',
        },
      ],
      reasoning_effort: 'low',
    },
    response: {
      json: {
        id: 'chatcmpl-o9HK58tORtAelyZBY9rXArkL',
        object: 'chat.completion',
        created: 1763868038,
        model: 'openai/gpt-oss-120b',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content:
                'Air molecules scatter short blue wavelengths far more than red ones (Rayleigh scattering).',
              name: null,
              tool_calls: null,
            },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage: {
          prompt_tokens: 180,
          total_tokens: 1080,
          completion_tokens: 900,
          estimated_cost: 0.000414,
        },
      },
    },
    expected: {
      priceEntry: 'deepinfra/openai/gpt-oss-120b',
      costNanoUsd: 414_000,
      promptTokens: 180,
      completionTokens: 900,
    },
    working:
      'deepinfra/openai/gpt-oss-120b, µ$/token: in 180 × 0.05 + out 900 × 0.45 = 9 + 405 = 414 µ$ = 414000 n$',
  },
  {
    name: 'deepinfra costMap overrides the catalog price',
    provider: 'deepinfra',
    usageFormat: 'openai',
    costMap: {
      promptCostPerModel: {
        'meta-llama/Llama-3.3-70B-Instruct': 0.0004,
      },
      completionCostPerModel: {
        'meta-llama/Llama-3.3-70B-Instruct': 0.0008,
      },
    },
    request: {
      model: 'meta-llama/Llama-3.3-70B-Instruct',
      messages: [
        {
          role: 'user',
          content: 'Outline a 3-day Porto itinerary.',
        },
      ],
      max_tokens: 600,
    },
    response: {
      json: {
        id: 'chatcmpl-MOS4104tIEH2ZYCCNrPt65Lt',
        object: 'chat.completion',
        created: 1763823952,
        model: 'meta-llama/Llama-3.3-70B-Instruct',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'Day 1: Ribeira and the Dom Luís I bridge…',
              name: null,
              tool_calls: null,
            },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage: {
          prompt_tokens: 1520,
          total_tokens: 1900,
          completion_tokens: 380,
          estimated_cost: 0.0005016,
        },
      },
    },
    expected: {
      priceEntry: 'costMap/meta-llama/Llama-3.3-70B-Instruct',
      costNanoUsd: 912_000,
      promptTokens: 1520,
      completionTokens: 380,
    },
    working:
      'costMap meta-llama/Llama-3.3-70B-Instruct: 0.0004 / 0.0008 USD per 1K = 0.4 / 0.8 µ$/token; costMap/meta-llama/Llama-3.3-70B-Instruct, µ$/token: in 1520 × 0.4 + out 380 × 0.8 = 608 + 304 = 912 µ$ = 912000 n$',
  },
  {
    name: 'deepinfra Llama-3.3-70B-Instruct-Turbo, tool call',
    provider: 'deepinfra',
    usageFormat: 'openai',
    request: {
      model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      messages: [
        {
          role: 'user',
          content: 'Weather in Nairobi?',
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
    },
    response: {
      json: {
        id: 'chatcmpl-CEuboU5XzV9oDQHyEtrscOE5',
        object: 'chat.completion',
        created: 1763848737,
        model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: null,
              name: null,
              tool_calls: [
                {
                  id: 'call_1oZztG1VEV4hDKSviniEgiQU',
                  type: 'function',
                  function: {
                    name: 'get_weather',
                    arguments: '{"city": "Nairobi"}',
                  },
                },
              ],
            },
            finish_reason: 'tool_calls',
            logprobs: null,
          },
        ],
        usage: {
          prompt_tokens: 410,
          total_tokens: 446,
          completion_tokens: 36,
          estimated_cost: 6.734e-5,
        },
      },
    },
    expected: {
      priceEntry: 'deepinfra/meta-llama/Llama-3.3-70B-Instruct-Turbo',
      costNanoUsd: 67_340,
      promptTokens: 410,
      completionTokens: 36,
    },
    working:
      'deepinfra/meta-llama/Llama-3.3-70B-Instruct-Turbo, µ$/token: in 410 × 0.13 + out 36 × 0.39 = 53.3 + 14.04 = 67.34 µ$ = 67340 n$',
  },
  {
    name: 'deepinfra stream Llama-4-Maverick, usage on the finish chunk',
    provider: 'deepinfra',
    usageFormat: 'openai',
    request: {
      model: 'meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8',
      messages: [
        {
          role: 'user',
          content: 'How tall is Kilimanjaro?',
        },
      ],
      stream: true,
      stream_options: {
        include_usage: true,
      },
    },
    response: {
      sse: String.raw`data: {"id":"chatcmpl-0d9CLDlpmnrLdIW4cbxcTNdp","object":"chat.completion.chunk","created":1763914372,"model":"meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null,"logprobs":null}]}

data: {"id":"chatcmpl-0d9CLDlpmnrLdIW4cbxcTNdp","object":"chat.completion.chunk","created":1763914372,"model":"meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8","choices":[{"index":0,"delta":{"content":"Mount Kilimanjaro"},"finish_reason":null,"logprobs":null}]}

data: {"id":"chatcmpl-0d9CLDlpmnrLdIW4cbxcTNdp","object":"chat.completion.chunk","created":1763914372,"model":"meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8","choices":[{"index":0,"delta":{"content":" is 5,895 m tall."},"finish_reason":null,"logprobs":null}]}

data: {"id":"chatcmpl-0d9CLDlpmnrLdIW4cbxcTNdp","object":"chat.completion.chunk","created":1763914372,"model":"meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8","choices":[{"index":0,"delta":{},"finish_reason":"stop","logprobs":null}],"usage":{"prompt_tokens":2200,"total_tokens":2840,"completion_tokens":640,"estimated_cost":0.000714}}

data: [DONE]

`,
    },
    expected: {
      priceEntry: 'deepinfra/meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8',
      costNanoUsd: 714_000,
      promptTokens: 2200,
      completionTokens: 640,
    },
    working:
      'deepinfra/meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8, µ$/token: in 2200 × 0.15 + out 640 × 0.6 = 330 + 384 = 714 µ$ = 714000 n$',
  },
  {
    name: 'vllm chat priced by the costMap',
    provider: 'vllm',
    usageFormat: 'openai',
    costMap: {
      promptCostPerModel: {
        'meta-llama/Llama-3.1-8B-Instruct': 0.0002,
        'Qwen/Qwen2.5-7B-Instruct': 0.00015,
      },
      completionCostPerModel: {
        'meta-llama/Llama-3.1-8B-Instruct': 0.0006,
        'Qwen/Qwen2.5-7B-Instruct': 0.0003,
      },
    },
    request: {
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      messages: [
        {
          role: 'user',
          content: 'Summarise: the meeting moved to Thursday.',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-f55515a848f9f6d3b92ca9ba618420a2',
        object: 'chat.completion',
        created: 1763926640,
        model: 'meta-llama/Llama-3.1-8B-Instruct',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              reasoning_content: null,
              content: 'The meeting is now on Thursday.',
              tool_calls: [],
            },
            logprobs: null,
            finish_reason: 'stop',
            stop_reason: null,
          },
        ],
        usage: {
          prompt_tokens: 350,
          total_tokens: 470,
          completion_tokens: 120,
          prompt_tokens_details: null,
        },
        prompt_logprobs: null,
        kv_transfer_params: null,
      },
    },
    expected: {
      priceEntry: 'costMap/meta-llama/Llama-3.1-8B-Instruct',
      costNanoUsd: 142_000,
      promptTokens: 350,
      completionTokens: 120,
    },
    working:
      'costMap meta-llama/Llama-3.1-8B-Instruct: 0.0002 / 0.0006 USD per 1K = 0.2 / 0.6 µ$/token; costMap/meta-llama/Llama-3.1-8B-Instruct, µ$/token: in 350 × 0.2 + out 120 × 0.6 = 70 + 72 = 142 µ$ = 142000 n$',
  },
  {
    name: 'vllm stream with stream_options, costMap',
    provider: 'vllm',
    usageFormat: 'openai',
    costMap: {
      promptCostPerModel: {
        'meta-llama/Llama-3.1-8B-Instruct': 0.0002,
        'Qwen/Qwen2.5-7B-Instruct': 0.00015,
      },
      completionCostPerModel: {
        'meta-llama/Llama-3.1-8B-Instruct': 0.0006,
        'Qwen/Qwen2.5-7B-Instruct': 0.0003,
      },
    },
    request: {
      model: 'Qwen/Qwen2.5-7B-Instruct',
      messages: [
        {
          role: 'user',
          content: 'List three sorting algorithms.',
        },
      ],
      stream: true,
      stream_options: {
        include_usage: true,
      },
    },
    response: {
      sse: String.raw`data: {"id":"chatcmpl-6472ab803b1f00f620a4f46879fe0748","object":"chat.completion.chunk","created":1763988732,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-6472ab803b1f00f620a4f46879fe0748","object":"chat.completion.chunk","created":1763988732,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{"content":"Quicksort, mergesort"},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-6472ab803b1f00f620a4f46879fe0748","object":"chat.completion.chunk","created":1763988732,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{"content":" and heapsort."},"logprobs":null,"finish_reason":null}]}

data: {"id":"chatcmpl-6472ab803b1f00f620a4f46879fe0748","object":"chat.completion.chunk","created":1763988732,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"stop","stop_reason":null}]}

data: {"id":"chatcmpl-6472ab803b1f00f620a4f46879fe0748","object":"chat.completion.chunk","created":1763988732,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[],"usage":{"prompt_tokens":73,"total_tokens":284,"completion_tokens":211,"prompt_tokens_details":null}}

data: [DONE]

`,
    },
    expected: {
      priceEntry: 'costMap/Qwen/Qwen2.5-7B-Instruct',
      costNanoUsd: 74_250,
      promptTokens: 73,
      completionTokens: 211,
    },
    working:
      'costMap Qwen/Qwen2.5-7B-Instruct: 0.00015 / 0.0003 USD per 1K = 0.15 / 0.3 µ$/token; costMap/Qwen/Qwen2.5-7B-Instruct, µ$/token: in 73 × 0.15 + out 211 × 0.3 = 10.95 + 63.3 = 74.25 µ$ = 74250 n$',
  },
  {
    name: 'vllm legacy completions, costMap half a micro-dollar kept exact',
    provider: 'vllm',
    usageFormat: 'openai',
    costMap: {
      promptCostPerModel: {
        'mistralai/Mistral-7B-Instruct-v0.3': 0.0001,
      },
      completionCostPerModel: {
        'mistralai/Mistral-7B-Instruct-v0.3': 0.0001,
      },
    },
    request: {
      model: 'mistralai/Mistral-7B-Instruct-v0.3',
      prompt: 'The capital of Japan is',
      max_tokens: 16,
    },
    response: {
      json: {
        id: 'cmpl-3380a5a2606688c60878eb6313da3876',
        object: 'text_completion',
        created: 1763887881,
        model: 'mistralai/Mistral-7B-Instruct-v0.3',
        choices: [
          {
            index: 0,
            text: ' Tokyo, which is also its largest city and economic hub.',
            logprobs: null,
            finish_reason: 'length',
            stop_reason: null,
            prompt_logprobs: null,
          },
        ],
        usage: {
          prompt_tokens: 9,
          total_tokens: 25,
          completion_tokens: 16,
          prompt_tokens_details: null,
        },
        prompt_logprobs: null,
        kv_transfer_params: null,
      },
    },
    expected: {
      priceEntry: 'costMap/mistralai/Mistral-7B-Instruct-v0.3',
      costNanoUsd: 2500,
      promptTokens: 9,
      completionTokens: 16,
    },
    working:
      'costMap mistralai/Mistral-7B-Instruct-v0.3: 0.0001 / 0.0001 USD per 1K = 0.1 / 0.1 µ$/token; costMap/mistralai/Mistral-7B-Instruct-v0.3, µ$/token: in 9 × 0.1 + out 16 × 0.1 = 0.9 + 1.6 = 2.5 µ$ = 2500 n$',
  },
  {
    name: 'vllm cached prompt tokens bill at the costMap input price',
    provider: 'vllm',
    usageFormat: 'openai',
    costMap: {
      promptCostPerModel: {
        'meta-llama/Llama-3.1-8B-Instruct': 0.0002,
        'Qwen/Qwen2.5-7B-Instruct': 0.00015,
      },
      completionCostPerModel: {
        'meta-llama/Llama-3.1-8B-Instruct': 0.0006,
        'Qwen/Qwen2.5-7B-Instruct': 0.0003,
      },
    },
    request: {
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      messages: [
        {
          role: 'system',
          content: 'Long shared system prompt…',
        },
        {
          role: 'user',
          content: 'Next question.',
        },
      ],
    },
    response: {
      json: {
        id: 'chatcmpl-0cd1f27bce8b93fff4b4484bdf8872ee',
        object: 'chat.completion',
        created: 1763862971,
        model: 'meta-llama/Llama-3.1-8B-Instruct',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              reasoning_content: null,
              content: 'Sure, go ahead.',
              tool_calls: [],
            },
            logprobs: null,
            finish_reason: 'stop',
            stop_reason: null,
          },
        ],
        usage: {
          prompt_tokens: 4000,
          total_tokens: 4100,
          completion_tokens: 100,
          prompt_tokens_details: {
            cached_tokens: 3584,
          },
        },
        prompt_logprobs: null,
        kv_transfer_params: null,
      },
    },
    expected: {
      priceEntry: 'costMap/meta-llama/Llama-3.1-8B-Instruct',
      costNanoUsd: 860_000,
      promptTokens: 4000,
      completionTokens: 100,
      cachedPromptTokens: 3584,
    },
    working:
      'costMap meta-llama/Llama-3.1-8B-Instruct: 0.0002 / 0.0006 USD per 1K = 0.2 / 0.6 µ$/token; costMap/meta-llama/Llama-3.1-8B-Instruct, µ$/token: in 416 × 0.2 + cached 3584 × 0.2 + out 100 × 0.6 = 83.2 + 716.8 + 60 = 860 µ$ = 860000 n$',
  },
  {
    name: 'vllm chat n = 2, costMap',
    provider: 'vllm',
    usageFormat: 'openai',
    costMap: {
      promptCostPerModel: {
        'meta-llama/Llama-3.1-8B-Instruct': 0.0002,
        'Qwen/Qwen2.5-7B-Instruct': 0.00015,
      },
      completionCostPerModel: {
        'meta-llama/Llama-3.1-8B-Instruct': 0.0006,
        'Qwen/Qwen2.5-7B-Instruct': 0.0003,
      },
    },
    request: {
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      messages: [
        {
          role: 'user',
          content: 'Give a title for a post about caching.',
        },
      ],
      n: 2,
      temperature: 0.9,
    },
    response: {
      json: {
        id: 'chatcmpl-a5964a22cdf2aa000fc3a1e6ca2bf1f6',
        object: 'chat.completion',
        created: 1763890380,
        model: 'meta-llama/Llama-3.1-8B-Instruct',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              reasoning_content: null,
              content: 'Cache Me If You Can',
              tool_calls: [],
            },
            logprobs: null,
            finish_reason: 'stop',
            stop_reason: null,
          },
          {
            index: 1,
            message: {
              role: 'assistant',
              reasoning_content: null,
              content: 'The Hardest Problem, Revisited',
              tool_calls: [],
            },
            logprobs: null,
            finish_reason: 'stop',
            stop_reason: null,
          },
        ],
        usage: {
          prompt_tokens: 40,
          total_tokens: 220,
          completion_tokens: 180,
          prompt_tokens_details: null,
        },
        prompt_logprobs: null,
        kv_transfer_params: null,
      },
    },
    expected: {
      priceEntry: 'costMap/meta-llama/Llama-3.1-8B-Instruct',
      costNanoUsd: 116_000,
      promptTokens: 40,
      completionTokens: 180,
    },
    working:
      'costMap meta-llama/Llama-3.1-8B-Instruct: 0.0002 / 0.0006 USD per 1K = 0.2 / 0.6 µ$/token; costMap/meta-llama/Llama-3.1-8B-Instruct, µ$/token: in 40 × 0.2 + out 180 × 0.6 = 8 + 108 = 116 µ$ = 116000 n$',
  },
  {
    name: 'vllm stream with continuous_usage_stats keeps the last cumulative usage',
    provider: 'vllm',
    usageFormat: 'openai',
    costMap: {
      promptCostPerModel: {
        'meta-llama/Llama-3.1-8B-Instruct': 0.0002,
        'Qwen/Qwen2.5-7B-Instruct': 0.00015,
      },
      completionCostPerModel: {
        'meta-llama/Llama-3.1-8B-Instruct': 0.0006,
        'Qwen/Qwen2.5-7B-Instruct': 0.0003,
      },
    },
    request: {
      model: 'Qwen/Qwen2.5-7B-Instruct',
      messages: [
        {
          role: 'user',
          content: 'Say something nice.',
        },
      ],
      stream: true,
      stream_options: {
        include_usage: true,
        continuous_usage_stats: true,
      },
    },
    response: {
      sse: String.raw`data: {"id":"chatcmpl-ea99bbac9c671c6a56efc02848dcb7d5","object":"chat.completion.chunk","created":1763991794,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"usage":{"prompt_tokens":64,"total_tokens":65,"completion_tokens":1,"prompt_tokens_details":null}}

data: {"id":"chatcmpl-ea99bbac9c671c6a56efc02848dcb7d5","object":"chat.completion.chunk","created":1763991794,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{"content":"You are doing"},"logprobs":null,"finish_reason":null}],"usage":{"prompt_tokens":64,"total_tokens":68,"completion_tokens":4,"prompt_tokens_details":null}}

data: {"id":"chatcmpl-ea99bbac9c671c6a56efc02848dcb7d5","object":"chat.completion.chunk","created":1763991794,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{"content":" great today!"},"logprobs":null,"finish_reason":null}],"usage":{"prompt_tokens":64,"total_tokens":75,"completion_tokens":11,"prompt_tokens_details":null}}

data: {"id":"chatcmpl-ea99bbac9c671c6a56efc02848dcb7d5","object":"chat.completion.chunk","created":1763991794,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"stop","stop_reason":null}],"usage":{"prompt_tokens":64,"total_tokens":76,"completion_tokens":12,"prompt_tokens_details":null}}

data: {"id":"chatcmpl-ea99bbac9c671c6a56efc02848dcb7d5","object":"chat.completion.chunk","created":1763991794,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[],"usage":{"prompt_tokens":64,"total_tokens":76,"completion_tokens":12,"prompt_tokens_details":null}}

data: [DONE]

`,
    },
    expected: {
      priceEntry: 'costMap/Qwen/Qwen2.5-7B-Instruct',
      costNanoUsd: 13_200,
      promptTokens: 64,
      completionTokens: 12,
    },
    working:
      'costMap Qwen/Qwen2.5-7B-Instruct: 0.00015 / 0.0003 USD per 1K = 0.15 / 0.3 µ$/token; costMap/Qwen/Qwen2.5-7B-Instruct, µ$/token: in 64 × 0.15 + out 12 × 0.3 = 9.6 + 3.6 = 13.2 µ$ = 13200 n$',
  },
  {
    name: 'vllm embeddings priced by embeddingsCostPerModel',
    provider: 'vllm',
    usageFormat: 'openai',
    costMap: {
      embeddingsCostPerModel: {
        'BAAI/bge-m3': 2e-5,
      },
    },
    request: {
      model: 'BAAI/bge-m3',
      input: ['first passage to index', 'second passage to index'],
    },
    response: {
      json: {
        id: 'embd-b8696b7829ad1805ccbb59a8e7059c58',
        object: 'list',
        created: 1763938183,
        model: 'BAAI/bge-m3',
        data: [
          {
            index: 0,
            object: 'embedding',
            embedding: [0.0123, -0.0456, 0.0789],
          },
          {
            index: 1,
            object: 'embedding',
            embedding: [-0.0311, 0.0274, 0.0052],
          },
        ],
        usage: {
          prompt_tokens: 1234,
          total_tokens: 1234,
          completion_tokens: 0,
          prompt_tokens_details: null,
        },
      },
    },
    expected: {
      priceEntry: 'costMap/BAAI/bge-m3',
      costNanoUsd: 24_680,
      promptTokens: 1234,
      completionTokens: 0,
    },
    working:
      'costMap BAAI/bge-m3: 0.00002 / 0 USD per 1K = 0.02 / 0 µ$/token; costMap/BAAI/bge-m3, µ$/token: in 1234 × 0.02 = 24.68 µ$ = 24680 n$',
  },
];
