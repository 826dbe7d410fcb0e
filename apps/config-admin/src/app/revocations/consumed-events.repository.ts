import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConsumedEventEntity } from '@tollgate/config-entities';

@Injectable()
export class ConsumedEventsRepository {
  // Records that `consumer` applies this event, in the caller's transaction. False when it was recorded
  // before: the event is a redelivery and must change nothing.
  async record(manager: EntityManager, consumer: string, eventId: string): Promise<boolean> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(ConsumedEventEntity)
      .values({ consumer, eventId })
      .orIgnore()
      .returning('event_id')
      .updateEntity(false)
      .execute();
    return (inserted.raw as unknown[]).length === 1;
  }
}
