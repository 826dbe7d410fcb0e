import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  makeEnvelope,
  REQUEST_COMPLETED_TYPE,
  RequestCompletedV1Schema,
  requestCompletedV1Fixtures,
  type LoggedBody,
  type RequestCompletedV1Payload,
} from '@tollgate/contracts';
import { fitEventSize, USAGE_EVENT_MAX_BYTES } from './event-size';

const KiB = 1024;
const sizeOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
const body = (text: string, encoding: LoggedBody['encoding'] = 'text'): LoggedBody => ({
  contentType: encoding === 'base64' ? 'audio/mpeg' : 'application/json',
  encoding,
  body: text,
  truncated: false,
});
const eventWith = (change: Partial<RequestCompletedV1Payload>) =>
  makeEnvelope({
    type: REQUEST_COMPLETED_TYPE,
    version: 1,
    producer: 'proxy-edge',
    payload: { ...requestCompletedV1Fixtures.chatSuccess.payload, ...change } as RequestCompletedV1Payload,
  });

describe(fitEventSize.name, () => {
  it('leaves an event that fits as it is', () => {
    const event = eventWith({});
    expect(fitEventSize(event)).toBe(event);
  });

  it('cuts two large bodies so the event fits in 768 KiB, each marked truncated, JSON reported as text', () => {
    const json = JSON.stringify({ messages: [{ content: 'a'.repeat(600 * KiB) }] });
    const event = eventWith({ request: body(json, 'json'), response: body('b'.repeat(600 * KiB)) });
    const fitted = fitEventSize(event);
    expect(sizeOf(fitted)).toBeLessThanOrEqual(USAGE_EVENT_MAX_BYTES);
    expect(sizeOf(fitted)).toBeGreaterThan(USAGE_EVENT_MAX_BYTES - KiB);
    expect(fitted.payload.request).toMatchObject({ encoding: 'text', truncated: true });
    expect(fitted.payload.response).toMatchObject({ encoding: 'text', truncated: true });
    expect(json.startsWith(fitted.payload.request?.body ?? 'x')).toBe(true);
    expect(RequestCompletedV1Schema.parse(fitted)).toEqual(fitted);
    // Everything but the bodies is as it was.
    expect({ ...fitted.payload, request: null, response: null }).toEqual({
      ...event.payload,
      request: null,
      response: null,
    });
  });

  it('gives a small body all it needs and the rest to the large one', () => {
    const event = eventWith({
      request: body('{"small":true}', 'json'),
      response: body('c'.repeat(900 * KiB)),
    });
    const fitted = fitEventSize(event);
    expect(fitted.payload.request).toEqual(event.payload.request);
    expect(fitted.payload.response?.body.length).toBeGreaterThan(760 * KiB);
  });

  it('counts the escapes JSON adds (quotes, control characters) and cuts base64 on a whole quantum', () => {
    const escaped = '"\u0001'.repeat(400 * KiB);
    const audio = Buffer.alloc(700 * KiB, 7).toString('base64');
    const fitted = fitEventSize(eventWith({ request: body(escaped), response: body(audio, 'base64') }));
    expect(sizeOf(fitted)).toBeLessThanOrEqual(USAGE_EVENT_MAX_BYTES);
    const cut = fitted.payload.response?.body ?? '';
    expect(cut.length % 4).toBe(0);
    expect(Buffer.from(cut, 'base64').toString('base64')).toBe(cut);
    expect(fitted.payload.response?.encoding).toBe('base64');
  });

  it('never ends a cut body inside a surrogate pair', () => {
    const fitted = fitEventSize(eventWith({ request: body('😀'.repeat(500 * KiB)), response: null }));
    const cut = fitted.payload.request?.body ?? '';
    expect(cut.length % 2).toBe(0);
    expect(cut.endsWith('😀')).toBe(true);
  });

  it("cuts the client's own fields too when the event is too large without its bodies", () => {
    const fitted = fitEventSize(
      eventWith({ userId: 'u'.repeat(2 * 1024 * KiB), model: 'm'.repeat(900 * KiB), request: body('x') }),
    );
    expect(sizeOf(fitted)).toBeLessThanOrEqual(USAGE_EVENT_MAX_BYTES);
    expect(fitted.payload.userId).toBe('u'.repeat(1024));
    expect(fitted.payload.model).toBe('m'.repeat(1024));
    expect(fitted.payload.request).toEqual(body('x'));
  });

  it('always fits, and stays a valid event, whatever the bodies and fields', () => {
    const text = fc
      .string({ unit: 'grapheme', maxLength: 2000 })
      .map((s) => s.repeat(1 + Math.floor(400_000 / (s.length + 1))));
    fc.assert(
      fc.property(text, text, fc.string({ maxLength: 300_000 }), (request, response, userId) => {
        const fitted = fitEventSize(eventWith({ request: body(request), response: body(response), userId }));
        expect(sizeOf(fitted)).toBeLessThanOrEqual(USAGE_EVENT_MAX_BYTES);
        expect(RequestCompletedV1Schema.safeParse(fitted).success).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
