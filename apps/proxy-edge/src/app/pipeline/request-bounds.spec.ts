import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectEventually,
  FakeOpenAiUpstream,
  InMemoryKeyDirectory,
  type TestProxy,
} from '@tollgate/testing';
import { startEdgeUnderTest } from '../testing/edge-under-test.test-support';

// What a key holder's request may cost the gateway, through the real pipeline: uploads are authorized and
// priced by the model in their head before they are forwarded, JSON depth and buffered bytes are bounded.
describe('request bounds through the pipeline', () => {
  const upstream = new FakeOpenAiUpstream();
  const directory = new InMemoryKeyDirectory();
  let proxy: TestProxy;
  const audio = () => toFile(Buffer.from('ID3 fake audio'), 'speech.mp3', { type: 'audio/mpeg' });

  beforeAll(async () => {
    await upstream.start();
    directory.addSetting({ id: 'any', provider: 'openai', setting: { url: upstream.baseUrl }, secrets: {} });
    directory.addSetting({
      id: 'whisper-only',
      provider: 'openai',
      setting: { url: upstream.baseUrl },
      secrets: {},
      allowedModels: ['whisper-1'],
    });
    directory.addKey('whisper-key', { keyId: 'w', settingIds: ['whisper-only'] });
    directory.addKey('spend-key', {
      keyId: 's',
      settingIds: ['any'],
      limits: { costLimitMicroUsd: 1_000_000_000 },
    });
    directory.addKey('plain-key', { keyId: 'p', settingIds: ['any'] });
    directory.addKey('second-key', { keyId: 'p2', settingIds: ['any'] });
    directory.addKey('third-key', { keyId: 'p3', settingIds: ['any'] });
    proxy = await startEdgeUnderTest(directory, {
      MAX_REQUEST_BODY_BYTES: String(64 * 1024),
      MAX_BUFFERED_REQUEST_BYTES: String(100 * 1024),
      MAX_JSON_DEPTH: '16',
      UNAUTHENTICATED_EVENTS_PER_SECOND: '3',
    });
  });

  afterAll(async () => {
    await proxy.stop();
    await upstream.stop();
  });

  const forwarded = () => upstream.requests.length;

  it('refuses an upload naming a model its setting does not allow, before anything reaches the provider', async () => {
    const before = forwarded();
    const refused = proxy.openai('whisper-key').audio.transcriptions.create({
      model: 'gpt-4o-transcribe',
      file: await audio(),
    });
    await expect(refused).rejects.toMatchObject({ status: 403, code: 'model_not_allowed' });
    expect(forwarded()).toBe(before);
    const allowed = await proxy.openai('whisper-key').audio.transcriptions.create({
      model: 'whisper-1',
      file: await audio(),
    });
    expect(allowed.text).toBeTypeOf('string');
    expect(forwarded()).toBe(before + 1);
  });

  it('applies the unknown-model policy to uploads under a spend limit', async () => {
    const before = forwarded();
    const refused = proxy.openai('spend-key').audio.transcriptions.create({
      model: 'whisper-9000',
      file: await audio(),
    });
    await expect(refused).rejects.toMatchObject({ status: 403, code: 'unknown_model_price' });
    expect(forwarded()).toBe(before);
    const event = await expectEventually(() => {
      const found = proxy.events().find((e) => e.payload.keyId === 's');
      if (!found) throw new Error('no event yet');
      return found;
    });
    expect(event.payload).toMatchObject({ model: 'whisper-9000', errorCode: 'unknown_model_price' });
  });

  it('answers JSON nested past the bound with 400 in the OpenAI shape', async () => {
    const deep = JSON.parse('['.repeat(20) + ']'.repeat(20)) as unknown;
    const refused = proxy.openai('plain-key').chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      metadata: { deep } as unknown as Record<string, string>,
    });
    await expect(refused).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(refused).rejects.toMatchObject({ code: 'json_too_deep' });
  });

  // 40 KiB bodies held while the upstream takes 2 s to answer. The process holds at most 100 KiB of bodies,
  // a key at most 64 KiB of it (by default a quarter of the budget, but never less than one largest body).
  const body = (n: number) => ({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user' as const, content: `${n} ${'x'.repeat(40 * 1024)}` }],
  });
  const chat = (key: string, n: number) => proxy.openai(key).chat.completions.create(body(n));

  it('answers 503 while the process holds its budget of buffered bodies, and admits again once freed', async () => {
    upstream.willReply({ content: 'slow', promptTokens: 1, completionTokens: 1, headersDelayMs: 2_000 });
    const before = forwarded();
    // Two 40 KiB bodies of two keys fit in 100 KiB; a third does not while they wait for the upstream.
    const held = [chat('plain-key', 1), chat('second-key', 2)];
    // Both are held once the upstream has them (it answers 2 s later), however slow the machine.
    await expectEventually(() => expect(forwarded()).toBe(before + 2));
    await expect(chat('third-key', 3)).rejects.toMatchObject({ status: 503, code: 'gateway_busy' });
    await Promise.all(held);
    upstream.willReply({ content: 'ok', promptTokens: 1, completionTokens: 1 });
    await expect(chat('third-key', 4)).resolves.toMatchObject({ object: 'chat.completion' });
  });

  it('keeps one key to its share of the budget (429), so other keys are still served', async () => {
    upstream.willReply({ content: 'slow', promptTokens: 1, completionTokens: 1, headersDelayMs: 2_000 });
    const before = forwarded();
    const held = chat('plain-key', 1);
    await expectEventually(() => expect(forwarded()).toBe(before + 1));
    // A second body of the same key would hold 80 KiB: past its 64 KiB share, though the process has room.
    const refused = chat('plain-key', 2);
    await expect(refused).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    await expect(refused).rejects.toMatchObject({ status: 429, code: 'too_many_request_bytes' });
    // Another key's body of the same size is read and forwarded meanwhile.
    const other = chat('second-key', 3);
    await expectEventually(() => expect(forwarded()).toBe(before + 2));
    await Promise.all([held, other]);
  });

  it('samples the events of requests without a known key, and records every request with one', async () => {
    const before = proxy.events().length;
    const started = Date.now();
    const send = (key: string, path: string) =>
      fetch(`${proxy.origin}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
      });
    const answers = await Promise.all([
      ...Array.from({ length: 60 }, (_, i) =>
        send(`stolen-${i}`, '/api/providers/openai/v1/chat/completions'),
      ),
      ...Array.from({ length: 60 }, (_, i) => send('plain-key', `/api/providers/made-up-${i}/v1/x`)),
      ...Array.from({ length: 10 }, () => send('plain-key', '/api/providers/openai/v1/chat/completions')),
    ]);
    const seconds = Math.ceil((Date.now() - started) / 1000) + 1;
    expect(answers.filter((a) => a.status === 401)).toHaveLength(60);
    expect(answers.filter((a) => a.status === 404)).toHaveLength(60);
    await expectEventually(() =>
      expect(proxy.events().filter((e) => e.payload.keyId === 'p').length).toBeGreaterThanOrEqual(10),
    );
    const events = proxy.events().slice(before);
    // Every request of a known key has its event; the others are sampled, at most 3 a second.
    expect(events.filter((e) => e.payload.keyId === 'p' && e.payload.status === 200)).toHaveLength(10);
    const unauthenticated = events.filter((e) => e.payload.keyId === null);
    expect(unauthenticated.length).toBeGreaterThan(0);
    expect(unauthenticated.length).toBeLessThanOrEqual(3 * seconds);
  });
});
