import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finishReasonsOfJson, responseIdOfJson, responseModelOfJson } from './response-model';
import { customUsageReader } from './custom-usage';
import { USAGE_READERS } from './usage-readers';

// A provider's response is read as it passes to the client: whatever JSON a response or a stream frame holds
// (a custom provider's, a proxy's error page, a broken upstream), reading it must never throw, or the relay
// would cut the client's response and the request would go unrecorded.
const shapes = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.string(),
    fc.array(tie('value'), { maxLength: 3 }),
    tie('object'),
  ),
  // Objects using the field names the readers look for, so that odd values land where shapes are expected.
  object: fc.dictionary(
    fc.constantFrom(
      'usage',
      'choices',
      'delta',
      'message',
      'content',
      'text',
      'finish_reason',
      'stop_reason',
      'index',
      'tool_calls',
      'function',
      'arguments',
      'response',
      'output',
      'type',
      'model',
      'id',
      'input_tokens',
      'output_tokens',
      'prompt_tokens',
      'completion_tokens',
      'prompt_tokens_details',
      'data',
      'status',
    ),
    tie('value'),
    { maxKeys: 5 },
  ),
})).value;

const frames = (values: unknown[]) => values.map((v) => `data: ${JSON.stringify(v)}\n\n`).join('');
const eventFrames = (values: unknown[]) =>
  values
    .map(
      (v, i) =>
        `event: ${['message_start', 'message_delta', 'content_block_delta'][i % 3]}\ndata: ${JSON.stringify(v)}\n\n`,
    )
    .join('');

describe('reading any JSON a provider sends', () => {
  const custom = customUsageReader({
    path: '/chat',
    target_url: 'https://llm.example/chat',
    model_location: 'model',
    request_prompt_location: 'messages.#.content',
    response_completion_location: 'choices.0.message.content',
    stream_response_completion_location: 'choices.0.delta.content',
    stream_end_word: 'END',
  } as Parameters<typeof customUsageReader>[0]);
  const readers = [...Object.entries(USAGE_READERS), ['custom', custom] as const];

  it('never throws on a JSON body', () => {
    fc.assert(
      fc.property(shapes, (body) => {
        for (const [, reader] of readers) {
          reader.fromJson(body);
          reader.textFromJson(body);
        }
        responseModelOfJson(body);
        responseIdOfJson(body);
        finishReasonsOfJson(body);
      }),
      { numRuns: 2_000 },
    );
  });

  it('never throws on stream frames', () => {
    fc.assert(
      fc.property(fc.array(shapes, { maxLength: 6 }), (values) => {
        for (const [, reader] of readers) {
          for (const stream of [frames(values), eventFrames(values)]) {
            const collector = reader.streamCollector();
            collector.push(new TextEncoder().encode(stream));
            collector.usage();
            collector.text();
            collector.responseFacts?.();
          }
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('still reads the usage of a stream after frames of odd shapes', () => {
    const collector = USAGE_READERS.openai.streamCollector();
    const odd = [null, 42, { choices: [null, 3, { delta: null }] }, { choices: [{ delta: { content: 7 } }] }];
    const usage = { choices: [], usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } };
    collector.push(new TextEncoder().encode(frames([...odd, usage])));
    expect(collector.usage()).toMatchObject({ promptTokens: 5, completionTokens: 2, totalTokens: 7 });
  });
});
