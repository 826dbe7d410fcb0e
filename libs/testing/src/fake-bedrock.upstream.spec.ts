import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedrockAdapter, type ProviderSettingView } from '@tollgate/providers';
import { FAKE_BEDROCK_CREDENTIALS, FakeBedrockUpstream } from './fake-bedrock.upstream';

// The gateway's Bedrock signing against the fake's verification: both use the AWS SDK's signer, one to sign
// with the setting's credentials, the other to recompute from the request as received.
const MODEL = 'anthropic.claude-3-haiku-20240307-v1%3A0';
const BODY = Buffer.from(
  JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 64,
    messages: [{ role: 'user', content: 'Hi' }],
  }),
);

function settingFor(
  upstream: FakeBedrockUpstream,
  secretAccessKey = FAKE_BEDROCK_CREDENTIALS.secretAccessKey,
) {
  return {
    setting: { awsRegion: FAKE_BEDROCK_CREDENTIALS.region, url: upstream.baseUrl },
    secrets: { awsAccessKeyId: FAKE_BEDROCK_CREDENTIALS.accessKeyId, awsSecretAccessKey: secretAccessKey },
  } satisfies ProviderSettingView;
}

// What the gateway sends: the adapter's URL and signed headers, the exact bytes.
async function send(setting: ProviderSettingView, path: string, clientHeaders: Record<string, string> = {}) {
  const url = bedrockAdapter.upstreamUrl(setting, { path, query: '' });
  const signRequest = bedrockAdapter.signRequest;
  if (!signRequest) throw new Error('the Bedrock adapter signs its requests');
  const headers = await signRequest(setting, {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...clientHeaders },
    body: BODY,
  });
  return fetch(url, { method: 'POST', headers, body: BODY });
}

describe('bedrockAdapter', () => {
  const upstream = new FakeBedrockUpstream();
  beforeAll(() => upstream.start());
  afterAll(() => upstream.stop());

  it('signs a request that a SigV4 verifier with the same credentials accepts', async () => {
    const before = upstream.verified;
    const res = await send(settingFor(upstream), `/model/${MODEL}/invoke`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { usage: unknown }).usage).toMatchObject({ input_tokens: 14 });
    expect(upstream.verified).toBe(before + 1);
    expect(upstream.requests.at(-1)?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=TESTONLYBEDROCKKEY02\/\d{8}\/us-east-1\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it('is refused (403) when signed with another secret', async () => {
    const res = await send(settingFor(upstream, 'not-the-secret'), `/model/${MODEL}/invoke`);
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toMatch(/^InvalidSignatureException/);
  });

  it('drops the client’s own AWS signature headers and signs its own', async () => {
    const res = await send(settingFor(upstream), `/model/${MODEL}/invoke`, {
      authorization:
        'AWS4-HMAC-SHA256 Credential=CLIENT/20260101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=00',
      'x-amz-date': '20200101T000000Z',
      'x-amz-security-token': 'client-token',
      'x-amz-user-agent': 'aws-sdk-js/3',
    });
    expect(res.status).toBe(200);
    const received = upstream.requests.at(-1)?.headers;
    expect(received?.['x-amz-security-token']).toBeUndefined();
    expect(received?.['x-amz-user-agent']).toBeUndefined();
    expect(received?.authorization).toContain('Credential=TESTONLYBEDROCKKEY02/');
  });

  it('refuses a signed request whose body was changed on the way', async () => {
    const setting = settingFor(upstream);
    const url = bedrockAdapter.upstreamUrl(setting, { path: `/model/${MODEL}/invoke`, query: '' });
    const headers = await bedrockAdapter.signRequest?.(setting, {
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      body: BODY,
    });
    const tampered = Buffer.from(BODY.toString().replace('"Hi"', '"Ho"'));
    const res = await fetch(url, { method: 'POST', headers, body: tampered });
    expect(res.status).toBe(403);
  });

  it('signs with a session token when the setting holds temporary credentials', async () => {
    const temporary = new FakeBedrockUpstream({
      ...FAKE_BEDROCK_CREDENTIALS,
      sessionToken: 'session-token-1',
    });
    await temporary.start();
    try {
      const setting = settingFor(temporary);
      const withToken = { ...setting, secrets: { ...setting.secrets, awsSessionToken: 'session-token-1' } };
      expect((await send(withToken, `/model/${MODEL}/invoke`)).status).toBe(200);
      expect(temporary.requests.at(-1)?.headers['x-amz-security-token']).toBe('session-token-1');
      expect((await send(setting, `/model/${MODEL}/invoke`)).status).toBe(403);
    } finally {
      await temporary.stop();
    }
  });
});
