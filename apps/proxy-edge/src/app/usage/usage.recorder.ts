import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { context, propagation } from '@opentelemetry/api';
import {
  makeEnvelope,
  REQUEST_COMPLETED_TYPE,
  Topics,
  type RequestCompletedV1Payload,
} from '@tollgate/contracts';
import type { EventPublisher } from '@tollgate/platform-bus';

export const USAGE_PUBLISHER = Symbol('USAGE_PUBLISHER');

// Publishes the one usage event of each request without delaying or failing the response.
@Injectable()
export class UsageRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger(UsageRecorder.name);
  private readonly pending = new Set<Promise<void>>();

  constructor(@Inject(USAGE_PUBLISHER) private readonly publisher: EventPublisher) {}

  record(payload: RequestCompletedV1Payload): void {
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    const envelope = makeEnvelope({
      type: REQUEST_COMPLETED_TYPE,
      version: 1,
      producer: 'proxy-edge',
      payload,
      traceparent: carrier['traceparent'] ?? null,
    });
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
