import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConsumerGroups, type RevocationRequestedV1 } from '@tollgate/contracts';
import { KeysService } from '../keys/keys.service';
import { ConfigTransaction } from '../outbox/config-transaction';
import { UsersService } from '../users/users.service';
import { ConsumedEventsRepository } from './consumed-events.repository';

// Applies auth-limit's revocation requests through the keys' and users' own revoke, so a revocation asked for
// by event ends exactly as one made here: revoked with its reason, version bumped, outbox row, every reader told.
@Injectable()
export class RevocationsService {
  private readonly logger = new Logger(RevocationsService.name);

  constructor(
    private readonly tx: ConfigTransaction,
    private readonly consumed: ConsumedEventsRepository,
    private readonly keys: KeysService,
    private readonly users: UsersService,
  ) {}

  // In order, each request in a transaction of its own that also records its eventId: a redelivered request
  // changes nothing, and a failure leaves the ones before it applied. Returns how many revoked something.
  async apply(events: readonly RevocationRequestedV1[], nowMs: number = Date.now()): Promise<number> {
    let revoked = 0;
    for (const event of events) if (await this.applyOne(event, nowMs)) revoked += 1;
    return revoked;
  }

  private applyOne(event: RevocationRequestedV1, nowMs: number): Promise<boolean> {
    return this.tx.run(async (manager) => {
      if (!(await this.consumed.record(manager, ConsumerGroups.configAdminRevocations, event.eventId)))
        return false;
      const { entity, id, reason } = event.payload;
      const revoked = await this.revoke(manager, event, nowMs);
      if (revoked) this.logger.log(`revoked ${entity} ${id}: ${reason}`);
      return revoked;
    });
  }

  private revoke(
    manager: EntityManager,
    { payload }: RevocationRequestedV1,
    nowMs: number,
  ): Promise<boolean> {
    switch (payload.entity) {
      case 'key':
        return this.keys.revoke(manager, payload.id, payload.reason, nowMs);
      case 'user':
        return this.users.revoke(manager, payload.id, payload.reason, nowMs);
    }
  }
}
