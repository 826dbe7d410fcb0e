import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isWellFormedText } from '@tollgate/contracts';
import { expectEventually, FakeOpenAiUpstream } from '@tollgate/testing';
import { AdminApi } from './support/admin-api';
import { rowsByCustomId } from './support/clickhouse-rows';
import { msUntil } from './support/key-probe';

// The attack of issue 14: one request with a lone surrogate (an invalid Unicode escape) and a NUL in its JSON,
// sent by the official SDK with an ordinary key. Before, ClickHouse refused the ingester's batch and the
// consumer retried it forever, stopping analytics for the partition. Now the request's event is stored with
// well-formed strings, and the requests after it keep flowing into ClickHouse.
describe('a request with invalid Unicode does not stop analytics', () => {
  const gateway = inject('gateway');
  const admin = new AdminApi(gateway.adminUrl);
  const upstream = new FakeOpenAiUpstream();
  let client: OpenAI;

  beforeAll(async () => {
    await upstream.start();
    const setting = await admin.createProviderSetting({
      provider: 'openai',
      setting: { apikey: 'sk-x', url: upstream.baseUrl },
    });
    const secret = `tg-poison-${randomUUID()}`;
    await admin.createKey({ name: 'poison', key: secret, settingIds: [setting.id], shouldLogRequest: true });
    await msUntil(gateway.proxyUrl, secret, 'accepted');
    client = new OpenAI({
      apiKey: secret,
      baseURL: `${gateway.proxyUrl}/api/providers/openai/v1`,
      maxRetries: 0,
    });
  });
  afterAll(() => upstream.stop());

  it('stores the poisoned request once with well-formed strings, and the next request too', async () => {
    const poisoned = `poison-${randomUUID()}`;
    const after = `after-${randomUUID()}`;
    upstream.willReply({ content: 'ok', promptTokens: 3, completionTokens: 1 });
    // JSON.stringify sends the lone surrogate as the escape `\ud800`. The gateway may answer it (the event's
    // strings made well-formed) or refuse it with 400: either way the request has its one event.
    await client.chat.completions
      .create(
        {
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: 'a\u0000b\ud800' }],
          user: 'eve\ud800\u0000',
        },
        { headers: { 'x-custom-event-id': poisoned } },
      )
      .catch((error: unknown) => expect(error).toMatchObject({ status: 400 }));
    upstream.willReply({ content: 'ok', promptTokens: 3, completionTokens: 1 });
    await client.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], user: 'ann' },
      { headers: { 'x-custom-event-id': after } },
    );

    for (const customId of [poisoned, after]) {
      await expectEventually(
        async () => expect(await rowsByCustomId(gateway.clickhouseDatabase, customId)).toHaveLength(1),
        { timeoutMs: 30_000, intervalMs: 250, what: `the ClickHouse row of ${customId}` },
      );
    }
    const [row] = await rowsByCustomId(gateway.clickhouseDatabase, poisoned);
    expect(isWellFormedText(row?.user_id ?? '\u0000')).toBe(true);
    if (row?.status === 200) expect(row.user_id).toBe('eve\uFFFD\uFFFD');
  });

  it('shows the dead letters of the ingester and of auth-limit', async () => {
    for (const port of [18005, 18003]) {
      const res = await fetch(`http://127.0.0.1:${port}/api/dead-letters`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        since: expect.any(String),
        total: expect.any(Number),
        deadLetters: expect.any(Array),
      });
    }
  });
});
