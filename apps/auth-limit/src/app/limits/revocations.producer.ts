import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  makeEnvelope,
  REVOCATION_REQUESTED_TYPE,
  Topics,
  type RevocableEntity,
  type RevocationReason,
  type RevocationRequestedV1Payload,
} from '@tollgate/contracts';
import { EVENT_PUBLISHER, type EventPublisher } from '@tollgate/platform-bus';
import { RequestThrottle } from './request-throttle';

// A revocation comes back through the config topic well within a second; a subject still not seen revoked
// after this long is asked for again (config-admin may have found the request stale).
export const REQUEST_AGAIN_AFTER_MS = 10_000;

// Asks config-admin, the one writer of keys and users, to revoke one (gateway.revocation.requested.v1).
// Callers ask while their read model shows the subject unrevoked; until the revocation reaches the read
// model, every settled event or sweep would ask again, so a subject is asked for once per interval.
@Injectable()
export class RevocationsProducer {
  private readonly logger = new Logger(RevocationsProducer.name);
  private readonly throttle = new RequestThrottle(REQUEST_AGAIN_AFTER_MS);

  constructor(@Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher) {}

  // True when a request went out; false when one for this subject went out less than an interval ago.
  // `traceparent`: the usage event's, when its cost used the limit up.
  async request(
    entity: RevocableEntity,
    id: string,
    reason: RevocationReason,
    traceparent: string | null = null,
  ): Promise<boolean> {
    const subject = `${entity}:${id}`;
    if (!this.throttle.tryAcquire(subject, Date.now())) return false;
    const payload: RevocationRequestedV1Payload = { entity, id, reason };
    const envelope = makeEnvelope({
      type: REVOCATION_REQUESTED_TYPE,
      version: 1,
      producer: 'auth-limit',
      payload,
      traceparent,
    });
    try {
      await this.publisher.publish(Topics.revocationRequested, subject, envelope);
    } catch (error) {
      // Not sent: the next settlement or sweep asks again without waiting for the interval.
      this.throttle.release(subject);
      throw error;
    }
    this.logger.log(`asked to revoke ${entity} ${id}: ${reason}`);
    return true;
  }
}
