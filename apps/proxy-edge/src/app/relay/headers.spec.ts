import { describe, expect, it } from 'vitest';
import { clientResponseHeaders, upstreamRequestHeaders } from './headers';

describe(upstreamRequestHeaders.name, () => {
  it('drops the gateway key, hop-by-hop headers, cookies and the custom event id, and adds provider auth', () => {
    const headers = upstreamRequestHeaders(
      {
        host: 'gateway:8002',
        authorization: 'Bearer gateway-key',
        'x-api-key': 'gateway-key',
        'api-key': 'gateway-key',
        'x-custom-event-id': 'run-1',
        connection: 'keep-alive, x-drop-me',
        'x-drop-me': '1',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        'content-type': 'application/json',
        'openai-organization': 'org-1',
        'x-metadata': '{"a":1}',
        cookie: 'session=gateway-user',
      },
      { authorization: 'Bearer sk-provider' },
    );
    expect(headers).toEqual({
      'content-type': 'application/json',
      'openai-organization': 'org-1',
      'x-metadata': '{"a":1}',
      'accept-encoding': 'identity',
      authorization: 'Bearer sk-provider',
    });
  });
});

describe(clientResponseHeaders.name, () => {
  it('passes provider headers through and drops hop-by-hop ones and cookies', () => {
    expect(
      clientResponseHeaders({
        'content-type': 'text/event-stream',
        'x-request-id': 'req_1',
        'openai-processing-ms': '12',
        connection: 'keep-alive',
        'transfer-encoding': 'chunked',
        'set-cookie': ['a=1', 'b=2'],
      }),
    ).toEqual({
      'content-type': 'text/event-stream',
      'x-request-id': 'req_1',
      'openai-processing-ms': '12',
    });
  });

  it('drops the provider CORS answer, so the gateway answer reaches the browser', () => {
    expect(
      clientResponseHeaders({
        'content-type': 'application/json',
        'access-control-allow-origin': '*',
        'access-control-allow-credentials': 'true',
      }),
    ).toEqual({ 'content-type': 'application/json' });
  });
});
