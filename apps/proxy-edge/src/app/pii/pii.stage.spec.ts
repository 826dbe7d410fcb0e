import { describe, expect, it } from 'vitest';
import type { PolicyAction, PolicySnapshot } from '@tollgate/contracts';
import type { ScanOutcome, ScanRequest, ScanResult } from '@tollgate/prompt-scan';
import { makeKey } from '@tollgate/testing';
import { ProxyEdgeEnv } from '../config';
import { BodyLog } from '../relay/body-log';
import { ProxyError } from '../request/proxy-error';
import type { Admitted } from '../request/request-context';
import { authorizedContext, NOTHING_HELD } from '../testing/stage-context.test-support';
import { PiiCounters } from './pii-counters';
import { PiiStage } from './pii.stage';

const BODY = '{"model":"gpt-4o",  "messages":[{"role":"user","content":"mail jane@example.com now"}]}';
const EMAIL_SPAN = { start: 5, end: 21, placeholder: '[EMAIL]' };

function policyOf(rules: Record<string, PolicyAction>, regex: PolicySnapshot['regexConfig']['rules'] = []) {
  return {
    id: 'p1',
    name: 'p',
    tags: [],
    config: { rules },
    regexConfig: { rules: regex },
    customConfig: { rules: [] },
  } satisfies PolicySnapshot;
}

function admitted(key: Partial<Parameters<typeof makeKey>[0]> = {}): Admitted {
  const ctx = authorizedContext(
    { body: BODY, headers: { 'content-type': 'application/json' } },
    { request: { bytes: Buffer.from(BODY), log: new BodyLog('application/json', 1 << 20) } },
  );
  ctx.request.log?.push(Buffer.from(BODY));
  ctx.key = makeKey({ keyId: 'k1', settingIds: ['s1'], policyId: 'p1', shouldLogRequest: true, ...key });
  return Object.assign(ctx, { price: null, admission: NOTHING_HELD });
}

function stageWith(outcome: ScanOutcome, policy: PolicySnapshot | null, failOpen = false) {
  const calls: ScanRequest[] = [];
  const counters = new PiiCounters();
  const config = ProxyEdgeEnv.parse({
    SECRETS_MASTER_KEY: 'ab'.repeat(32),
    PII_FAIL_OPEN: String(failOpen),
  });
  const scanner = {
    scan: (request: ScanRequest) => {
      calls.push(request);
      return Promise.resolve(outcome);
    },
  };
  const stage = new PiiStage(scanner, { policy: () => policy }, config, counters);
  return { stage, calls, counters };
}

function ok(action: ScanResult['action'], redactions: ScanResult['redactions'] = [[]]): ScanOutcome {
  const entitiesFound = action === 'allowed' ? [] : ['email'];
  return { kind: 'ok', result: { action, entitiesFound, regexRulesMatched: [], redactions } };
}

