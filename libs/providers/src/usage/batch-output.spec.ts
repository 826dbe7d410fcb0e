import { describe, expect, it } from 'vitest';
import { BatchOutputCollector } from './batch-output';

const line = (model: string, usage: object, status = 200) =>
  JSON.stringify({
    id: 'batch_req_1',
    custom_id: 'r',
    response: { status_code: status, body: { model, usage } },
    error: null,
  });

describe(BatchOutputCollector.name, () => {
  it('sums the usage of a batch output file per model, across chunk boundaries, skipping failed lines', () => {
    const file = [
      line('gpt-4o-mini-2024-07-18', { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 }),
      line('gpt-4o-mini-2024-07-18', {
        prompt_tokens: 50,
        completion_tokens: 5,
        total_tokens: 55,
        prompt_tokens_details: { cached_tokens: 20 },
      }),
      line('gpt-4o', { input_tokens: 7, output_tokens: 3, total_tokens: 10 }),
      line('gpt-4o', { prompt_tokens: 999, completion_tokens: 999 }, 500),
      'not json',
    ].join('\n');
    const collector = new BatchOutputCollector();
    for (let at = 0; at < file.length; at += 13) collector.push(Buffer.from(file.slice(at, at + 13)));
    collector.end();
    expect(collector.usageByModel.get('gpt-4o-mini-2024-07-18')).toMatchObject({
      promptTokens: 150,
      completionTokens: 15,
      cachedPromptTokens: 20,
    });
    expect(collector.usageByModel.get('gpt-4o')).toMatchObject({ promptTokens: 7, completionTokens: 3 });
    expect(collector.usageByModel.size).toBe(2);
  });
});
