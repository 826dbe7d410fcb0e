import { Global, Module } from '@nestjs/common';
import { ConfigTransaction } from './config-transaction';
import { OutboxRelay } from './outbox.relay';

@Global()
@Module({ providers: [OutboxRelay, ConfigTransaction], exports: [ConfigTransaction, OutboxRelay] })
export class OutboxModule {}
