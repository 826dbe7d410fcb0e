import type { MeteringCase } from '../metering-case';

// OpenAI Responses API: usage on the body, or on the terminal response.completed / response.incomplete event.
export const RESPONSES_CASES: MeteringCase[] = [
  {
    name: 'responses gpt-5.4, reasoning summary off',
    provider: 'openai',
    usageFormat: 'responses',
    request: {
      model: 'gpt-5.4',
      input: 'Say hi to the new teammate.',
      reasoning: {
        effort: 'medium',
        summary: null,
      },
    },
    response: {
      json: {
        id: 'resp_bd0204e14268c4fecf412440efd387a2b15d7b90c00165a8',
        object: 'response',
        created_at: 1763922837,
        status: 'completed',
        background: false,
        error: null,
        incomplete_details: null,
        instructions: null,
        max_output_tokens: null,
        model: 'gpt-5.4-2026-03-05',
        output: [
          {
            id: 'rs_cd5ac4196999576248d0861df2a3172072d874c64bdecce8',
            type: 'reasoning',
            summary: [],
          },
          {
            id: 'msg_fc2eba217bd104df2908b2b20c499aad1b3e7d71400c8a7f',
            type: 'message',
            status: 'completed',
            role: 'assistant',
            content: [
              {
                type: 'output_text',
                annotations: [],
                logprobs: [],
                text: 'Hi there, welcome aboard!',
              },
            ],
          },
        ],
        parallel_tool_calls: true,
        previous_response_id: null,
        reasoning: {
          effort: 'medium',
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
          input_tokens: 36,
          input_tokens_details: {
            cached_tokens: 0,
          },
          output_tokens: 87,
          output_tokens_details: {
            reasoning_tokens: 64,
          },
          total_tokens: 123,
        },
        user: null,
        metadata: {},
      },
    },
    expected: {
      priceEntry: 'gpt-5.4',
      costNanoUsd: 1_395_000,
      promptTokens: 36,
      completionTokens: 87,
      reasoningTokens: 64,
    },
    working:
      'gpt-5.4 (out 87 includes 64 reasoning), µ$/token: in 36 × 2.5 + out 87 × 15 = 90 + 1305 = 1395 µ$ = 1395000 n$',
  },
  {
    name: 'responses o3, reasoning and cached input',
    provider: 'openai',
    usageFormat: 'responses',
    request: {
      model: 'o3',
      instructions: 'You are a tax assistant. Reference tables follow…',
      input: 'Is a home office deductible for an employee?',
      reasoning: {
        effort: 'high',
        summary: null,
      },
    },
    response: {
      json: {
        id: 'resp_11e495af0ad897cff9bc1a8f54e927c4daafd0329d3930ca',
        object: 'response',
        created_at: 1763838011,
        status: 'completed',
        background: false,
        error: null,
        incomplete_details: null,
        instructions: null,
        max_output_tokens: null,
        model: 'o3-2025-04-16',
        output: [
          {
            id: 'rs_fc923667de92bf882e3586d1c38abc2960a55c16b76b4d56',
            type: 'reasoning',
            summary: [],
          },
          {
            id: 'msg_10635d212e0e8da97eba44f1b391df1be44d4306d0c0d6ab',
            type: 'message',
            status: 'completed',
            role: 'assistant',
            content: [
              {
                type: 'output_text',
                annotations: [],
                logprobs: [],
                text: 'Generally not for W-2 employees since 2018; self-employed people may deduct it.',
              },
            ],
          },
        ],
        parallel_tool_calls: true,
        previous_response_id: null,
        reasoning: {
          effort: 'high',
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
          input_tokens: 4530,
          input_tokens_details: {
            cached_tokens: 4352,
          },
          output_tokens: 2210,
          output_tokens_details: {
            reasoning_tokens: 1984,
          },
          total_tokens: 6740,
        },
        user: null,
        metadata: {},
      },
    },
    expected: {
      priceEntry: 'o3',
      costNanoUsd: 20_212_000,
      promptTokens: 4530,
      completionTokens: 2210,
      cachedPromptTokens: 4352,
      reasoningTokens: 1984,
    },
    working:
      'o3 (out 2210 includes 1984 reasoning), µ$/token: in 178 × 2 + cached 4352 × 0.5 + out 2210 × 8 = 356 + 2176 + 17680 = 20212 µ$ = 20212000 n$',
  },
  {
    name: 'responses gpt-5, function call output item',
    provider: 'openai',
    usageFormat: 'responses',
    request: {
      model: 'gpt-5',
      input: [
        {
          role: 'user',
          content: [
            {
              type: 'input_text',
              text: 'Weather in Kyoto?',
            },
          ],
        },
      ],
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Current weather for a city',
          parameters: {
            type: 'object',
            properties: {
              city: {
                type: 'string',
              },
            },
            required: ['city'],
            additionalProperties: false,
          },
          strict: true,
        },
      ],
      reasoning: {
        effort: 'low',
        summary: null,
      },
    },
    response: {
      json: {
        id: 'resp_cc157ccba2c7bc71ebcdaed811a764a3df3ec44b40d1f39e',
        object: 'response',
        created_at: 1763990542,
        status: 'completed',
        background: false,
        error: null,
        incomplete_details: null,
        instructions: null,
        max_output_tokens: null,
        model: 'gpt-5-2025-08-07',
        output: [
          {
            id: 'rs_b95df9f1547f0df95f6f4f8ed9f8ff465591d1884cc45b95',
            type: 'reasoning',
            summary: [],
          },
          {
            id: 'fc_5102a11a2f2b87fc7d67116969b0c75a925432d9b21c274e',
            type: 'function_call',
            status: 'completed',
            arguments: '{"city":"Kyoto"}',
            call_id: 'call_JgsqhjpaD3x4gvsrD4dOpDIb',
            name: 'get_weather',
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
        tools: [
          {
            type: 'function',
            name: 'get_weather',
            description: 'Current weather for a city',
            parameters: {
              type: 'object',
              properties: {
                city: {
                  type: 'string',
                },
              },
              required: ['city'],
              additionalProperties: false,
            },
            strict: true,
          },
        ],
        top_p: 1.0,
        truncation: 'disabled',
        usage: {
          input_tokens: 640,
          input_tokens_details: {
            cached_tokens: 0,
          },
          output_tokens: 154,
          output_tokens_details: {
            reasoning_tokens: 128,
          },
          total_tokens: 794,
        },
        user: null,
        metadata: {},
      },
    },
    expected: {
      priceEntry: 'gpt-5',
      costNanoUsd: 2_340_000,
      promptTokens: 640,
      completionTokens: 154,
      reasoningTokens: 128,
    },
    working:
      'gpt-5 (out 154 includes 128 reasoning), µ$/token: in 640 × 1.25 + out 154 × 10 = 800 + 1540 = 2340 µ$ = 2340000 n$',
  },
  {
    name: 'responses gpt-5.6, explicit cache write',
    provider: 'openai',
    usageFormat: 'responses',
    request: {
      model: 'gpt-5.6',
      instructions: 'Codebase map follows…',
      input: 'Where is the retry policy configured?',
      prompt_cache_options: {
        mode: 'explicit',
        ttl: '30m',
      },
    },
    response: {
      json: {
        id: 'resp_df6ef6ae75eae93c75c7d2b2da27f98193ac69ea1e4cbeda',
        object: 'response',
        created_at: 1763958004,
        status: 'completed',
        background: false,
        error: null,
        incomplete_details: null,
        instructions: null,
        max_output_tokens: null,
        model: 'gpt-5.6-2026-10-01',
        output: [
          {
            id: 'msg_7a9d1a74f3c143ad9a275400996aab97545f0f7d1fa37275',
            type: 'message',
            status: 'completed',
            role: 'assistant',
            content: [
              {
                type: 'output_text',
                annotations: [],
                logprobs: [],
                text: 'In libs/platform/config/src/retry.ts, loaded by the ConfigModule.',
              },
            ],
          },
        ],
        parallel_tool_calls: true,
        previous_response_id: null,
        reasoning: {
          effort: null,
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
          input_tokens: 12000,
          input_tokens_details: {
            cached_tokens: 0,
            cache_write_tokens: 11776,
          },
          output_tokens: 220,
          output_tokens_details: {
            reasoning_tokens: 0,
          },
          total_tokens: 12220,
        },
        user: null,
        metadata: {},
      },
    },
    expected: {
      priceEntry: 'gpt-5.6',
      costNanoUsd: 81_320_000,
      promptTokens: 12000,
      completionTokens: 220,
      cacheWriteTokens: 11776,
    },
    working:
      'gpt-5.6, µ$/token: in 224 × 5 + cache write 11776 × 6.25 + out 220 × 30 = 1120 + 73600 + 6600 = 81320 µ$ = 81320000 n$',
  },
  {
    name: 'responses gpt-5.6 stream above 272k with cached input',
    provider: 'openai',
    usageFormat: 'responses',
    request: {
      model: 'gpt-5.6',
      input: 'Here is the full incident archive. Which incidents share a root cause?',
      reasoning: {
        effort: 'medium',
        summary: null,
      },
      stream: true,
    },
    response: {
      sse: String.raw`event: response.created
data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_76f593acb7b6ffc6f2d08000654805add68cd4dbf7f2822a","object":"response","created_at":1763904252,"status":"in_progress","background":false,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-5.6-2026-10-01","output":[],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":"medium","summary":null},"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}}}

event: response.in_progress
data: {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_76f593acb7b6ffc6f2d08000654805add68cd4dbf7f2822a","object":"response","created_at":1763904252,"status":"in_progress","background":false,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-5.6-2026-10-01","output":[],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":"medium","summary":null},"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}}}

event: response.output_item.added
data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"rs_d1f17fa856a2a99bc2238af564ac5182849257e10e7fb2da","type":"reasoning","summary":[]}}

event: response.output_item.done
data: {"type":"response.output_item.done","sequence_number":3,"output_index":0,"item":{"id":"rs_d1f17fa856a2a99bc2238af564ac5182849257e10e7fb2da","type":"reasoning","summary":[]}}

event: response.output_item.added
data: {"type":"response.output_item.added","sequence_number":4,"output_index":1,"item":{"id":"msg_3f3d29769d84a84e95858d531d491449752c96e1e0285771","type":"message","status":"in_progress","role":"assistant","content":[]}}

event: response.content_part.added
data: {"type":"response.content_part.added","sequence_number":5,"item_id":"msg_3f3d29769d84a84e95858d531d491449752c96e1e0285771","output_index":1,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""}}

event: response.output_text.delta
data: {"type":"response.output_text.delta","sequence_number":6,"item_id":"msg_3f3d29769d84a84e95858d531d491449752c96e1e0285771","output_index":1,"content_index":0,"delta":"Incidents 4, 9","logprobs":[],"obfuscation":"UpG8b"}

event: response.output_text.delta
data: {"type":"response.output_text.delta","sequence_number":7,"item_id":"msg_3f3d29769d84a84e95858d531d491449752c96e1e0285771","output_index":1,"content_index":0,"delta":" and 22 share the DNS","logprobs":[],"obfuscation":"G8R4IhjjudP"}

event: response.output_text.delta
data: {"type":"response.output_text.delta","sequence_number":8,"item_id":"msg_3f3d29769d84a84e95858d531d491449752c96e1e0285771","output_index":1,"content_index":0,"delta":" TTL misconfiguration.","logprobs":[],"obfuscation":"gtgbMOd"}

event: response.output_text.done
data: {"type":"response.output_text.done","sequence_number":9,"item_id":"msg_3f3d29769d84a84e95858d531d491449752c96e1e0285771","output_index":1,"content_index":0,"text":"Incidents 4, 9 and 22 share the DNS TTL misconfiguration.","logprobs":[]}

event: response.content_part.done
data: {"type":"response.content_part.done","sequence_number":10,"item_id":"msg_3f3d29769d84a84e95858d531d491449752c96e1e0285771","output_index":1,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":"Incidents 4, 9 and 22 share the DNS TTL misconfiguration."}}

event: response.output_item.done
data: {"type":"response.output_item.done","sequence_number":11,"output_index":1,"item":{"id":"msg_3f3d29769d84a84e95858d531d491449752c96e1e0285771","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Incidents 4, 9 and 22 share the DNS TTL misconfiguration."}]}}

event: response.completed
data: {"type":"response.completed","sequence_number":12,"response":{"id":"resp_76f593acb7b6ffc6f2d08000654805add68cd4dbf7f2822a","object":"response","created_at":1763904252,"status":"completed","background":false,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-5.6-2026-10-01","output":[{"id":"rs_d1f17fa856a2a99bc2238af564ac5182849257e10e7fb2da","type":"reasoning","summary":[]},{"id":"msg_3f3d29769d84a84e95858d531d491449752c96e1e0285771","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Incidents 4, 9 and 22 share the DNS TTL misconfiguration."}]}],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":"medium","summary":null},"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":{"input_tokens":300512,"input_tokens_details":{"cached_tokens":294912,"cache_write_tokens":0},"output_tokens":2048,"output_tokens_details":{"reasoning_tokens":1536},"total_tokens":302560},"user":null,"metadata":{}}}

`,
    },
    expected: {
      priceEntry: 'gpt-5.6',
      costNanoUsd: 443_072_000,
      promptTokens: 300512,
      completionTokens: 2048,
      cachedPromptTokens: 294912,
      reasoningTokens: 1536,
    },
    working:
      'gpt-5.6 above_272k tier (prompt 300512 > 272000) (out 2048 includes 1536 reasoning), µ$/token: in 5600 × 10 + cached 294912 × 1 + out 2048 × 45 = 56000 + 294912 + 92160 = 443072 µ$ = 443072000 n$',
  },
  {
    name: 'responses gpt-5.4-mini stream, reasoning tokens',
    provider: 'openai',
    usageFormat: 'responses',
    request: {
      model: 'gpt-5.4-mini',
      input: 'Give me a regex for ISO dates.',
      reasoning: {
        effort: 'low',
        summary: null,
      },
      stream: true,
    },
    response: {
      sse: String.raw`event: response.created
data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_0ab67b025e7cc61274da6290d270493aafc560d70acd24c1","object":"response","created_at":1763918473,"status":"in_progress","background":false,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-5.4-mini-2026-03-17","output":[],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":"low","summary":null},"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}}}

event: response.in_progress
data: {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_0ab67b025e7cc61274da6290d270493aafc560d70acd24c1","object":"response","created_at":1763918473,"status":"in_progress","background":false,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-5.4-mini-2026-03-17","output":[],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":"low","summary":null},"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}}}

event: response.output_item.added
data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"rs_5664aac58a7d986927da359aae0aff2d644e704ca7cc338e","type":"reasoning","summary":[]}}

event: response.output_item.done
data: {"type":"response.output_item.done","sequence_number":3,"output_index":0,"item":{"id":"rs_5664aac58a7d986927da359aae0aff2d644e704ca7cc338e","type":"reasoning","summary":[]}}

event: response.output_item.added
data: {"type":"response.output_item.added","sequence_number":4,"output_index":1,"item":{"id":"msg_e3ff11a850a67a39bd0027fbbaee63ace8766ae2c1ea7d8c","type":"message","status":"in_progress","role":"assistant","content":[]}}

event: response.content_part.added
data: {"type":"response.content_part.added","sequence_number":5,"item_id":"msg_e3ff11a850a67a39bd0027fbbaee63ace8766ae2c1ea7d8c","output_index":1,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""}}

event: response.output_text.delta
data: {"type":"response.output_text.delta","sequence_number":6,"item_id":"msg_e3ff11a850a67a39bd0027fbbaee63ace8766ae2c1ea7d8c","output_index":1,"content_index":0,"delta":"^\\d{4}-","logprobs":[],"obfuscation":"yC6H6ZW"}

event: response.output_text.delta
data: {"type":"response.output_text.delta","sequence_number":7,"item_id":"msg_e3ff11a850a67a39bd0027fbbaee63ace8766ae2c1ea7d8c","output_index":1,"content_index":0,"delta":"\\d{2}-\\d{2}$","logprobs":[],"obfuscation":"rEV3w4PEZwsg"}

event: response.output_text.done
data: {"type":"response.output_text.done","sequence_number":8,"item_id":"msg_e3ff11a850a67a39bd0027fbbaee63ace8766ae2c1ea7d8c","output_index":1,"content_index":0,"text":"^\\d{4}-\\d{2}-\\d{2}$","logprobs":[]}

event: response.content_part.done
data: {"type":"response.content_part.done","sequence_number":9,"item_id":"msg_e3ff11a850a67a39bd0027fbbaee63ace8766ae2c1ea7d8c","output_index":1,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":"^\\d{4}-\\d{2}-\\d{2}$"}}

event: response.output_item.done
data: {"type":"response.output_item.done","sequence_number":10,"output_index":1,"item":{"id":"msg_e3ff11a850a67a39bd0027fbbaee63ace8766ae2c1ea7d8c","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"^\\d{4}-\\d{2}-\\d{2}$"}]}}

event: response.completed
data: {"type":"response.completed","sequence_number":11,"response":{"id":"resp_0ab67b025e7cc61274da6290d270493aafc560d70acd24c1","object":"response","created_at":1763918473,"status":"completed","background":false,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-5.4-mini-2026-03-17","output":[{"id":"rs_5664aac58a7d986927da359aae0aff2d644e704ca7cc338e","type":"reasoning","summary":[]},{"id":"msg_e3ff11a850a67a39bd0027fbbaee63ace8766ae2c1ea7d8c","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"^\\d{4}-\\d{2}-\\d{2}$"}]}],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":"low","summary":null},"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":{"input_tokens":1200,"input_tokens_details":{"cached_tokens":0},"output_tokens":830,"output_tokens_details":{"reasoning_tokens":512},"total_tokens":2030},"user":null,"metadata":{}}}

`,
    },
    expected: {
      priceEntry: 'gpt-5.4-mini',
      costNanoUsd: 4_635_000,
      promptTokens: 1200,
      completionTokens: 830,
      reasoningTokens: 512,
    },
    working:
      'gpt-5.4-mini (out 830 includes 512 reasoning), µ$/token: in 1200 × 0.75 + out 830 × 4.5 = 900 + 3735 = 4635 µ$ = 4635000 n$',
  },
  {
    name: 'responses gpt-5.5-pro, long reasoning',
    provider: 'openai',
    usageFormat: 'responses',
    request: {
      model: 'gpt-5.5-pro',
      input: 'Find the flaw in this consensus protocol sketch…',
      reasoning: {
        effort: 'high',
        summary: null,
      },
    },
    response: {
      json: {
        id: 'resp_c1a03e5f9aab103f07d8d5dac16b72e5f090f198fcac0308',
        object: 'response',
        created_at: 1763861369,
        status: 'completed',
        background: false,
        error: null,
        incomplete_details: null,
        instructions: null,
        max_output_tokens: null,
        model: 'gpt-5.5-pro-2026-04-23',
        output: [
          {
            id: 'rs_cadd9caa623bda5b11affe18baf4bd328d6021d9e9b8fbf9',
            type: 'reasoning',
            summary: [],
          },
          {
            id: 'msg_baa055844f74e1fed8f3273310a0bd5d23034c65aaf7b72d',
            type: 'message',
            status: 'completed',
            role: 'assistant',
            content: [
              {
                type: 'output_text',
                annotations: [],
                logprobs: [],
                text: 'Step 3 lets two leaders commit in the same term after a partition heals.',
              },
            ],
          },
        ],
        parallel_tool_calls: true,
        previous_response_id: null,
        reasoning: {
          effort: 'high',
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
          input_tokens: 3300,
          input_tokens_details: {
            cached_tokens: 0,
          },
          output_tokens: 14500,
          output_tokens_details: {
            reasoning_tokens: 12288,
          },
          total_tokens: 17800,
        },
        user: null,
        metadata: {},
      },
    },
    expected: {
      priceEntry: 'gpt-5.5-pro',
      costNanoUsd: 2_709_000_000,
      promptTokens: 3300,
      completionTokens: 14500,
      reasoningTokens: 12288,
    },
    working:
      'gpt-5.5-pro (out 14500 includes 12288 reasoning), µ$/token: in 3300 × 30 + out 14500 × 180 = 99000 + 2610000 = 2709000 µ$ = 2709000000 n$',
  },
  {
    name: 'responses gpt-5.3-codex stream, cached input',
    provider: 'openai',
    usageFormat: 'responses',
    request: {
      model: 'gpt-5.3-codex',
      input: 'Add a unit test for parseDuration.',
      reasoning: {
        effort: 'medium',
        summary: null,
      },
      stream: true,
    },
    response: {
      sse: String.raw`event: response.created
data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_3d58d6c79b636a7531871b791917232fc4e48c560bde1d46","object":"response","created_at":1763916751,"status":"in_progress","background":false,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-5.3-codex","output":[],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":"medium","summary":null},"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}}}

event: response.in_progress
data: {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_3d58d6c79b636a7531871b791917232fc4e48c560bde1d46","object":"response","created_at":1763916751,"status":"in_progress","background":false,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-5.3-codex","output":[],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":"medium","summary":null},"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}}}

event: response.output_item.added
data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"rs_7dadf3cf273fa2c307764b28a6687aec5c9f9dd7eec0f779","type":"reasoning","summary":[]}}

event: response.output_item.done
data: {"type":"response.output_item.done","sequence_number":3,"output_index":0,"item":{"id":"rs_7dadf3cf273fa2c307764b28a6687aec5c9f9dd7eec0f779","type":"reasoning","summary":[]}}

event: response.output_item.added
data: {"type":"response.output_item.added","sequence_number":4,"output_index":1,"item":{"id":"msg_911705c10639763950d081062537a5d02caf5997df5debc1","type":"message","status":"in_progress","role":"assistant","content":[]}}

event: response.content_part.added
data: {"type":"response.content_part.added","sequence_number":5,"item_id":"msg_911705c10639763950d081062537a5d02caf5997df5debc1","output_index":1,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""}}

event: response.output_text.delta
data: {"type":"response.output_text.delta","sequence_number":6,"item_id":"msg_911705c10639763950d081062537a5d02caf5997df5debc1","output_index":1,"content_index":0,"delta":"Added parse-duration.spec.ts","logprobs":[],"obfuscation":"1B90C"}

event: response.output_text.delta
data: {"type":"response.output_text.delta","sequence_number":7,"item_id":"msg_911705c10639763950d081062537a5d02caf5997df5debc1","output_index":1,"content_index":0,"delta":" covering ms, s and m units.","logprobs":[],"obfuscation":"H8ELAdXxY4Se"}

event: response.output_text.done
data: {"type":"response.output_text.done","sequence_number":8,"item_id":"msg_911705c10639763950d081062537a5d02caf5997df5debc1","output_index":1,"content_index":0,"text":"Added parse-duration.spec.ts covering ms, s and m units.","logprobs":[]}

event: response.content_part.done
data: {"type":"response.content_part.done","sequence_number":9,"item_id":"msg_911705c10639763950d081062537a5d02caf5997df5debc1","output_index":1,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":"Added parse-duration.spec.ts covering ms, s and m units."}}

event: response.output_item.done
data: {"type":"response.output_item.done","sequence_number":10,"output_index":1,"item":{"id":"msg_911705c10639763950d081062537a5d02caf5997df5debc1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Added parse-duration.spec.ts covering ms, s and m units."}]}}

event: response.completed
data: {"type":"response.completed","sequence_number":11,"response":{"id":"resp_3d58d6c79b636a7531871b791917232fc4e48c560bde1d46","object":"response","created_at":1763916751,"status":"completed","background":false,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-5.3-codex","output":[{"id":"rs_7dadf3cf273fa2c307764b28a6687aec5c9f9dd7eec0f779","type":"reasoning","summary":[]},{"id":"msg_911705c10639763950d081062537a5d02caf5997df5debc1","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Added parse-duration.spec.ts covering ms, s and m units."}]}],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":"medium","summary":null},"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":{"input_tokens":48200,"input_tokens_details":{"cached_tokens":46080},"output_tokens":3020,"output_tokens_details":{"reasoning_tokens":1664},"total_tokens":51220},"user":null,"metadata":{}}}

`,
    },
    expected: {
      priceEntry: 'gpt-5.3-codex',
      costNanoUsd: 54_054_000,
      promptTokens: 48200,
      completionTokens: 3020,
      cachedPromptTokens: 46080,
      reasoningTokens: 1664,
    },
    working:
      'gpt-5.3-codex (out 3020 includes 1664 reasoning), µ$/token: in 2120 × 1.75 + cached 46080 × 0.175 + out 3020 × 14 = 3710 + 8064 + 42280 = 54054 µ$ = 54054000 n$',
  },
  {
    name: 'responses gpt-4.1-mini stream, fractional cost',
    provider: 'openai',
    usageFormat: 'responses',
    request: {
      model: 'gpt-4.1-mini',
      input: 'Hi',
      stream: true,
    },
    response: {
      sse: String.raw`event: response.created
data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_d48ee002b6674ade82402bfafb88ad36416744f19ddc59a1","object":"response","created_at":1763958882,"status":"in_progress","background":false,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-4.1-mini-2025-04-14","output":[],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":null,"summary":null},"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}}}

event: response.in_progress
data: {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_d48ee002b6674ade82402bfafb88ad36416744f19ddc59a1","object":"response","created_at":1763958882,"status":"in_progress","background":false,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-4.1-mini-2025-04-14","output":[],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":null,"summary":null},"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}}}

event: response.output_item.added
data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"msg_1dacb9121b7efac89bc655718cd1c2959e2e3afba8f40138","type":"message","status":"in_progress","role":"assistant","content":[]}}

event: response.content_part.added
data: {"type":"response.content_part.added","sequence_number":3,"item_id":"msg_1dacb9121b7efac89bc655718cd1c2959e2e3afba8f40138","output_index":0,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""}}

event: response.output_text.delta
data: {"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1dacb9121b7efac89bc655718cd1c2959e2e3afba8f40138","output_index":0,"content_index":0,"delta":"Hi","logprobs":[],"obfuscation":"1IEtGdgm"}

event: response.output_text.delta
data: {"type":"response.output_text.delta","sequence_number":5,"item_id":"msg_1dacb9121b7efac89bc655718cd1c2959e2e3afba8f40138","output_index":0,"content_index":0,"delta":" there!","logprobs":[],"obfuscation":"5pnfp"}

event: response.output_text.done
data: {"type":"response.output_text.done","sequence_number":6,"item_id":"msg_1dacb9121b7efac89bc655718cd1c2959e2e3afba8f40138","output_index":0,"content_index":0,"text":"Hi there!","logprobs":[]}

event: response.content_part.done
data: {"type":"response.content_part.done","sequence_number":7,"item_id":"msg_1dacb9121b7efac89bc655718cd1c2959e2e3afba8f40138","output_index":0,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":"Hi there!"}}

event: response.output_item.done
data: {"type":"response.output_item.done","sequence_number":8,"output_index":0,"item":{"id":"msg_1dacb9121b7efac89bc655718cd1c2959e2e3afba8f40138","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Hi there!"}]}}

event: response.completed
data: {"type":"response.completed","sequence_number":9,"response":{"id":"resp_d48ee002b6674ade82402bfafb88ad36416744f19ddc59a1","object":"response","created_at":1763958882,"status":"completed","background":false,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"gpt-4.1-mini-2025-04-14","output":[{"id":"msg_1dacb9121b7efac89bc655718cd1c2959e2e3afba8f40138","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Hi there!"}]}],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":null,"summary":null},"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":{"input_tokens":37,"input_tokens_details":{"cached_tokens":0},"output_tokens":11,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":48},"user":null,"metadata":{}}}

`,
    },
    expected: {
      priceEntry: 'gpt-4.1-mini',
      costNanoUsd: 32_400,
      promptTokens: 37,
      completionTokens: 11,
    },
    working: 'gpt-4.1-mini, µ$/token: in 37 × 0.4 + out 11 × 1.6 = 14.8 + 17.6 = 32.4 µ$ = 32400 n$',
  },
  {
    name: 'responses o4-mini incomplete at max_output_tokens is still billed',
    provider: 'openai',
    usageFormat: 'responses',
    request: {
      model: 'o4-mini',
      input: 'Enumerate all subsets of {1..20} with an even sum.',
      max_output_tokens: 1024,
      reasoning: {
        effort: 'high',
        summary: null,
      },
    },
    response: {
      json: {
        id: 'resp_0d5d22503bb2ea5518992692430833956b0eb3ca502edb13',
        object: 'response',
        created_at: 1763845478,
        status: 'incomplete',
        background: false,
        error: null,
        incomplete_details: {
          reason: 'max_output_tokens',
        },
        instructions: null,
        max_output_tokens: 1024,
        model: 'o4-mini-2025-04-16',
        output: [
          {
            id: 'rs_ffb04d2abeb0bc4e9b439dc5745d0cf3bbcce087b0686cf4',
            type: 'reasoning',
            summary: [],
          },
        ],
        parallel_tool_calls: true,
        previous_response_id: null,
        reasoning: {
          effort: 'high',
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
          input_tokens: 210,
          input_tokens_details: {
            cached_tokens: 0,
          },
          output_tokens: 1024,
          output_tokens_details: {
            reasoning_tokens: 1024,
          },
          total_tokens: 1234,
        },
        user: null,
        metadata: {},
      },
    },
    expected: {
      priceEntry: 'o4-mini',
      costNanoUsd: 4_736_600,
      promptTokens: 210,
      completionTokens: 1024,
      reasoningTokens: 1024,
    },
    working:
      'o4-mini (out 1024 includes 1024 reasoning), µ$/token: in 210 × 1.1 + out 1024 × 4.4 = 231 + 4505.6 = 4736.6 µ$ = 4736600 n$',
  },
  {
    name: 'responses gpt-5-mini stream ending with response.incomplete',
    provider: 'openai',
    usageFormat: 'responses',
    request: {
      model: 'gpt-5-mini',
      input: 'Write a long story about a lighthouse.',
      max_output_tokens: 500,
      reasoning: {
        effort: 'minimal',
        summary: null,
      },
      stream: true,
    },
    response: {
      sse: String.raw`event: response.created
data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_efc014bef46af514c5b2a518763feb11c8277d1bef61f7b4","object":"response","created_at":1763970100,"status":"in_progress","background":false,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":500,"model":"gpt-5-mini-2025-08-07","output":[],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":"minimal","summary":null},"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}}}

event: response.in_progress
data: {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_efc014bef46af514c5b2a518763feb11c8277d1bef61f7b4","object":"response","created_at":1763970100,"status":"in_progress","background":false,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":500,"model":"gpt-5-mini-2025-08-07","output":[],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":"minimal","summary":null},"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}}}

event: response.output_item.added
data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"rs_3572f9ed51cbf72493039b30c53dafa7a4a1a9716a7b7b44","type":"reasoning","summary":[]}}

event: response.output_item.done
data: {"type":"response.output_item.done","sequence_number":3,"output_index":0,"item":{"id":"rs_3572f9ed51cbf72493039b30c53dafa7a4a1a9716a7b7b44","type":"reasoning","summary":[]}}

event: response.output_item.added
data: {"type":"response.output_item.added","sequence_number":4,"output_index":1,"item":{"id":"msg_6b4640299bac54efd3a94a876cb75638d2335e131f550bf1","type":"message","status":"in_progress","role":"assistant","content":[]}}

event: response.content_part.added
data: {"type":"response.content_part.added","sequence_number":5,"item_id":"msg_6b4640299bac54efd3a94a876cb75638d2335e131f550bf1","output_index":1,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""}}

event: response.output_text.delta
data: {"type":"response.output_text.delta","sequence_number":6,"item_id":"msg_6b4640299bac54efd3a94a876cb75638d2335e131f550bf1","output_index":1,"content_index":0,"delta":"The keeper","logprobs":[],"obfuscation":"vjj4qKouy1"}

event: response.output_text.delta
data: {"type":"response.output_text.delta","sequence_number":7,"item_id":"msg_6b4640299bac54efd3a94a876cb75638d2335e131f550bf1","output_index":1,"content_index":0,"delta":" climbed the stairs","logprobs":[],"obfuscation":"JmPHjRq"}

event: response.output_text.done
data: {"type":"response.output_text.done","sequence_number":8,"item_id":"msg_6b4640299bac54efd3a94a876cb75638d2335e131f550bf1","output_index":1,"content_index":0,"text":"The keeper climbed the stairs","logprobs":[]}

event: response.content_part.done
data: {"type":"response.content_part.done","sequence_number":9,"item_id":"msg_6b4640299bac54efd3a94a876cb75638d2335e131f550bf1","output_index":1,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":"The keeper climbed the stairs"}}

event: response.output_item.done
data: {"type":"response.output_item.done","sequence_number":10,"output_index":1,"item":{"id":"msg_6b4640299bac54efd3a94a876cb75638d2335e131f550bf1","type":"message","status":"incomplete","role":"assistant","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"The keeper climbed the stairs"}]}}

event: response.incomplete
data: {"type":"response.incomplete","sequence_number":11,"response":{"id":"resp_efc014bef46af514c5b2a518763feb11c8277d1bef61f7b4","object":"response","created_at":1763970100,"status":"incomplete","background":false,"error":null,"incomplete_details":{"reason":"max_output_tokens"},"instructions":null,"max_output_tokens":500,"model":"gpt-5-mini-2025-08-07","output":[{"id":"rs_3572f9ed51cbf72493039b30c53dafa7a4a1a9716a7b7b44","type":"reasoning","summary":[]},{"id":"msg_6b4640299bac54efd3a94a876cb75638d2335e131f550bf1","type":"message","status":"incomplete","role":"assistant","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"The keeper climbed the stairs"}]}],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":"minimal","summary":null},"service_tier":"default","store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":{"input_tokens":75,"input_tokens_details":{"cached_tokens":0},"output_tokens":500,"output_tokens_details":{"reasoning_tokens":448},"total_tokens":575},"user":null,"metadata":{}}}

`,
    },
    expected: {
      priceEntry: 'gpt-5-mini',
      costNanoUsd: 1_018_750,
      promptTokens: 75,
      completionTokens: 500,
      reasoningTokens: 448,
    },
    working:
      'gpt-5-mini (out 500 includes 448 reasoning), µ$/token: in 75 × 0.25 + out 500 × 2 = 18.75 + 1000 = 1018.75 µ$ = 1018750 n$',
  },
];
