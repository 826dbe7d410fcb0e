import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { ProxyEdgeEnv } from '../config';
import { ClientClosedRequest } from '../request/proxy-error';
import type { Admitted, Upload } from '../request/request-context';
import { authorizedContext, NOTHING_HELD, recordedResponseOf } from '../testing/stage-context.test-support';
import { CallUpstreamStage } from './call-upstream.stage';
import type { UpstreamClient } from './upstream.client';

const config = ProxyEdgeEnv.parse({ SECRETS_MASTER_KEY: 'ab'.repeat(32) });
type Sent = Parameters<UpstreamClient['send']>;

const admitted = (): Admitted =>
  Object.assign(authorizedContext({ headers: { authorization: 'Bearer gateway-key', 'x-trace': 'kept' } }), {
    price: null,
    admission: NOTHING_HELD,
  });

const answered = {
  statusCode: 200,
  headers: {},
  body: Readable.from([]),
} as unknown as Dispatcher.ResponseData;

// An upstream that answers at once, or only fails when the call is aborted.
function upstream(mode: 'answers' | 'hangs' | 'refuses') {
  const sent: Sent[] = [];
  const client = {
    send: (...args: Sent) => {
      sent.push(args);
      if (mode === 'answers') return Promise.resolve(answered);
      if (mode === 'refuses') return Promise.reject(new Error('connect ECONNREFUSED'));
      return new Promise<Dispatcher.ResponseData>((_, reject) =>
        args[1].signal.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    },
  };
  return { client, sent };
}

describe(CallUpstreamStage.name, () => {
  it('calls the adapter’s URL with the setting’s credentials, never the gateway key, and the body bytes', async () => {
    const { client, sent } = upstream('answers');
    const ctx = admitted();
    const called = await new CallUpstreamStage(client, config).run(ctx);
    const [url, options] = sent[0] ?? [];
    expect(url).toBe('http://upstream.test/v1/chat/completions');
    expect(options).toMatchObject({ method: 'POST', body: ctx.request.bytes });
    expect(options?.headers).toMatchObject({ authorization: 'Bearer sk-up', 'x-trace': 'kept' });
    expect(called.upstream.response).toBe(answered);
    called.upstream.finish();
  });

  it('answers 504 when the upstream misses the deadline', async () => {
    const ctx = admitted();
    ctx.request.timeoutMs = 20;
    await expect(new CallUpstreamStage(upstream('hangs').client, config).run(ctx)).rejects.toMatchObject({
      status: 504,
      code: 'upstream_timeout',
    });
  });

  it('answers 502 when the upstream cannot be reached, without naming its address', async () => {
    const failure = new CallUpstreamStage(upstream('refuses').client, config).run(admitted());
    await expect(failure).rejects.toMatchObject({
      status: 502,
      code: 'upstream_unreachable',
      message: 'the upstream provider could not be reached',
    });
  });

  it('sends nothing when the adapter would not build the URL of the matched route', async () => {
    const { client, sent } = upstream('answers');
    const ctx = admitted();
    ctx.route = { ...ctx.route, upstream: { path: '/v1/threads/a\\..\\..\\chat\\completions', query: '' } };
    await expect(new CallUpstreamStage(client, config).run(ctx)).rejects.toMatchObject({
      status: 400,
      code: 'invalid_path',
    });
    ctx.access.setting = { ...ctx.access.setting, setting: { url: 'not a url' } };
    ctx.route = { ...ctx.route, upstream: { path: '/v1/chat/completions', query: '' } };
    await expect(new CallUpstreamStage(client, config).run(ctx)).rejects.toMatchObject({ status: 502 });
    expect(sent).toHaveLength(0);
  });

  it('ends the call when the client goes away, answering nothing', async () => {
    const ctx = admitted();
    const calling = new CallUpstreamStage(upstream('hangs').client, config).run(ctx);
    recordedResponseOf(ctx).emit('close');
    await expect(calling).rejects.toBeInstanceOf(ClientClosedRequest);
  });

  it('answers 413 when a streamed upload passed the size limit', async () => {
    const ctx = admitted();
    const upload: Upload = { pipe: () => Readable.from([]), exceeded: true, fields: null };
    ctx.request.upload = upload;
    await expect(new CallUpstreamStage(upstream('refuses').client, config).run(ctx)).rejects.toMatchObject({
      status: 413,
      code: 'request_too_large',
    });
  });
});
