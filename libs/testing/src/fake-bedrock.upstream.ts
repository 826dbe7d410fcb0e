import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { SignatureV4 } from '@smithy/signature-v4';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { RecordingServer, sendJson, type RecordedRequest } from './recording-server';

export interface FakeAwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region: string;
}

// The credentials a test's Bedrock provider setting holds; the fake accepts only requests signed with them.
export const FAKE_BEDROCK_CREDENTIALS: FakeAwsCredentials = {
  accessKeyId: 'TESTONLYBEDROCKKEY02',
  secretAccessKey: 'fake/bedrock+secret/access/key/0000000000',
  region: 'us-east-1',
};

export interface FakeBedrockReply {
  text: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheCreationTokens?: number;
}

// AWS refuses a signature more than 5 minutes from its clock.
const MAX_SKEW_MS = 5 * 60 * 1000;
const INVOKE_PATH = /^\/model\/([^/]+)\/(invoke|invoke-with-response-stream)$/;

// A local stand-in for bedrock-runtime.<region>.amazonaws.com: InvokeModel (Anthropic's Messages JSON) and
// InvokeModelWithResponseStream (Anthropic's stream events, each base64 in a `chunk` of AWS's binary
// event-stream, encoded with the SDK's codec). Every request's AWS Signature V4 is recomputed with the SDK's
// signer from the known credentials and compared; a wrong one gets Bedrock's 403.
export class FakeBedrockUpstream extends RecordingServer {
  private reply: FakeBedrockReply = {
    text: 'Hello from the fake Bedrock Claude!',
    inputTokens: 14,
    outputTokens: 7,
  };
  // Requests whose signature matched, and the ones refused.
  verified = 0;
  refused = 0;

  constructor(private readonly credentials: FakeAwsCredentials = FAKE_BEDROCK_CREDENTIALS) {
    super();
  }

  willReply(reply: FakeBedrockReply): void {
    this.reply = reply;
  }

  protected async answer(request: RecordedRequest, res: ServerResponse): Promise<void> {
    const problem = await this.signatureProblem(request);
    if (problem) {
      this.refused += 1;
      return awsError(res, 403, 'InvalidSignatureException', problem);
    }
    this.verified += 1;
    const route = INVOKE_PATH.exec(request.path.split('?')[0] ?? '');
    if (request.method !== 'POST' || !route?.[1])
      return awsError(res, 404, 'UnknownOperationException', 'Unknown operation');
    const body = JSON.parse(request.body) as Record<string, unknown>;
    // Bedrock's Anthropic models take the Messages body without model or stream, with a bedrock version.
    if (body['model'] !== undefined || body['stream'] !== undefined)
      return awsError(res, 400, 'ValidationException', 'extraneous key [model] is not permitted');
    if (typeof body['anthropic_version'] !== 'string')
      return awsError(res, 400, 'ValidationException', 'required key [anthropic_version] not found');
    const modelId = decodeURIComponent(route[1]);
    const stream = route[2] !== 'invoke';
    // Claude's legacy text completions body (the claude-v2 and claude-instant models).
    if (typeof body['prompt'] === 'string') {
      if (typeof body['max_tokens_to_sample'] !== 'number')
        return awsError(res, 400, 'ValidationException', 'required key [max_tokens_to_sample] not found');
      return stream ? this.completeStream(res) : this.complete(res);
    }
    return stream ? this.invokeStream(modelId, res) : this.invoke(modelId, res);
  }

  // InvokeModel of a text completion: Anthropic's completion JSON, the token counts only in Bedrock's headers.
  private complete(res: ServerResponse): void {
    res.setHeader('x-amzn-bedrock-input-token-count', String(this.reply.inputTokens));
    res.setHeader('x-amzn-bedrock-output-token-count', String(this.reply.outputTokens));
    sendJson(res, 200, { completion: this.reply.text, stop_reason: 'stop_sequence', stop: '\n\nHuman:' });
  }

  // Its stream: chunks of {completion, stop_reason, stop}, the counts in the last one's invocation metrics.
  private async completeStream(res: ServerResponse): Promise<void> {
    const r = this.reply;
    res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
    const codec = new EventStreamCodec(toUtf8, fromUtf8);
    const emit = (event: Record<string, unknown>) =>
      new Promise<void>((resolve) => res.write(chunkFrame(codec, event), () => resolve()));
    for (const piece of r.text.match(/\S+\s*/g) ?? [r.text])
      await emit({ completion: piece, stop_reason: null, stop: null });
    await emit({
      completion: '',
      stop_reason: 'stop_sequence',
      stop: '\n\nHuman:',
      'amazon-bedrock-invocationMetrics': {
        inputTokenCount: r.inputTokens,
        outputTokenCount: r.outputTokens,
      },
    });
    res.end();
  }

