import type { GatewayErrorCode } from '../gateway-errors';
import type { OutgoingRequest, ProviderAdapter, ProviderSettingView } from '../provider-adapter';
import { signRequest, type AwsCredentials } from '../bedrock/sigv4-signer';
import { joinUpstreamUrl } from './upstream-url';

// What the signature covers besides what the signer adds (host, x-amz-date, x-amz-content-sha256, the
// session token): the body's type, what the client accepts, and Bedrock's own request options. Other
// forwarded headers travel unsigned, as AWS allows.
const SIGNED = (name: string) =>
  name === 'content-type' || name === 'accept' || name.startsWith('x-amzn-bedrock-');

// The client's own AWS signature (made for the gateway, with credentials it may not even have) never goes up.
const CLIENT_SIGNATURE = (name: string) =>
  name === 'authorization' || name === 'host' || name.startsWith('x-amz-');

// Anthropic models on Amazon Bedrock, through Bedrock runtime's InvokeModel and
// InvokeModelWithResponseStream (/model/{modelId}/invoke[-with-response-stream]), signed with the setting's
// AWS credentials. The model is the path's (the route reads it from there).
export const bedrockAdapter: ProviderAdapter = {
  name: 'bedrock',
  modelSource: 'request',
  upstreamUrl: (setting, target) =>
    joinUpstreamUrl(
      setting.setting['url'] ?? `https://bedrock-runtime.${setting.setting['awsRegion'] ?? ''}.amazonaws.com`,
      target,
    ),
  // No static header: every request is signed (signRequest).
  authHeaders: () => ({}),
  signRequest: signBedrockRequest,
  errorBody: bedrockErrorBody,
};

async function signBedrockRequest(
  setting: ProviderSettingView,
  request: OutgoingRequest,
): Promise<Record<string, string>> {
  const unsigned: Record<string, string> = {};
  const toSign: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (CLIENT_SIGNATURE(name)) continue;
    (SIGNED(name) ? toSign : unsigned)[name] = value;
  }
  const signed = await signRequest(
    { method: request.method, url: request.url, headers: toSign, body: request.body },
    credentialsOf(setting.secrets),
    setting.setting['awsRegion'] ?? '',
  );
  // The HTTP client writes Host from the URL, the value that was signed.
  const { host: _host, ...rest } = signed;
  return { ...unsigned, ...rest };
}

function credentialsOf(secrets: Record<string, string>): AwsCredentials {
  return {
    accessKeyId: secrets['awsAccessKeyId'] ?? '',
    secretAccessKey: secrets['awsSecretAccessKey'] ?? '',
    ...(secrets['awsSessionToken'] ? { sessionToken: secrets['awsSessionToken'] } : {}),
  };
}

// The exception names Bedrock runtime answers with, by status: the AWS SDK reads `__type` into a typed error
// (AccessDeniedException, ThrottlingException, ...) with the message.
const BEDROCK_EXCEPTIONS: Record<number, string> = {
  400: 'ValidationException',
  401: 'AccessDeniedException',
  403: 'AccessDeniedException',
  404: 'ResourceNotFoundException',
  413: 'ValidationException',
  429: 'ThrottlingException',
  500: 'InternalServerException',
  502: 'ServiceUnavailableException',
  503: 'ServiceUnavailableException',
  504: 'ModelTimeoutException',
};

export function bedrockErrorBody(status: number, _code: GatewayErrorCode, message: string): unknown {
  return {
    __type: BEDROCK_EXCEPTIONS[status] ?? 'InternalServerException',
    message: `[Tollgate] ${message}`,
  };
}
