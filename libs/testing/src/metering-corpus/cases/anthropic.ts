import type { MeteringCase } from '../metering-case';

// Anthropic Messages: input_tokens excludes cache reads and writes; streams carry usage in message_start and
// (cumulative) message_delta.
export const ANTHROPIC_CASES: MeteringCase[] = [
  {
    name: 'anthropic claude-sonnet-4-5, plain',
    provider: 'anthropic',
    usageFormat: 'anthropic',
    request: {
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      messages: [
        {
          role: 'user',
          content: 'Explain idempotency keys in two paragraphs.',
        },
      ],
    },
    response: {
      json: {
        id: 'msg_01GsYd7WCTo4xEJjql3b8rdC',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5-20250929',
        content: [
          {
            type: 'text',
            text: 'An idempotency key lets a client retry a request safely…',
          },
        ],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: {
          input_tokens: 1840,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          cache_creation: {
            ephemeral_5m_input_tokens: 0,
            ephemeral_1h_input_tokens: 0,
          },
          output_tokens: 512,
          service_tier: 'standard',
        },
      },
    },
    expected: {
      priceEntry: 'claude-sonnet-4-5',
      costNanoUsd: 13_200_000,
      promptTokens: 1840,
      completionTokens: 512,
    },
    working:
      'prompt = input_tokens 1840 + cache_read 0 + cache_creation 0 = 1840; claude-sonnet-4-5, µ$/token: in 1840 × 3 + out 512 × 15 = 5520 + 7680 = 13200 µ$ = 13200000 n$',
  },
  {
    name: 'anthropic claude-sonnet-4-6, cache read',
    provider: 'anthropic',
    usageFormat: 'anthropic',
    request: {
      model: 'claude-sonnet-4-6',
      max_tokens: 256,
      system: [
        {
          type: 'text',
          text: 'Company handbook follows…',
          cache_control: {
            type: 'ephemeral',
          },
        },
      ],
      messages: [
        {
          role: 'user',
          content: 'Hello',
        },
      ],
    },
    response: {
      json: {
        id: 'msg_01nyKRjA10ZKxuk52Pv8cbAf',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-6',
        content: [
          {
            type: 'text',
            text: 'Hello!',
          },
        ],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: {
          input_tokens: 12,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 2048,
          cache_creation: {
            ephemeral_5m_input_tokens: 0,
            ephemeral_1h_input_tokens: 0,
          },
          output_tokens: 6,
          service_tier: 'standard',
        },
      },
    },
    expected: {
      priceEntry: 'claude-sonnet-4-6',
      costNanoUsd: 740_400,
      promptTokens: 2060,
      completionTokens: 6,
      cachedPromptTokens: 2048,
    },
    working:
      'prompt = input_tokens 12 + cache_read 2048 + cache_creation 0 = 2060; claude-sonnet-4-6, µ$/token: in 12 × 3 + cached 2048 × 0.3 + out 6 × 15 = 36 + 614.4 + 90 = 740.4 µ$ = 740400 n$',
  },
  {
    name: 'anthropic claude-opus-4-8, cache write',
    provider: 'anthropic',
    usageFormat: 'anthropic',
    request: {
      model: 'claude-opus-4-8',
      max_tokens: 2048,
      system: [
        {
          type: 'text',
          text: 'Repository source follows…',
          cache_control: {
            type: 'ephemeral',
          },
        },
      ],
      messages: [
        {
          role: 'user',
          content: 'Where is the rate limiter?',
        },
      ],
    },
    response: {
      json: {
        id: 'msg_01dzEKQ72nBrr1Xyiyma4rJL',
        type: 'message',
        role: 'assistant',
        model: 'claude-opus-4-8',
        content: [
          {
            type: 'text',
            text: 'The limiter lives in libs/limits/src/token-bucket.ts.',
          },
        ],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: {
          input_tokens: 320,
          cache_creation_input_tokens: 6144,
          cache_read_input_tokens: 0,
          cache_creation: {
            ephemeral_5m_input_tokens: 6144,
            ephemeral_1h_input_tokens: 0,
          },
          output_tokens: 410,
          service_tier: 'standard',
        },
      },
    },
    expected: {
      priceEntry: 'claude-opus-4-8',
      costNanoUsd: 50_250_000,
      promptTokens: 6464,
      completionTokens: 410,
      cacheWriteTokens: 6144,
    },
    working:
      'prompt = input_tokens 320 + cache_read 0 + cache_creation 6144 = 6464; claude-opus-4-8, µ$/token: in 320 × 5 + cache write 6144 × 6.25 + out 410 × 25 = 1600 + 38400 + 10250 = 50250 µ$ = 50250000 n$',
  },
  {
    name: 'anthropic dated claude-haiku-4-5-20251001, cache read and write',
    provider: 'anthropic',
    usageFormat: 'anthropic',
    request: {
      model: 'claude-haiku-4-5-20251001',
      max_tokens: 512,
      system: [
        {
          type: 'text',
          text: 'Glossary follows…',
          cache_control: {
            type: 'ephemeral',
          },
        },
      ],
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'text',
              text: 'Earlier chat…',
              cache_control: {
                type: 'ephemeral',
              },
            },
            {
              type: 'text',
              text: 'Define SLO.',
            },
          ],
        },
      ],
    },
    response: {
      json: {
        id: 'msg_01PmLqwQ1lStJSxk1MmQwFwt',
        type: 'message',
        role: 'assistant',
        model: 'claude-haiku-4-5-20251001',
        content: [
          {
            type: 'text',
            text: 'A service level objective is a target for a service level indicator…',
          },
        ],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: {
          input_tokens: 45,
          cache_creation_input_tokens: 1024,
          cache_read_input_tokens: 4096,
          cache_creation: {
            ephemeral_5m_input_tokens: 1024,
            ephemeral_1h_input_tokens: 0,
          },
          output_tokens: 230,
          service_tier: 'standard',
        },
      },
    },
    expected: {
      priceEntry: 'claude-haiku-4-5',
      costNanoUsd: 2_884_600,
      promptTokens: 5165,
      completionTokens: 230,
      cachedPromptTokens: 4096,
      cacheWriteTokens: 1024,
    },
    working:
      'prompt = input_tokens 45 + cache_read 4096 + cache_creation 1024 = 5165; claude-haiku-4-5, µ$/token: in 45 × 1 + cached 4096 × 0.1 + cache write 1024 × 1.25 + out 230 × 5 = 45 + 409.6 + 1280 + 1150 = 2884.6 µ$ = 2884600 n$',
  },
  {
    name: 'anthropic claude-sonnet-4-5 above 200k bills every token at the long-context tier',
    provider: 'anthropic',
    usageFormat: 'anthropic',
    request: {
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      system: [
        {
          type: 'text',
          text: 'Full contract corpus follows…',
          cache_control: {
            type: 'ephemeral',
          },
        },
      ],
      messages: [
        {
          role: 'user',
          content: 'Which contracts auto-renew?',
        },
      ],
    },
    response: {
      json: {
        id: 'msg_01y70cAbOoPf85jfIl6nCUuL',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5-20250929',
        content: [
          {
            type: 'text',
            text: 'Contracts 3, 11 and 27 renew automatically unless cancelled 60 days ahead.',
          },
        ],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: {
          input_tokens: 5000,
          cache_creation_input_tokens: 8000,
          cache_read_input_tokens: 190000,
          cache_creation: {
            ephemeral_5m_input_tokens: 8000,
            ephemeral_1h_input_tokens: 0,
          },
          output_tokens: 1500,
          service_tier: 'standard',
        },
      },
    },
    expected: {
      priceEntry: 'claude-sonnet-4-5',
      costNanoUsd: 237_750_000,
      promptTokens: 203000,
      completionTokens: 1500,
      cachedPromptTokens: 190000,
      cacheWriteTokens: 8000,
    },
    working:
      'prompt = input_tokens 5000 + cache_read 190000 + cache_creation 8000 = 203000; claude-sonnet-4-5 above_200k tier (prompt 203000 > 200000), µ$/token: in 5000 × 6 + cached 190000 × 0.6 + cache write 8000 × 7.5 + out 1500 × 22.5 = 30000 + 114000 + 60000 + 33750 = 237750 µ$ = 237750000 n$',
  },
  {
    name: 'anthropic claude-sonnet-4-5 at exactly 200k stays on the base tier',
    provider: 'anthropic',
    usageFormat: 'anthropic',
    request: {
      model: 'claude-sonnet-4-5',
      max_tokens: 2048,
      system: [
        {
          type: 'text',
          text: 'Full contract corpus follows…',
          cache_control: {
            type: 'ephemeral',
          },
        },
      ],
      messages: [
        {
          role: 'user',
          content: 'Which contracts have penalties?',
        },
      ],
    },
    response: {
      json: {
        id: 'msg_01GcM7F5haVHgMiKSel9a8XX',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5-20250929',
        content: [
          {
            type: 'text',
            text: 'Contracts 5 and 19 carry late-delivery penalties.',
          },
        ],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: {
          input_tokens: 50000,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 150000,
          cache_creation: {
            ephemeral_5m_input_tokens: 0,
            ephemeral_1h_input_tokens: 0,
          },
          output_tokens: 800,
          service_tier: 'standard',
        },
      },
    },
    expected: {
      priceEntry: 'claude-sonnet-4-5',
      costNanoUsd: 207_000_000,
      promptTokens: 200000,
      completionTokens: 800,
      cachedPromptTokens: 150000,
    },
    working:
      'prompt = input_tokens 50000 + cache_read 150000 + cache_creation 0 = 200000; claude-sonnet-4-5, µ$/token: in 50000 × 3 + cached 150000 × 0.3 + out 800 × 15 = 150000 + 45000 + 12000 = 207000 µ$ = 207000000 n$',
  },
  {
    name: 'anthropic stream claude-sonnet-4-6, cache read',
    provider: 'anthropic',
    usageFormat: 'anthropic',
    request: {
      model: 'claude-sonnet-4-6',
      max_tokens: 256,
      system: [
        {
          type: 'text',
          text: 'Company handbook follows…',
          cache_control: {
            type: 'ephemeral',
          },
        },
      ],
      messages: [
        {
          role: 'user',
          content: 'Greet me.',
        },
      ],
      stream: true,
    },
    response: {
      sse: String.raw`event: message_start
data: {"type":"message_start","message":{"id":"msg_01zoQ215mbg4fwqCCPNC0wsc","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"cache_creation_input_tokens":0,"cache_read_input_tokens":1800,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":1,"service_tier":"standard"}}}

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

event: ping
data: {"type":"ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" there!"}}

event: content_block_stop
data: {"type":"content_block_stop","index":0}

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":7}}

event: message_stop
data: {"type":"message_stop"}

`,
    },
    expected: {
      priceEntry: 'claude-sonnet-4-6',
      costNanoUsd: 720_000,
      promptTokens: 1825,
      completionTokens: 7,
      cachedPromptTokens: 1800,
    },
    working:
      'prompt = input_tokens 25 + cache_read 1800 + cache_creation 0 = 1825; claude-sonnet-4-6, µ$/token: in 25 × 3 + cached 1800 × 0.3 + out 7 × 15 = 75 + 540 + 105 = 720 µ$ = 720000 n$',
  },
  {
    name: 'anthropic stream claude-sonnet-4-5 crosses 200k through cache reads',
    provider: 'anthropic',
    usageFormat: 'anthropic',
    request: {
      model: 'claude-sonnet-4-5',
      max_tokens: 2048,
      system: [
        {
          type: 'text',
          text: 'Monorepo source follows…',
          cache_control: {
            type: 'ephemeral',
          },
        },
      ],
      messages: [
        {
          role: 'user',
          content: 'Find dead code.',
        },
      ],
      stream: true,
    },
    response: {
      sse: String.raw`event: message_start
data: {"type":"message_start","message":{"id":"msg_01yak6clT78rDh3BoPxAKAmr","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":2100,"cache_creation_input_tokens":0,"cache_read_input_tokens":199000,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":1,"service_tier":"standard"}}}

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

event: ping
data: {"type":"ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Three exported helpers"}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" in libs/util are never imported."}}

event: content_block_stop
data: {"type":"content_block_stop","index":0}

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":2100,"cache_creation_input_tokens":0,"cache_read_input_tokens":199000,"output_tokens":950}}

event: message_stop
data: {"type":"message_stop"}

`,
    },
    expected: {
      priceEntry: 'claude-sonnet-4-5',
      costNanoUsd: 153_375_000,
      promptTokens: 201100,
      completionTokens: 950,
      cachedPromptTokens: 199000,
    },
    working:
      'prompt = input_tokens 2100 + cache_read 199000 + cache_creation 0 = 201100; claude-sonnet-4-5 above_200k tier (prompt 201100 > 200000), µ$/token: in 2100 × 6 + cached 199000 × 0.6 + out 950 × 22.5 = 12600 + 119400 + 21375 = 153375 µ$ = 153375000 n$',
  },
  {
    name: 'anthropic claude-opus-4-1, tool use',
    provider: 'anthropic',
    usageFormat: 'anthropic',
    request: {
      model: 'claude-opus-4-1',
      max_tokens: 1024,
      messages: [
        {
          role: 'user',
          content: 'What is the weather in Reykjavík?',
        },
      ],
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather for a city',
          input_schema: {
            type: 'object',
            properties: {
              city: {
                type: 'string',
              },
            },
            required: ['city'],
          },
        },
      ],
    },
    response: {
      json: {
        id: 'msg_01VCaCPgQzhiAC7zFPt1i9U3',
        type: 'message',
        role: 'assistant',
        model: 'claude-opus-4-1-20250805',
        content: [
          {
            type: 'text',
            text: 'I will look that up.',
          },
          {
            type: 'tool_use',
            id: 'toolu_01o0esc96wD4nka7E5CT88v0',
            name: 'get_weather',
            input: {
              city: 'Reykjavík',
            },
          },
        ],
        stop_reason: 'tool_use',
        stop_sequence: null,
        usage: {
          input_tokens: 980,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          cache_creation: {
            ephemeral_5m_input_tokens: 0,
            ephemeral_1h_input_tokens: 0,
          },
          output_tokens: 142,
          service_tier: 'standard',
        },
      },
    },
    expected: {
      priceEntry: 'claude-opus-4-1',
      costNanoUsd: 25_350_000,
      promptTokens: 980,
      completionTokens: 142,
    },
    working:
      'prompt = input_tokens 980 + cache_read 0 + cache_creation 0 = 980; claude-opus-4-1, µ$/token: in 980 × 15 + out 142 × 75 = 14700 + 10650 = 25350 µ$ = 25350000 n$',
  },
  {
    name: 'anthropic claude-3-haiku-20240307, half a micro-dollar kept exact',
    provider: 'anthropic',
    usageFormat: 'anthropic',
    request: {
      model: 'claude-3-haiku-20240307',
      max_tokens: 64,
      messages: [
        {
          role: 'user',
          content: 'Reply with OK.',
        },
      ],
    },
    response: {
      json: {
        id: 'msg_012INoXEnutyzRenLMDGeEQD',
        type: 'message',
        role: 'assistant',
        model: 'claude-3-haiku-20240307',
        content: [
          {
            type: 'text',
            text: 'OK',
          },
        ],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: {
          input_tokens: 21,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          cache_creation: {
            ephemeral_5m_input_tokens: 0,
            ephemeral_1h_input_tokens: 0,
          },
          output_tokens: 9,
          service_tier: 'standard',
        },
      },
    },
    expected: {
      priceEntry: 'claude-3-haiku-20240307',
      costNanoUsd: 16_500,
      promptTokens: 21,
      completionTokens: 9,
    },
    working:
      'prompt = input_tokens 21 + cache_read 0 + cache_creation 0 = 21; claude-3-haiku-20240307, µ$/token: in 21 × 0.25 + out 9 × 1.25 = 5.25 + 11.25 = 16.5 µ$ = 16500 n$',
  },
  {
    name: 'anthropic claude-opus-4-5, extended thinking tokens',
    provider: 'anthropic',
    usageFormat: 'anthropic',
    request: {
      model: 'claude-opus-4-5',
      max_tokens: 8000,
      thinking: {
        type: 'enabled',
        budget_tokens: 4000,
      },
      messages: [
        {
          role: 'user',
          content: 'Is there a closed form for the sum of 1/k^3?',
        },
      ],
    },
    response: {
      json: {
        id: 'msg_01RgIUdsm8SWrOePxEfN9O3S',
        type: 'message',
        role: 'assistant',
        model: 'claude-opus-4-5-20251101',
        content: [
          {
            type: 'thinking',
            thinking: 'This is ζ(3), Apéry’s constant…',
            signature: 'EqQBCkYIBxgCKkBSfez38oa4tTvMmJUSPcUw3EdtzWYjEDponFHwd2S',
          },
          {
            type: 'text',
            text: 'No elementary closed form is known; the sum is ζ(3) ≈ 1.2020569.',
          },
        ],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: {
          input_tokens: 530,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          cache_creation: {
            ephemeral_5m_input_tokens: 0,
            ephemeral_1h_input_tokens: 0,
          },
          output_tokens: 3200,
          service_tier: 'standard',
          output_tokens_details: {
            thinking_tokens: 2900,
          },
        },
      },
    },
    expected: {
      priceEntry: 'claude-opus-4-5',
      costNanoUsd: 82_650_000,
      promptTokens: 530,
      completionTokens: 3200,
      reasoningTokens: 2900,
    },
    working:
      'prompt = input_tokens 530 + cache_read 0 + cache_creation 0 = 530; claude-opus-4-5 (out 3200 includes 2900 reasoning), µ$/token: in 530 × 5 + out 3200 × 25 = 2650 + 80000 = 82650 µ$ = 82650000 n$',
  },
  {
    name: 'anthropic stream claude-fable-5, thinking and cache write in cumulative message_delta',
    provider: 'anthropic',
    usageFormat: 'anthropic',
    request: {
      model: 'claude-fable-5',
      max_tokens: 16000,
      thinking: {
        type: 'enabled',
        budget_tokens: 8000,
      },
      system: [
        {
          type: 'text',
          text: 'Design doc follows…',
          cache_control: {
            type: 'ephemeral',
          },
        },
      ],
      messages: [
        {
          role: 'user',
          content: 'What breaks if we shard by tenant?',
        },
      ],
      stream: true,
    },
    response: {
      sse: String.raw`event: message_start
data: {"type":"message_start","message":{"id":"msg_01DZLo6GLlWohvqJDSGXL1vf","type":"message","role":"assistant","model":"claude-fable-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":900,"cache_creation_input_tokens":2048,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":2048,"ephemeral_1h_input_tokens":0},"output_tokens":3,"service_tier":"standard"}}}

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

event: ping
data: {"type":"ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Cross-tenant reports"}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":" need a scatter-gather…"}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCkYIBxgCKkBHMm8cuHBIyMA11XTAAcPev79WcrbnCwEBxwHlO8s"}}

event: content_block_stop
data: {"type":"content_block_stop","index":0}

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Cross-tenant analytics"}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":" and global uniqueness constraints break."}}

event: content_block_stop
data: {"type":"content_block_stop","index":1}

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":900,"cache_creation_input_tokens":2048,"cache_read_input_tokens":0,"output_tokens":1800,"output_tokens_details":{"thinking_tokens":1500}}}

event: message_stop
data: {"type":"message_stop"}

`,
    },
    expected: {
      priceEntry: 'claude-fable-5',
      costNanoUsd: 124_600_000,
      promptTokens: 2948,
      completionTokens: 1800,
      cacheWriteTokens: 2048,
      reasoningTokens: 1500,
    },
    working:
      'prompt = input_tokens 900 + cache_read 0 + cache_creation 2048 = 2948; claude-fable-5 (out 1800 includes 1500 reasoning), µ$/token: in 900 × 10 + cache write 2048 × 12.5 + out 1800 × 50 = 9000 + 25600 + 90000 = 124600 µ$ = 124600000 n$',
  },
  {
    name: 'anthropic claude-sonnet-4-20250514 above 200k (its own long-context tier)',
    provider: 'anthropic',
    usageFormat: 'anthropic',
    request: {
      model: 'claude-sonnet-4-20250514',
      max_tokens: 2048,
      messages: [
        {
          role: 'user',
          content: 'Summarise the attached 210k-token deposition.',
        },
      ],
    },
    response: {
      json: {
        id: 'msg_01Ojd4iyxIZ1PpIWeLhRdNNW',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-20250514',
        content: [
          {
            type: 'text',
            text: 'The witness confirmed the timeline but disputed the invoice dates.',
          },
        ],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: {
          input_tokens: 210000,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          cache_creation: {
            ephemeral_5m_input_tokens: 0,
            ephemeral_1h_input_tokens: 0,
          },
          output_tokens: 1000,
          service_tier: 'standard',
        },
      },
    },
    expected: {
      priceEntry: 'claude-sonnet-4-20250514',
      costNanoUsd: 1_282_500_000,
      promptTokens: 210000,
      completionTokens: 1000,
    },
    working:
      'prompt = input_tokens 210000 + cache_read 0 + cache_creation 0 = 210000; claude-sonnet-4-20250514 above_200k tier (prompt 210000 > 200000), µ$/token: in 210000 × 6 + out 1000 × 22.5 = 1260000 + 22500 = 1282500 µ$ = 1282500000 n$',
  },
  {
    name: 'anthropic stream claude-haiku-4-5, tool_use input_json_delta',
    provider: 'anthropic',
    usageFormat: 'anthropic',
    request: {
      model: 'claude-haiku-4-5',
      max_tokens: 512,
      messages: [
        {
          role: 'user',
          content: 'Where is order A-10492?',
        },
      ],
      tools: [
        {
          name: 'lookup_order',
          description: 'Look up an order by id',
          input_schema: {
            type: 'object',
            properties: {
              order_id: {
                type: 'string',
              },
            },
            required: ['order_id'],
          },
        },
      ],
      stream: true,
    },
    response: {
      sse: String.raw`event: message_start
data: {"type":"message_start","message":{"id":"msg_01DwIoehPTjpJcfXeEXbzMWZ","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":610,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":2,"service_tier":"standard"}}}

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

event: ping
data: {"type":"ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Let me check."}}

event: content_block_stop
data: {"type":"content_block_stop","index":0}

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01NnABNTi01XSJNQqChfWDhX","name":"lookup_order","input":{}}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"order_id\": "}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\"A-10492\"}"}}

event: content_block_stop
data: {"type":"content_block_stop","index":1}

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":88}}

event: message_stop
data: {"type":"message_stop"}

`,
    },
    expected: {
      priceEntry: 'claude-haiku-4-5',
      costNanoUsd: 1_050_000,
      promptTokens: 610,
      completionTokens: 88,
    },
    working:
      'prompt = input_tokens 610 + cache_read 0 + cache_creation 0 = 610; claude-haiku-4-5, µ$/token: in 610 × 1 + out 88 × 5 = 610 + 440 = 1050 µ$ = 1050000 n$',
  },
  {
    name: 'anthropic claude-sonnet-4-6, 1-hour cache write',
    provider: 'anthropic',
    usageFormat: 'anthropic',
    request: {
      model: 'claude-sonnet-4-6',
      max_tokens: 256,
      system: [
        {
          type: 'text',
          text: 'Long policy document…',
          cache_control: {
            type: 'ephemeral',
            ttl: '1h',
          },
        },
      ],
      messages: [
        {
          role: 'user',
          content: 'Summarise section 2.',
        },
      ],
    },
    response: {
      json: {
        id: 'msg_01EVPHdZUPyIDc7ophMeAjDO',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-6',
        content: [
          {
            type: 'text',
            text: 'Section 2 covers data retention: 30 days for logs, 1 year for invoices.',
          },
        ],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: {
          input_tokens: 50,
          cache_creation_input_tokens: 4096,
          cache_read_input_tokens: 0,
          cache_creation: {
            ephemeral_5m_input_tokens: 0,
            ephemeral_1h_input_tokens: 4096,
          },
          output_tokens: 100,
          service_tier: 'standard',
        },
      },
    },
    expected: {
      priceEntry: 'claude-sonnet-4-6',
      costNanoUsd: 26_226_000,
      promptTokens: 4146,
      completionTokens: 100,
      cacheWriteTokens: 4096,
    },
    working:
      'catalog cache_write_1h 6 µ$/token for the 4096 ephemeral_1h tokens: 50 × 3 + 4096 × 6 + 100 × 15 = 150 + 24576 + 1500 = 26226 µ$ = 26226000 n$; prompt = input_tokens 50 + cache_read 0 + cache_creation 4096 = 4146; claude-sonnet-4-6, µ$/token: in 50 × 3 + cache write 4096 × 3.75 + out 100 × 15 = 150 + 15360 + 1500 = 17010 µ$',
  },
];
