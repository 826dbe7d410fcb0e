import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ChangeLogPruner } from './change-log.pruner';
import { ConfigTransaction } from './config-transaction';
import { OutboxRelay } from './outbox.relay';
import { PropagationInterceptor } from './propagation.interceptor';
import { PropagationWaiter } from './propagation.waiter';

@Global()
@Module({
  providers: [
    OutboxRelay,
    ConfigTransaction,
    ChangeLogPruner,
    PropagationWaiter,
    { provide: APP_INTERCEPTOR, useClass: PropagationInterceptor },
  ],
  exports: [ConfigTransaction, OutboxRelay],
})
export class OutboxModule {}
