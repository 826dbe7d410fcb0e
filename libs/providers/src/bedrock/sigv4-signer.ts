import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignableRequest {
  method: string;
  url: string;
  // Only the headers to be signed (host is added from the URL).
  headers: Record<string, string>;
  body: Uint8Array | string | undefined;
}

// Bedrock runtime's signing name (the host is bedrock-runtime.<region>.amazonaws.com, the scope says bedrock).
export const BEDROCK_SIGNING_SERVICE = 'bedrock';

// AWS Signature Version 4 with the SDK's own signer (@smithy/signature-v4), never hand-written crypto. Returns
// the signed headers (host, x-amz-date, x-amz-content-sha256, x-amz-security-token, authorization).
// `signingDate` exists for the verifying side, which recomputes a signature at the request's own date.
export async function signRequest(
  request: SignableRequest,
  credentials: AwsCredentials,
  region: string,
  signingDate?: Date,
): Promise<Record<string, string>> {
  const url = new URL(request.url);
  const signer = new SignatureV4({
    credentials,
    region,
    service: BEDROCK_SIGNING_SERVICE,
    sha256: Sha256,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: queryOf(url),
      headers: { ...request.headers, host: url.host },
      body: request.body,
    },
    signingDate ? { signingDate } : {},
  );
  return signed.headers;
}

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const held = query[name];
    query[name] = held === undefined ? value : [...(Array.isArray(held) ? held : [held]), value];
  }
  return query;
}