  private message(modelId: string) {
    const r = this.reply;
    return {
      id: 'msg_bdrk_fake',
      type: 'message',
      role: 'assistant',
      // Bedrock answers with the vendor's model name, not the Bedrock id.
      model: modelId.replace(/^(?:[a-z-]+\.)?anthropic\./, '').replace(/-v\d+(?::\d+)?$/, ''),
      content: [{ type: 'text', text: r.text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: r.inputTokens,
        cache_creation_input_tokens: r.cacheCreationTokens ?? 0,
        cache_read_input_tokens: r.cacheReadTokens ?? 0,
        output_tokens: r.outputTokens,
      },
    };
  }

  private invoke(modelId: string, res: ServerResponse): void {
    res.setHeader('x-amzn-bedrock-input-token-count', String(this.reply.inputTokens));
    res.setHeader('x-amzn-bedrock-output-token-count', String(this.reply.outputTokens));
    sendJson(res, 200, this.message(modelId));
  }

  private async invokeStream(modelId: string, res: ServerResponse): Promise<void> {
    const r = this.reply;
    const message = this.message(modelId);
    res.writeHead(200, {
      'content-type': 'application/vnd.amazon.eventstream',
      'x-amzn-bedrock-content-type': 'application/json',
    });
    const codec = new EventStreamCodec(toUtf8, fromUtf8);
    const emit = (event: Record<string, unknown>) =>
      new Promise<void>((resolve) => res.write(chunkFrame(codec, event), () => resolve()));
    await emit({
      type: 'message_start',
      message: { ...message, content: [], stop_reason: null, usage: { ...message.usage, output_tokens: 1 } },
    });
    await emit({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    for (const piece of r.text.match(/\S+\s*/g) ?? [r.text])
      await emit({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } });
    await emit({ type: 'content_block_stop', index: 0 });
    await emit({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: r.outputTokens },
    });
    await emit({
      type: 'message_stop',
      'amazon-bedrock-invocationMetrics': {
        inputTokenCount: r.inputTokens,
        outputTokenCount: r.outputTokens,
        invocationLatency: 120,
        firstByteLatency: 40,
      },
    });
    res.end();
  }

  // Why the request's signature is not the one these credentials make, or null when it is.
  private async signatureProblem(request: RecordedRequest): Promise<string | null> {
    const auth = parseAuthorization(String(request.headers.authorization ?? ''));
    if (!auth) return 'Missing Authentication Token';
    const { accessKeyId, sessionToken, region } = this.credentials;
    if (auth.credential !== `${accessKeyId}/${auth.date}/${region}/bedrock/aws4_request`)
      return `The security token included in the request is invalid (credential ${auth.credential})`;
    const amzDate = String(request.headers['x-amz-date'] ?? '');
    const signingDate = parseAmzDate(amzDate);
    if (!signingDate || Math.abs(Date.now() - signingDate.getTime()) > MAX_SKEW_MS)
      return 'Signature expired or x-amz-date missing';
    if (sessionToken && request.headers['x-amz-security-token'] !== sessionToken)
      return 'The security token included in the request is invalid';
    // The signer trusts x-amz-content-sha256 as the body's hash: check it against the bytes received.
    const declared = request.headers['x-amz-content-sha256'];
    if (declared !== undefined && declared !== createHash('sha256').update(request.raw).digest('hex'))
      return 'The provided x-amz-content-sha256 header does not match what was computed';
    const expected = await this.expectedAuthorization(request, auth.signedHeaders, signingDate);
    return expected === request.headers.authorization
      ? null
      : 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.';
  }

  private async expectedAuthorization(
    request: RecordedRequest,
    signedHeaders: string[],
    signingDate: Date,
  ): Promise<string | undefined> {
    const { accessKeyId, secretAccessKey, sessionToken, region } = this.credentials;
    const signer = new SignatureV4({
      credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
      region,
      service: 'bedrock',
      sha256: Sha256,
    });
    const url = new URL(request.path, `http://${String(request.headers.host)}`);
    const signed = await signer.sign(
      {
        method: request.method,
        protocol: 'http:',
        hostname: url.hostname,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: headersNamed(request.headers, signedHeaders),
        body: request.raw,
      },
      { signingDate },
    );
    return signed.headers['authorization'];
  }
}

function chunkFrame(codec: EventStreamCodec, event: Record<string, unknown>): Uint8Array {
  const payload = { bytes: Buffer.from(JSON.stringify(event)).toString('base64'), p: 'abcdefghijklmnop' };
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: 'chunk' },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: Buffer.from(JSON.stringify(payload)),
  });
}

function awsError(res: ServerResponse, status: number, type: string, message: string): void {
  res.setHeader('x-amzn-errortype', `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`);
  sendJson(res, status, { message });
}

function parseAuthorization(
  header: string,
): { credential: string; date: string; signedHeaders: string[]; signature: string } | null {
  const match = /^AWS4-HMAC-SHA256 Credential=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
    header,
  );
  if (!match?.[1] || !match[2] || !match[3]) return null;
  return {
    credential: match[1],
    date: match[1].split('/')[1] ?? '',
    signedHeaders: match[2].split(';'),
    signature: match[3],
  };
}

// 20261203T134500Z
function parseAmzDate(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

function headersNamed(headers: IncomingHttpHeaders, names: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined) picked[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return picked;
}
