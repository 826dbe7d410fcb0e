import type { MeteringCase } from '../metering-case';

// Azure OpenAI: the request names a deployment, so the price is that of the response's model.
export const AZURE_CASES: MeteringCase[] = [
  {
    name: 'azure gpt-4o deployment priced by the response model',
    provider: 'azure',
    usageFormat: 'openai',
    request: {
      messages: [
        {
          role: 'user',
          content: 'Draft a polite reminder about the unpaid invoice.',
        },
      ],
      max_tokens: 400,
    },
    response: {
      json: {
        choices: [
          {
            content_filter_results: {
              hate: {
                filtered: false,
                severity: 'safe',
              },
              self_harm: {
                filtered: false,
                severity: 'safe',
              },
              sexual: {
                filtered: false,
                severity: 'safe',
              },
              violence: {
                filtered: false,
                severity: 'safe',
              },
            },
            index: 0,
            message: {
              role: 'assistant',
              content: 'Dear Ms. Lund, this is a friendly reminder that invoice 2291 is now 14 days overdue…',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        created: 1763886533,
        id: 'chatcmpl-C4RwFn3GN90WgOhNuXC6u1EEVysZU',
        model: 'gpt-4o-2024-11-20',
        object: 'chat.completion',
        prompt_filter_results: [
          {
            prompt_index: 0,
            content_filter_results: {
              hate: {
                filtered: false,
                severity: 'safe',
              },
              jailbreak: {
                filtered: false,
                detected: false,
              },
              self_harm: {
                filtered: false,
                severity: 'safe',
              },
              sexual: {
                filtered: false,
                severity: 'safe',
              },
              violence: {
                filtered: false,
                severity: 'safe',
              },
            },
          },
        ],
        system_fingerprint: 'fp_11f3f245e5',
        usage: {
          prompt_tokens: 1250,
          completion_tokens: 340,
          total_tokens: 1590,
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
      },
    },
    expected: {
      priceEntry: 'azure/gpt-4o',
      costNanoUsd: 6_525_000,
      promptTokens: 1250,
      completionTokens: 340,
    },
    working:
      'azure prices the response model gpt-4o-2024-11-20; azure/gpt-4o, µ$/token: in 1250 × 2.5 + out 340 × 10 = 3125 + 3400 = 6525 µ$ = 6525000 n$',
  },
  {
    name: 'azure gpt-4o-mini deployment at the Azure price, cached prompt',
    provider: 'azure',
    usageFormat: 'openai',
    request: {
      model: 'chat-mini-prod',
      messages: [
        {
          role: 'system',
          content: 'FAQ follows…',
        },
        {
          role: 'user',
          content: 'Do you ship to Norway?',
        },
      ],
    },
    response: {
      json: {
        choices: [
          {
            content_filter_results: {
              hate: {
                filtered: false,
                severity: 'safe',
              },
              self_harm: {
                filtered: false,
                severity: 'safe',
              },
              sexual: {
                filtered: false,
                severity: 'safe',
              },
              violence: {
                filtered: false,
                severity: 'safe',
              },
            },
            index: 0,
            message: {
              role: 'assistant',
              content: 'Yes, we ship to Norway; delivery takes 5–7 business days.',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        created: 1763830573,
        id: 'chatcmpl-HGNxonHbgnaTmxExw1DdDCSXhga0U',
        model: 'gpt-4o-mini-2024-07-18',
        object: 'chat.completion',
        prompt_filter_results: [
          {
            prompt_index: 0,
            content_filter_results: {
              hate: {
                filtered: false,
                severity: 'safe',
              },
              jailbreak: {
                filtered: false,
                detected: false,
              },
              self_harm: {
                filtered: false,
                severity: 'safe',
              },
              sexual: {
                filtered: false,
                severity: 'safe',
              },
              violence: {
                filtered: false,
                severity: 'safe',
              },
            },
          },
        ],
        system_fingerprint: 'fp_c02bb131f7',
        usage: {
          prompt_tokens: 2300,
          completion_tokens: 150,
          total_tokens: 2450,
          prompt_tokens_details: {
            cached_tokens: 1920,
            audio_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
      },
    },
    expected: {
      priceEntry: 'azure/gpt-4o-mini',
      costNanoUsd: 305_700,
      promptTokens: 2300,
      completionTokens: 150,
      cachedPromptTokens: 1920,
    },
    working:
      'azure prices the response model gpt-4o-mini-2024-07-18 (request names deployment chat-mini-prod); azure/gpt-4o-mini, µ$/token: in 380 × 0.165 + cached 1920 × 0.075 + out 150 × 0.66 = 62.7 + 144 + 99 = 305.7 µ$ = 305700 n$',
  },
  {
    name: 'azure o3-mini falls back to the OpenAI list price',
    provider: 'azure',
    usageFormat: 'openai',
    request: {
      model: 'reasoning-eu',
      messages: [
        {
          role: 'user',
          content: 'Schedule 5 talks into 3 rooms with these constraints…',
        },
      ],
      reasoning_effort: 'medium',
    },
    response: {
      json: {
        choices: [
          {
            content_filter_results: {
              hate: {
                filtered: false,
                severity: 'safe',
              },
              self_harm: {
                filtered: false,
                severity: 'safe',
              },
              sexual: {
                filtered: false,
                severity: 'safe',
              },
              violence: {
                filtered: false,
                severity: 'safe',
              },
            },
            index: 0,
            message: {
              role: 'assistant',
              content: 'Room A: talks 1 and 4; Room B: talks 2 and 5; Room C: talk 3.',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        created: 1763974220,
        id: 'chatcmpl-AkVmSnqtW9lzVoSe0ekdANsyv8STz',
        model: 'o3-mini-2025-01-31',
        object: 'chat.completion',
        prompt_filter_results: [
          {
            prompt_index: 0,
            content_filter_results: {
              hate: {
                filtered: false,
                severity: 'safe',
              },
              jailbreak: {
                filtered: false,
                detected: false,
              },
              self_harm: {
                filtered: false,
                severity: 'safe',
              },
              sexual: {
                filtered: false,
                severity: 'safe',
              },
              violence: {
                filtered: false,
                severity: 'safe',
              },
            },
          },
        ],
        system_fingerprint: 'fp_c2482a5c2e',
        usage: {
          prompt_tokens: 480,
          completion_tokens: 1650,
          total_tokens: 2130,
          prompt_tokens_details: {
            cached_tokens: 0,
            audio_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 1408,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
      },
    },
    expected: {
      priceEntry: 'o3-mini',
      costNanoUsd: 7_788_000,
      promptTokens: 480,
      completionTokens: 1650,
      reasoningTokens: 1408,
    },
    working:
      'azure prices the response model o3-mini-2025-01-31 (request names deployment reasoning-eu); o3-mini (out 1650 includes 1408 reasoning), µ$/token: in 480 × 1.1 + out 1650 × 4.4 = 528 + 7260 = 7788 µ$ = 7788000 n$',
  },
  {
    name: 'azure stream gpt-4o-mini, prompt_filter_results first chunk with an empty model',
    provider: 'azure',
    usageFormat: 'openai',
    request: {
      messages: [
        {
          role: 'user',
          content: 'Name a prime number.',
        },
      ],
      stream: true,
      stream_options: {
        include_usage: true,
      },
    },
    response: {
      sse: String.raw`data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}]}

data: {"choices":[{"content_filter_results":{},"delta":{"role":"assistant","content":"","refusal":null},"finish_reason":null,"index":0,"logprobs":null}],"created":1763899296,"id":"chatcmpl-fkM0jjs5ouEVGCxVnORj2q0biMU8l","model":"gpt-4o-mini-2024-07-18","object":"chat.completion.chunk","system_fingerprint":"fp_ec46cb3117","usage":null}

data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}},"delta":{"content":"Seven"},"finish_reason":null,"index":0,"logprobs":null}],"created":1763899296,"id":"chatcmpl-fkM0jjs5ouEVGCxVnORj2q0biMU8l","model":"gpt-4o-mini-2024-07-18","object":"chat.completion.chunk","system_fingerprint":"fp_ec46cb3117","usage":null}

data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}},"delta":{"content":" is prime."},"finish_reason":null,"index":0,"logprobs":null}],"created":1763899296,"id":"chatcmpl-fkM0jjs5ouEVGCxVnORj2q0biMU8l","model":"gpt-4o-mini-2024-07-18","object":"chat.completion.chunk","system_fingerprint":"fp_ec46cb3117","usage":null}

data: {"choices":[{"content_filter_results":{},"delta":{},"finish_reason":"stop","index":0,"logprobs":null}],"created":1763899296,"id":"chatcmpl-fkM0jjs5ouEVGCxVnORj2q0biMU8l","model":"gpt-4o-mini-2024-07-18","object":"chat.completion.chunk","system_fingerprint":"fp_ec46cb3117","usage":null}

data: {"choices":[],"created":1763899296,"id":"chatcmpl-fkM0jjs5ouEVGCxVnORj2q0biMU8l","model":"gpt-4o-mini-2024-07-18","object":"chat.completion.chunk","system_fingerprint":"fp_ec46cb3117","usage":{"prompt_tokens":42,"completion_tokens":17,"total_tokens":59,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}

data: [DONE]

`,
    },
    expected: {
      priceEntry: 'azure/gpt-4o-mini',
      costNanoUsd: 18_150,
      promptTokens: 42,
      completionTokens: 17,
    },
    working:
      'azure prices the response model gpt-4o-mini-2024-07-18; azure/gpt-4o-mini, µ$/token: in 42 × 0.165 + out 17 × 0.66 = 6.93 + 11.22 = 18.15 µ$ = 18150 n$',
  },
  {
    name: 'azure gpt-4.1 tool call',
    provider: 'azure',
    usageFormat: 'openai',
    request: {
      model: 'gpt41-tools',
      messages: [
        {
          role: 'user',
          content: 'Where is order A-77?',
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
    },
    response: {
      json: {
        choices: [
          {
            content_filter_results: {},
            index: 0,
            message: {
              role: 'assistant',
              content: null,
              tool_calls: [
                {
                  id: 'call_Ju3Kl8ixBmaGWAJP7EFTrY1n',
                  type: 'function',
                  function: {
                    name: 'lookup_order',
                    arguments: '{"order_id":"A-77"}',
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
        created: 1763909692,
        id: 'chatcmpl-5qxD58z1O9zqaHeYa2lRUeUe9cizV',
        model: 'gpt-4.1-2025-04-14',
        object: 'chat.completion',
        prompt_filter_results: [
          {
            prompt_index: 0,
            content_filter_results: {
              hate: {
                filtered: false,
                severity: 'safe',
              },
              jailbreak: {
                filtered: false,
                detected: false,
              },
              self_harm: {
                filtered: false,
                severity: 'safe',
              },
              sexual: {
                filtered: false,
                severity: 'safe',
              },
              violence: {
                filtered: false,
                severity: 'safe',
              },
            },
          },
        ],
        system_fingerprint: 'fp_2be02d1929',
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
      },
    },
    expected: {
      priceEntry: 'azure/gpt-4.1',
      costNanoUsd: 1_388_000,
      promptTokens: 530,
      completionTokens: 41,
    },
    working:
      'azure prices the response model gpt-4.1-2025-04-14 (request names deployment gpt41-tools); azure/gpt-4.1, µ$/token: in 530 × 2 + out 41 × 8 = 1060 + 328 = 1388 µ$ = 1388000 n$',
  },
  {
    name: 'azure stream o4-mini, reasoning tokens',
    provider: 'azure',
    usageFormat: 'openai',
    request: {
      model: 'o4-mini-deploy',
      messages: [
        {
          role: 'user',
          content: 'What is 17 × 23? Think carefully.',
        },
      ],
      stream: true,
      stream_options: {
        include_usage: true,
      },
    },
    response: {
      sse: String.raw`data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}]}

data: {"choices":[{"content_filter_results":{},"delta":{"role":"assistant","content":"","refusal":null},"finish_reason":null,"index":0,"logprobs":null}],"created":1763877346,"id":"chatcmpl-1uI8AHfG2Z5cWG5u3C5eq4OWafMMW","model":"o4-mini-2025-04-16","object":"chat.completion.chunk","system_fingerprint":"fp_26ea3c02de","usage":null}

data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}},"delta":{"content":"391"},"finish_reason":null,"index":0,"logprobs":null}],"created":1763877346,"id":"chatcmpl-1uI8AHfG2Z5cWG5u3C5eq4OWafMMW","model":"o4-mini-2025-04-16","object":"chat.completion.chunk","system_fingerprint":"fp_26ea3c02de","usage":null}

data: {"choices":[{"content_filter_results":{},"delta":{},"finish_reason":"stop","index":0,"logprobs":null}],"created":1763877346,"id":"chatcmpl-1uI8AHfG2Z5cWG5u3C5eq4OWafMMW","model":"o4-mini-2025-04-16","object":"chat.completion.chunk","system_fingerprint":"fp_26ea3c02de","usage":null}

data: {"choices":[],"created":1763877346,"id":"chatcmpl-1uI8AHfG2Z5cWG5u3C5eq4OWafMMW","model":"o4-mini-2025-04-16","object":"chat.completion.chunk","system_fingerprint":"fp_26ea3c02de","usage":{"prompt_tokens":300,"completion_tokens":1100,"total_tokens":1400,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":960,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}

data: [DONE]

`,
    },
    expected: {
      priceEntry: 'azure/o4-mini',
      costNanoUsd: 5_170_000,
      promptTokens: 300,
      completionTokens: 1100,
      reasoningTokens: 960,
    },
    working:
      'azure prices the response model o4-mini-2025-04-16 (request names deployment o4-mini-deploy); azure/o4-mini (out 1100 includes 960 reasoning), µ$/token: in 300 × 1.1 + out 1100 × 4.4 = 330 + 4840 = 5170 µ$ = 5170000 n$',
  },
  {
    name: 'azure gpt-5, reasoning and cached prompt',
    provider: 'azure',
    usageFormat: 'openai',
    request: {
      model: 'gpt-5-global',
      messages: [
        {
          role: 'developer',
          content: 'Runbook follows…',
        },
        {
          role: 'user',
          content: 'How do I rotate the signing key?',
        },
      ],
    },
    response: {
      json: {
        choices: [
          {
            content_filter_results: {
              hate: {
                filtered: false,
                severity: 'safe',
              },
              self_harm: {
                filtered: false,
                severity: 'safe',
              },
              sexual: {
                filtered: false,
                severity: 'safe',
              },
              violence: {
                filtered: false,
                severity: 'safe',
              },
            },
            index: 0,
            message: {
              role: 'assistant',
              content: 'Generate the new key, publish it in the JWKS, wait one TTL, then switch signing.',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        created: 1763931840,
        id: 'chatcmpl-CS33TjNTFLZpLFRVEDCStaygr8wik',
        model: 'gpt-5-2025-08-07',
        object: 'chat.completion',
        prompt_filter_results: [
          {
            prompt_index: 0,
            content_filter_results: {
              hate: {
                filtered: false,
                severity: 'safe',
              },
              jailbreak: {
                filtered: false,
                detected: false,
              },
              self_harm: {
                filtered: false,
                severity: 'safe',
              },
              sexual: {
                filtered: false,
                severity: 'safe',
              },
              violence: {
                filtered: false,
                severity: 'safe',
              },
            },
          },
        ],
        system_fingerprint: 'fp_e26b0cfc8e',
        usage: {
          prompt_tokens: 8000,
          completion_tokens: 1200,
          total_tokens: 9200,
          prompt_tokens_details: {
            cached_tokens: 6400,
            audio_tokens: 0,
          },
          completion_tokens_details: {
            reasoning_tokens: 900,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
      },
    },
    expected: {
      priceEntry: 'azure/gpt-5',
      costNanoUsd: 14_800_000,
      promptTokens: 8000,
      completionTokens: 1200,
      cachedPromptTokens: 6400,
      reasoningTokens: 900,
    },
    working:
      'azure prices the response model gpt-5-2025-08-07 (request names deployment gpt-5-global); azure/gpt-5 (out 1200 includes 900 reasoning), µ$/token: in 1600 × 1.25 + cached 6400 × 0.125 + out 1200 × 10 = 2000 + 800 + 12000 = 14800 µ$ = 14800000 n$',
  },
  {
    name: 'azure gpt-4.1-mini, n = 2',
    provider: 'azure',
    usageFormat: 'openai',
    request: {
      model: 'mini-41',
      messages: [
        {
          role: 'user',
          content: 'Give a one-line motto for a bakery.',
        },
      ],
      n: 2,
    },
    response: {
      json: {
        choices: [
          {
            content_filter_results: {
              hate: {
                filtered: false,
                severity: 'safe',
              },
              self_harm: {
                filtered: false,
                severity: 'safe',
              },
              sexual: {
                filtered: false,
                severity: 'safe',
              },
              violence: {
                filtered: false,
                severity: 'safe',
              },
            },
            index: 0,
            message: {
              role: 'assistant',
              content: 'Fresh from the oven, warm to the heart.',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
          {
            content_filter_results: {
              hate: {
                filtered: false,
                severity: 'safe',
              },
              self_harm: {
                filtered: false,
                severity: 'safe',
              },
              sexual: {
                filtered: false,
                severity: 'safe',
              },
              violence: {
                filtered: false,
                severity: 'safe',
              },
            },
            index: 1,
            message: {
              role: 'assistant',
              content: 'Rise and shine, one loaf at a time.',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        created: 1763944290,
        id: 'chatcmpl-gZjPcOibP6wgsDjxpxJGWOc9hIazy',
        model: 'gpt-4.1-mini-2025-04-14',
        object: 'chat.completion',
        prompt_filter_results: [
          {
            prompt_index: 0,
            content_filter_results: {
              hate: {
                filtered: false,
                severity: 'safe',
              },
              jailbreak: {
                filtered: false,
                detected: false,
              },
              self_harm: {
                filtered: false,
                severity: 'safe',
              },
              sexual: {
                filtered: false,
                severity: 'safe',
              },
              violence: {
                filtered: false,
                severity: 'safe',
              },
            },
          },
        ],
        system_fingerprint: 'fp_88b09edc3d',
        usage: {
          prompt_tokens: 60,
          completion_tokens: 90,
          total_tokens: 150,
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
      },
    },
    expected: {
      priceEntry: 'azure/gpt-4.1-mini',
      costNanoUsd: 168_000,
      promptTokens: 60,
      completionTokens: 90,
    },
    working:
      'azure prices the response model gpt-4.1-mini-2025-04-14 (request names deployment mini-41); azure/gpt-4.1-mini, µ$/token: in 60 × 0.4 + out 90 × 1.6 = 24 + 144 = 168 µ$ = 168000 n$',
  },
  {
    name: 'azure gpt-5.4 above 272k, Azure long-context tier',
    provider: 'azure',
    usageFormat: 'openai',
    request: {
      model: 'gpt54-longctx',
      messages: [
        {
          role: 'user',
          content: 'Compare these two 140k-token codebases.',
        },
      ],
    },
    response: {
      json: {
        choices: [
          {
            content_filter_results: {
              hate: {
                filtered: false,
                severity: 'safe',
              },
              self_harm: {
                filtered: false,
                severity: 'safe',
              },
              sexual: {
                filtered: false,
                severity: 'safe',
              },
              violence: {
                filtered: false,
                severity: 'safe',
              },
            },
            index: 0,
            message: {
              role: 'assistant',
              content: 'Both implement the same retry loop; only the second caps the backoff.',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        created: 1763895846,
        id: 'chatcmpl-bXcUjO9QzTkDaZAS8rHBFkT85dd1W',
        model: 'gpt-5.4-2026-03-05',
        object: 'chat.completion',
        prompt_filter_results: [
          {
            prompt_index: 0,
            content_filter_results: {
              hate: {
                filtered: false,
                severity: 'safe',
              },
              jailbreak: {
                filtered: false,
                detected: false,
              },
              self_harm: {
                filtered: false,
                severity: 'safe',
              },
              sexual: {
                filtered: false,
                severity: 'safe',
              },
              violence: {
                filtered: false,
                severity: 'safe',
              },
            },
          },
        ],
        system_fingerprint: 'fp_157b35d339',
        usage: {
          prompt_tokens: 280000,
          completion_tokens: 3000,
          total_tokens: 283000,
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
      },
    },
    expected: {
      priceEntry: 'azure/gpt-5.4',
      costNanoUsd: 1_467_500_000,
      promptTokens: 280000,
      completionTokens: 3000,
    },
    working:
      'azure prices the response model gpt-5.4-2026-03-05 (request names deployment gpt54-longctx); azure/gpt-5.4 above_272k tier (prompt 280000 > 272000), µ$/token: in 280000 × 5 + out 3000 × 22.5 = 1400000 + 67500 = 1467500 µ$ = 1467500000 n$',
  },
  {
    name: 'azure deployment named like another model is priced by the response model',
    provider: 'azure',
    usageFormat: 'openai',
    request: {
      model: 'gpt-35-turbo',
      messages: [
        {
          role: 'user',
          content: 'Say hi.',
        },
      ],
    },
    response: {
      json: {
        choices: [
          {
            content_filter_results: {
              hate: {
                filtered: false,
                severity: 'safe',
              },
              self_harm: {
                filtered: false,
                severity: 'safe',
              },
              sexual: {
                filtered: false,
                severity: 'safe',
              },
              violence: {
                filtered: false,
                severity: 'safe',
              },
            },
            index: 0,
            message: {
              role: 'assistant',
              content: 'Hi!',
              refusal: null,
              annotations: [],
            },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        created: 1763904728,
        id: 'chatcmpl-MKh87A43nqZsHMAPAZpfea21A3hcp',
        model: 'gpt-4o-mini-2024-07-18',
        object: 'chat.completion',
        prompt_filter_results: [
          {
            prompt_index: 0,
            content_filter_results: {
              hate: {
                filtered: false,
                severity: 'safe',
              },
              jailbreak: {
                filtered: false,
                detected: false,
              },
              self_harm: {
                filtered: false,
                severity: 'safe',
              },
              sexual: {
                filtered: false,
                severity: 'safe',
              },
              violence: {
                filtered: false,
                severity: 'safe',
              },
            },
          },
        ],
        system_fingerprint: 'fp_9fef914db7',
        usage: {
          prompt_tokens: 900,
          completion_tokens: 100,
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
      },
    },
    expected: {
      priceEntry: 'azure/gpt-4o-mini',
      costNanoUsd: 214_500,
      promptTokens: 900,
      completionTokens: 100,
    },
    working:
      'azure prices the response model gpt-4o-mini-2024-07-18 (request names deployment gpt-35-turbo); azure/gpt-4o-mini, µ$/token: in 900 × 0.165 + out 100 × 0.66 = 148.5 + 66 = 214.5 µ$ = 214500 n$',
  },
];
