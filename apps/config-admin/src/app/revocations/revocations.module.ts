import { Module } from '@nestjs/common';
import { ConsumerGroups, Topics } from '@tollgate/contracts';
import { KeysModule } from '../keys/keys.module';
import { UsersModule } from '../users/users.module';
import { ConsumedEventsRepository } from './consumed-events.repository';
import { REVOCATIONS_SOURCE, RevocationsConsumer, type RevocationsSource } from './revocations.consumer';
import { RevocationsService } from './revocations.service';

const source: RevocationsSource = {
  topic: Topics.revocationRequested.name,
  groupId: ConsumerGroups.configAdminRevocations,
};

@Module({
  imports: [KeysModule, UsersModule],
  providers: [
    { provide: REVOCATIONS_SOURCE, useValue: source },
    ConsumedEventsRepository,
    RevocationsService,
    RevocationsConsumer,
  ],
})
export class RevocationsModule {}
