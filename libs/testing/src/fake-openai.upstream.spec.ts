import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { FakeOpenAiUpstream } from './fake-openai.upstream';

describe(FakeOpenAiUpstream.name, () => {
  const upstream = new FakeOpenAiUpstream();
  let client: OpenAI;

  beforeAll(async () => {
    await upstream.start();
    client = new OpenAI({ apiKey: 'sk-test', baseURL: `${upstream.baseUrl}/v1`, maxRetries: 0 });
  });
  afterAll(() => upstream.stop());

  it('answers a chat completion the official client parses, usage included', async () => {
    upstream.willReply({ content: 'Hi there', promptTokens: 11, completionTokens: 3, cachedTokens: 4 });
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Hi there');
    expect(completion.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 });
    expect(completion.usage?.prompt_tokens_details?.cached_tokens).toBe(4);
  });

  it('streams SSE chunks and sends usage only when asked', async () => {
    upstream.willReply({ content: 'one two three', promptTokens: 5, completionTokens: 3 });
    const withUsage = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'count' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of withUsage) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('one two three');
    expect(usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 3 });

    const withoutUsage = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'count' }],
      stream: true,
    });
    const usages: unknown[] = [];
    for await (const chunk of withoutUsage) if (chunk.usage) usages.push(chunk.usage);
    expect(usages).toEqual([]);
  });

  it('records what it received, headers included', async () => {
    const before = upstream.requests.length;
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });
    const recorded = upstream.requests[before];
    expect(recorded?.path).toBe('/v1/chat/completions');
    expect(recorded?.headers.authorization).toBe('Bearer sk-test');
    expect(JSON.parse(recorded?.body ?? '{}')).toMatchObject({ model: 'gpt-4o' });
  });

  it('answers errors in the OpenAI shape', async () => {
    upstream.willReply({ content: '', promptTokens: 0, completionTokens: 0, errorStatus: 503 });
    await expect(
      client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({ status: 503 });
  });
});
