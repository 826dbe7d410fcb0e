import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPromptTexts, PiiScanClient, rewritePrompt } from '@tollgate/prompt-scan';
import {
  startPiiRedaction,
  workerWithADetectorBug,
  type PiiRedactionTestApp,
} from './pii-redaction-test-app.test-support';
import { MAX_BYTES, PII_VALUES, post, PROMPT_2KB, scanRequest } from './scan-requests.test-support';

const MAX_TEXTS = 64;

describe('pii-redaction over HTTP (the service in process, real detection workers)', () => {
  let service: PiiRedactionTestApp;
  const scan = (body: unknown) => post(service.url, body);

  beforeAll(async () => {
    service = await startPiiRedaction({
      PII_SCAN_MAX_TEXTS: String(MAX_TEXTS),
      PII_SCAN_MAX_BYTES: String(MAX_BYTES),
    });
  });
  afterAll(() => service?.close());

  describe('policies', () => {
    it.each([
      ['blocks', { ssn: 'block', email: 'allow_but_redact' }, 'blocked', ['email', 'ssn']],
      ['warns, and the request goes on unredacted', { email: 'allow_but_warn' }, 'warned', ['email']],
      ['allows when no acting rule finds anything', { passport_number: 'block' }, 'allowed', []],
      ['allows without scanning when no rule acts', { all: 'allow' }, 'allowed', []],
    ] as const)('%s', async (_name, rules, action, entities) => {
      const res = await scan(
        scanRequest({
          policy: { config: { rules } },
          texts: [`mail ${PII_VALUES[0]}`, `SSN ${PII_VALUES[1]}`],
        }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        action,
        entitiesFound: entities,
        regexRulesMatched: [],
        redactions: [[], []],
      });
    });

    it('redacts: the spans of every text with their placeholders, entity and regex rules together', async () => {
      const res = await scan(
        scanRequest({
          policy: {
            config: { rules: { email: 'allow_but_redact' } },
            regexConfig: { rules: [{ definition: 'ORDER-[0-9]+', action: 'allow_but_redact' }] },
          },
          texts: [`mail ${PII_VALUES[0]}`, 'nothing here', 'ref ORDER-42 and ORDER-7'],
        }),
      );
      expect(res.body).toEqual({
        action: 'redacted',
        entitiesFound: ['email'],
        regexRulesMatched: [0],
        redactions: [
          [{ start: 5, end: 25, placeholder: '[EMAIL]' }],
          [],
          [
            { start: 4, end: 12, placeholder: '[REDACTED]' },
            { start: 17, end: 24, placeholder: '[REDACTED]' },
          ],
        ],
      });
    });

    it('gives spans the proxy rewrites in the raw body: only the values change', async () => {
      const raw = Buffer.from(
        '{"model":"gpt-4o-mini", "messages":[{"role":"user","content":[{"type":"text","text":"Zo\\u00eb here: jane.doe@example.com\\nbye"},{"type":"image_url","image_url":{"url":"data:x"}}]}],"temperature":0.20}',
      );
      const texts = extractPromptTexts(raw, 'chat_completions');
      const res = await scan(scanRequest({ texts: texts.map((t) => t.text) }));
      const rewritten = rewritePrompt(raw, texts, res.body.redactions).toString();
      expect(rewritten).toBe(
        '{"model":"gpt-4o-mini", "messages":[{"role":"user","content":[{"type":"text","text":"Zo\\u00eb here: [EMAIL]\\nbye"},{"type":"image_url","image_url":{"url":"data:x"}}]}],"temperature":0.20}',
      );
    });

    it('answers with the time spent queued and scanning', async () => {
      const res = await fetch(`${service.url}/v1/scan`, {
        method: 'POST',
        body: JSON.stringify(scanRequest()),
      });
      expect(res.headers.get('server-timing')).toMatch(/^queue;dur=[\d.]+, scan;dur=[\d.]+$/);
    });
  });

  describe('bounds and bad input', () => {
    it(`refuses more than ${MAX_TEXTS} texts with 413`, async () => {
      const res = await scan(scanRequest({ texts: Array.from({ length: MAX_TEXTS + 1 }, () => 'x') }));
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('too_large');
    });

    it(`refuses texts over ${MAX_BYTES} bytes together with 413`, async () => {
      const half = 'é'.repeat(MAX_BYTES / 4 + 1);
      const res = await scan(scanRequest({ texts: [half, half] }));
      expect(res.status).toBe(413);
      expect(res.body.error.message).toContain(`${MAX_BYTES} bytes`);
    });

    it('refuses a body declared over its bound at once, without waiting for it, with 413', async () => {
      // Ten bytes of a body declared at 100 MB: the answer comes from the declaration alone.
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${service.url}/v1/scan`, {
          method: 'POST',
          headers: { 'content-length': 100_000_000 },
        });
        req
          .on('response', (res) => {
            resolve(res.statusCode ?? 0);
            req.destroy();
          })
          .on('error', reject);
        req.write('{"texts":[');
      });
      expect(status).toBe(413);
    });

    it('refuses a streamed body (no declared length) once it passes its bound, with 413', async () => {
      const chunk = new TextEncoder().encode('"'.repeat(1024 * 1024));
      let sent = 0;
      const body = new ReadableStream({
        pull(controller) {
          if (sent++ < 2 * (MAX_BYTES / (1024 * 1024)) + 1) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const res = await fetch(`${service.url}/v1/scan`, {
        method: 'POST',
        body,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
        /^request body over \d+ bytes$/,
      );
    });

    it.each([
      ['a body that is not JSON', '{"policyId": '],
      ['texts that are not strings', { ...scanRequest(), texts: [PII_VALUES[0], 42] }],
      ['an unknown action', { ...scanRequest(), policy: { config: { rules: { email: 'shred' } } } }],
      ['a deadline that is not a positive integer', { ...scanRequest(), deadlineMs: 0 }],
      ['a missing policy id', { ...scanRequest(), policyId: undefined }],
    ])('refuses %s with 400, saying where without quoting values', async (_name, body) => {
      const res = await scan(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      for (const value of PII_VALUES) expect(res.body.error.message).not.toContain(value);
    });

    it('refuses a regex rule that does not compile with 422, naming the problem', async () => {
      const res = await scan(
        scanRequest({
          policyVersion: 'bad',
          policy: { regexConfig: { rules: [{ definition: '(unclosed', action: 'block' }] } },
        }),
      );
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({
        code: 'invalid_policy',
        message: expect.stringContaining('RE2'),
      });
    });

    it('answers 504 at the deadline of a call that takes longer, and serves the next call', async () => {
      const long = await scan(
        scanRequest({
          policy: { config: { rules: { all: 'allow_but_redact' } } },
          texts: [PROMPT_2KB.repeat(400)],
          deadlineMs: 100,
        }),
      );
      expect(long.status).toBe(504);
      expect(long.body.error.code).toBe('deadline_exceeded');
      expect(long.ms).toBeLessThan(1_000);
      expect((await scan(scanRequest())).body.action).toBe('redacted');
    });
  });

  it('answers concurrent calls, each with its own result', async () => {
    const calls = Array.from({ length: 40 }, (_, i) =>
      scan(
        scanRequest({
          policyVersion: `v${i % 3}`,
          texts: [`${'x'.repeat(i)} ${PII_VALUES[0]}`, `call ${i}`],
        }),
      ),
    );
    const answers = await Promise.all(calls);
    answers.forEach((res, i) => {
      expect(res.status).toBe(200);
      expect(res.body.redactions).toEqual([[{ start: i + 1, end: i + 21, placeholder: '[EMAIL]' }], []]);
    });
  });

  it('is live and ready once its workers are', async () => {
    expect((await fetch(`${service.url}/api/health`)).status).toBe(200);
    const ready = await fetch(`${service.url}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { 'scan-workers': { status: 'up' } } });
  });

  describe(PiiScanClient.name, () => {
    it('gets ok, rejected and unavailable (deadline) outcomes from the real service, and counts them', async () => {
      const client = new PiiScanClient({ url: service.url });
      try {
        const ok = await client.scan(scanRequest());
        expect(ok).toMatchObject({ kind: 'ok', result: { action: 'redacted' } });
        const rejected = await client.scan(
          scanRequest({
            policyVersion: 'bad',
            policy: { regexConfig: { rules: [{ definition: '(', action: 'block' }] } },
          }),
        );
        expect(rejected).toMatchObject({ kind: 'rejected', status: 422, code: 'invalid_policy' });
        const late = await client.scan(
          scanRequest({
            policy: { config: { rules: { all: 'allow_but_redact' } } },
            texts: [PROMPT_2KB.repeat(400)],
            deadlineMs: 50,
          }),
        );
        expect(late).toEqual({ kind: 'unavailable', reason: 'server_error', status: 504 });
        expect(client.counts()).toMatchObject({ ok: 1, rejected: 1, unavailable: { server_error: 1 } });
      } finally {
        await client.close();
      }
    });
  });

  it('never logs a text', () => {
    const log = service.logger.lines.join('\n');
    for (const value of [...PII_VALUES, 'aaaaaaaa', 'ORDER-42']) expect(log).not.toContain(value);
  });
});

describe('pii-redaction when a detector throws', () => {
  let service: PiiRedactionTestApp;

  beforeAll(async () => {
    service = await startPiiRedaction({ PII_SCAN_WORKERS: '1' }, workerWithADetectorBug());
  });
  afterAll(() => service?.close());

  it('answers 500 detector_failed, keeps running, and serves the next call with a new worker', async () => {
    const failed = await post(service.url, scanRequest({ texts: ['throw inside the worker'] }));
    expect(failed.status).toBe(500);
    expect(failed.body.error).toEqual({ code: 'detector_failed', message: 'the detection worker stopped' });
    expect((await fetch(`${service.url}/api/health`)).status).toBe(200);
    const next = await post(service.url, scanRequest());
    expect(next.status).toBe(200);
    expect(next.body.action).toBe('redacted');
    expect(service.logger.lines.join('\n')).not.toContain('throw inside the worker');
  });
});