describe(PiiStage.name, () => {
  it('does nothing for a key without a policy', async () => {
    const { stage, calls } = stageWith(ok('allowed'), policyOf({ email: 'block' }));
    const ctx = await stage.run(admitted({ policyId: null }));
    expect(calls).toHaveLength(0);
    expect(ctx.pii).toBeUndefined();
  });

  it('does not call the service for a policy whose every rule allows', async () => {
    const { stage, calls } = stageWith(ok('blocked'), policyOf({ email: 'allow' }));
    const ctx = await stage.run(admitted());
    expect(calls).toHaveLength(0);
    expect(ctx.pii).toEqual({ policyId: 'p1', action: 'allowed', entities: [], failedOpen: false });
  });

  it('sends the prompt texts with the policy, a version of its content and the key as the tenant', async () => {
    const policy = policyOf({ email: 'allow_but_warn' });
    const { stage, calls } = stageWith(ok('warned'), policy);
    await stage.run(admitted());
    expect(calls[0]).toMatchObject({
      policyId: 'p1',
      texts: ['mail jane@example.com now'],
      policy: { config: policy.config, regexConfig: policy.regexConfig },
      deadlineMs: 1000,
      tenant: 'k1',
    });
    expect(calls[0]?.policyVersion).toMatch(/^[\w-]{22}$/);
  });

  it('blocks with 403 naming the entity types, and drops the logged body', async () => {
    const { stage, counters } = stageWith(ok('blocked'), policyOf({ email: 'block' }));
    const ctx = admitted();
    const error = await stage.run(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect(error).toMatchObject({ status: 403, code: 'pii_blocked' });
    expect((error as Error).message).toContain('email');
    expect((error as Error).message).not.toContain('jane');
    expect(ctx.request.log).toBeNull();
    expect(ctx.pii).toMatchObject({ action: 'blocked', entities: ['email'] });
    expect(counters.actions.blocked).toBe(1);
  });

  it('redacts only the matched span of the raw body, and logs the redacted body', async () => {
    const { stage } = stageWith(ok('redacted', [[EMAIL_SPAN]]), policyOf({ email: 'allow_but_redact' }));
    const ctx = await stage.run(admitted());
    const expected = BODY.replace('jane@example.com', '[EMAIL]');
    expect(ctx.request.bytes?.toString()).toBe(expected);
    expect(ctx.request.log?.toLogged().body).toBe(expected);
    expect(ctx.pii?.action).toBe('redacted');
  });

  it('refuses an upload (403 pii_unscannable) for a policy that needs a scan, without calling the service', async () => {
    const { stage, calls } = stageWith(ok('allowed'), policyOf({ email: 'block' }));
    const ctx = admitted();
    ctx.request.upload = {} as NonNullable<Admitted['request']['upload']>;
    await expect(stage.run(ctx)).rejects.toMatchObject({ status: 403, code: 'pii_unscannable' });
    expect(calls).toHaveLength(0);
  });

  it('scans every string of a body on a route of unknown format (a custom provider)', async () => {
    const { stage, calls } = stageWith(ok('warned'), policyOf({ email: 'allow_but_warn' }));
    const ctx = admitted();
    ctx.route = {
      ...ctx.route,
      route: { ...ctx.route.route, template: '/api/custom/providers/:provider/*' },
    };
    await stage.run(ctx);
    expect(calls[0]?.texts).toEqual(expect.arrayContaining(['gpt-4o', 'user', 'mail jane@example.com now']));
  });

  it('forwards a warned prompt unchanged', async () => {
    const { stage } = stageWith(ok('warned'), policyOf({ email: 'allow_but_warn' }));
    const ctx = await stage.run(admitted());
    expect(ctx.request.bytes?.toString()).toBe(BODY);
    expect(ctx.pii?.action).toBe('warned');
  });

  it('fails closed with 503 when the service is unavailable, counted', async () => {
    const { stage, counters } = stageWith(
      { kind: 'unavailable', reason: 'timeout' },
      policyOf({ email: 'allow_but_redact' }),
    );
    await expect(stage.run(admitted())).rejects.toMatchObject({ status: 503, code: 'pii_unavailable' });
    expect(counters.failedClosed).toBe(1);
  });

  it('fails open by configuration: forwarded unscanned, nothing of it logged, counted', async () => {
    const { stage, counters } = stageWith(
      { kind: 'unavailable', reason: 'connection_refused' },
      policyOf({ email: 'allow_but_redact' }),
      true,
    );
    const ctx = await stage.run(admitted());
    expect(ctx.request.bytes?.toString()).toBe(BODY);
    expect(ctx.request.log).toBeNull();
    expect(ctx.pii).toMatchObject({ action: null, failedOpen: true });
    expect(counters.failedOpen).toBe(1);
  });

  it('fails closed on a refused call even when failing open', async () => {
    const { stage } = stageWith(
      { kind: 'rejected', status: 422, code: 'invalid_policy', message: 'regex rule 0' },
      policyOf({ email: 'allow_but_redact' }),
      true,
    );
    await expect(stage.run(admitted())).rejects.toMatchObject({ status: 503, code: 'pii_unavailable' });
  });

  it('refuses when the key names a policy the proxy does not hold', async () => {
    const { stage } = stageWith(ok('allowed'), null);
    await expect(stage.run(admitted())).rejects.toMatchObject({ status: 503, code: 'pii_unavailable' });
  });
});
