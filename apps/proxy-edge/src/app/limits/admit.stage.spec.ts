import { describe, expect, it } from 'vitest';
import { ProxyEdgeEnv } from '../config';
import type { Priced } from '../request/request-context';
import { authorizedContext, seedPrice, type RequestInit } from '../testing/stage-context.test-support';
import type { AdmissionRequest, AdmissionResult } from './admission.service';
import { AdmitStage } from './admit.stage';
import { StreamCap } from './stream-cap';

const config = ProxyEdgeEnv.parse({ SECRETS_MASTER_KEY: 'ab'.repeat(32) });
const priced = (init: RequestInit = {}): Priced =>
  Object.assign(authorizedContext(init), { price: seedPrice('openai', 'gpt-4o') });

function admissionThat(result: Partial<AdmissionResult>) {
  const asked: AdmissionRequest[] = [];
  const service = {
    admit: async (request: AdmissionRequest): Promise<AdmissionResult> => {
      asked.push(request);
      return { charge: null, streamAllowance: null, release: () => undefined, ...result };
    },
  };
  return { service, asked };
}

const allowance = { outputTokens: 10, count: (text: string) => text.length, extend: async () => false };

describe(AdmitStage.name, () => {
  it('admits with the price, body, user and deadline the request carries', async () => {
    const { service, asked } = admissionThat({});
    const ctx = priced();
    await new AdmitStage(service, config).run(ctx);
    expect(asked[0]).toMatchObject({
      requestId: ctx.requestId,
      key: ctx.key,
      user: null,
      model: 'gpt-4o',
      price: ctx.price,
      body: ctx.request.json,
      generates: true,
      timeoutMs: ctx.request.timeoutMs,
    });
  });

  it('reserves no output for embeddings', async () => {
    const { service, asked } = admissionThat({});
    await new AdmitStage(service, config).run(priced({ url: '/api/providers/openai/v1/embeddings' }));
    expect(asked[0]?.generates).toBe(false);
  });

  it('carries the charge and the release of what it holds', async () => {
    let released = 0;
    const charge = { reservedNanoUsd: 5, reservedTokens: 2, costCounters: ['c'], tokenCounters: [] };
    const { service } = admissionThat({ charge, release: () => (released += 1) });
    const { admission } = await new AdmitStage(service, config).run(priced());
    expect(admission.charge).toEqual(charge);
    admission.release();
    expect(released).toBe(1);
    expect(admission.streamGuard).toBeNull();
  });

  it('guards streams of a capped key in the formats whose end it can write, and no others', async () => {
    const { service } = admissionThat({ streamAllowance: allowance });
    const chat = await new AdmitStage(service, config).run(priced());
    expect(chat.admission.streamGuard).toBeInstanceOf(StreamCap);
    const responses = await new AdmitStage(service, config).run(
      priced({ url: '/api/providers/openai/v1/responses' }),
    );
    expect(responses.admission.streamGuard).toBeNull();
  });
});
