import { describe, expect, it } from 'vitest';
import { requestCompletedV1Fixtures, RequestCompletedV1Schema, Topics } from '@tollgate/contracts';
import { InMemoryEventBus } from '@tollgate/platform-bus';
import { USAGE_EVENT_MAX_BYTES } from './event-size';
import { UsageRecorder } from './usage.recorder';

describe(UsageRecorder.name, () => {
  it('publishes an event within the size cap, its large logged body cut and marked', async () => {
    const bus = new InMemoryEventBus();
    const recorder = new UsageRecorder(bus);
    const payload = {
      ...requestCompletedV1Fixtures.chatSuccess.payload,
      response: {
        contentType: 'text/plain',
        encoding: 'text' as const,
        body: 'z'.repeat(2_000_000),
        truncated: false,
      },
    };
    recorder.record(payload);
    await recorder.beforeApplicationShutdown();
    const [sent] = bus.published;
    expect(sent?.topic).toBe(Topics.requestCompleted.name);
    expect(Buffer.byteLength(JSON.stringify(sent?.envelope))).toBeLessThanOrEqual(USAGE_EVENT_MAX_BYTES);
    const event = RequestCompletedV1Schema.parse(sent?.envelope);
    expect(event.payload.response).toMatchObject({ truncated: true, encoding: 'text' });
    expect(event.payload.request).toEqual(payload.request);
  });
});
