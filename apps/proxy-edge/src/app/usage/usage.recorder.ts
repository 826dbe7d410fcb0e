import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { context, propagation } from '@opentelemetry/api';
import {
  makeEnvelope,
  REQUEST_COMPLETED_TYPE,
  Topics,
  type RequestCompletedV1Payload,
} from '@tollgate/contracts';
import type { EventPublisher } from '@tollgate/platform-bus';
import { fitEventSize } from './event-size';

export const USAGE_PUBLISHER = Symbol('USAGE_PUBLISHER');
const TRACEPARENT = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/;

// Publishes the one usage event of each request without delaying or failing the response.
@Injectable()
export class UsageRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger(UsageRecorder.name);
  private readonly pending = new Set<Promise<void>>();

  constructor(@Inject(USAGE_PUBLISHER) private readonly publisher: EventPublisher) {}

  // `clientTraceparent`: the request's own W3C traceparent header, carried when no tracing SDK runs here.
  record(payload: RequestCompletedV1Payload, clientTraceparent = ''): void {
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    const traceparent =
      carrier['traceparent'] ?? (TRACEPARENT.test(clientTraceparent) ? clientTraceparent : null);
    // Within the broker's message size: logged bodies are cut (marked truncated) rather than the event refused.
    const envelope = fitEventSize(
      makeEnvelope({
        type: REQUEST_COMPLETED_TYPE,
        version: 1,
        producer: 'proxy-edge',
        payload,
        traceparent,
      }),
    );
    const publishing = this.publisher
      .publish(Topics.requestCompleted, payload.keyId ?? payload.requestId, envelope)
      .catch((error: unknown) => {
        this.logger.error(`usage event ${envelope.eventId} not published: ${String(error)}`);
      })
      .finally(() => this.pending.delete(publishing));
    this.pending.add(publishing);
  }

  // Shutdown waits for events already handed to the bus before the producer disconnects.
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
