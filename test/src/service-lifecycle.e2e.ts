import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectEventually, FakeOpenAiUpstream } from '@tollgate/testing';
import { AdminApi } from './support/admin-api';
import { msUntil } from './support/key-probe';
import { rowsByCustomId } from './support/clickhouse-rows';
import { SERVICES, ServiceProcess } from './support/service-process';

describe('service lifecycle', () => {
  const gateway = inject('gateway');

  describe('configuration', () => {
    it.each([
      ['config-admin', { CONFIG_ADMIN_PORT: 'eighty' }, 'CONFIG_ADMIN_PORT'],
      ['config-admin', { ADMIN_PASS: '' }, 'ADMIN_PASS'],
      ['config-admin', { ADMIN_PASS: 'nineteen-characters' }, 'ADMIN_PASS'],
      ['proxy-edge', { SECRETS_MASTER_KEY: 'too-short' }, 'SECRETS_MASTER_KEY'],
      ['proxy-edge', { PROXY_TIMEOUT: '10 minutes' }, 'PROXY_TIMEOUT'],
      ['proxy-edge', { KAFKA_BROKERS: 'no-port-here' }, 'KAFKA_BROKERS'],
      ['auth-limit', { REDIS_URL: 'http://not-redis' }, 'REDIS_URL'],
      ['pii-redaction', { PII_REDACTION_PORT: '70000' }, 'PII_REDACTION_PORT'],
      ['analytics-ingester', { CLICKHOUSE_DATABASE: 'x; DROP' }, 'CLICKHOUSE_DATABASE'],
    ] as const)(
      '%s refuses to start with a bad value and names the variable (%j)',
      async (name, env, variable) => {
        const service = new ServiceProcess(name, 0, { ...gateway.serviceEnv, ...env }).start();
        expect(await service.waitExit()).toBe(1);
        const fatal = service.output.join('');
        expect(fatal).toContain(variable);
        expect(fatal).toMatch(/"level":"fatal"/);
      },
    );

    it('covers every service', () => {
      expect(SERVICES).toHaveLength(5);
    });
  });

  describe('graceful shutdown', () => {
    const upstream = new FakeOpenAiUpstream();
    let proxy: ServiceProcess;
    let gatewayKey: string;

    beforeAll(async () => {
      await upstream.start();
      const admin = new AdminApi(gateway.adminUrl);
      const setting = await admin.createProviderSetting({
        provider: 'openai',
        setting: { apikey: 'sk-x', url: upstream.baseUrl },
      });
      gatewayKey = `tg-shutdown-${randomUUID()}`;
      await admin.createKey({ name: 'shutdown', key: gatewayKey, settingIds: [setting.id] });
      proxy = new ServiceProcess('proxy-edge', 18012, {
        ...gateway.serviceEnv,
        PROXY_EDGE_PORT: '18012',
      }).start();
      await proxy.waitReady();
      await msUntil(proxy.url, gatewayKey, 'accepted');
    });

    afterAll(async () => {
      await proxy.stop();
      await upstream.stop();
    });

    it('finishes an in-flight stream after SIGTERM, publishes its usage, then exits 0', async () => {
      // Ten words at 150 ms each: the stream is mid-way when the signal arrives.
      upstream.willReply({
        content: 'a b c d e f g h i j',
        promptTokens: 8,
        completionTokens: 10,
        chunkDelayMs: 150,
      });
      const customId = `shutdown-${randomUUID()}`;
      const client = new OpenAI({
        apiKey: gatewayKey,
        baseURL: `${proxy.url}/api/providers/openai/v1`,
        maxRetries: 0,
      });
      const stream = await client.chat.completions.create(
        {
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: 'x' }],
          stream: true,
          stream_options: { include_usage: true },
        },
        { headers: { 'X-CUSTOM-EVENT-ID': customId } },
      );
      let text = '';
      let signalled = false;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        if (!signalled && text.length > 0) {
          proxy.signal('SIGTERM');
          signalled = true;
        }
      }
      expect(text).toBe('a b c d e f g h i j');
      expect(await proxy.waitExit()).toBe(0);
      // A new connection is refused once the proxy has stopped.
      await expect(fetch(`${proxy.url}/api/health`)).rejects.toThrow();
      await expectEventually(
        async () => {
          const rows = await rowsByCustomId(gateway.clickhouseDatabase, customId);
          expect(rows).toHaveLength(1);
          expect(rows[0]).toMatchObject({ status: 200, outcome: 'success', completion_tokens: 10 });
        },
        { timeoutMs: 30_000, what: 'the usage row of the request that was in flight at shutdown' },
      );
    });
  });
});
