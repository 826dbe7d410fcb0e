import { randomUUID } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectEventually, FakeAnthropicUpstream, FakeOpenAiUpstream } from '@tollgate/testing';
import { AdminApi } from './support/admin-api';
import { rowsByCustomId } from './support/clickhouse-rows';
import { msUntil } from './support/key-probe';

// PII policies through the running gateway (proxy-edge → pii-redaction over HTTP), with the official SDKs:
// for each prompt format a blocking, a warning and a redacting policy, compared byte for byte with what the
// SDK sent and what the (fake) provider received.
const EMAIL = 'jane.doe@example.com';
const ORDER = 'ORDER-88412';
type Mode = 'block' | 'warn' | 'redact';

// A fetch that keeps the exact bytes each SDK call sent.
function recordingFetch(sent: string[]): typeof fetch {
  return (input, init) => {
    if (typeof init?.body === 'string') sent.push(init.body);
    return fetch(input, init);
  };
}

describe('PII policies (block, warn, redact) on every prompt format', () => {
  const gateway = inject('gateway');
  const admin = new AdminApi(gateway.adminUrl);
  const openaiUpstream = new FakeOpenAiUpstream();
  const anthropicUpstream = new FakeAnthropicUpstream();
  const sent: string[] = [];
  const keys: Record<Mode | 'catastrophic' | 'plain', string> = {
    block: '',
    warn: '',
    redact: '',
    catastrophic: '',
    plain: '',
  };
  const policyIds: Partial<Record<Mode, string>> = {};

  const openai = (key: string) =>
    new OpenAI({
      apiKey: key,
      baseURL: `${gateway.proxyUrl}/api/providers/openai/v1`,
      maxRetries: 0,
      fetch: recordingFetch(sent),
    });
  const anthropic = (key: string) =>
    new Anthropic({
      apiKey: key,
      baseURL: `${gateway.proxyUrl}/api/providers/anthropic`,
      maxRetries: 0,
      fetch: recordingFetch(sent),
    });

  async function policy(body: object): Promise<string> {
    const res = await admin.raw(
      'POST',
      '/api/policies',
      JSON.stringify({ name: `pii-${randomUUID()}`, tags: ['pii-e2e'], ...body }),
    );
    expect(res.status).toBe(200);
    return String(((await res.json()) as { id: string }).id);
  }

  beforeAll(async () => {
    await openaiUpstream.start();
    await anthropicUpstream.start();
    const settings = [
      await admin.createProviderSetting({
        provider: 'openai',
        setting: { apikey: 'sk-pii-up', url: openaiUpstream.baseUrl },
      }),
      await admin.createProviderSetting({
        provider: 'anthropic',
        setting: { apikey: 'sk-ant-pii-up', url: anthropicUpstream.baseUrl },
      }),
    ];
    policyIds.block = await policy({ config: { rules: { email: 'block' } } });
    policyIds.warn = await policy({ config: { rules: { email: 'allow_but_warn' } } });
    // Every redact rule applies: an entity rule and a regex rule together.
    policyIds.redact = await policy({
      config: { rules: { email: 'allow_but_redact' } },
      regexConfig: { rules: [{ definition: 'ORDER-\\d+', action: 'allow_but_redact' }] },
    });
    const catastrophic = await policy({
      regexConfig: { rules: [{ definition: '(a+)+$', action: 'block' }] },
    });
    const key = async (policyId: string | undefined) => {
      const raw = `tg-e2e-pii-${randomUUID()}`;
      await admin.createKey({
        name: 'pii key',
        key: raw,
        tags: ['pii-e2e'],
        settingIds: settings.map((s) => s.id),
        shouldLogRequest: true,
        ...(policyId ? { policyId } : {}),
      });
      await msUntil(gateway.proxyUrl, raw, 'accepted');
      return raw;
    };
    keys.block = await key(policyIds.block);
    keys.warn = await key(policyIds.warn);
    keys.redact = await key(policyIds.redact);
    keys.catastrophic = await key(catastrophic);
    keys.plain = await key(undefined);
  }, 60_000);

  afterAll(async () => {
    await openaiUpstream.stop();
    await anthropicUpstream.stop();
  });

  // One call per format; the prompt carries the email (and an order number for the regex rule).
  const FORMATS: Record<
    string,
    {
      upstream: () => FakeOpenAiUpstream | FakeAnthropicUpstream;
      call: (key: string, customId: string) => Promise<unknown>;
    }
  > = {
    'OpenAI chat, string content': {
      upstream: () => openaiUpstream,
      call: (key, customId) =>
        openai(key).chat.completions.create(
          {
            model: 'gpt-4o-mini',
            messages: [
              { role: 'system', content: 'You are "helpful".\n' },
              { role: 'user', content: `Write to ${EMAIL} about ${ORDER}, ünïcode kept` },
            ],
          },
          { headers: { 'x-custom-event-id': customId } },
        ),
    },
    'OpenAI chat, array content': {
      upstream: () => openaiUpstream,
      call: (key, customId) =>
        openai(key).chat.completions.create(
          {
            model: 'gpt-4o-mini',
            messages: [
              {
                role: 'user',
                content: [
                  { type: 'text', text: `first part, nothing here` },
                  { type: 'text', text: `mail ${EMAIL} re ${ORDER}` },
                ],
              },
            ],
          },
          { headers: { 'x-custom-event-id': customId } },
        ),
    },
    'Anthropic messages with system': {
      upstream: () => anthropicUpstream,
      call: (key, customId) =>
        anthropic(key).messages.create(
          {
            model: 'claude-3-5-haiku-20241022',
            max_tokens: 64,
            system: `Answer on behalf of ${EMAIL}.`,
            messages: [{ role: 'user', content: `Status of ${ORDER}?` }],
          },
          { headers: { 'x-custom-event-id': customId } },
        ),
    },
    'Responses input': {
      upstream: () => openaiUpstream,
      call: (key, customId) =>
        openai(key).responses.create(
          {
            model: 'gpt-4o-mini',
            input: [{ role: 'user', content: `Forward ${ORDER} to ${EMAIL}` }],
          },
          { headers: { 'x-custom-event-id': customId } },
        ),
    },
    completions: {
      upstream: () => openaiUpstream,
      call: (key, customId) =>
        openai(key).completions.create(
          { model: 'gpt-3.5-turbo-instruct', prompt: `Dear ${EMAIL}, your ${ORDER}` },
          { headers: { 'x-custom-event-id': customId } },
        ),
    },
    'embeddings array': {
      upstream: () => openaiUpstream,
      call: (key, customId) =>
        openai(key).embeddings.create(
          { model: 'text-embedding-3-small', input: ['no pii at all', `${EMAIL} ${ORDER}`, EMAIL] },
          { headers: { 'x-custom-event-id': customId } },
        ),
    },
  };

  async function rowOf(customId: string) {
    return expectEventually(
      async () => {
        const rows = await rowsByCustomId(gateway.clickhouseDatabase, customId);
        expect(rows).toHaveLength(1);
        return rows[0] as NonNullable<(typeof rows)[0]>;
      },
      { timeoutMs: 30_000, what: `the ClickHouse row of ${customId}` },
    );
  }

  describe.each(Object.entries(FORMATS))('%s', (_name, format) => {
    it('block: 403 in the provider’s shape naming the entity type, nothing reaches the provider', async () => {
      const upstream = format.upstream();
      const before = upstream.requests.length;
      const customId = `pii-block-${randomUUID()}`;
      const error = (await format.call(keys.block, customId).catch((e: unknown) => e)) as {
        status?: number;
        message?: string;
      };
      expect(error.status).toBe(403);
      expect(error.message).toContain('email');
      expect(error.message).not.toContain(EMAIL);
      expect(upstream.requests.length).toBe(before);
      const row = await rowOf(customId);
      expect(row).toMatchObject({
        policy_id: policyIds.block,
        pii_action: 'blocked',
        pii_entities: ['email'],
      });
      expect(row.request_body).toBe('');
    });

    it('warn: forwarded byte for byte unchanged, the event says warned', async () => {
      const upstream = format.upstream();
      const customId = `pii-warn-${randomUUID()}`;
      await format.call(keys.warn, customId);
      const body = sent.at(-1) ?? '';
      expect(upstream.requests.at(-1)?.raw.equals(Buffer.from(body))).toBe(true);
      const row = await rowOf(customId);
      expect(row).toMatchObject({ policy_id: policyIds.warn, pii_action: 'warned', pii_entities: ['email'] });
    });

    it('redact: only the matched spans replaced, every other byte identical; the log holds the redacted body', async () => {
      const upstream = format.upstream();
      const customId = `pii-redact-${randomUUID()}`;
      await format.call(keys.redact, customId);
      const body = sent.at(-1) ?? '';
      expect(body).toContain(EMAIL);
      const expected = Buffer.from(body.replaceAll(EMAIL, '[EMAIL]').replaceAll(ORDER, '[REDACTED]'));
      const received = upstream.requests.at(-1)?.raw ?? Buffer.alloc(0);
      expect(received.toString()).toBe(expected.toString());
      expect(received.equals(expected)).toBe(true);
      const row = await rowOf(customId);
      expect(row).toMatchObject({
        policy_id: policyIds.redact,
        pii_action: 'redacted',
        pii_entities: ['email'],
      });
      expect(row.request_body).not.toContain(EMAIL);
      expect(row.request_body).toContain('[EMAIL]');
    });
  });

  it('POST /api/v2/events filters on policyIds and actions', async () => {
    const now = Math.floor(Date.now() / 1000);
    const res = await admin.raw(
      'POST',
      '/api/v2/events',
      JSON.stringify({
        start: now - 3600,
        end: now + 60,
        policyIds: [policyIds.block],
        actions: ['blocked'],
        limit: 100,
      }),
    );
    const events = ((await res.json()) as { events: { policyId: string; action: string }[] }).events;
    expect(events.length).toBe(Object.keys(FORMATS).length);
    expect(events.every((e) => e.policyId === policyIds.block && e.action === 'blocked')).toBe(true);
  });

  it('a catastrophic regex rule, (a+)+$, on megabyte prompts does not slow other requests', async () => {
    const plain = openai(keys.plain);
    const redacting = openai(keys.redact);
    const timed = async (call: () => Promise<unknown>) => {
      const started = performance.now();
      await call();
      return performance.now() - started;
    };
    const chat = (client: OpenAI, content: string) => () =>
      client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });
    // Backtracking would take longer than the universe's age on these; RE2 is linear in them.
    const evil = `${'a'.repeat(1024 * 1024)}!`;
    const heavy = Array.from({ length: 3 }, () =>
      timed(chat(openai(keys.catastrophic), evil)).catch(() => Number.NaN),
    );
    const others: number[] = [];
    for (let i = 0; i < 10; i++) {
      others.push(await timed(chat(plain, 'hello')));
      others.push(await timed(chat(redacting, `mail ${EMAIL}`)));
    }
    const heavyMs = await Promise.all(heavy);
    console.log(
      'catastrophic rule: other requests (ms)',
      others.map(Math.round),
      'heavy (ms)',
      heavyMs.map(Math.round),
    );
    expect(Math.max(...others)).toBeLessThan(500);
    expect(heavyMs.every((ms) => Number.isFinite(ms))).toBe(true);
  });
});
