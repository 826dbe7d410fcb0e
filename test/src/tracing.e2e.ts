import { randomBytes, randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectEventually, FakeOpenAiUpstream } from '@tollgate/testing';
import { AdminApi } from './support/admin-api';
import { rowsByCustomId, type RequestEventRow } from './support/clickhouse-rows';
import { msUntil } from './support/key-probe';
import { receivedSpans, type ReceivedSpan } from './support/otlp-receiver';

// OTLP span kinds (the API's plus one).
const SERVER = 2;
const CLIENT = 3;
const CONSUMER = 5;

// One trace per request across every service: the services export OTLP/HTTP (JSON) to the receiver the
// global setup started; a request sent with the client's traceparent is followed from proxy-edge through the
// provider call to settlement in auth-limit and the ClickHouse insert in analytics-ingester, each a child
// of the request's own span even though both consume events in batches.
describe('tracing', () => {
  const gateway = inject('gateway');
  const admin = new AdminApi(gateway.adminUrl);
  const upstream = new FakeOpenAiUpstream();
  const gatewayKey = `tg-e2e-${randomUUID()}`;
  let keyId: string;

  beforeAll(async () => {
    await upstream.start();
    const setting = await admin.createProviderSetting({
      provider: 'openai',
      name: 'fake openai (tracing)',
      setting: { apikey: 'sk-provider-secret', url: upstream.baseUrl },
    });
    keyId = (await admin.createKey({ name: 'tracing key', key: gatewayKey, settingIds: [setting.id] })).keyId;
    await msUntil(gateway.proxyUrl, gatewayKey, 'accepted');
  });

  afterAll(() => upstream.stop());

  it('follows one request across proxy-edge, the provider call, auth-limit and analytics-ingester', async () => {
    upstream.willReply({ content: 'Traced!', promptTokens: 11, completionTokens: 3 });
    const traceId = randomBytes(16).toString('hex');
    const clientSpanId = randomBytes(8).toString('hex');
    const customId = `tracing-${randomUUID()}`;
    const res = await fetch(`${gateway.proxyUrl}/api/providers/openai/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${gatewayKey}`,
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${clientSpanId}-01`,
        'x-custom-event-id': customId,
      },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'secret prompt' }] }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; model: string };

    const spans = await expectEventually(
      async () => {
        const all = (await receivedSpans(gateway.otlpUrl)).filter((s) => s.traceId === traceId);
        for (const [service, name] of [
          ['proxy-edge', 'chat gpt-4o-mini'],
          ['auth-limit', 'settle usage event'],
          ['analytics-ingester', 'ingest usage event'],
        ])
          expect(
            all.some((s) => s.service === service && s.name === name),
            `${service}: ${name}`,
          ).toBe(true);
        return all;
      },
      { timeoutMs: 30_000, what: 'spans of the request from every service' },
    );

    // The proxy continued the client's trace: its server span is the client span's child.
    const request = only(spans, (s) => s.service === 'proxy-edge' && s.kind === SERVER);
    expect(request.parentSpanId).toBe(clientSpanId);

    // The provider call: a GenAI client span under the request, whose context the provider received.
    const call = only(spans, (s) => s.service === 'proxy-edge' && s.kind === CLIENT);
    expect(call.parentSpanId).toBe(request.spanId);
    expect(call.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': body.model,
      'gen_ai.response.id': body.id,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 11,
      'gen_ai.usage.output_tokens': 3,
      'tollgate.key_id': keyId,
      'http.response.status_code': 200,
    });
    // The span and the usage event agree: the gateway's request id, and the cost as ClickHouse holds it.
    expect(call.attributes['tollgate.request_id']).toBe(res.headers.get('x-request-id'));
    const [row] = await expectEventually(
      async () => {
        const rows = await rowsByCustomId(gateway.clickhouseDatabase, customId);
        expect(rows).toHaveLength(1);
        return rows as (RequestEventRow & { cost_nano_usd: number; cost_known: number })[];
      },
      { timeoutMs: 30_000, what: 'the ClickHouse row of the request' },
    );
    expect(call.attributes['tollgate.cost_nano_usd']).toBe(row?.cost_known ? row.cost_nano_usd : undefined);
    // Prompts are not recorded unless asked for.
    expect(JSON.stringify(spans)).not.toContain('secret prompt');
    expect(upstream.requests.at(-1)?.headers['traceparent']).toBe(`00-${traceId}-${call.spanId}-01`);

    // Each consumer's work on the event is a child of the request's span (not of a producer or batch span),
    // and the batch span it ran in links to the request.
    for (const [service, name] of [
      ['auth-limit', 'settle usage event'],
      ['analytics-ingester', 'ingest usage event'],
    ] as const) {
      const work = only(spans, (s) => s.service === service && s.name === name);
      expect(work.kind).toBe(CONSUMER);
      expect(work.parentSpanId).toBe(request.spanId);
      const batch = await batchSpanOf(work);
      expect(batch.links.map((l) => l.spanId)).toContain(request.spanId);
    }
    // Settlement's Redis calls run inside its span.
    const settle = only(spans, (s) => s.service === 'auth-limit' && s.name === 'settle usage event');
    expect(spans.some((s) => s.service === 'auth-limit' && s.parentSpanId === settle.spanId)).toBe(true);
  });

  it('names a streamed response’s id, model and finish reason on the provider span (official SDK)', async () => {
    upstream.willReply({ content: 'Streamed and traced', promptTokens: 7, completionTokens: 4 });
    const traceId = randomBytes(16).toString('hex');
    const client = new OpenAI({ apiKey: gatewayKey, baseURL: `${gateway.proxyUrl}/api/providers/openai/v1` });
    const stream = await client.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'stream please' }], stream: true },
      { headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } },
    );
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Streamed and traced');
    const last = chunks.at(-1);

    const call = await expectEventually(
      async () =>
        only(
          (await receivedSpans(gateway.otlpUrl)).filter((s) => s.traceId === traceId),
          (s) => s.service === 'proxy-edge' && s.kind === CLIENT,
        ),
      { timeoutMs: 15_000, what: 'the provider call span of the stream' },
    );
    expect(call.attributes).toMatchObject({
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': last?.model,
      'gen_ai.response.id': last?.id,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 7,
      'gen_ai.usage.output_tokens': 4,
    });
  });

  it('lets pii-redaction continue the caller’s trace on a scan', async () => {
    const traceId = randomBytes(16).toString('hex');
    const parent = randomBytes(8).toString('hex');
    const res = await fetch('http://127.0.0.1:18004/v1/scan', {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${parent}-01` },
      body: JSON.stringify({
        policyId: 'p-trace',
        policyVersion: 'v1',
        policy: { config: { rules: { email: 'allow_but_redact' } } },
        texts: ['mail jane@example.com'],
        deadlineMs: 2000,
      }),
    });
    expect(res.status).toBe(200);
    await expectEventually(
      async () => {
        const scan = (await receivedSpans(gateway.otlpUrl)).filter(
          (s) => s.traceId === traceId && s.service === 'pii-redaction' && s.kind === SERVER,
        );
        expect(scan.map((s) => s.parentSpanId)).toEqual([parent]);
      },
      { timeoutMs: 15_000, what: 'the pii-redaction span of the scan' },
    );
  });

  async function batchSpanOf(work: ReceivedSpan): Promise<ReceivedSpan> {
    const batchId = work.links[0]?.spanId;
    return expectEventually(
      async () => only(await receivedSpans(gateway.otlpUrl), (s) => s.spanId === batchId),
      { timeoutMs: 10_000, what: `the batch span of ${work.service}` },
    );
  }
});

function only(spans: ReceivedSpan[], which: (s: ReceivedSpan) => boolean): ReceivedSpan {
  const found = spans.filter(which);
  expect(found).toHaveLength(1);
  return found[0] as ReceivedSpan;
}
